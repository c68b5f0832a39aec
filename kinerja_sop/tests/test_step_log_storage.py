"""The step log is append-only on save: a step inserts its row and finishes the
previous one, whatever the length of the log, and no save rewrites or drops a
past row. The form and the compliance summary still see it; the Version of a step
leaves the log out (the timeline has the step's Workflow and hand-over lines, versions.py)."""

import json
from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.desk.form.load import getdoc
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.domain.workflow_builder import ACTIONS
from kinerja_sop.tests.sop_walk import create_document, make_office
from kinerja_sop.walk import act, actor, as_user, current_step, satisfy

LOG = "`tabLog Langkah SOP`"


@contextmanager
def statements_on_the_log():
	"""The INSERT, UPDATE and DELETE statements sent for the step log meanwhile."""
	seen = {"insert": 0, "update": 0, "delete": 0}
	sql = frappe.db.sql

	def counting(query, *args, **kwargs):
		text = str(query).lstrip().lower()
		for verb in seen:
			if text.startswith(verb) and LOG.lower() in text.split("where")[0]:
				seen[verb] += 1
		return sql(query, *args, **kwargs)

	with patch.object(frappe.db, "sql", counting):
		yield seen


class TestStepLogStorage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("LOG")

	def walk(self, doc, steps: int):
		for _ in range(steps):
			_sop, _plan, step = current_step(doc)
			doc = act(doc, actor(self.office, step.role, step), ACTIONS["do"], self.office)
		return doc

	def test_a_step_writes_two_rows_at_any_length_of_the_log(self):
		doc = create_document("Renja", self.office)
		for expected_rows in (2, 3, 4, 5):
			_sop, _plan, step = current_step(doc)
			user = actor(self.office, step.role, step)
			with as_user(user):
				doc = frappe.get_doc("Renja", doc.name)
				satisfy(doc, step.requires, self.office)
				doc.save()
				with statements_on_the_log() as seen:
					doc = apply_workflow(doc, ACTIONS["do"])
			self.assertEqual(seen, {"insert": 1, "update": 1, "delete": 0})
			stored = frappe.get_all(
				"Log Langkah SOP", filters={"parent": doc.name}, fields=["idx", "finished_at"], order_by="idx"
			)
			self.assertEqual([row.idx for row in stored], list(range(1, expected_rows + 1)))
			self.assertEqual(
				[bool(row.finished_at) for row in stored], [True] * (expected_rows - 1) + [False]
			)

	def test_a_save_never_rewrites_or_drops_a_past_row(self):
		doc = self.walk(create_document("Renja", self.office), 2)
		stored = frappe.get_all("Log Langkah SOP", filters={"parent": doc.name}, fields=["*"], order_by="idx")
		with as_user(self.office.tim1):  # the team's step: the owner may save the document
			doc = frappe.get_doc("Renja", doc.name)
			doc.step_log[0].actor = self.office.tim1
			doc.step_log.pop(1)
			try:
				with statements_on_the_log() as seen:
					doc.save()
				self.assertEqual(seen, {"insert": 0, "update": 0, "delete": 0})
			except frappe.ValidationError:
				pass  # refused outright is as good: nothing of it is stored
		again = frappe.get_all("Log Langkah SOP", filters={"parent": doc.name}, fields=["*"], order_by="idx")
		self.assertEqual(again, stored)

	def test_the_form_shows_the_step_and_its_version_leaves_the_log_out(self):
		doc = create_document("Renja", self.office)
		with patch.dict(frappe.flags, {"in_test": False}):  # Frappe keeps no Version in tests
			with as_user(self.office.camat):
				apply_workflow(frappe.get_doc("Renja", doc.name), ACTIONS["do"])
		with as_user(self.office.camat):
			getdoc("Renja", doc.name)
			loaded = frappe.response.docs[0]
		self.assertEqual([row.step_no for row in loaded.step_log], [1, 2])
		self.assertEqual(loaded.step_log[0].actor, self.office.camat)

		version = frappe.get_last_doc("Version", filters={"ref_doctype": "Renja", "docname": doc.name})
		changes = json.loads(version.data)
		self.assertIn("workflow_state", [change[0] for change in changes["changed"]])
		self.assertNotIn("current_step", [change[0] for change in changes["changed"]])
		for key in ("added", "removed", "row_changed"):
			self.assertNotIn("step_log", [row[0] for row in changes[key]], key)

	def test_the_compliance_summary_counts_each_step_once(self):
		def summary():
			rows = frappe.get_all(
				"Rekap Kepatuhan SOP",
				filters={"unit_kerja": self.office.unit, "document_type": "Renja"},
				fields=["step_no", "steps"],
			)
			return {row.step_no: row.steps for row in rows}

		before = summary()
		doc = self.walk(create_document("Renja", self.office), 3)
		after = summary()
		self.assertEqual(
			{no: after[no] - before.get(no, 0) for no in after if after[no] != before.get(no)},
			{1: 1, 2: 1, 3: 1},
		)
		self.assertEqual(len(frappe.get_doc("Renja", doc.name).step_log), 4)
