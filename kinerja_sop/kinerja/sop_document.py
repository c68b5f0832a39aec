"""What the six performance documents share: moving through their SOP.

Each document's Workflow is built from its SOP (kinerja_sop.workflow). Frappe
checks that a move is a transition of the Workflow for the user's roles; this
class adds what the SOP demands on top, on the server:

- a step owned by "Tim" is done only by a member of this document's team, and
  a document is edited only by the owners of its current step;
- a check step is not done by the person who handed the work over;
- the step's Kelengkapan must be present before it is completed, and a
  document sent back carries the reason;
- every step is logged with its due time from the unit's working calendar,
  the working time spent, and whether it kept the time standard;
- the owners of the next step get a ToDo with the due date, and the document's
  activity gets one line per hand-over, credited to the official who acted.
"""

import frappe
import frappe.share
from frappe import _
from frappe.desk.doctype.todo.todo import ToDo
from frappe.desk.form.assign_to import notify_assignment
from frappe.desk.form.document_follow import follow_document
from frappe.model import table_fields
from frappe.model.document import Document
from frappe.translate import get_user_lang
from frappe.utils import (
	escape_html,
	get_datetime,
	get_fullname,
	get_system_timezone,
	getdate,
	now_datetime,
	strip_html,
)

from kinerja_sop.domain.catalogue import CAMAT, KASUBAG_UMUM, SOP_DOCUMENTS, TEAM_ROLE, Sop, SopStep
from kinerja_sop.domain.mail_register import DITERIMA_SEMUA
from kinerja_sop.domain.time_standard import parse_time_standard
from kinerja_sop.domain.workflow_builder import TransitionPlan, WorkflowPlan, build_workflow
from kinerja_sop.domain.working_time import WorkingCalendar, to_unit_time
from kinerja_sop.entered import EnteredValues, mark_entered
from kinerja_sop.integrity import ClientInputGuard
from kinerja_sop.kinerja.doctype.rekap_kepatuhan_sop.rekap_kepatuhan_sop import add_steps, remove_steps
from kinerja_sop.kinerja.doctype.sop_kinerja.sop_kinerja import SOP_OF_DOCTYPE_CACHE
from kinerja_sop.permissions import get_unit_role_holders, is_unit_admin

# The letter carrying a signed document is an Indonesian official text, whatever the user's language.
COVERING_LETTER = (
	"<p>Bersama ini kami sampaikan {0} untuk dipergunakan sebagaimana mestinya.</p>"
	"<p>Demikian disampaikan, atas perhatiannya diucapkan terima kasih.</p>"
)


class NotStepOwnerError(frappe.ValidationError):
	pass


class KelengkapanError(frappe.ValidationError):
	pass


class SeparationOfDutiesError(frappe.ValidationError):
	pass


class TeamError(frappe.ValidationError):
	pass


CURRENT_STEP_FIELDS = (
	"current_step",
	"current_role",
	"current_activity",
	"current_inputs",
	"current_time_standard",
	"current_output",
	"step_started_at",
	"step_due",
)

# Plans and calendars are pure values: keep them per record version, not per request.
_flows: dict[tuple[str, str], tuple[Sop, WorkflowPlan]] = {}
_calendars: dict[tuple[str, str], WorkingCalendar] = {}


def get_sop_flow(doctype: str) -> tuple[Sop, WorkflowPlan]:
	"""The active SOP of a document type and the workflow plan built from it."""
	name = frappe.cache.hget(
		SOP_OF_DOCTYPE_CACHE,
		doctype,
		lambda: frappe.db.get_value("SOP Kinerja", {"document_type": doctype, "is_active": 1}),
	)
	if not name:
		frappe.throw(_("No active SOP governs {0}.").format(_(doctype)))
	record = frappe.get_cached_doc("SOP Kinerja", name)
	key = (name, str(record.modified))
	if key not in _flows:
		sop = record.as_sop()
		_flows[key] = (sop, build_workflow(sop))
	return _flows[key]


