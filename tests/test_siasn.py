from datetime import date
from pathlib import Path

import pytest

from kinerja_sop.domain.officials import PANGKAT_GOLONGAN
from kinerja_sop.domain.siasn import (
	GOLONGAN_BY_ID,
	PANGKAT_BY_GOLONGAN,
	SiasnFileError,
	clean,
	full_name,
	golongan_from,
	parse_csv,
	parse_date,
	parse_rows,
	split_acting,
	suggest_role,
)

DATA = Path(__file__).parent / "data" / "siasn"
HEADER = "pns_id,nip_baru,nama,gelar_depan,gelar_belakang,tanggal_lahir,jenis_kelamin,gol_akhir_id,gol_akhir_nama,tmt_golongan,jenis_jabatan_nama,jabatan_nama,tmt_jabatan,unor_id,unor_nama"


def test_cells_lose_the_apostrophe_and_null():
	assert clean("'197008171998031004") == "197008171998031004"
	assert clean(" 'A8ACA7 ") == "A8ACA7"
	assert clean("null") is None
	assert clean("NULL") is None
	assert clean("") is None
	assert clean(None) is None
	assert clean(41.0) == "41"  # a spreadsheet's number
	assert clean(date(1970, 8, 17)) == "17-08-1970"


def test_dates_are_day_month_year():
	assert parse_date("17-08-1970") == date(1970, 8, 17)
	assert parse_date("1-4-2019") == date(2019, 4, 1)
	assert parse_date("17/08/1970") == date(1970, 8, 17)
	assert parse_date("1970-08-17 00:00:00") == date(1970, 8, 17)  # an XLSX date cell
	assert parse_date(None) is None
	for bad in ("31-02-1986", "1970-8", "17 Agustus 1970", "08-17-1970"):
		with pytest.raises(ValueError):
			parse_date(bad)


def test_golongan_ids_follow_siasn_and_the_app_ladder():
	# 11 = I/a … 14 = I/d, 21 = II/a … 24 = II/d, 31 = III/a … 34 = III/d, 41 = IV/a … 45 = IV/e
	assert GOLONGAN_BY_ID["11"] == "I/a"
	assert GOLONGAN_BY_ID["14"] == "I/d"
	assert GOLONGAN_BY_ID["21"] == "II/a"
	assert GOLONGAN_BY_ID["24"] == "II/d"
	assert GOLONGAN_BY_ID["31"] == "III/a"
	assert GOLONGAN_BY_ID["34"] == "III/d"
	assert GOLONGAN_BY_ID["41"] == "IV/a"
	assert GOLONGAN_BY_ID["45"] == "IV/e"
	assert len(GOLONGAN_BY_ID) == 17 and "15" not in GOLONGAN_BY_ID and "25" not in GOLONGAN_BY_ID
	# every id lands on an option of Pejabat Unit Kerja's pangkat/golongan, in ladder order
	assert [PANGKAT_BY_GOLONGAN[g] for g in GOLONGAN_BY_ID.values()] == list(PANGKAT_GOLONGAN)
	assert PANGKAT_BY_GOLONGAN["III/a"] == "Penata Muda (III/a)"
	assert PANGKAT_BY_GOLONGAN["IV/e"] == "Pembina Utama (IV/e)"


def test_golongan_from_id_name_or_both():
	assert golongan_from("31", None) == "III/a"
	assert golongan_from(None, "III/a") == "III/a"
	assert golongan_from(None, "iv / B") == "IV/b"
	assert golongan_from(None, "Penata Tingkat I (III/d)") == "III/d"
	assert golongan_from("45", "IV/e") == "IV/e"
	assert golongan_from(None, None) is None
	with pytest.raises(ValueError, match="golongan_mismatch"):
		golongan_from("32", "II/d")
	for gol_id, name in (("46", None), ("15", None), (None, "V/a"), (None, "II/e")):
		with pytest.raises(ValueError):
			golongan_from(gol_id, name)


def test_full_name_with_titles():
	assert full_name("ASEP SAEPUDIN", "Drs. H.", "M.Si.") == "Drs. H. ASEP SAEPUDIN, M.Si."
	assert full_name("RINA  MARLINA", None, "S.Sos., M.AP.") == "RINA MARLINA, S.Sos., M.AP."
	assert full_name("IMAS MASRIAH", None, None) == "IMAS MASRIAH"
	assert full_name("BUDI", "dr.", ", Sp.PD") == "dr. BUDI, Sp.PD"


def test_acting_positions():
	assert split_acting("Plt. Kepala Subbagian Umum dan Kepegawaian") == (
		"Plt.",
		"Kepala Subbagian Umum dan Kepegawaian",
	)
	assert split_acting("PLH Sekretaris Kecamatan Cileunyi") == ("Plh.", "Sekretaris Kecamatan Cileunyi")
	assert split_acting("Pelaksana Tugas Camat Cileunyi") == ("Plt.", "Camat Cileunyi")
	assert split_acting("Pelaksana Harian Camat Cileunyi") == ("Plh.", "Camat Cileunyi")
	assert split_acting("Pengadministrasi Umum") == (None, "Pengadministrasi Umum")
	# "Pelaksana" alone is a job class, not an acting position
	assert split_acting("Pelaksana") == (None, "Pelaksana")


