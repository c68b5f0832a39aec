"""Handing each SOP step over: one line on the document's activity per step, credited to
the official who acted and written in their language; the next owners' ToDos, the
document's assignees and the owners' notifications as Frappe keeps them."""

import json
from unittest.mock import patch

import frappe
from frappe import _
from frappe.utils import escape_html, get_fullname

from kinerja_sop.domain.workflow_builder import ACTIONS
from kinerja_sop.kinerja import sop_document
from kinerja_sop.tests.sop_walk import IndonesianTestCase, create_document, make_office
from kinerja_sop.walk import act, actor, as_user, current_step

FRAPPE_ASSIGNMENT_LINES = ("Assigned", "Assignment Completed")


class TestHandOver(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("HO")

	def step(self, doc, send_back: bool = False):
		"""The owner of the current step does it (or sends it back, at a check step)."""
		_sop, plan, step = current_step(doc)
		user = actor(self.office, step.role, step)
		if send_back:
			return act(doc, user, ACTIONS["disagree"], reason="Ketikan belum sesuai draf.")
		return act(doc, user, plan.transitions_from(doc.workflow_state)[0].action, self.office)

	def comments(self, doc, types):
		return frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": doc.doctype,
				"reference_name": doc.name,
				"comment_type": ("in", types),
			},
			fields=["owner", "comment_email", "content"],
			order_by="creation asc",
		)

	def owners_of_current_step(self, doc) -> list[str]:
		return frappe.get_doc(doc.doctype, doc.name).get_step_owners(doc.current_role)

	def expected_hand_overs(self, doc) -> list[tuple[str, str]]:
		"""For each step started, who handed it over and what the line says in their language."""
		sop, _plan, _step = current_step(doc)
		expected = []
		for index, row in enumerate(doc.step_log):
			before = doc.step_log[index - 1] if index else None
			by = before.actor if before else doc.owner
			lang = frappe.db.get_value("User", by, "language")
			if before and before.reason:
				message = _("sent the document back to step {0}: {1}, to {2}", lang=lang)
			else:
				message = _("handed step {0}: {1} over to {2}", lang=lang)
			if row.role == "Tim Kinerja":
				owners = [self.office.tim1, self.office.tim2]
			else:
				owners = [actor(self.office, row.role, sop.step(row.step_no))]
			names = ", ".join(get_fullname(owner) for owner in owners)
			kegiatan = escape_html(sop.step(row.step_no).kegiatan)
			expected.append((by, message.format(row.step_no, kegiatan, escape_html(names))))
		return expected

	def assert_handed_over(self, doc):
		lines = self.comments(doc, ["Info"])
		self.assertEqual([(line.owner, line.content) for line in lines], self.expected_hand_overs(doc))
		self.assertEqual([line.comment_email for line in lines], [line.owner for line in lines])
		self.assertEqual(self.comments(doc, FRAPPE_ASSIGNMENT_LINES), [])

		owners = self.owners_of_current_step(doc)
		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": doc.doctype, "reference_name": doc.name},
			fields=["allocated_to", "status", "assigned_by"],
		)
		self.assertCountEqual([t.allocated_to for t in todos if t.status == "Open"], owners)
		handed_by = self.expected_hand_overs(doc)[-1][0]
		self.assertEqual({t.assigned_by for t in todos if t.status == "Open"}, {handed_by})
		# Every earlier step's ToDos are closed, one ToDo per owner per step started.
		self.assertEqual({t.status for t in todos} - {"Open"}, {"Closed"} if len(doc.step_log) > 1 else set())
		assigned = json.loads(frappe.db.get_value(doc.doctype, doc.name, "_assign") or "[]")
		self.assertCountEqual(assigned, owners)

	def test_each_step_handed_over_is_one_line_by_the_official_who_acted(self):
		doc = create_document("Renja", self.office)
		self.assert_handed_over(doc)
		for _no in range(5):  # Camat, Sekretaris, Tim, Kasubag Evapor, Staf
			doc = self.step(doc)
			self.assert_handed_over(doc)
		self.assertEqual(doc.current_step, 6)
		doc = self.step(doc, send_back=True)  # Kasubag Evapor sends the typing back to Staf
		self.assertEqual(doc.current_step, 5)
		self.assert_handed_over(doc)
		for _no in range(2):  # Staf again, then Kasubag Evapor agrees: to the team
			doc = self.step(doc)
			self.assert_handed_over(doc)
		self.assertEqual(doc.current_step, 7)

		lines = self.comments(doc, ["Info"])
		self.assertEqual(len(lines), len(doc.step_log), "one line per step handed over")
		self.assertIn("mengembalikan dokumen ke Langkah 5", lines[6].content)
		self.assertEqual(lines[6].owner, self.office.evapor)
		self.assertTrue(lines[2].content.startswith("menyerahkan Langkah 3"), lines[2].content)
		self.assertIn(get_fullname(self.office.tim2), lines[2].content)
		# The Camat ordered the work: the Camat handed step 2 over, and nothing after it.
		self.assertEqual([line.owner for line in lines].count(self.office.camat), 2)

	def test_the_line_is_in_the_actors_language_and_the_task_in_the_owners(self):
		staf = self.office.staf
		user = frappe.get_doc("User", self.office.evapor)
		user.language = "en"
		user.save(ignore_permissions=True)
		self.addCleanup(lambda: frappe.db.set_value("User", self.office.evapor, "language", "id"))
		doc = create_document("Renja", self.office)
		while doc.current_step != 5:
			doc = self.step(doc)
		line = self.comments(doc, ["Info"])[-1]
		self.assertEqual(line.owner, self.office.evapor)
		self.assertTrue(line.content.startswith("handed step 5: "), line.content)

		todo = frappe.get_all(
			"ToDo",
			filters={"reference_name": doc.name, "allocated_to": staf, "status": "Open"},
			pluck="description",
		)
		self.assertEqual(len(todo), 1)
		self.assertTrue(todo[0].startswith("Langkah 5: "), todo[0])
		subjects = frappe.get_all(
			"Notification Log",
			filters={"for_user": staf, "document_name": doc.name, "type": "Assignment"},
			pluck="subject",
		)
		self.assertEqual(len(subjects), 1)
		self.assertIn("memberi Anda tugas baru", subjects[0])

	def test_a_finished_document_leaves_no_one_assigned(self):
		doc = create_document("Pemantauan Kinerja", self.office)
		while doc.current_step:
			doc = self.step(doc)
		self.assertFalse(
			frappe.get_all("ToDo", filters={"reference_name": doc.name, "status": "Open"}),
		)
		self.assertFalse(frappe.db.get_value(doc.doctype, doc.name, "_assign"))
		self.assertEqual(self.comments(doc, FRAPPE_ASSIGNMENT_LINES), [])
		# The last step hands over to no one: it has its Workflow line, not a hand-over line.
		self.assertEqual(len(self.comments(doc, ["Info"])), len(doc.step_log))

	def test_a_cancelled_document_leaves_no_one_assigned(self):
		doc = create_document("Renja", self.office)
		while doc.docstatus == 0:
			doc = self.step(doc)
		self.assertTrue(frappe.db.get_value(doc.doctype, doc.name, "_assign"))
		with as_user(self.office.camat):
			frappe.get_doc(doc.doctype, doc.name).cancel()
		self.assertFalse(
			frappe.get_all("ToDo", filters={"reference_name": doc.name, "status": "Open"}),
		)
		self.assertFalse(frappe.db.get_value(doc.doctype, doc.name, "_assign"))
		self.assertEqual(self.comments(doc, FRAPPE_ASSIGNMENT_LINES), [])

	def test_a_worker_running_late_still_hands_over_each_step_once(self):
		"""Two steps are done before the worker runs: both are on the activity, in order,
		and only the owners of the step the document waits at hold a ToDo."""
		doc = create_document("Renja", self.office)
		queued = []
		with patch.object(sop_document.frappe, "enqueue", lambda method, **job: queued.append((method, job))):
			for _no in range(2):
				doc = self.step(doc)
		queued = [(method, job) for method, job in queued if method is sop_document.hand_over]
		self.assertEqual(len(queued), 2)
		self.assertEqual(len(self.comments(doc, ["Info"])), 1)  # the creation's, not yet the steps'
		for method, job in queued:
			method(doctype=job["doctype"], name=job["name"], step_row=job["step_row"])
		self.assertEqual(doc.current_step, 3)
		self.assert_handed_over(doc)

	def test_a_job_queued_without_its_row_hands_over_the_step_the_document_waits_at(self):
		"""A job queued before the jobs named their log row (an upgrade with a full queue)."""
		doc = create_document("Renja", self.office)
		queued = []
		with patch.object(sop_document.frappe, "enqueue", lambda method, **job: queued.append((method, job))):
			doc = self.step(doc)
		((method, job),) = [(method, job) for method, job in queued if method is sop_document.hand_over]
		method(doctype=job["doctype"], name=job["name"])
		self.assert_handed_over(doc)
