"""What the form timeline reads from a document's Versions (kinerja_sop/versions.py):
the changes officials make, without the step bookkeeping and without null values."""

import json
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.domain.workflow_builder import ACTIONS
from kinerja_sop.kinerja.sop_document import CURRENT_STEP_FIELDS
from kinerja_sop.tests.sop_walk import create_document, make_office
from kinerja_sop.walk import act, as_user


def keeping_versions():
	return patch.dict(frappe.flags, {"in_test": False})  # Frappe keeps no Version in tests


class TestVersionTimeline(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("VT")

	def last_version(self, doc) -> dict:
		version = frappe.get_last_doc("Version", filters={"ref_doctype": doc.doctype, "docname": doc.name})
		return json.loads(version.data)

	def assert_no_null(self, data: dict):
		for field, old, new in data["changed"]:
			self.assertNotIn(None, (old, new), field)
		for table, _index, _name, changes in data["row_changed"]:
			for field, old, new in changes:
				self.assertNotIn(None, (old, new), f"{table}.{field}")

	def test_a_step_keeps_its_state_change_and_leaves_the_bookkeeping_out(self):
		doc = create_document("Renja", self.office)
		with keeping_versions():
			doc = act(doc, self.office.camat, ACTIONS["do"], self.office)
		data = self.last_version(doc)
		changed = [change[0] for change in data["changed"]]
		self.assertIn("workflow_state", changed)
		self.assertFalse(set(changed) & set(CURRENT_STEP_FIELDS), changed)
		for key in ("added", "removed", "row_changed"):
			self.assertNotIn("step_log", [row[0] for row in data[key]], key)
		self.assert_no_null(data)

	def test_what_officials_change_stays_and_an_empty_value_is_not_null(self):
		doc = create_document("Renja", self.office)
		doc = act(doc, self.office.camat, ACTIONS["do"], self.office)  # the Sekretaris forms the team
		with as_user(self.office.sekretaris), keeping_versions():
			renja = frappe.get_doc("Renja", doc.name)
			renja.set("team", [{"user": self.office.tim1, "is_leader": 1}, {"user": self.office.tim2}])
			renja.save()
			self.assertEqual([row[0] for row in self.last_version(renja)["added"]], ["team", "team"])

			renja.team[1].team_role = "Penyusun draf"
			renja.return_reason = "Catatan"
			renja.save()
			data = self.last_version(renja)
			self.assertIn(["return_reason", "", "Catatan"], data["changed"])
			self.assertEqual(
				[(row[0], row[3]) for row in data["row_changed"]],
				[("team", [["team_role", "", "Penyusun draf"]])],
			)

			renja.return_reason = None
			renja.save()
			data = self.last_version(renja)
			self.assertIn(["return_reason", "Catatan", ""], data["changed"])
			self.assert_no_null(data)

	def test_versions_of_other_apps_are_left_as_frappe_writes_them(self):
		with keeping_versions():
			todo = frappe.get_doc({"doctype": "ToDo", "description": "catatan"}).insert()
			todo.color = "#ff5858"
			todo.save()
		changed = {change[0]: change for change in self.last_version(todo)["changed"]}
		self.assertEqual(changed["color"], ["color", None, "#ff5858"])
