"""The shipped SOP catalogue against the seed, and the rules an SOP keeps."""

import json
from pathlib import Path

import pytest
from seed_parser import parse_seed

from kinerja_sop.domain.catalogue import (
	REQUIREMENT_KEYS,
	SOP_ROLES,
	TEAM_ROLE,
	canonical_content,
	content_hash,
	decide_sync,
	edited_since,
	load_catalogue,
	validate_steps,
)

CATALOGUE = load_catalogue()
SEED = parse_seed()
EXPECTED_STEPS = {
	"SOP Perencanaan Kinerja": ("Renja", 12),
	"SOP Pemantauan Kinerja": ("Pemantauan Kinerja", 9),
	"SOP Pengukuran Kinerja": ("Pengukuran Kinerja", 9),
	"SOP Pengumpulan Data Terkait IKU": ("Data IKU", 10),
	"SOP Pelaporan Kinerja": ("Laporan Kinerja", 9),
	"SOP Dokumen Evaluasi Kinerja": ("Evaluasi Kinerja", 12),
}


def test_six_sops_with_the_seeds_step_counts():
	assert {sop.name: (sop.document_type, len(sop.steps)) for sop in CATALOGUE} == EXPECTED_STEPS


@pytest.mark.parametrize("sop", CATALOGUE, ids=lambda sop: sop.code)
def test_every_text_is_the_seeds_word_for_word(sop):
	seed_rows = SEED[sop.name]
	assert len(seed_rows) == len(sop.steps)
	for step, row in zip(sop.steps, seed_rows, strict=True):
		for field in ("kegiatan", "kelengkapan", "waktu", "output", "keterangan"):
			assert getattr(step, field) == row[field], (sop.name, step.no, field)
		assert row["no"] in (str(step.no), "")


@pytest.mark.parametrize("sop", CATALOGUE, ids=lambda sop: sop.code)
def test_every_sop_is_valid(sop):
	assert validate_steps(sop.step_rows(), SOP_ROLES) == []


def test_incomplete_seed_rows_are_flagged():
	data_iku = next(s for s in CATALOGUE if s.code == "data_iku")
	assert SEED[data_iku.name][-1]["no"] == ""
	assert "Unnumbered" in data_iku.steps[-1].seed_note
	evaluasi = next(s for s in CATALOGUE if s.code == "evaluasi")
	cut = evaluasi.step(6)
	assert cut.kegiatan.endswith("diserahkan kepada")
	assert cut.on_disagree == 5 and cut.seed_note
	pengukuran = next(s for s in CATALOGUE if s.code == "pengukuran")
	assert "Kasubag Renvapor" in pengukuran.actor_columns and "Renvapor" in pengukuran.seed_note


def test_roles_follow_the_design_reading():
	renja = next(s for s in CATALOGUE if s.code == "perencanaan")
	assert [s.role for s in renja.steps] == [
		"Camat", "Sekretaris", TEAM_ROLE, "Kasubag Evapor", "Staf", "Kasubag Evapor",
		TEAM_ROLE, "Sekretaris", "Camat", "Camat", "Kasubag Umum", "Staf",
	]  # fmt: skip
	assert (renja.step(6).on_agree, renja.step(6).on_disagree) == (7, 5)
	assert (renja.step(7).on_agree, renja.step(7).on_disagree) == (8, 4)


@pytest.mark.parametrize("sop", CATALOGUE, ids=lambda sop: sop.code)
def test_check_steps_are_the_ones_the_seed_words_as_checks(sop):
	for step in sop.steps:
		assert step.is_check == ("Jika setuju" in step.kegiatan or "Jika Tidak" in step.kegiatan)
		if step.is_check:
			assert step.on_agree == step.no + 1
			assert step.on_disagree < step.no


def test_validation_names_each_problem():
	steps = [
		{"no": 1, "role": "Camat", "waktu": "20 menit"},
		{"no": 3, "role": "Bupati", "waktu": "sebentar", "on_agree": 9},
	]
	problems = validate_steps(steps, SOP_ROLES)
	assert [(p.kind, p.step, p.value) for p in problems] == [
		("step_numbering", None, "1, 3"),
		("unknown_role", 3, "Bupati"),
		("bad_time_standard", 3, "sebentar"),
		("check_target", 3, "9"),
	]
	assert [p.kind for p in validate_steps([], SOP_ROLES)] == ["no_steps"]


def test_hash_treats_frappe_empties_alike_and_sees_edits():
	sop = CATALOGUE[0]
	rows = sop.step_rows()
	as_stored = [
		{**row, "on_agree": row["on_agree"] or 0, "keterangan": row["keterangan"] or None} for row in rows
	]
	assert content_hash(sop.header(), as_stored) == sop.content_hash()
	edited = [dict(rows[0], waktu="25 menit"), *rows[1:]]
	assert content_hash(sop.header(), edited) != sop.content_hash()


def test_sync_policy():
	sop = CATALOGUE[0]
	shipped = sop.content()
	edited = canonical_content(
		sop.header(), [dict(sop.step_rows()[0], waktu="25 menit"), *sop.step_rows()[1:]]
	)
	assert decide_sync(None, None, shipped).action == "insert"
	assert decide_sync(shipped, shipped, shipped).action == "unchanged"
	assert decide_sync(edited, edited, shipped).action == "update"  # the app wrote "25 menit" before
	assert decide_sync(edited, shipped, shipped).action == "kept_edited"
	assert decide_sync(edited, shipped, CATALOGUE[1].content()).action == "kept_edited"
	assert decide_sync(edited, None, shipped).action == "kept_edited"  # made by hand


def test_a_field_added_later_is_not_an_edit():
	sop = CATALOGUE[0]
	older_snapshot = sop.content()
	for step in older_snapshot["steps"]:
		del step["requires"]  # as an older release wrote it
	current = canonical_content(sop.header(), [dict(row, requires=()) for row in sop.step_rows()])
	assert not edited_since(older_snapshot, current)
	assert decide_sync(current, older_snapshot, sop.content()).action == "update"
	current["steps"][2]["kegiatan"] = "Menyusun konsep"
	assert edited_since(older_snapshot, current)


def test_the_step_form_names_every_kelengkapan_check():
	"""The description administrators read on a step's Kelengkapan Checks lists every key there is."""
	path = Path(__file__).parent.parent / "kinerja_sop/kinerja/doctype/langkah_sop/langkah_sop.json"
	(field,) = [f for f in json.loads(path.read_text())["fields"] if f["fieldname"] == "requires"]
	listed = field["description"].split(": ", 1)[1].split(", ")
	assert listed == list(REQUIREMENT_KEYS)
