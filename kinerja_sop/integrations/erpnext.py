"""The optional ERPNext/HRMS link, guarded: without ERPNext every function here does nothing.

With ERPNext on the site, an official links to an Employee (NIP in Employee
Number) and a unit to a Company and Department, kept in step in the direction
the administrator chooses in Pengaturan Integrasi ERPNext. The Custom Fields
follow ERPNext: created when it is installed (before or after this app),
removed when it is uninstalled. ERPNext is imported nowhere.
"""

import frappe
from frappe import _

from kinerja_sop.domain.erpnext_link import (
	APP,
	CUSTOM_FIELDS,
	FROM_ERPNEXT,
	SYNC_OFF,
	TO_ERPNEXT,
	employee_values,
	official_values,
)
from kinerja_sop.domain.officials import NipError

SETTINGS = "Pengaturan Integrasi ERPNext"


def erpnext_installed() -> bool:
	return APP in frappe.get_installed_apps()


def sync_direction() -> str:
	if not erpnext_installed():
		return SYNC_OFF
	return frappe.db.get_single_value(SETTINGS, "erpnext_sync") or SYNC_OFF


# ---- Custom Fields, only where ERPNext is ----


def setup_custom_fields():
	if not erpnext_installed():
		return
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	create_custom_fields(CUSTOM_FIELDS, update=True)


def remove_custom_fields():
	for doctype, fields in CUSTOM_FIELDS.items():
		for field in fields:
			frappe.db.delete("Custom Field", {"dt": doctype, "fieldname": field["fieldname"]})
		frappe.clear_cache(doctype=doctype)


def after_app_install(app_name: str):
	"""Another app was installed on the site: ERPNext brings the link fields."""
	if app_name == APP:
		setup_custom_fields()


def before_app_uninstall(app_name: str):
	"""Another app is being uninstalled: without ERPNext the link fields would point at nothing."""
	if app_name == APP:
		remove_custom_fields()


# ---- Kinerja SOP to ERPNext ----


def push_unit(unit):
	"""After a Unit Kerja is saved: its officials become (or update) Employees of its Company."""
	if sync_direction() != TO_ERPNEXT or unit.flags.from_erpnext:
		return
	if not unit.get("company"):
		frappe.msgprint(
			_("Unit {0} has no Company: its officials were not sent to ERPNext.").format(unit.name),
			alert=True,
		)
		return
	for row in unit.officials:
		if row.nip:
			push_official(unit, row)


def push_official(unit, row):
	try:
		values = employee_values(row.as_dict(), unit.company, unit.get("department"))
	except NipError:
		return
	ensure_designation(values["designation"])
	name = row.get("employee") or frappe.db.get_value(
		"Employee", {"employee_number": values["employee_number"]}
	)
	employee = frappe.get_doc("Employee", name) if name else frappe.new_doc("Employee")
	employee.update(values)
	employee.flags.from_kinerja_sop = True
	employee.save(ignore_permissions=True)
	if row.get("employee") != employee.name:
		frappe.db.set_value(row.doctype, row.name, "employee", employee.name, update_modified=False)


def ensure_designation(designation: str | None):
	if designation and not frappe.db.exists("Designation", designation):
		frappe.get_doc({"doctype": "Designation", "designation_name": designation}).insert(
			ignore_permissions=True
		)


# ---- ERPNext to Kinerja SOP ----


def pull_employee(employee, method=None):
	"""Employee on_update (doc_events): the officials linked to it, or holding its NIP, follow it."""
	if sync_direction() != FROM_ERPNEXT or employee.flags.from_kinerja_sop:
		return
	filters = [["employee", "=", employee.name]]
	if employee.employee_number:
		filters.append(["nip", "=", employee.employee_number])
	rows = frappe.get_all(
		"Pejabat Unit Kerja",
		or_filters=filters,
		filters={"parenttype": "Unit Kerja"},
		fields=["name", "parent"],
	)
	values = official_values(employee.as_dict())
	for unit_name in {r.parent for r in rows}:
		unit = frappe.get_doc("Unit Kerja", unit_name)
		for row in unit.officials:
			if row.name in {r.name for r in rows}:
				row.update({**values, "employee": employee.name})
		unit.flags.from_erpnext = True
		unit.save(ignore_permissions=True)
