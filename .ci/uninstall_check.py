"""Run with the bench's python: `python uninstall_check.py <sites_path> <site> seed|verify`.

seed: leave behind what a real site has (a unit whose official has a user);
verify: after `uninstall-app`, nothing of ours may remain.
"""

import json
import sys
from pathlib import Path

import frappe

REPO = Path(__file__).resolve().parent.parent
APP_DOCTYPES = sorted(
	json.loads(p.read_text())["name"]
	for p in (REPO / "kinerja_sop").glob("*/doctype/*/*.json")
	if p.stem == p.parent.name
)
APP_MODULES = (REPO / "kinerja_sop/modules.txt").read_text().split()
APP_ROLES = [r["name"] for r in json.loads((REPO / "kinerja_sop/fixtures/role.json").read_text())]
USER = "uninstall.check@example.com"


def seed():
	if not frappe.db.exists("User", USER):
		frappe.get_doc(
			{"doctype": "User", "email": USER, "first_name": "Uninstall", "send_welcome_email": 0}
		).insert()
	frappe.get_doc(
		{
			"doctype": "Unit Kerja",
			"unit_name": "Kecamatan Uji Copot",
			"unit_code": "UJI.COPOT",
			"regency_city": "Kabupaten Uji",
			"officials": [{"sop_role": "Staf", "full_name": "Staf Uji", "user": USER}],
		}
	).insert()
	assert frappe.db.exists("User Permission", {"user": USER, "allow": "Unit Kerja"})


def verify():
	leftovers = {
		"DocType": frappe.get_all("DocType", filters={"name": ("in", APP_DOCTYPES)}, pluck="name"),
		"Module Def": frappe.get_all("Module Def", filters={"app_name": "kinerja_sop"}, pluck="name"),
		"Role": frappe.get_all("Role", filters={"name": ("in", APP_ROLES)}, pluck="name"),
		"Has Role": frappe.get_all("Has Role", filters={"role": ("in", APP_ROLES)}, pluck="name"),
		"Workflow": frappe.get_all("Workflow", filters={"document_type": ("in", APP_DOCTYPES)}, pluck="name"),
		"User Permission": frappe.get_all(
			"User Permission", filters={"allow": ("in", APP_DOCTYPES)}, pluck="name"
		),
		"Custom Field": frappe.get_all("Custom Field", filters={"dt": ("in", APP_DOCTYPES)}, pluck="name"),
		"Webhook": frappe.get_all("Webhook", filters={"webhook_doctype": ("in", APP_DOCTYPES)}, pluck="name"),
		"Property Setter": frappe.get_all(
			"Property Setter", filters={"doc_type": ("in", APP_DOCTYPES)}, pluck="name"
		),
		**{
			kind: frappe.get_all(kind, filters={"module": ("in", APP_MODULES)}, pluck="name")
			for kind in (
				"Workspace",
				"Report",
				"Print Format",
				"Dashboard Chart",
				"Number Card",
				"Dashboard Chart Source",
			)
		},
		"tables": [t for t in frappe.db.get_tables() if t[3:] in APP_DOCTYPES],
	}
	leftovers = {kind: names for kind, names in leftovers.items() if names}
	if leftovers:
		print(f"uninstall left behind: {leftovers}")
		sys.exit(1)
	print(
		f"uninstall left nothing of ours behind ({len(APP_DOCTYPES)} DocTypes, {len(APP_ROLES)} Roles checked)"
	)


if __name__ == "__main__":
	sites_path, site, phase = sys.argv[1:4]
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	frappe.set_user("Administrator")
	{"seed": seed, "verify": verify}[phase]()
	frappe.db.commit()
	frappe.destroy()
