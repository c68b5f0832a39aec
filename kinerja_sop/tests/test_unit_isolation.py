"""A user of one unit cannot read or list another unit's records, through the REST API.

The REST requests run through Frappe's real WSGI app on a connection of their
own, so this class commits its data and removes it afterwards.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.permissions import get_user_units
from kinerja_sop.tests.factories import api_get, issue_api_keys, make_unit, make_user, official

UNIT_A, UNIT_B = "Kecamatan Isolasi A", "Kecamatan Isolasi B"
USER_A, USER_B = "camat.isolasi.a@example.com", "staf.isolasi.b@example.com"
USER_NONE = "staf.tanpa.unit@example.com"


class TestUnitIsolationThroughREST(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_fixtures()
		make_unit(UNIT_A, "ISO.A", [official("Camat", "Camat A", 1, user=make_user(USER_A))])
		make_unit(UNIT_B, "ISO.B", [official("Staf", "Staf B", 2, user=make_user(USER_B))])
		make_user(USER_NONE, ("Staf",))
		cls.auth = {user: issue_api_keys(user) for user in (USER_A, USER_B, USER_NONE)}
		frappe.db.commit()  # nosemgrep: the REST requests use their own connection
		cls.addClassCleanup(remove_fixtures)

	def list_units(self, user):
		response = api_get(self.auth[user], "/api/resource/Unit Kerja", {"limit_page_length": 0})
		self.assertEqual(response.status_code, 200, response.text)
		return {row["name"] for row in response.json["data"] if row["name"].startswith("Kecamatan Isolasi")}

	def test_each_user_lists_only_their_unit(self):
		self.assertEqual(self.list_units(USER_A), {UNIT_A})
		self.assertEqual(self.list_units(USER_B), {UNIT_B})

	def test_user_without_a_unit_lists_none(self):
		self.assertEqual(self.list_units(USER_NONE), set())

	def test_reading_another_units_record_is_forbidden(self):
		self.assertEqual(api_get(self.auth[USER_A], f"/api/resource/Unit Kerja/{UNIT_A}").status_code, 200)
		self.assertEqual(api_get(self.auth[USER_A], f"/api/resource/Unit Kerja/{UNIT_B}").status_code, 403)
		self.assertEqual(api_get(self.auth[USER_NONE], f"/api/resource/Unit Kerja/{UNIT_A}").status_code, 403)

	def test_get_list_method_is_scoped_too(self):
		response = api_get(
			self.auth[USER_B],
			"/api/method/frappe.client.get_list",
			{"doctype": "Unit Kerja", "limit_page_length": 0},
		)
		self.assertEqual(response.status_code, 200, response.text)
		names = {row["name"] for row in response.json["message"]}
		self.assertIn(UNIT_B, names)
		self.assertNotIn(UNIT_A, names)

	def test_server_side_check_without_rest(self):
		frappe.set_user(USER_A)
		self.addCleanup(frappe.set_user, "Administrator")
		self.assertTrue(frappe.has_permission("Unit Kerja", "read", UNIT_A))
		self.assertFalse(frappe.has_permission("Unit Kerja", "read", UNIT_B))
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Unit Kerja", UNIT_B).check_permission("read")


class TestDeletedUnit(FrappeTestCase):
	def test_a_deleted_units_grant_leaves_its_officials_cache(self):
		user = make_user("staf.isolasi.c@example.com")
		unit = make_unit("Kecamatan Isolasi C", "ISO.C", [official("Staf", "Staf C", 1, user=user)]).name
		self.addCleanup(frappe.db.rollback)
		self.assertEqual(get_user_units(user), [unit])  # cached now, as on any request
		frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
		self.assertEqual(get_user_units(user), [])


def remove_fixtures():
	for unit in (UNIT_A, UNIT_B):
		if frappe.db.exists("Unit Kerja", unit):
			frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	for user in (USER_A, USER_B, USER_NONE):
		if frappe.db.exists("User", user):
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: undo what setUpClass committed
