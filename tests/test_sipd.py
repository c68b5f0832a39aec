"""SIPD-RI exports: codes, cell quirks, the sub-kegiatan list and the LRA roll-up."""

from decimal import Decimal
from pathlib import Path

import pytest

from kinerja_sop.domain import sipd
from kinerja_sop.domain.sipd import SipdError

DATA = Path(__file__).parent / "data"


def table(name):
	return sipd.read_table((DATA / name).read_bytes(), name)


# --- codes -------------------------------------------------------------------


@pytest.mark.parametrize(
	"written, normal",
	[
		("7.01.02.2.01.01", "7.01.02.2.01.0001"),
		("7.01.02.2.01.0001", "7.01.02.2.01.0001"),
		("'7.01.02.2.01.0001", "7.01.02.2.01.0001"),
		(" 7.1.2.2.1.1 ", "7.01.02.2.01.0001"),
		("7.01.01.2.06.09", "7.01.01.2.06.0009"),
		("7.01.02", "7.01.02"),
		("7.01.02.2.01", "7.01.02.2.01"),
		("7", "7"),
		("X.XX.01", "X.XX.01"),
	],
)
def test_codes_have_one_spelling(written, normal):
	assert sipd.normalise_code(written) == normal


@pytest.mark.parametrize(
	"bad", ["", "null", "7.01.02.2", "7.01.02.2.01.00001", "7.0a.02", "7.01.02.2.01.0001.5"]
)
def test_codes_that_are_not_nomenclature_are_refused(bad):
	with pytest.raises(SipdError):
		sipd.normalise_code(bad)


def test_hierarchy_of_a_sub_kegiatan_code():
	assert sipd.hierarchy("7.01.02.2.01.01") == [
		("urusan", "7"),
		("bidang", "7.01"),
		("program", "7.01.02"),
		("kegiatan", "7.01.02.2.01"),
		("sub_kegiatan", "7.01.02.2.01.0001"),
	]
	assert sipd.parent_code("7.01.02.2.01.0001") == "7.01.02.2.01"
	assert sipd.parent_code("7.01.02.2.01") == "7.01.02"
	assert sipd.parent_code("7") is None
	assert sipd.level_of("7.01.02") == "program"


def test_lra_codes_split_into_sub_kegiatan_and_account():
	assert sipd.split_lra_code("7.01.01.2.01.0001.5.1.02.01.01.0024") == (
		"7.01.01.2.01.0001",
		"5.1.02.01.01.0024",
	)
	assert sipd.split_lra_code("7.01.01.2.01.01.5.1.2.1.1.24") == ("7.01.01.2.01.0001", "5.1.02.01.01.0024")
	assert sipd.split_lra_code("5.1.02.01.01.0024", "7.01.01.2.01.01") == (
		"7.01.01.2.01.0001",
		"5.1.02.01.01.0024",
	)
	# headings: a sub-kegiatan row, account levels 1-5
	assert sipd.split_lra_code("7.01.01.2.01.0001") == (None, None)
	assert sipd.split_lra_code("7.01.01.2.01.0001.5.1") == ("7.01.01.2.01.0001", None)
	assert sipd.split_lra_code("5.1.02", "7.01.01.2.01.0001") == ("7.01.01.2.01.0001", None)
	assert sipd.split_lra_code("5.1.02.01.01.0024") == (None, "5.1.02.01.01.0024")


# --- cells ---------------------------------------------------------------------


@pytest.mark.parametrize(
	"written, amount",
	[
		("18.500.000", Decimal("18500000")),
		("18500000", Decimal("18500000")),
		("1.250.000,50", Decimal("1250000.50")),
		("1,250,000.50", Decimal("1250000.50")),
		("Rp 2.415.600.000", Decimal("2415600000")),
		("56,62", Decimal("56.62")),
		("0.5", Decimal("0.5")),
		("(1.000)", Decimal("-1000")),
		(12500000, Decimal("12500000")),
		(0.1, Decimal("0.1")),
	],
)
def test_amounts_as_sipd_writes_them(written, amount):
	assert sipd.parse_amount(written) == amount


@pytest.mark.parametrize("empty", [None, "", "  ", "null", "NULL", "-", "'"])
def test_nothing_written_is_none_not_zero(empty):
	assert sipd.parse_amount(empty) is None


def test_an_amount_in_words_is_an_error():
	with pytest.raises(SipdError) as raised:
		sipd.parse_amount("dua milyar", "pagu")
	assert raised.value.kind == "not_a_number"


def test_csv_with_bom_semicolons_and_a_title_above_the_header():
	rows = table("sipd_sub_kegiatan_2026.csv")
	found = sipd.records(rows, sipd.SUB_KEGIATAN_REQUIRED)
	first_line, first = found[0]
	assert first_line == 5  # three title lines and the header above it
	assert first["kode_sub_giat"] == "7.01.01.2.01.0001"
	assert first["kode_sbl"] == "529.529.797.3705.13480"