def get_unit_calendar(unit) -> WorkingCalendar:
	key = (unit.name, str(unit.modified))
	if key not in _calendars:
		_calendars[key] = unit.get_working_calendar()
	return _calendars[key]


# What the SOP machinery writes, and only it (see kinerja_sop.integrity): the state and the
# step the document waits at, the paraf and the signature, the step log.
SOP_SERVER_OWNED = (
	"workflow_state",
	*CURRENT_STEP_FIELDS,
	"paraf_by",
	"paraf_at",
	"signed_by",
	"signed_at",
	"step_log",
)
# Shown from the outgoing register, which writes them into the stored document itself.
LETTER_FIELDS = ("surat_keluar", "nomor_surat", "status_pengiriman")


class SOPDocument(ClientInputGuard, EnteredValues, Document):
	server_owned = SOP_SERVER_OWNED
	computed = ("title", *LETTER_FIELDS)

	# Where each document keeps its content; the document classes fill these in.
	source_fields: tuple[str, ...] = ()
	draft_fields: tuple[str, ...] = ()
	typed_fields: tuple[str, ...] = ()
	# Documents that end with SOP Pengiriman: the archive code their letter is filed under.
	letter_classification: str | None = None

	def validate(self):
		mark_entered(self)  # after the subclass computed its figures, before anything is stored
		self.set_title()
		self.validate_team()
		self.apply_sop_step()

	def before_submit(self):
		self.validate_submitted_through_sop()

	def before_update_after_submit(self):
		mark_entered(self)
		self.show_letter_as_registered()
		self.apply_sop_step()

	def validate_update_after_submit(self):
		"""Frappe's check that only fields allowed on submit changed, made against the stored
		document this save already read (locked, in this transaction) rather than reading the
		document again and then each of its rows one query at a time (some 75 queries at the
		last step of a 50-row Renja). The step log is left out: its fields are all allowed on
		submit, and it is append-only anyway (update_child_table)."""
		if self.flags.ignore_validate_update_after_submit:
			return
		before = self.get_doc_before_save()
		if before is None:
			return super().validate_update_after_submit()
		stored = before.as_dict()
		refuse_changes_after_submit(self, stored)
		stored_rows = {
			(table.fieldname, row["name"]): row
			for table in self.meta.get_table_fields()
			for row in stored.get(table.fieldname) or ()
		}
		for row in self.get_all_children():
			if row.parentfield == "step_log" or (
				row.is_new() and self.meta.get_field(row.parentfield).allow_on_submit
			):
				continue
			stored_row = stored_rows.get((row.parentfield, row.name))
			if stored_row is None:
				row._validate_update_after_submit()  # Frappe's own refusal of a row not stored
			else:
				refuse_changes_after_submit(row, stored_row)

	def on_change(self):
		self.sync_team_role()
		self.count_finished_steps()
		if self.flags.step_changed:
			# Off the request path: the ToDos and their notifications follow the commit.
			frappe.enqueue(
				hand_over,
				queue="short",
				enqueue_after_commit=True,
				now=frappe.flags.in_test,
				doctype=self.doctype,
				name=self.name,
				# the row of the step started now; none when the document has ended
				step_row=self.step_log[-1].name if self.current_step else None,
			)

	def on_cancel(self):
		self.close_open_assignments()
		update_assigned_to(self.doctype, self.name)

	def on_trash(self):
		remove_steps(self.doctype, self.step_log)

	def after_delete(self):
		sync_team_role({row.user for row in self.team})

	# --- content -----------------------------------------------------------

	def set_title(self):
		before = self.get_doc_before_save()
		if before and all(before.get(f) == self.get(f) for f in ("unit_kerja", "periode", "tahun")):
			return
		unit = frappe.db.get_value("Unit Kerja", self.unit_kerja, "unit_name") if self.unit_kerja else ""
		self.title = " ".join(
			str(part) for part in (_(self.doctype), unit, self.get("periode"), self.tahun) if part
		)

	def validate_team(self):
		members = [row.user for row in self.team]
		duplicates = {user for user in members if members.count(user) > 1}
		if duplicates:
			frappe.throw(_("{0} is in the team twice.").format(", ".join(duplicates)), exc=TeamError)
		if len([row for row in self.team if row.is_leader]) > 1:
			frappe.throw(_("A team has one leader."), exc=TeamError)
		# Only members added now are checked: a transition does not re-query the unit's staff.
		before = self.get_doc_before_save()
		joining = set(members) - ({row.user for row in before.team} if before else set())
		if not joining:
			return
		unit_users = set(get_unit_role_holders(self.unit_kerja, None))
		for user in sorted(joining):
			if user not in unit_users and not is_unit_admin(user):
				frappe.throw(
					_("Team member {0} does not work in {1}.").format(user, self.unit_kerja), exc=TeamError
				)

	def sync_team_role(self):
		"""Members act on the Tim steps through the Tim Kinerja role: joining a team of an
		active document grants it, leaving the last one (or its document ending) takes it away."""
		before = self.get_doc_before_save()
		members = {row.user for row in self.team}
		former = {row.user for row in before.team} if before else set()
		ended = not self.current_step or self.docstatus == 2
		if members != former or (ended and before and before.current_step and before.docstatus < 2):
			sync_team_role(members | former)

	# --- moving through the SOP --------------------------------------------

	def apply_sop_step(self):
		sop, plan = get_sop_flow(self.doctype)
		before = None if self.is_new() else self.get_doc_before_save()
		if before is None:
			self.workflow_state = plan.first_state  # whatever was sent: the guard refuses any other
			if not self.step_log:
				self.start_step(sop.step(plan.step_of_state(self.workflow_state)), plan)
				self.flags.step_changed = True
			return

		old_state, new_state = before.workflow_state, self.workflow_state
		step = sop.step(plan.step_of_state(old_state)) if plan.step_of_state(old_state) else None
		if old_state == new_state:
			if step:
				self.validate_session_user_owns(step)
			return

		transition = plan.transition(old_state, new_state)
		if not transition or not step:
			return  # not a move of this Workflow: Frappe's validate_workflow refuses it
		self.validate_session_user_owns(step)
		if transition.is_rejection:
			self.validate_return_reason(step)
		else:
			self.validate_kelengkapan(step)
		if step.is_check:
			self.validate_separation_of_duties(step)
		self.record_approval(transition)
		self.finish_step(step, transition)
		next_no = plan.step_of_state(new_state)
		if next_no:
			self.start_step(sop.step(next_no), plan)
			self.open_outgoing_letter(sop.step(next_no), plan)
		else:
			self.clear_current_step()
		self.flags.step_changed = True

	def validate_submitted_through_sop(self):
		"""Only the step that signs (or, without a signature, ends) the SOP submits.

		A plain submit would let Frappe jump the workflow to its first submitted
		state and skip the remaining steps.
		"""
		_sop, plan = get_sop_flow(self.doctype)
		before = self.get_doc_before_save()
		old_state = before.workflow_state if before else None
		transition = plan.transition(old_state, self.workflow_state) if old_state else None
		submitted_states = {s.name for s in plan.states if s.doc_status == 1}
		if not transition or self.workflow_state not in submitted_states:
			frappe.throw(
				_("{0} is submitted by its SOP step, not directly.").format(_(self.doctype)),
				exc=NotStepOwnerError,
				title=_("Not Your Step"),
			)

	def session_user_owns(self, step: SopStep) -> bool:
		user = frappe.session.user
		if is_unit_admin(user):
			return True
		if step.role == TEAM_ROLE:
			return user in {row.user for row in self.team}
		return step.role in frappe.get_roles(user)

	def validate_current_step_owner(self):
		"""For server methods that change the document outside a workflow action:
		only the owner of the step it waits at, as for a save."""
		sop, plan = get_sop_flow(self.doctype)
		if no := plan.step_of_state(self.workflow_state):
			self.validate_session_user_owns(sop.step(no))

	def validate_session_user_owns(self, step: SopStep):
		if self.session_user_owns(step):
			return
		if step.role == TEAM_ROLE:
			message = _("Step {0} ({1}) can be done only by a member of this document's team.")
		else:
			message = _("Step {0} ({1}) can be done only by the {2} of the unit.")
		frappe.throw(
			message.format(step.no, step.kegiatan, step.role),
			exc=NotStepOwnerError,
			title=_("Not Your Step"),
		)

	def validate_return_reason(self, step: SopStep):
		if not (self.return_reason or "").strip():
			frappe.throw(
				_("Step {0}: give the reason for sending the document back in Return Reason.").format(
					step.no
				),
				exc=KelengkapanError,
				title=_("Reason Required"),
			)

	def validate_kelengkapan(self, step: SopStep):
		if missing := self.missing_requirements(step):
			frappe.throw(
				_("Step {0} ({1}) cannot be completed yet. Missing: {2}.").format(
					step.no, step.kegiatan, "; ".join(missing)
				),
				exc=KelengkapanError,
				title=_("Kelengkapan Incomplete"),
			)

	def validate_separation_of_duties(self, step: SopStep):
		handed_over_by = next((row.actor for row in reversed(self.step_log) if row.finished_at), None)
		if (
			handed_over_by
			and handed_over_by == frappe.session.user
			and frappe.session.user != "Administrator"
		):
			frappe.throw(
				_("Step {0} checks work you handed over yourself; another {1} must check it.").format(
					step.no, step.role
				),
				exc=SeparationOfDutiesError,
				title=_("Separation of Duties"),
			)

	def record_approval(self, transition: TransitionPlan):
		if transition.kind == "paraf":
			self.paraf_by, self.paraf_at = frappe.session.user, now_datetime()
		elif transition.kind == "sign":
			self.signed_by, self.signed_at = frappe.session.user, now_datetime()

	# --- Kelengkapan --------------------------------------------------------

	def onload(self):
		self.show_missing_kelengkapan()

	def show_missing_kelengkapan(self):
		"""The form's step banner names what its step still lacks before it can be completed."""
		sop, plan = get_sop_flow(self.doctype)
		if self.docstatus < 2 and (no := plan.step_of_state(self.workflow_state)):
			self.set_onload("kelengkapan_missing", self.missing_requirements(sop.step(no)))

	def missing_requirements(self, step: SopStep) -> list[str]:
		"""What the step's Kelengkapan checks still lack, in the user's words."""
		return [self.describe_missing(key) for key in step.requires if not self.has_requirement(key)]

	def describe_missing(self, key: str) -> str:
		"""A document that can say precisely what is missing (which rows) says it here."""
		return requirement_label(key)

	def has_requirement(self, key: str) -> bool:
		check = getattr(self, f"has_{key}", None)
		return bool(check and check())

	def has_struktur_organisasi(self) -> bool:
		unit = frappe.get_cached_doc("Unit Kerja", self.unit_kerja)
		held = {row.sop_role for row in unit.get_active_officials()}
		return {"Camat", "Sekretaris"} <= held

	def has_tim(self) -> bool:
		return bool(self.team) and any(row.is_leader for row in self.team)

	def has_data_sumber(self) -> bool:
		return bool(self.lampiran_data_sumber) or self.all_filled(self.source_fields)

	def has_draft(self) -> bool:
		return bool(self.lampiran_draft) or self.all_filled(self.draft_fields)

	def has_konsep(self) -> bool:
		return bool(self.lampiran_konsep) or self.all_filled(self.typed_fields)

	def has_paraf(self) -> bool:
		return bool(self.paraf_by)

	def has_tanda_tangan(self) -> bool:
		return bool(self.signed_by)

	def has_disposisi(self) -> bool:
		return bool((self.disposisi or "").strip())

	def has_pelaksanaan(self) -> bool:
		"""Pemantauan and Pengukuran are carried out with the team: when, where, who."""
		return self.all_filled(("tanggal_pelaksanaan", "tempat_pelaksanaan", "peserta"))

	def has_hasil(self) -> bool:
		return self.all_filled(("hasil_pelaksanaan",))

	def has_bukti_pengiriman(self) -> bool:
		if not self.get("surat_keluar"):
			return False
		return frappe.db.get_value("Surat Keluar", self.surat_keluar, "status") == DITERIMA_SEMUA

	# --- SOP Pengiriman ------------------------------------------------------

	def show_letter_as_registered(self):
		"""The register updates these fields directly; a form open meanwhile must not undo that."""
		if self.get("surat_keluar"):
			number, status = frappe.db.get_value("Surat Keluar", self.surat_keluar, ["nomor_surat", "status"])
			self.nomor_surat, self.status_pengiriman = number, _(status)

	def open_outgoing_letter(self, step: SopStep, plan: WorkflowPlan):
		"""When the signed document reaches the mail office (Kasubag Umum), its letter is
		put in the outgoing register as a draft: no one types the document in twice."""
		signed = next(s.doc_status for s in plan.states if s.step_no == step.no) == 1
		if (
			not self.letter_classification
			or not signed
			or step.role != KASUBAG_UMUM
			or self.get("surat_keluar")
		):
			return
		letter = frappe.get_doc(
			{
				"doctype": "Surat Keluar",
				"unit_kerja": self.unit_kerja,
				"tanggal": getdate(self.signed_at) if self.signed_at else getdate(),
				"klasifikasi": self.letter_classification,
				"perihal": self.title,
				"isi_surat": COVERING_LETTER.format(self.title),
				"jabatan_penandatangan": CAMAT,
				"reference_doctype": self.doctype,
				"reference_name": self.name,
			}
		)
		letter.flags.written_by_server = True  # the link back to this document is the register's
		letter.insert(ignore_permissions=True)
		self.surat_keluar = letter.name
		self.status_pengiriman = _(letter.status)

	def all_filled(self, fieldnames: tuple[str, ...]) -> bool:
		def filled(value):
			if isinstance(value, str):
				return bool(strip_html(value).strip())
			return bool(value)

		return bool(fieldnames) and all(filled(self.get(name)) for name in fieldnames)

	# --- the step log and its times -----------------------------------------
	# The log stays a child table (the form, prints and the compliance report
	# read it as before; Versions leave it out, kinerja_sop/versions.py), but it
	# is append-only on save:
	# Frappe's update_child_table rewrites every row of a table on each save and
	# deletes the rows missing from the list, so a step would cost more the
	# longer the log grows, and a client's copy could rewrite or drop past steps.
	# A save writes only the rows the server itself started or finished in it.

	def update_child_table(self, fieldname: str, df=None):
		if fieldname != "step_log":
			return super().update_child_table(fieldname, df)
		for row in self.flags.pop("step_log_written", None) or ():
			row.db_update()  # a new row is inserted, a finished one updated

	def mark_step_log_written(self, row):
		self.flags.setdefault("step_log_written", []).append(row)

	def start_step(self, step: SopStep, plan: WorkflowPlan):
		unit = frappe.get_cached_doc("Unit Kerja", self.unit_kerja)
		calendar = get_unit_calendar(unit)
		standard = parse_time_standard(step.waktu).working_minutes(calendar.minutes_per_day)
		started = now_datetime()
		site_tz, unit_tz = get_system_timezone(), unit.time_zone
		due = to_unit_time(
			calendar.add_working_minutes(to_unit_time(started, site_tz, unit_tz), standard), unit_tz, site_tz
		)
		row = self.append(
			"step_log",
			{
				"step_no": step.no,
				"step_state": plan.state_of_step(step.no),
				"unit_kerja": self.unit_kerja,  # the compliance report reads the log alone
				"role": step.role,
				"time_standard": step.waktu,
				"standard_minutes": standard,
				"started_at": started,
				"due_at": due,
			},
		)
		self.mark_step_log_written(row)
		self.update(
			{
				"current_step": step.no,
				"current_role": step.role,
				"current_activity": step.kegiatan,
				"current_inputs": step.kelengkapan,
				"current_time_standard": step.waktu,
				"current_output": step.output,
				"step_started_at": started,
				"step_due": due,
			}
		)

	def finish_step(self, step: SopStep, transition: TransitionPlan):
		row = next((r for r in reversed(self.step_log) if r.step_no == step.no and not r.finished_at), None)
		if not row:
			return
		unit = frappe.get_cached_doc("Unit Kerja", self.unit_kerja)
		site_tz, unit_tz = get_system_timezone(), unit.time_zone
		finished = now_datetime()
		started = get_datetime(row.started_at)
		row.update(
			{
				"actor": frappe.session.user,
				"action": transition.action,
				"finished_at": finished,
				"spent_minutes": get_unit_calendar(unit).working_minutes_between(
					to_unit_time(started, site_tz, unit_tz), to_unit_time(finished, site_tz, unit_tz)
				),
				"is_late": int(finished > get_datetime(row.due_at)),
				"reason": self.return_reason if transition.is_rejection else None,
			}
		)
		self.return_reason = None
		self.mark_step_log_written(row)
		self.flags.setdefault("finished_steps", []).append(row)

	def count_finished_steps(self):
		"""Add the steps just done to the monthly compliance summary, in this transaction."""
		if self.flags.finished_steps:
			add_steps(self.doctype, self.flags.pop("finished_steps"))

	def clear_current_step(self):
		for field in CURRENT_STEP_FIELDS:
			self.set(field, None)

	# --- telling the next actor ---------------------------------------------

	def get_step_owners(self, role: str) -> list[str]:
		if role == TEAM_ROLE:
			return [row.user for row in self.team]
		return get_unit_role_holders(self.unit_kerja, role)

	def close_open_assignments(self):
		"""Close the ToDos of the step just done (Frappe's close_all_assignments re-closes closed ones too)."""
		open_todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": self.doctype, "reference_name": self.name, "status": "Open"},
			pluck="name",
		)
		for name in open_todos:
			todo = StepToDo("ToDo", name)
			todo.status = "Closed"
			todo.save(ignore_permissions=True)

	def hand_over_step(self, step_row: str | None = None):
		"""The step started by the log row `step_row` goes to its owners: their ToDos replace
		the last step's, and the activity says once who handed which step to whom. A job that
		runs late, after the step was done (or the document cancelled), still writes the
		line of what happened but leaves the ToDos to the step the document waits at.
		Without a row (the document has ended, or a job queued by an older version) the
		step the document waits at, if any, is handed over."""
		if step_row:
			row = next((r for r in self.step_log if r.name == step_row), None)
			if not row:
				return
		else:
			row = self.step_log[-1] if self.current_step and self.step_log else None
		waits_here = bool(row) and row is self.step_log[-1] and not row.finished_at and self.docstatus < 2
		if waits_here or not row:
			self.close_open_assignments()
		if not row:
			update_assigned_to(self.doctype, self.name)
			return
		actor, sent_back = self.handed_over_by(row)
		owners = self.get_step_owners(row.role)
		if waits_here:
			for owner in owners:
				self.assign_step(owner, actor)
			update_assigned_to(self.doctype, self.name)
		if owners:
			self.record_hand_over(row, actor, owners, sent_back)

	def handed_over_by(self, row) -> tuple[str, bool]:
		"""Who finished the step before `row` (the creator, for the first one), and whether
		they sent the document back."""
		index = self.step_log.index(row)
		before = self.step_log[index - 1] if index else None
		if before and before.actor:
			return before.actor, bool(before.reason)
		return self.owner, False

	def assign_step(self, owner: str, actor: str):
		"""What Frappe's assign_to.add does for one user, less its activity line."""
		# Each owner reads the task in their own language.
		description = escape_html(
			_("Step {0}: {1} (due {2})", lang=get_user_lang(owner)).format(
				self.current_step, self.current_activity, frappe.format(self.step_due, "Datetime")
			)
		)
		StepToDo(
			{
				"doctype": "ToDo",
				"allocated_to": owner,
				"reference_type": self.doctype,
				"reference_name": self.name,
				"description": description,
				"priority": "Medium",
				"status": "Open",
				"date": get_datetime(self.step_due).date(),
				"assigned_by": actor,
			}
		).insert(ignore_permissions=True)
		if not frappe.has_permission(doc=self, user=owner):
			frappe.share.add(self.doctype, self.name, owner)
		if frappe.get_cached_value("User", owner, "follow_assigned_documents"):
			follow_document(self.doctype, self.name, owner)
		notify_assignment(actor, owner, self.doctype, self.name, action="ASSIGN", description=description)

	def record_hand_over(self, row, actor: str, owners: list[str], sent_back: bool):
		"""One line on the activity for the whole hand-over, in the actor's words and language."""
		lang = get_user_lang(actor)
		if sent_back:
			message = _("sent the document back to step {0}: {1}, to {2}", lang=lang)
		else:
			message = _("handed step {0}: {1} over to {2}", lang=lang)
		sop, _plan = get_sop_flow(self.doctype)
		comment = frappe.get_doc(
			{
				"doctype": "Comment",
				"comment_type": "Info",
				"comment_email": actor,
				"comment_by": get_fullname(actor),
				"reference_doctype": self.doctype,
				"reference_name": self.name,
				"content": message.format(
					row.step_no,
					escape_html(sop.step(row.step_no).kegiatan),
					escape_html(", ".join(get_fullname(owner) for owner in owners)),
				),
			}
		).insert(ignore_permissions=True)
		if comment.owner != actor:  # a job run by someone else (the timeline names the owner)
			comment.db_set("owner", actor, update_modified=False)


