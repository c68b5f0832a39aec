"""What the desk receives at login (hooks.py: extend_bootinfo): the catalogue's lists,
so the form and list scripts need no copy of them, and the workspace to land on."""

import frappe

from kinerja_sop.domain.catalogue import APP_ROLES, SOP_DOCUMENTS, UNIT_DOCUMENTS

WORKSPACE = "Kinerja"


def boot_session(bootinfo):
	bootinfo.kinerja_sop = {
		"sop_documents": list(SOP_DOCUMENTS),
		"unit_documents": list(UNIT_DOCUMENTS),
		"modules": frappe.get_module_list("kinerja_sop"),
	}
	land_on_kinerja_workspace(bootinfo)


def land_on_kinerja_workspace(bootinfo):
	"""Officials and team members open the desk on the Kinerja workspace, where their
	queues are, unless they chose a default workspace of their own (User settings)."""
	user = bootinfo.get("user") or {}
	if user.get("default_workspace") or not set(APP_ROLES) & set(frappe.get_roles()):
		return
	if frappe.session.user == "Administrator" or not frappe.db.exists("Workspace", WORKSPACE):
		return
	workspace = frappe.get_cached_doc("Workspace", WORKSPACE)
	user["default_workspace"] = {"name": workspace.name, "public": workspace.public, "title": workspace.title}