def test_a_file_without_the_columns_says_which_are_missing():
	with pytest.raises(SipdError) as raised:
		sipd.records([["kode", "nama"], ["1", "a"]], sipd.SUB_KEGIATAN_REQUIRED)
	assert raised.value.kind == "missing_columns"


def test_cp1252_csv_is_read():
	content = "kode_sub_giat,nama_sub_giat,pagu\n7.01.02.2.01.01,Pembinaan \u00abSiskamling\u00bb,1000\n"
	rows = sipd.read_csv(content.encode("cp1252"))
	assert rows[1][1] == "Pembinaan \u00abSiskamling\u00bb"


def test_xlsx_reads_like_csv(tmp_path):
	openpyxl = pytest.importorskip("openpyxl")
	workbook = openpyxl.Workbook()
	sheet = workbook.active
	for row in table("sipd_sub_kegiatan_2026.csv"):
		# a spreadsheet keeps numbers as numbers
		sheet.append([int(c) if c.isdigit() else c for c in row])
	path = tmp_path / "sub.xlsx"
	workbook.save(path)
	from_xlsx = sipd.parse_sub_kegiatan(sipd.read_table(path.read_bytes(), "sub.xlsx"))
	from_csv = sipd.parse_sub_kegiatan(table("sipd_sub_kegiatan_2026.csv"))
	assert from_xlsx.ok, from_xlsx.errors
	assert [(s.kode_sub_giat, s.pagu, s.indicators) for s in from_xlsx.items] == [
		(s.kode_sub_giat, s.pagu, s.indicators) for s in from_csv.items
	]


def test_other_files_are_refused():
	with pytest.raises(SipdError):
		sipd.read_table(b"%PDF", "dpa.pdf")


# --- sub-kegiatan --------------------------------------------------------------


def test_the_kecamatan_sub_kegiatan_list():
	parsed = sipd.parse_sub_kegiatan(table("sipd_sub_kegiatan_2026.csv"))
	assert parsed.ok, parsed.errors
	assert len(parsed.items) == 13
	codes = [s.kode_sub_giat for s in parsed.items]
	assert "7.01.01.2.01.0006" in codes  # written 7.01.01.2.01.06
	assert "7.01.01.2.06.0002" in codes  # written '7.01.01.2.06.0002
	first = parsed.items[0]
	assert first.pagu == Decimal("18500000") and first.pagu_n_depan == Decimal("20000000")
	assert first.kode_sbl == "529.529.797.3705.13480" and first.id_sub_giat == "13480"
	assert first.kode_program == "7.01.01" and first.kode_giat == "7.01.01.2.01"
	assert first.names["7.01.01"] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
	assert first.indicators == [
		sipd.Indicator("Keluaran", "Jumlah Dokumen Perencanaan Perangkat Daerah", Decimal(3), "Dokumen"),
		sipd.Indicator("Hasil", "Persentase dokumen perencanaan yang tepat waktu", Decimal(100), "%"),
	]
	# two rows of one sub-kegiatan: one record with both rows' indicators
	coordination = next(s for s in parsed.items if s.kode_sub_giat == "7.01.02.2.01.0001")
	assert len(coordination.lines) == 2
	assert [i.tolok_ukur for i in coordination.indicators] == [
		"Jumlah Laporan Hasil Koordinasi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan",
		"Persentase kehadiran peserta Musrenbang Kecamatan",
		"Jumlah Rapat Koordinasi Kecamatan",
	]
	# "null" outcome: no outcome indicator, not an empty one
	assert all(i.tolok_ukur for s in parsed.items for i in s.indicators)


def test_the_broken_list_names_every_bad_row_and_column():
	parsed = sipd.parse_sub_kegiatan(table("sipd_sub_kegiatan_2026_rusak.csv"))
	found = {(e.line, e.column) for e in parsed.errors}
	assert found == {
		(6, "kode_sub_giat"),
		(8, "pagu"),
		(11, "kode_giat"),
		(15, "pagu_n_depan"),
	}, parsed.errors


def test_the_same_sub_kegiatan_with_another_pagu_is_an_error():
	rows = [
		["kode_sub_giat", "nama_sub_giat", "pagu"],
		["7.01.02.2.01.01", "Koordinasi", "1000"],
		["7.01.02.2.01.0001", "Koordinasi", "2000"],
	]
	parsed = sipd.parse_sub_kegiatan(rows)
	assert [(e.line, e.column, e.kind) for e in parsed.errors] == [(3, "pagu", "duplicate")]


def test_a_missing_pagu_is_an_error_and_a_missing_next_year_pagu_is_not_zero():
	rows = [
		["kode_sub_giat", "nama_sub_giat", "pagu", "pagu_n_depan"],
		["7.01.02.2.01.01", "Koordinasi", "", "5"],
		["7.01.02.2.01.02", "Rapat", "1000", ""],
	]
	parsed = sipd.parse_sub_kegiatan(rows)
	assert [(e.line, e.column) for e in parsed.errors] == [(2, "pagu")]
	assert parsed.items[0].pagu_n_depan is None