class StepToDo(ToDo):
	"""A ToDo of an SOP step. The step's hand-over line on the document says who handed
	it to whom, so Frappe's own line per ToDo ("X assigned Y", "Assignment of Y removed
	by Z", credited to whoever ran the job) is not written, and the document's list of
	assignees (_assign) is written once per hand-over rather than once per ToDo."""

	def add_assign_comment(self, text: str, comment_type: str):
		pass

	def update_in_reference(self):
		pass


def refuse_changes_after_submit(doc, stored: dict):
	"""Frappe's BaseDocument._validate_update_after_submit, given the stored values (`as_dict()`
	of the stored record, whose keys are those Frappe goes through): a field not allowed on
	submit keeps its value; a table keeps its length (its rows are each checked)."""
	for key, stored_value in stored.items():
		df = doc.meta.get_field(key)
		if not df or df.allow_on_submit or not (doc.get(key) or stored_value):
			continue
		if df.fieldtype in table_fields:
			value, stored_value = len(doc.get(key)), len(stored_value)
		else:
			value = doc.get_value(key)
		if value != stored_value:
			frappe.throw(
				_("{0} Not allowed to change {1} after submission from {2} to {3}").format(
					f"Row #{doc.idx}:" if doc.get("parent") else "",
					frappe.bold(_(df.label, context=df.parent)),
					frappe.bold(stored_value),
					frappe.bold(value),
				),
				frappe.UpdateAfterSubmitError,
				title=_("Cannot Update After Submit"),
			)


