"""The six documents acted out through their SOPs by real users of each role."""

from datetime import datetime

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.utils import get_datetime, get_system_timezone

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS, TEAM_ROLE
from kinerja_sop.domain.time_standard import parse_time_standard
from kinerja_sop.domain.workflow_builder import ACTIONS, FINAL_STATE
from kinerja_sop.domain.working_time import WorkingCalendar, to_unit_time
from kinerja_sop.kinerja.sop_document import (
	KelengkapanError,
	NotStepOwnerError,
	SeparationOfDutiesError,
	TeamError,
	get_sop_flow,
)
from kinerja_sop.tests.factories import make_user
from kinerja_sop.tests.sop_walk import IndonesianTestCase, create_document, make_office
from kinerja_sop.walk import act, actor, as_user, current_step, satisfy, walk_to_end


class SOPTestCase(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("A")
		cls.other = make_office("B")


class TestInstalledWorkflows(SOPTestCase):
	def test_one_active_workflow_per_document_built_from_its_sop(self):
		for doctype in SOP_DOCUMENTS:
			sop, plan = get_sop_flow(doctype)
			workflow = frappe.get_doc("Workflow", {"document_type": doctype, "is_active": 1})
			self.assertEqual(workflow.name, plan.name)
			self.assertEqual([s.state for s in workflow.states], [s.name for s in plan.states])
			self.assertEqual(
				[(t.state, t.action, t.next_state, t.allowed) for t in workflow.transitions],
				[(t.state, t.action, t.next_state, t.role) for t in plan.transitions],
			)

	def test_editing_an_sop_rebuilds_its_workflow(self):
		sop = frappe.get_doc("SOP Kinerja", "SOP Pemantauan Kinerja")
		sop.steps[8].role = "Camat"  # the last step reported by the Camat's office instead
		sop.save()
		workflow = frappe.get_doc("Workflow", "Alur SOP Pemantauan Kinerja")
		self.assertEqual(workflow.transitions[-1].allowed, "Camat")


class TestHappyPaths(SOPTestCase):
	def walk(self, doctype, reject_each_check_once=False):
		doc = create_document(doctype, self.office)
		sop, plan, _ = current_step(doc)
		doc, actors = walk_to_end(doc, self.office, reject_each_check_once)
		self.assertEqual(doc.workflow_state, FINAL_STATE)
		self.assertEqual(doc.docstatus, 1)
		self.assertEqual([(row.step_no, row.actor) for row in doc.step_log], actors)
		self.assertTrue(all(row.finished_at and row.due_at and row.started_at for row in doc.step_log))
		self.assertFalse(doc.current_step)
		self.assertFalse(
			frappe.get_all("ToDo", filters={"reference_name": doc.name, "status": "Open"}),
			"no one is left with a task on a finished document",
		)
		if plan.sign_step:
			self.assertEqual(doc.paraf_by, self.office.sekretaris)
			self.assertEqual(doc.signed_by, self.office.camat)
		return doc, sop

	def test_happy_path_of_each_document(self):
		for doctype in SOP_DOCUMENTS:
			with self.subTest(doctype=doctype):
				doc, sop = self.walk(doctype)
				self.assertEqual([row.step_no for row in doc.step_log], [s.no for s in sop.steps])
				# Distinct real users acted on each role's steps.
				for row in doc.step_log:
					self.assertEqual(row.actor, actor(self.office, row.role, sop.step(row.step_no)))

	def test_every_reject_loop_of_each_document(self):
		for doctype in SOP_DOCUMENTS:
			with self.subTest(doctype=doctype):
				doc, sop = self.walk(doctype, reject_each_check_once=True)
				returned = [row for row in doc.step_log if row.action == ACTIONS["disagree"]]
				checks = [s for s in sop.steps if s.is_check]
				self.assertEqual([row.step_no for row in returned], [s.no for s in checks])
				for row in returned:
					self.assertTrue(row.reason.startswith("Perbaiki langkah"))
					following = doc.step_log[doc.step_log.index(row) + 1]
					self.assertEqual(following.step_no, sop.step(row.step_no).on_disagree)


class TestWhoMayAct(SOPTestCase):
	"""Every transition of every document, tried by every kind of user."""

	def candidates(self):
		office, other = self.office, self.other
		return {
			"camat": office.camat,
			"sekretaris": office.sekretaris,
			"evapor": office.evapor,
			"staf": office.staf,
			"umum": office.umum,
			"team leader": office.tim1,
			"team member": office.tim2,
			"Tim Kinerja outside the team": office.outsider,
			"Camat of another unit": other.camat,
			"Staf of another unit": other.staf,
		}

	def owners(self, doc, step, transition):
		"""The step's role holders in the unit (the team, for a Tim step); Frappe refuses
		the creator where the SOP separates duties."""
		if step.role == TEAM_ROLE:
			owners = {self.office.tim1, self.office.tim2}
		else:
			owners = {actor(self.office, step.role, step)}
		if not transition.allow_self_approval:
			owners.discard(doc.owner)
		return owners

	def try_action(self, doc, user, action):
		frappe.db.savepoint("try_action")
		try:
			with as_user(user):
				apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
			return True
		except (frappe.PermissionError, frappe.ValidationError):
			return False
		finally:
			frappe.db.rollback(save_point="try_action")

	def test_exactly_the_sops_owners_can_act(self):
		make_user(self.office.tim1, (TEAM_ROLE,))
		for doctype in SOP_DOCUMENTS:
			doc = create_document(doctype, self.office)
			sop, plan, step = current_step(doc)
			while step is not None:
				# Everything the step needs is in place (supplied by the administrator).
				doc = frappe.get_doc(doctype, doc.name)
				satisfy(doc, step.requires, self.office)
				if step.is_check:
					doc.return_reason = "Alasan uji"
				doc.save()
				for transition in plan.transitions_from(doc.workflow_state):
					owners = self.owners(doc, step, transition)
					self.assertTrue(owners)
					for label, user in self.candidates().items():
						with self.subTest(
							doctype=doctype, step=step.no, action=transition.action, user=label
						):
							self.assertEqual(self.try_action(doc, user, transition.action), user in owners)
				forward = plan.transitions_from(doc.workflow_state)[0]
				doc = act(doc, actor(self.office, step.role, step), forward.action, self.office)
				sop, plan, step = current_step(doc)


class TestMutuBakuEnforced(SOPTestCase):
	def setUp(self):
		frappe.db.savepoint("mutu_baku")
		self.addCleanup(frappe.db.rollback, save_point="mutu_baku")

	def advance(self, doc, to_step):
		sop, plan, step = current_step(doc)
		while step.no < to_step:
			action = plan.transitions_from(doc.workflow_state)[0].action
			doc = act(doc, actor(self.office, step.role, step), action, self.office)
			sop, plan, step = current_step(doc)
		return doc

	def test_no_team_no_drafting(self):
		doc = self.advance(create_document("Renja", self.office), 2)
		with self.assertRaises(KelengkapanError) as raised:
			with as_user(self.office.sekretaris):
				apply_workflow(frappe.get_doc("Renja", doc.name), ACTIONS["do"])
		self.assertIn("tim, beserta ketuanya", str(raised.exception))
		self.assertEqual(frappe.db.get_value("Renja", doc.name, "current_step"), 2)

	def test_no_typed_concept_no_check(self):
		doc = self.advance(create_document("Renja", self.office), 5)
		with self.assertRaises(KelengkapanError) as raised:
			with as_user(self.office.staf):
				apply_workflow(frappe.get_doc("Renja", doc.name), ACTIONS["do"])
		self.assertIn("Belum ada: konsep ketikan", str(raised.exception))

	def test_evaluasi_starts_only_from_an_incoming_letter(self):
		doc = create_document("Evaluasi Kinerja", self.office)
		with self.assertRaises(KelengkapanError) as raised:
			with as_user(self.office.camat):
				apply_workflow(frappe.get_doc("Evaluasi Kinerja", doc.name), ACTIONS["do"])
		self.assertIn("surat masuk", str(raised.exception))

	def test_sending_back_needs_a_reason(self):
		doc = self.advance(create_document("Renja", self.office), 6)
		with self.assertRaises(KelengkapanError) as raised:
			with as_user(self.office.evapor):
				apply_workflow(frappe.get_doc("Renja", doc.name), ACTIONS["disagree"])
		self.assertIn("alasan pengembalian", str(raised.exception))

	def test_a_typist_does_not_approve_their_own_typing(self):
		make_user(self.office.evapor, ("Staf",))
		doc = self.advance(create_document("Renja", self.office), 5)
		doc = act(doc, self.office.evapor, ACTIONS["do"], self.office)  # typed by the Kasubag himself
		with self.assertRaises(SeparationOfDutiesError):
			act(doc, self.office.evapor, ACTIONS["agree"], self.office)

	def test_only_the_current_steps_owner_edits(self):
		doc = self.advance(create_document("Renja", self.office), 3)
		with self.assertRaises(NotStepOwnerError) as raised:
			with as_user(self.office.staf):
				renja = frappe.get_doc("Renja", doc.name)
				renja.pendahuluan = "<p>diubah</p>"
				renja.save()
		self.assertIn("anggota Tim", str(raised.exception))
		with as_user(self.office.tim2):
			renja = frappe.get_doc("Renja", doc.name)
			renja.pendahuluan = "<p>Pendahuluan oleh tim</p>"
			renja.save()

	def test_team_members_come_from_the_unit(self):
		doc = self.advance(create_document("Renja", self.office), 2)
		with self.assertRaises(TeamError):
			with as_user(self.office.sekretaris):
				renja = frappe.get_doc("Renja", doc.name)
				renja.append("team", {"user": self.other.tim1, "is_leader": 1})
				renja.save()

	def test_submitting_around_the_sop_is_refused(self):
		doc = self.advance(create_document("Renja", self.office), 9)
		with self.assertRaises(NotStepOwnerError):
			with as_user(self.office.camat):
				frappe.get_doc("Renja", doc.name).submit()

	def test_illegal_jump_is_refused(self):
		doc = create_document("Renja", self.office)
		with self.assertRaises((WorkflowTransitionError, WorkflowPermissionError)):
			with as_user(self.office.camat):
				renja = frappe.get_doc("Renja", doc.name)
				renja.workflow_state = current_step(renja)[1].state_of_step(9)
				renja.save()

	def test_a_signed_documents_rows_are_not_changed_by_its_steps(self):
		"""Frappe's check that a signed document changes only in fields allowed on submit runs
		against the stored copy the save read: a changed, removed or added programme row or
		team member is refused, and nothing changes; the untouched document takes its step."""
		doc = self.advance(
			create_document(
				"Renja",
				self.office,
				program_kegiatan=[{"program": "Program A", "kegiatan": "Kegiatan A", "target": 4}],
			),
			11,
		)
		self.assertEqual(doc.docstatus, 1)
		sop, plan, step = current_step(doc)
		action = plan.transitions_from(doc.workflow_state)[0].action
		user = actor(self.office, step.role, step)
		frappe.db.savepoint("signed")
		changes = {
			"a row's value": lambda d: d.program_kegiatan[0].update({"target": 5}),
			"a row's text": lambda d: d.program_kegiatan[0].update({"program": "Program B"}),
			"a row removed": lambda d: d.set("program_kegiatan", []),
			"a row added": lambda d: d.append(
				"program_kegiatan", {"program": "Program C", "kegiatan": "Kegiatan C"}
			),
			"a member added": lambda d: d.append("team", {"user": self.office.tim2}),
		}
		for what, change in changes.items():
			with self.subTest(what), as_user(user):
				renja = frappe.get_doc("Renja", doc.name)
				change(renja)
				with self.assertRaises(frappe.UpdateAfterSubmitError):
					renja.save()
				frappe.db.rollback(save_point="signed")
				stored = frappe.get_doc("Renja", doc.name)
				self.assertEqual([(r.program, r.target) for r in stored.program_kegiatan], [("Program A", 4)])
				self.assertEqual(stored.workflow_state, doc.workflow_state)
		done = act(frappe.get_doc("Renja", doc.name), user, action, self.office)
		self.assertNotEqual(done.workflow_state, doc.workflow_state)

	def test_signed_document_is_corrected_only_by_cancel_and_amend(self):
		doc = self.advance(create_document("Renja", self.office), 10)
		self.assertEqual(doc.docstatus, 1)
		with as_user(self.office.camat):
			renja = frappe.get_doc("Renja", doc.name)
			renja.pendahuluan = "<p>diubah setelah ditandatangani</p>"
			with self.assertRaises(frappe.UpdateAfterSubmitError):
				renja.save()
			renja.reload()
			renja.cancel()
			amended = frappe.copy_doc(renja, ignore_no_copy=False)
			amended.update({"amended_from": renja.name, "docstatus": 0})
			amended.insert()
		self.assertEqual(amended.current_step, 1)
		self.assertEqual(len(amended.step_log), 1)
		self.assertFalse(amended.signed_by)


class TestTimeStandardsAndHandOver(SOPTestCase):
	def setUp(self):
		frappe.db.savepoint("times")
		self.addCleanup(frappe.db.rollback, save_point="times")

	def at_unit_time(self, *args):
		"""A Jakarta wall-clock time, as the site's clock shows it."""
		return to_unit_time(datetime(*args), "Asia/Jakarta", get_system_timezone())

	def in_unit_time(self, value):
		return to_unit_time(get_datetime(value), get_system_timezone(), "Asia/Jakarta")

	def test_due_times_follow_the_units_calendar(self):
		# Friday 27 Nov 2026, 15:00 WIB: step 1 "20 menit", step 2 "20 menit", step 3 "1 hari".
		with self.freeze_time(self.at_unit_time(2026, 11, 27, 15, 0)):
			doc = create_document("Renja", self.office)
		self.assertEqual(self.in_unit_time(doc.step_log[0].due_at), datetime(2026, 11, 27, 15, 20))
		with self.freeze_time(self.at_unit_time(2026, 11, 27, 15, 50)):
			doc = act(doc, self.office.camat, ACTIONS["do"], self.office)
		self.assertEqual(self.in_unit_time(doc.step_log[1].due_at), datetime(2026, 11, 27, 16, 10))
		first = doc.step_log[0]
		self.assertEqual(first.spent_minutes, 50)
		self.assertTrue(first.is_late)
		with self.freeze_time(self.at_unit_time(2026, 11, 27, 16, 20)):
			doc = act(doc, self.office.sekretaris, ACTIONS["do"], self.office)
		# 10 working minutes on Friday, the weekend, 440 on Monday 30 Nov.
		self.assertEqual(self.in_unit_time(doc.step_log[2].due_at), datetime(2026, 11, 30, 15, 50))
		self.assertEqual(self.in_unit_time(doc.step_due), datetime(2026, 11, 30, 15, 50))
		second = doc.step_log[1]
		self.assertEqual((second.spent_minutes, second.is_late), (30, 1))

		calendar = WorkingCalendar()
		for row in doc.step_log:
			expected = calendar.add_working_minutes(
				self.in_unit_time(row.started_at), parse_time_standard(row.time_standard).working_minutes()
			)
			self.assertEqual(self.in_unit_time(row.due_at), expected)

	def test_next_owners_get_a_todo_with_the_due_date(self):
		doc = create_document("Renja", self.office)
		open_todos = lambda: frappe.get_all(  # noqa: E731
			"ToDo", filters={"reference_name": doc.name, "status": "Open"}, fields=["allocated_to", "date"]
		)
		self.assertEqual([t.allocated_to for t in open_todos()], [self.office.camat])
		doc = act(doc, self.office.camat, ACTIONS["do"], self.office)
		todos = open_todos()
		self.assertEqual([t.allocated_to for t in todos], [self.office.sekretaris])
		self.assertEqual(str(todos[0].date), str(get_datetime(doc.step_due).date()))
		doc = act(doc, self.office.sekretaris, ACTIONS["do"], self.office)
		self.assertCountEqual([t.allocated_to for t in open_todos()], [self.office.tim1, self.office.tim2])
		self.assertIn("Tim Kinerja", frappe.get_roles(self.office.tim2))