# --- LRA -----------------------------------------------------------------------


def test_the_lra_keeps_account_lines_and_skips_headings():
	parsed = sipd.parse_lra(table("sipd_lra_2026_tw2.csv"))
	assert parsed.ok, parsed.errors
	assert len(parsed.items) == 28
	assert parsed.skipped == 26  # a sub-kegiatan heading and a BELANJA DAERAH row for each of 13
	first = parsed.items[0]
	assert (first.kode_sub_giat, first.kode_rekening) == ("7.01.01.2.01.0001", "5.1.02.01.01.0024")
	assert (first.anggaran, first.realisasi) == (Decimal(2500000), Decimal(1875000))


def test_lra_rolls_up_to_programs_and_kegiatan_by_code():
	lines = sipd.parse_lra(table("sipd_lra_2026_tw2.csv")).items
	programs = {t.code: t for t in sipd.rollup(lines, "program")}
	assert list(programs) == ["7.01.01", "7.01.02", "7.01.03", "7.01.04", "7.01.06"]
	support = programs["7.01.01"]
	# the pagu of the eight sub-kegiatan of program 7.01.01 in the DPA file
	subs = sipd.parse_sub_kegiatan(table("sipd_sub_kegiatan_2026.csv")).items
	assert support.anggaran == sum(s.pagu for s in subs if s.kode_program == "7.01.01")
	assert support.realisasi == sum(
		line.realisasi for line in lines if line.kode_sub_giat.startswith("7.01.01.")
	)
	assert programs["7.01.03"].serapan == Decimal(100)
	kegiatan = {t.code: t for t in sipd.rollup(lines, "kegiatan")}
	assert kegiatan["7.01.02.2.01"].anggaran == Decimal(65000000)
	assert sum(t.anggaran for t in kegiatan.values()) == sum(t.anggaran for t in programs.values())


def test_the_broken_lra_names_every_bad_line():
	parsed = sipd.parse_lra(table("sipd_lra_2026_tw2_rusak.csv"))
	kinds = sorted((e.column, e.kind) for e in parsed.errors)
	assert kinds == [
		("kode_rekening", "missing_code"),
		("nominal", "missing_value"),
		("presentase", "inconsistent"),
		("realisasi", "not_a_number"),
	], parsed.errors


def test_the_same_account_twice_under_one_sub_kegiatan_is_an_error():
	rows = [
		["kode_rekening", "nama_rekening", "nominal", "realisasi"],
		["7.01.02.2.01.0001.5.1.02.01.01.0052", "Makan minum", "100", "50"],
		["7.01.02.2.01.01.5.1.02.01.01.0052", "Makan minum", "100", "50"],
	]
	parsed = sipd.parse_lra(rows)
	assert [(e.line, e.kind) for e in parsed.errors] == [(3, "duplicate")]


def test_rollup_level_is_checked():
	with pytest.raises(SipdError):
		sipd.rollup([], "urusan")


# --- upsert plan ---------------------------------------------------------------


def test_plan_tells_new_changed_and_unchanged_apart():
	existing = {"a": {"pagu": 1000.0, "nama": "A"}, "b": {"pagu": 2000.0, "nama": "B"}}
	incoming = {
		"a": {"pagu": Decimal("1000.00"), "nama": "A"},
		"b": {"pagu": Decimal("2500"), "nama": "B"},
		"c": {"pagu": Decimal(1), "nama": "C"},
	}
	plan = sipd.plan_upsert(existing, incoming)
	assert (plan.new, plan.changed, plan.unchanged) == (["c"], ["b"], ["a"])


def test_empty_and_none_are_the_same_text_but_zero_is_not_none_for_lists():
	plan = sipd.plan_upsert({"a": {"kode_sbl": "", "ind": []}}, {"a": {"kode_sbl": None, "ind": []}})
	assert plan.unchanged == ["a"]


def test_nested_set_numbers_a_tree_as_frappe_does():
	tree = {
		"7": None,
		"7.01": "7",
		"7.01.02": "7.01",
		"7.01.01": "7.01",
		"7.01.01.2.01": "7.01.01",
	}
	assert sipd.nested_set(tree) == {
		"7": (1, 10),
		"7.01": (2, 9),
		"7.01.01": (3, 6),
		"7.01.01.2.01": (4, 5),
		"7.01.02": (7, 8),
	}


def test_nested_set_refuses_a_cycle():
	with pytest.raises(SipdError):
		sipd.nested_set({"a": "b", "b": "a"})


def test_row_errors_carry_the_value_as_written():
	parsed = sipd.parse_sub_kegiatan(table("sipd_sub_kegiatan_2026_rusak.csv"))
	values = {e.column: e.value for e in parsed.errors}
	assert values == {
		"kode_sub_giat": "7.01.01.2.1",
		"pagu": "dua milyar",
		"kode_giat": "7.01.02.2.01",
		"pagu_n_depan": "-5000000",
	}
