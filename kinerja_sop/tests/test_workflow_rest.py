"""Workflow actions through Frappe's REST API get the same server-side checks.

The requests run on a connection of their own, so this class commits its data
and removes it afterwards.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.domain.workflow_builder import ACTIONS
from kinerja_sop.tests.factories import api_post, issue_api_keys
from kinerja_sop.tests.sop_walk import act, actor, create_document, current_step, make_office

APPLY = "/api/method/frappe.model.workflow.apply_workflow"


class TestWorkflowThroughREST(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_fixtures()
		cls.office, cls.other = make_office("REST"), make_office("RESTB")
		cls.renja, cls.renja_to_forward = (to_team_step(cls.office) for _ in range(2))
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
		doc.append("program_kegiatan", {"program": "Program Penyelenggaraan Pemerintahan", "kegiatan": "Koordinasi"})
		doc.flags.ignore_permissions = True
		doc.save()
		frappe.db.commit()  # nosemgrep
		response = self.apply(self.office.tim1, renja=self.renja_to_forward)
		self.assertEqual(response.status_code, 200, response.text)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Renja", self.renja_to_forward, "current_step"), 4)


def to_team_step(office) -> str:
	"""A Renja at step 3, the team's draft."""
	doc = create_document("Renja", office)
	for _ in range(2):
		sop, plan, step = current_step(doc)
		doc = act(doc, actor(office, step.role, step), ACTIONS["do"], office)
	return doc.name


def remove_fixtures():
	frappe.set_user("Administrator")
	for unit in ("Kecamatan Uji REST", "Kecamatan Uji RESTB"):
		for doctype in ("Renja",):
			for name in frappe.get_all(doctype, filters={"unit_kerja": unit}, pluck="name"):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		if frappe.db.exists("Unit Kerja", unit):
			frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	for user in frappe.get_all("User", filters={"name": ("like", "%.rest%@example.com")}, pluck="name"):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: undo what setUpClass committed