def update_assigned_to(doctype: str, name: str):
	"""The document's _assign (list, sidebar, "Ditugaskan ke") from its open ToDos, as Frappe does."""
	ToDo({"doctype": "ToDo", "reference_type": doctype, "reference_name": name}).update_in_reference()


def sync_team_role(users: set[str]):
	"""Each user holds the Tim Kinerja role exactly while in the team of an active document.
	Read for the whole team at once: the step that ends a document asks it of every member."""
	users = sorted(users)
	if not users:
		return
	has_role, user_table = frappe.qb.DocType("Has Role"), frappe.qb.DocType("User")
	holding = set(
		frappe.qb.from_(has_role)
		.select(has_role.parent)
		.where(has_role.parent.isin(users) & (has_role.parenttype == "User") & (has_role.role == TEAM_ROLE))
		.run(pluck=True)
	)
	existing = set(
		frappe.qb.from_(user_table).select(user_table.name).where(user_table.name.isin(users)).run(pluck=True)
	)
	active = in_active_team(users)
	for user in users:
		if user not in existing or (user in holding) == (user in active):
			continue
		if user in holding:
			take_team_role(user)
		else:
			doc = frappe.get_doc("User", user)
			doc.flags.ignore_permissions = True
			doc.add_roles(TEAM_ROLE)


