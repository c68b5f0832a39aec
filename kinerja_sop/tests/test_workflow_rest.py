"""Workflow actions through Frappe's REST API get the same server-side checks.

The requests run on a connection of their own, so this class commits its data
and removes it afterwards.
"""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.domain.workflow_builder import ACTIONS
from kinerja_sop.tests.factories import api_get, api_post, issue_api_keys
from kinerja_sop.tests.sop_walk import create_document, make_office, to_team_step

APPLY = "/api/method/frappe.model.workflow.apply_workflow"


class TestWorkflowThroughREST(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_fixtures()
		cls.office, cls.other = make_office("REST"), make_office("RESTB")
		cls.renja, cls.renja_to_forward = (to_team_step(cls.office) for _ in range(2))
		cls.pengukuran = create_document("Pengukuran Kinerja", cls.office).name
		cls.auth = {
			user: issue_api_keys(user)
			for user in (cls.office.outsider, cls.office.tim1, cls.office.staf, cls.other.camat)
		}
		frappe.db.commit()  # nosemgrep: the REST requests use their own connection
		cls.addClassCleanup(remove_fixtures)

	def apply(self, user, action=ACTIONS["do"], renja=None):
		doc = frappe.get_doc("Renja", renja or self.renja).as_json()
		return api_post(self.auth[user], APPLY, {"doc": doc, "action": action})

	def test_wrong_users_are_refused_with_a_clear_error_and_nothing_changes(self):
		outsider = self.apply(self.office.outsider)
		self.assertEqual(outsider.status_code, 417, outsider.text)
		self.assertEqual(outsider.json["exc_type"], "NotStepOwnerError")
		self.assertIn("anggota Tim dokumen ini", outsider.text)

		staf = self.apply(self.office.staf)  # no Tim Kinerja role: Frappe offers no such action
		self.assertEqual(staf.status_code, 417, staf.text)
		self.assertEqual(staf.json["exc_type"], "WorkflowTransitionError")

		other_unit = self.apply(self.other.camat)
		self.assertEqual(other_unit.status_code, 403, other_unit.text)

		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Renja", self.renja, "current_step"), 3)

	def test_the_team_member_moves_it_on(self):
		# The team's draft is in place; the leader forwards it over REST.
		doc = frappe.get_doc("Renja", self.renja_to_forward)
		doc.lampiran_data_sumber = self.office.attachment
		doc.append(
			"program_kegiatan", {"program": "Program Penyelenggaraan Pemerintahan", "kegiatan": "Koordinasi"}
		)
		doc.flags.ignore_permissions = True
		doc.save()
		frappe.db.commit()  # nosemgrep
		response = self.apply(self.office.tim1, renja=self.renja_to_forward)
		self.assertEqual(response.status_code, 200, response.text)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Renja", self.renja_to_forward, "current_step"), 4)

	def test_dashboards_over_rest_show_the_callers_unit_only(self):
		by_state = "/api/method/kinerja_sop.kinerja.dashboard.documents_by_state"
		mine = api_get(self.auth[self.office.staf], by_state)
		self.assertEqual(mine.status_code, 200, mine.text)
		in_progress = dict(
			zip(mine.json["message"]["labels"], mine.json["message"]["datasets"][0]["values"], strict=True)
		)
		self.assertEqual(in_progress["Renja"], 2)
		theirs = api_get(
			self.auth[self.other.camat], by_state, {"filters": json.dumps({"unit_kerja": self.office.unit})}
		)
		self.assertEqual(theirs.status_code, 200, theirs.text)
		self.assertEqual(theirs.json["message"], {})  # nothing of theirs: the chart says so

		waiting = api_get(
			self.auth[self.office.tim1], "/api/method/kinerja_sop.kinerja.dashboard.waiting_for_me"
		)
		self.assertEqual(waiting.status_code, 200, waiting.text)
		self.assertGreaterEqual(waiting.json["message"]["value"], 2)  # the two Renja at the team's step

	def test_taking_realisation_is_refused_to_another_unit(self):
		method = "/api/method/kinerja_sop.kinerja.doctype.pengukuran_kinerja.pengukuran_kinerja.fill_realisation_from_data_iku"
		response = api_post(self.auth[self.other.camat], method, {"name": self.pengukuran})
		self.assertEqual(response.status_code, 403, response.text)
		# A Tim Kinerja member of the unit may write Pengukuran, but step 1 is the Camat's.
		not_the_step = api_post(self.auth[self.office.tim1], method, {"name": self.pengukuran})
		self.assertEqual(not_the_step.status_code, 417, not_the_step.text)
		self.assertEqual(not_the_step.json["exc_type"], "NotStepOwnerError")


def remove_fixtures():
	frappe.set_user("Administrator")
	for unit in ("Kecamatan Uji REST", "Kecamatan Uji RESTB"):
		for doctype in ("Renja", "Pengukuran Kinerja"):
			for name in frappe.get_all(doctype, filters={"unit_kerja": unit}, pluck="name"):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		if frappe.db.exists("Unit Kerja", unit):
			frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	for user in frappe.get_all("User", filters={"name": ("like", "%.rest%@example.com")}, pluck="name"):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: undo what setUpClass committed