@pytest.mark.parametrize(
	"title, role",
	[
		("Camat Cileunyi", "Camat"),
		("Sekretaris Kecamatan Cileunyi", "Sekretaris"),
		("Kepala Subbagian Umum dan Kepegawaian", "Kasubag Umum"),
		("Kepala Sub Bagian Program, Evaluasi dan Pelaporan", "Kasubag Evapor"),
		("Kasubag Perencanaan dan Keuangan", "Kasubag Evapor"),
		("Kepala Seksi Pemerintahan", "Staf"),
		("Pengadministrasi Umum", "Staf"),
		("Analis Kebijakan Ahli Pertama", "Staf"),
	],
)
def test_suggested_role_from_position(title, role):
	assert suggest_role(title) == role


def test_the_sample_export_reads_cleanly():
	rows = parse_csv((DATA / "siasn_kecamatan_cileunyi.csv").read_bytes())
	assert [r.errors for r in rows if r.errors] == []
	assert len(rows) == 12
	camat = rows[0].official
	assert camat.line == 2
	assert camat.nip == "197008171998031004"
	assert camat.pns_id == "A8ACA73E7A1C3912E040640A040201"
	assert camat.full_name == "Drs. H. ASEP SAEPUDIN, M.Si."
	assert camat.pangkat_golongan == "Pembina (IV/a)"
	assert camat.tmt_golongan == date(2019, 4, 1)
	assert camat.suggested_role == "Camat"
	assert camat.unor_id == "8AE4828776B52D6C0176B6F2A5C2011A"
	plt = rows[2].official
	assert (plt.acting, plt.position_title, plt.suggested_role) == (
		"Plt.",
		"Kepala Subbagian Umum dan Kepegawaian",
		"Kasubag Umum",
	)
	staff = rows[7].official
	assert staff.full_name == "IMAS MASRIAH"  # gelar "null" on both sides
	assert staff.pangkat_golongan == "Pengatur (II/c)"
	assert staff.gender == "P"
	assert rows[6].official.tmt_jabatan is None  # "null"


def test_the_broken_export_names_each_error():
	rows = parse_csv((DATA / "siasn_kecamatan_cileunyi_rusak.csv").read_bytes())
	errors = {r.line: [(e.kind, e.column) for e in r.errors] for r in rows if r.errors}
	assert errors == {
		7: [("nip", "nip_baru")],
		8: [("date", "tanggal_lahir")],
		9: [("golongan", "gol_akhir_id")],
		10: [("golongan_mismatch", "gol_akhir_id")],
		11: [("birth_date_mismatch", "tanggal_lahir")],
		12: [("required", "nama")],
		14: [("nip_duplicate", "nip_baru")],
	}
	assert rows[0].official is not None  # the good rows still parse; the importer writes none of them


def test_semicolons_bom_and_blank_rows():
	text = "\ufeff" + HEADER.replace(",", ";") + "\n"
	text += "'X1;'197008171998031004;ASEP;null;null;17-08-1970;M;41;null;null;Struktural;Camat Cileunyi;null;'U1;Kecamatan Cileunyi\n"
	text += ";;;;;;;;;;;;;;\n"
	rows = parse_csv(text.encode())
	assert len(rows) == 1 and rows[0].errors == []
	assert rows[0].official.pangkat_golongan == "Pembina (IV/a)"


def test_a_file_without_the_needed_columns_is_refused():
	with pytest.raises(SiasnFileError) as error:
		parse_csv("nip,nama\n197008171998031004,ASEP\n")
	assert error.value.kind == "columns"
	assert "nip_baru" in error.value.detail
	with pytest.raises(SiasnFileError) as error:
		parse_rows([HEADER.split(",")])
	assert error.value.kind == "empty"
	header_without_golongan = [h for h in HEADER.split(",") if not h.startswith("gol_")]
	with pytest.raises(SiasnFileError, match="gol_akhir_id / gol_akhir_nama"):
		parse_rows([header_without_golongan])


def test_xlsx_cells_numbers_and_dates():
	"""openpyxl gives ints, floats and datetimes; they read as the CSV's text would."""
	from datetime import datetime

	header = HEADER.split(",")
	cells = dict.fromkeys(header)
	cells.update(
		nip_baru="197503122000032002",
		nama="RINA MARLINA",
		tanggal_lahir=datetime(1975, 3, 12),
		jenis_kelamin="F",
		gol_akhir_id=34.0,
		jabatan_nama="Sekretaris Kecamatan Cileunyi",
		unor_id="U1",
		unor_nama="Kecamatan  Cileunyi",
	)
	(row,) = parse_rows([header, [cells[h] for h in header]])
	assert row.errors == []
	assert row.official.pangkat_golongan == "Penata Tingkat I (III/d)"
	assert row.official.unor_nama == "Kecamatan Cileunyi"
	assert row.official.suggested_role == "Sekretaris"