def take_team_role(user: str):
	"""The role's row goes and the user's cached roles with it, in this transaction.

	Not through a save of the User: that costs some 400 statements per member (the User's
	hooks, its Version, its metas) and would make the step that ends a document twenty times
	dearer than a plain transition. Nothing a User save checks depends on a role going (its
	user type stays; without the role there is nothing more it may do); a role given back goes
	through the User's save again, which sets the user type anew."""
	frappe.db.delete("Has Role", {"parent": user, "parenttype": "User", "role": TEAM_ROLE})
	frappe.clear_cache(user=user)


def in_active_team(users: list[str]) -> set[str]:
	"""Those of `users` in the team of a document still moving through its SOP (not finished,
	not cancelled)."""
	member = frappe.qb.DocType("Anggota Tim Kinerja")
	active = set()
	for doctype in (
		frappe.qb.from_(member)
		.select(member.parenttype)
		.distinct()
		.where(member.user.isin(users) & member.parenttype.isin(SOP_DOCUMENTS))
		.run(pluck=True)
	):
		document = frappe.qb.DocType(doctype)
		active.update(
			frappe.qb.from_(member)
			.join(document)
			.on(document.name == member.parent)
			.select(member.user)
			.distinct()
			.where(
				(member.parenttype == doctype)
				& member.user.isin(users)
				& (document.docstatus < 2)
				& (document.current_step > 0)
			)
			.run(pluck=True)
		)
	return active


