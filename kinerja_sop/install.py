"""What installing, migrating and uninstalling do beyond Frappe's own sync.

Fixtures bring the Roles; the SOP records are synced from the catalogue here,
because an administrator's edits must survive `bench migrate` (fixtures would
overwrite them). Uninstalling removes what Frappe's remove_app leaves behind:
our Workflows, Roles, register counters, Webhooks, the ERPNext link fields,
and the User Permissions, ToDos and Workflow Actions that point at our DocTypes.
"""

import frappe
from frappe.utils.fixtures import sync_fixtures

from kinerja_sop.domain.catalogue import APP_ROLES
from kinerja_sop.domain.letter_number import INCOMING_PREFIX, SEQUENCE_PREFIX
from kinerja_sop.integrations.erpnext import remove_custom_fields, setup_custom_fields
from kinerja_sop.integrations.webhooks import delete_webhooks, install_webhooks
from kinerja_sop.kinerja.doctype.indikator_kinerja.indikator_kinerja import install_seed_indicators
from kinerja_sop.kinerja.doctype.sop_kinerja.sop_kinerja import sync_shipped_sops
from kinerja_sop.kinerja.doctype.unit_kerja.unit_kerja import DEFAULT_TIME_ZONE
from kinerja_sop.persuratan.doctype.klasifikasi_arsip.klasifikasi_arsip import install_starter_set
from kinerja_sop.persuratan.numbering import delete_counters
from kinerja_sop.printing import set_default_print_formats
from kinerja_sop.workflow.sync import delete_app_workflows, sync_all_workflows

APP = "kinerja_sop"


def after_install():
	# Frappe syncs fixtures only after this hook; the SOP steps link to our Roles.
	sync_fixtures(APP)
	after_migrate()
	finish_first_run_setup()


def after_migrate():
	"""What install and every migrate bring up to date: the shipped records, SOPs and Workflows."""
	install_starter_set()
	install_seed_indicators()
	sync_shipped_sops()
	sync_all_workflows()
	set_default_print_formats()
	install_webhooks()
	setup_custom_fields()


def before_uninstall():
	doctypes = get_app_doctypes()
	delete_app_workflows(doctypes)
	delete_webhooks(doctypes)
	remove_custom_fields()
	delete_records_about(doctypes)
	delete_counters((SEQUENCE_PREFIX, INCOMING_PREFIX))
	delete_app_roles()


def finish_first_run_setup():
	"""A site where Frappe's setup wizard never ran sends every user, the officials too, to
	the wizard. Finish it the way the wizard ends (frappe.desk.page.setup_wizard), with the
	region's time zone where none is set. The site's language is left as it is: officials
	get Indonesian through their own user settings (Unit Kerja grants it)."""
	if not frappe.db.get_single_value("System Settings", "time_zone"):
		frappe.db.set_single_value("System Settings", "time_zone", DEFAULT_TIME_ZONE)
		frappe.db.set_default("time_zone", DEFAULT_TIME_ZONE)
	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		frappe.db.set_default("desktop:home_page", "workspace")
		frappe.db.set_single_value("System Settings", "setup_complete", 1)
	frappe.clear_cache()


def get_app_doctypes() -> list[str]:
	modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
	return frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name")


def delete_records_about(doctypes: list[str]):
	"""Frappe's remove_app drops our tables; these records would point at nothing."""
	if not doctypes:
		return
	frappe.db.delete("User Permission", {"allow": ("in", doctypes)})
	frappe.db.delete("Property Setter", {"doc_type": ("in", doctypes)})
	for doctype, field in (("ToDo", "reference_type"), ("Workflow Action", "reference_doctype")):
		frappe.db.delete(doctype, {field: ("in", doctypes)})


def delete_app_roles():
	for role in APP_ROLES:
		frappe.db.delete("Has Role", {"role": role})
		frappe.db.delete("Custom DocPerm", {"role": role})
		frappe.delete_doc("Role", role, force=True, ignore_permissions=True, ignore_missing=True)
