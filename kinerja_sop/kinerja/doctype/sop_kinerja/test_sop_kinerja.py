# Copyright (c) 2026, kinerja_sop developers and Contributors
# See license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.kinerja.doctype.sop_kinerja.sop_kinerja import InvalidSOPError

SOP = "SOP Perencanaan Kinerja"


class TestSOPKinerja(FrappeTestCase):
	def setUp(self):
		frappe.local.lang = "id"
		self.addCleanup(setattr, frappe.local, "lang", "en")

	def assert_refused_and_unchanged(self, edit, exc, *fragments):
		doc = frappe.get_doc("SOP Kinerja", SOP)
		before = doc.content_hash()
		edit(doc)
		with self.assertRaises(exc) as raised:
			doc.save()
		for fragment in fragments:
			self.assertIn(fragment, str(raised.exception))
		self.assertEqual(frappe.get_doc("SOP Kinerja", SOP).content_hash(), before)

	def test_unparseable_time_standard_is_refused_in_indonesian(self):
		def edit(doc):
			doc.steps[2].waktu = "sehari semalam"

		self.assert_refused_and_unchanged(
			edit, InvalidSOPError, "Langkah 3", "standar waktu", "tidak dikenali"
		)

	def test_role_that_does_not_exist_is_refused(self):
		def edit(doc):
			doc.steps[0].role = "Bupati"

		self.assert_refused_and_unchanged(edit, frappe.LinkValidationError, "Bupati")

	def test_role_outside_the_sop_roles_is_refused(self):
		def edit(doc):
			doc.steps[0].role = "System Manager"

		self.assert_refused_and_unchanged(edit, InvalidSOPError, "Langkah 1", "bukan salah satu peran SOP")

	def test_check_step_pointing_nowhere_is_refused(self):
		def edit(doc):
			doc.steps[5].on_disagree = 40

		self.assert_refused_and_unchanged(edit, InvalidSOPError, "Langkah 6", "40")

	def test_administrator_can_add_a_step(self):
		doc = frappe.get_doc("SOP Kinerja", SOP)
		doc.append("steps", {"kegiatan": "Mengarsipkan", "role": "Staf", "waktu": "1,5 jam"})
		doc.save()
		self.assertEqual((doc.steps[-1].step_no, doc.steps[-1].duration_minutes), (13, 90))

	def test_staff_can_read_but_not_edit(self):
		from kinerja_sop.tests.factories import make_user

		user = make_user("staf.sop@example.com", ("Staf",))
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")
		doc = frappe.get_doc("SOP Kinerja", SOP)
		self.assertTrue(doc.has_permission("read"))
		doc.steps[0].waktu = "1 menit"
		with self.assertRaises(frappe.PermissionError):
			doc.save()
