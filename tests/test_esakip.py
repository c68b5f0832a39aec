"""The e-SAKIP indicator sheet."""

from kinerja_sop.domain import esakip
from kinerja_sop.domain.esakip import Iku, Measured


def iku(**periods):
	return Iku(
		"IKU-1",
		"Partisipasi Musrenbang",
		"hadir ÷ penduduk",
		"Daftar hadir",
		"Kasubag Evapor",
		"%",
		"85",
		"higher",
		periods,
	)


def test_one_row_per_iku_with_each_quarter_and_the_final_figure():
	rows = esakip.sheet_rows(
		[
			iku(
				**{
					"Triwulan I": Measured(40.0, 47.06, "Sangat Kurang"),
					"Triwulan II": Measured(80.0, 94.12, "Sangat Baik"),
				}
			)
		]
	)
	assert rows[0] == list(esakip.HEADER)
	assert rows[1] == [
		1, "IKU-1", "Partisipasi Musrenbang", "hadir ÷ penduduk", "Daftar hadir", "Kasubag Evapor", "%", "85",
		40.0, 80.0, None, None, 80.0, 94.12, "Sangat Baik", "Tren positif",
	]  # fmt: skip


def test_the_full_year_measurement_is_final_when_there_is_one():
	periods = {
		"Triwulan IV": Measured(90.0, 105.0, "Sangat Baik"),
		"Tahunan": Measured(88.0, 103.0, "Sangat Baik"),
	}
	assert esakip.final_measurement(periods) == periods["Tahunan"]


def test_an_iku_not_measured_has_empty_cells_not_zeros():
	row = esakip.sheet_rows([iku()])[1]
	assert row[8:15] == [None] * 7
