"""Building a Frappe Workflow from an SOP: states, transitions and who owns them.

Each SOP step is the state "waiting for step N"; acting on it moves the
document on. A check step (Jika setuju ... Jika tidak ...) has two actions,
forward and back to the named actor; the Sekretaris' paraf and the Camat's
signature are actions of their own, and signing submits the document. Steps
after the signature (disposition, registration, distribution) run on the
submitted document. The plan is plain data: the Frappe layer writes it into a
Workflow record, and the static tier checks it without Frappe.
"""

import re
from dataclasses import dataclass

from kinerja_sop.domain.catalogue import Sop, SopStep

FINAL_STATE = "Selesai"
ACTIONS = {
	"do": "Teruskan",
	"finish": "Selesaikan",
	"agree": "Setuju",
	"disagree": "Tidak Setuju",
	"paraf": "Paraf",
	"sign": "Tanda Tangani",
}
STATE_STYLE = {"do": "Primary", "check": "Warning", "paraf": "Info", "sign": "Success", "final": "Success"}
MAX_STATE_LABEL = 60
SIGN_PATTERN = re.compile(r"(?:tanda|menanda) ?tangan", re.IGNORECASE)
PARAF_PATTERN = re.compile(r"\bparaf\b", re.IGNORECASE)


def step_kind(step: SopStep) -> str:
	"""check, sign, paraf or do, read from the step's branches and wording."""
	if step.is_check:
		return "check"
	if SIGN_PATTERN.search(step.kegiatan):
		return "sign"
	if PARAF_PATTERN.search(step.kegiatan):
		return "paraf"
	return "do"


def queue_kind(step: SopStep) -> str:
	"""The queue a step waiting for its owner stands in (SRIKANDI's: to check, to paraf,
	to sign, to send): a step that waits for the letter's delivery is "send", any other
	its step_kind (check, sign, paraf or do)."""
	return "send" if "bukti_pengiriman" in step.requires else step_kind(step)


def state_name(step: SopStep) -> str:
	"""'3. Menyusun konsep rencana kinerja': the number and the activity's first clause."""
	clause = re.split(r"\.|,\s*jika", step.kegiatan, maxsplit=1, flags=re.IGNORECASE)[0].strip()
	if len(clause) > MAX_STATE_LABEL:
		clause = clause[:MAX_STATE_LABEL].rsplit(" ", 1)[0] + "…"
	return f"{step.no}. {clause}"


class UnknownStateError(ValueError):
	"""A state name the workflow does not have (another workflow's, or made up)."""


@dataclass(frozen=True)
class StatePlan:
	name: str
	step_no: int | None  # None for the final state
	doc_status: int
	role: str | None  # who may edit the document in this state
	style: str


@dataclass(frozen=True)
class TransitionPlan:
	state: str
	action: str
	next_state: str
	role: str
	kind: str  # do | finish | agree | disagree | paraf | sign
	allow_self_approval: bool

	@property
	def is_rejection(self) -> bool:
		return self.kind == "disagree"


@dataclass(frozen=True)
class WorkflowPlan:
	name: str
	document_type: str
	states: tuple[StatePlan, ...]
	transitions: tuple[TransitionPlan, ...]
	sign_step: int | None

	def state_of_step(self, no: int | None) -> str:
		for state in self.states:
			if state.step_no == no:
				return state.name
		raise UnknownStateError(f"no state for step {no}")

	def has_state(self, name) -> bool:
		return any(state.name == name for state in self.states)

	def step_of_state(self, name: str) -> int | None:
		for state in self.states:
			if state.name == name:
				return state.step_no
		raise UnknownStateError(f"{name!r} is not a state of this workflow")

	def transitions_from(self, state: str) -> list[TransitionPlan]:
		return [t for t in self.transitions if t.state == state]

	def transition(self, state: str, next_state: str) -> TransitionPlan | None:
		return next((t for t in self.transitions_from(state) if t.next_state == next_state), None)

	@property
	def first_state(self) -> str:
		return self.states[0].name


def workflow_name(sop: Sop) -> str:
	return f"Alur {sop.name}"


def build_workflow(sop: Sop) -> WorkflowPlan:
	steps = sorted(sop.steps, key=lambda s: s.no)
	sign_step = next((s.no for s in steps if step_kind(s) == "sign"), None)
	# Without a signature the document is final when its last step is done.
	submit_after = sign_step if sign_step is not None else steps[-1].no

	states = [
		StatePlan(state_name(s), s.no, 1 if s.no > submit_after else 0, s.role, STATE_STYLE[step_kind(s)])
		for s in steps
	]
	states.append(StatePlan(FINAL_STATE, None, 1, None, STATE_STYLE["final"]))
	by_no = {s.step_no: s for s in states}

	transitions = []
	for index, step in enumerate(steps):
		here = by_no[step.no].name
		kind = step_kind(step)
		if kind == "check":
			transitions += [
				TransitionPlan(here, ACTIONS["agree"], by_no[step.on_agree].name, step.role, "agree", False),
				TransitionPlan(
					here, ACTIONS["disagree"], by_no[step.on_disagree].name, step.role, "disagree", False
				),
			]
			continue
		is_last = index == len(steps) - 1
		next_state = FINAL_STATE if is_last else by_no[steps[index + 1].no].name
		action_kind = kind if kind in ("sign", "paraf") else ("finish" if is_last else "do")
		transitions.append(
			TransitionPlan(here, ACTIONS[action_kind], next_state, step.role, action_kind, True)
		)

	return WorkflowPlan(workflow_name(sop), sop.document_type, tuple(states), tuple(transitions), sign_step)


def plan_problems(plan: WorkflowPlan) -> list[str]:
	"""What would make the plan unusable: unreachable or dead-end states, ownerless
	states, or a move Frappe refuses (a submitted document going back to draft)."""
	problems = []
	names = [s.name for s in plan.states]
	if len(set(names)) != len(names):
		problems.append("duplicate state names")
	status = {s.name: s.doc_status for s in plan.states}
	for state in plan.states:
		if state.step_no is not None and not state.role:
			problems.append(f"{state.name}: no owner")
		if state.step_no is not None and not plan.transitions_from(state.name):
			problems.append(f"{state.name}: no way out")
	for t in plan.transitions:
		if t.next_state not in status:
			problems.append(f"{t.state} -> {t.next_state}: unknown state")
		elif status[t.next_state] < status[t.state]:
			problems.append(f"{t.state} -> {t.next_state}: a submitted document cannot return to draft")
	reachable = _reachable(plan, plan.first_state)
	problems += [f"{name}: unreachable" for name in names if name not in reachable]
	problems += [
		f"{name}: cannot reach {FINAL_STATE}" for name in names if FINAL_STATE not in _reachable(plan, name)
	]
	return problems


def _reachable(plan: WorkflowPlan, start: str) -> set[str]:
	seen, todo = {start}, [start]
	while todo:
		for t in plan.transitions_from(todo.pop()):
			if t.next_state not in seen:
				seen.add(t.next_state)
				todo.append(t.next_state)
	return seen
