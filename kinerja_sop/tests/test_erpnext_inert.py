"""The optional ERPNext link on a bench without ERPNext: the app is inert.

ERPNext v15 is not installed on this bench; the Custom Field definitions are
checked statically against ERPNext's employee.json and department.json
(tests/test_erpnext_link.py). Here: nothing of the link exists or runs."""

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.domain.erpnext_link import CUSTOM_FIELDS, TO_ERPNEXT
from kinerja_sop.integrations import erpnext
from kinerja_sop.kinerja.doctype.pengaturan_integrasi_erpnext.pengaturan_integrasi_erpnext import (
	PengaturanIntegrasiERPNext,
)
from kinerja_sop.tests.factories import make_unit, official

LINK_FIELDS = {(doctype, f["fieldname"]) for doctype, fields in CUSTOM_FIELDS.items() for f in fields}


def link_custom_fields() -> set:
	rows = frappe.get_all(
		"Custom Field", filters={"dt": ("in", list(CUSTOM_FIELDS))}, fields=["dt", "fieldname"]
	)
	return {(r.dt, r.fieldname) for r in rows} & LINK_FIELDS


class TestWithoutERPNext(FrappeTestCase):
	def setUp(self):
		if "erpnext" in frappe.get_installed_apps():
			self.skipTest("ERPNext is installed on this site")
		frappe.db.savepoint("erpnext_link")
		self.addCleanup(frappe.db.rollback, save_point="erpnext_link")

	def test_install_created_no_link_fields(self):
		self.assertFalse(frappe.db.table_exists("Employee"))
		self.assertEqual(link_custom_fields(), set())
		for doctype, fieldname in LINK_FIELDS:
			self.assertFalse(frappe.get_meta(doctype).has_field(fieldname), (doctype, fieldname))

	def test_app_hooks_for_other_apps_do_nothing(self):
		for app in ("erpnext", "hrms", "payments"):
			erpnext.after_app_install(app)  # the guard reads the installed apps, not the argument alone
			self.assertEqual(link_custom_fields(), set())
			erpnext.before_app_uninstall(app)
		erpnext.setup_custom_fields()
		self.assertEqual(link_custom_fields(), set())

	def test_sync_is_off_and_cannot_be_turned_on(self):
		self.assertEqual(erpnext.sync_direction(), "Off")
		settings = frappe.get_single("Pengaturan Integrasi ERPNext")
		settings.erpnext_sync = TO_ERPNEXT
		self.assertRaises(frappe.ValidationError, settings.save)
		self.assertIsInstance(settings, PengaturanIntegrasiERPNext)

	def test_saving_officials_never_reaches_for_erpnext(self):
		"""Even with the direction forced in the database: no Employee table, and no error."""
		frappe.db.set_single_value("Pengaturan Integrasi ERPNext", "erpnext_sync", TO_ERPNEXT)
		self.assertEqual(erpnext.sync_direction(), "Off")
		unit = make_unit("Kecamatan Uji Tanpa ERPNext", "UJI.NOERP", [official("Camat", "Camat Uji", 41)])
		unit.officials[0].position_title = "Camat Uji Tanpa ERPNext"
		unit.save(ignore_permissions=True)
		self.assertNotIn("employee", unit.officials[0].as_dict())
		erpnext.pull_employee(frappe._dict(name="HR-EMP-00001", employee_number=unit.officials[0].nip))
		self.assertEqual(
			frappe.db.get_value("Pejabat Unit Kerja", unit.officials[0].name, "full_name"), "Camat Uji"
		)
