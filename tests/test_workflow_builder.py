"""Pure tier: the workflow each SOP builds, and the rules Frappe will hold it to."""

import pytest

from kinerja_sop.domain.catalogue import TEAM_ROLE, load_catalogue, sop_from_dict
from kinerja_sop.domain.workflow_builder import (
	ACTIONS,
	FINAL_STATE,
	build_workflow,
	plan_problems,
	queue_kind,
	state_name,
	step_kind,
)

CATALOGUE = load_catalogue()
PLANS = {sop.code: build_workflow(sop) for sop in CATALOGUE}


@pytest.mark.parametrize("sop", CATALOGUE, ids=lambda sop: sop.code)
def test_every_plan_is_usable(sop):
	plan = PLANS[sop.code]
	assert plan_problems(plan) == []
	assert plan.document_type == sop.document_type
	assert len(plan.states) == len(sop.steps) + 1
	assert plan.states[-1].name == FINAL_STATE


@pytest.mark.parametrize("sop", CATALOGUE, ids=lambda sop: sop.code)
def test_every_step_is_a_state_owned_by_its_role(sop):
	plan = PLANS[sop.code]
	for step in sop.steps:
		state = plan.state_of_step(step.no)
		assert next(s.role for s in plan.states if s.name == state) == step.role
		assert {t.role for t in plan.transitions_from(state)} == {step.role}


@pytest.mark.parametrize("sop", CATALOGUE, ids=lambda sop: sop.code)
def test_check_steps_go_forward_or_back_to_the_named_actor(sop):
	plan = PLANS[sop.code]
	for step in sop.steps:
		if not step.is_check:
			continue
		moves = {t.action: t for t in plan.transitions_from(plan.state_of_step(step.no))}
		assert set(moves) == {ACTIONS["agree"], ACTIONS["disagree"]}
		assert moves[ACTIONS["agree"]].next_state == plan.state_of_step(step.on_agree)
		assert moves[ACTIONS["disagree"]].next_state == plan.state_of_step(step.on_disagree)
		assert not moves[ACTIONS["disagree"]].allow_self_approval


EXPECTED = {
	# code: (paraf step, sign step, first submitted step)
	"perencanaan": (8, 9, 10),
	"pemantauan": (None, None, None),
	"pengukuran": (None, None, None),
	"data_iku": (6, 7, 8),
	"pelaporan": (6, 7, 8),
	"evaluasi": (8, 9, 10),
}


@pytest.mark.parametrize("code", EXPECTED)
def test_paraf_and_signature_are_explicit_and_signing_submits(code):
	sop = next(s for s in CATALOGUE if s.code == code)
	plan = PLANS[code]
	paraf, sign, first_submitted = EXPECTED[code]
	assert [s.no for s in sop.steps if step_kind(s) == "paraf"] == ([paraf] if paraf else [])
	assert plan.sign_step == sign
	status = {s.step_no: s.doc_status for s in plan.states}
	assert status[None] == 1
	if sign:
		assert all(status[n] == 0 for n in range(1, sign + 1))
		assert all(status[n] == 1 for n in range(first_submitted, len(sop.steps) + 1))
		(signing,) = plan.transitions_from(plan.state_of_step(sign))
		assert (signing.action, signing.kind) == (ACTIONS["sign"], "sign")
	else:  # no signature: the last step's action submits
		assert all(status[s.no] == 0 for s in sop.steps)
		(last,) = plan.transitions_from(plan.state_of_step(len(sop.steps)))
		assert (last.next_state, last.action) == (FINAL_STATE, ACTIONS["finish"])


def test_team_steps_are_owned_by_the_team_role():
	plan = PLANS["perencanaan"]
	assert [s.step_no for s in plan.states if s.role == TEAM_ROLE] == [3, 7]


def test_state_names_are_numbered_short_and_unique():
	for plan in PLANS.values():
		names = [s.name for s in plan.states]
		assert len(set(names)) == len(names)
		assert all(len(name) <= 70 for name in names)
	renja = next(s for s in CATALOGUE if s.code == "perencanaan")
	assert state_name(renja.step(6)) == "6. Memeriksa hasil ketikan konsep rencana kinerja"
	assert state_name(renja.step(12)) == "12. Menggandakan, mengagenda serta pendistribusian"


def test_sign_is_read_from_every_spelling_in_the_seed():
	texts = {s.kegiatan for sop in CATALOGUE for s in sop.steps if step_kind(s) == "sign"}
	assert texts == {
		"Memberi tanda tangan",
		"Menanda tangani laporan kinerja",
		"Menandatangani Dokumen Evaluasi Kinerja",
	}


def _sop(steps):
	return sop_from_dict(
		{"name": "SOP Uji", "code": "uji", "title": "", "document_type": "Renja", "steps": steps}
	)


def test_problems_are_found():
	# A check that sends a submitted document back to draft, and an unreachable step.
	broken = _sop(
		[
			{"no": 1, "kegiatan": "Memberi tanda tangan", "role": "Camat", "waktu": "1 hari"},
			{
				"no": 2,
				"kegiatan": "Memeriksa",
				"role": "Staf",
				"waktu": "1 hari",
				"on_agree": 3,
				"on_disagree": 1,
			},
			{"no": 3, "kegiatan": "Mengirim", "role": "Staf", "waktu": "1 hari"},
		]
	)
	problems = plan_problems(build_workflow(broken))
	assert any("cannot return to draft" in p for p in problems)

	loop = _sop(
		[
			{"no": 1, "kegiatan": "Mulai", "role": "Camat", "waktu": "1 hari"},
			{
				"no": 2,
				"kegiatan": "Memeriksa",
				"role": "Staf",
				"waktu": "1 hari",
				"on_agree": 1,
				"on_disagree": 1,
			},
			{"no": 3, "kegiatan": "Tak tercapai", "role": "Staf", "waktu": "1 hari"},
		]
	)
	problems = plan_problems(build_workflow(loop))
	assert "3. Tak tercapai: unreachable" in problems
	assert any("cannot reach Selesai" in p for p in problems)


def test_unknown_states_and_steps_are_named_errors():
	from kinerja_sop.domain.catalogue import UnknownStepError
	from kinerja_sop.domain.workflow_builder import UnknownStateError

	sop = load_catalogue()[0]
	plan = build_workflow(sop)
	with pytest.raises(UnknownStateError):
		plan.step_of_state("Diterima Semua")
	with pytest.raises(UnknownStateError):
		plan.state_of_step(999)
	with pytest.raises(UnknownStepError):
		sop.step(999)
	assert plan.has_state(plan.first_state) and not plan.has_state("Caturday")


def test_each_step_stands_in_one_queue():
	by_kind = {}
	for sop in CATALOGUE:
		for step in sop.steps:
			by_kind.setdefault(queue_kind(step), set()).add((sop.document_type, step.no))
	assert set(by_kind) == {"do", "check", "paraf", "sign", "send"}
	# Waiting for the letter's receipts is the mail office's "to send", whatever the wording.
	assert by_kind["send"] == {
		(sop.document_type, step.no)
		for sop in CATALOGUE
		for step in sop.steps
		if "bukti_pengiriman" in step.requires
	}
	lkjip = next(sop for sop in CATALOGUE if sop.document_type == "Laporan Kinerja")
	assert [queue_kind(step) for step in lkjip.steps] == [
		"do", "do", "do", "check", "check", "paraf", "sign", "do", "send",
	]  # fmt: skip
	for sop in CATALOGUE:
		for step in sop.steps:
			if "bukti_pengiriman" not in step.requires:
				assert queue_kind(step) == step_kind(step)