def hand_over(doctype: str, name: str, step_row: str | None = None):
	"""A background job after the step's commit (SOPDocument.hand_over_step)."""
	frappe.get_doc(doctype, name).hand_over_step(step_row)


def requirement_label(key: str) -> str:
	labels = {
		"struktur_organisasi": _("organisation structure (an active Camat and Sekretaris in the Unit Kerja)"),
		"tim": _("the team, with its leader"),
		"data_sumber": _("the source data"),
		"draft": _("the draft"),
		"konsep": _("the typed concept"),
		"paraf": _("the Sekretaris' paraf"),
		"tanda_tangan": _("the Camat's signature"),
		"disposisi": _("the Camat's disposition"),
		"surat_masuk": _("the incoming letter and the Camat's disposition on it"),
		"bahan_evaluasi": _("DPA, Laporan Realisasi Anggaran, Realisasi Fisik and Dokumentasi Kegiatan"),
		"pelaksanaan": _("date, place and participants of the work with the team"),
		"hasil": _("the result"),
		"bukti_pengiriman": _(
			"proof of delivery: the outgoing letter sent and every recipient's receipt recorded"
		),
		"lkjip_lengkap": _(
			"the budget spent in every row of the Realisasi Anggaran and a target for every indicator of the Perjanjian Kinerja"
		),
	}
	return labels.get(key, key)
