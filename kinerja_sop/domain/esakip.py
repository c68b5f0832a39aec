"""The e-SAKIP indicator sheet, without Frappe: one row per IKU with its
target, the realisation of each quarter, the final realisation, capaian and
predikat, in the columns regional SAKIP tools collect (wp-eval-sakip keeps
`label_indikator, formulasi, sumber_data, penanggung_jawab`, `target_1..4`,
`realisasi_tw_1..4`, `realisasi_akhir`, and the achievement rule
`rumus_capaian_kinerja`)."""

from dataclasses import dataclass, field

QUARTERS = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")
FULL_YEAR = "Tahunan"
HEADER = (
	"No",
	"Kode",
	"Indikator Kinerja Utama",
	"Formulasi",
	"Sumber Data",
	"Penanggung Jawab",
	"Satuan",
	"Target",
	"Realisasi TW I",
	"Realisasi TW II",
	"Realisasi TW III",
	"Realisasi TW IV",
	"Realisasi Akhir",
	"Capaian (%)",
	"Predikat",
	"Rumus Capaian",
)
# How the achievement is computed, in the words of the SAKIP sheets.
ACHIEVEMENT_RULES = {"higher": "Tren positif", "lower": "Tren negatif", "range": "Rentang target"}


@dataclass(frozen=True)
class Measured:
	"""One indicator's row of a signed Pengukuran Kinerja."""

	realisasi: float | None
	capaian: float | None
	predikat: str | None


@dataclass
class Iku:
	kode: str
	indikator: str
	formulasi: str
	sumber_data: str
	penanggung_jawab: str
	satuan: str
	target: str  # as printed: "85", "1 – 3", "" when the year has none
	polaritas: str  # higher | lower | range
	periods: dict[str, Measured] = field(default_factory=dict)


def final_measurement(periods: dict[str, Measured]) -> Measured | None:
	"""The year's final figure: the full-year measurement when there is one,
	else the latest quarter measured."""
	if FULL_YEAR in periods:
		return periods[FULL_YEAR]
	for quarter in reversed(QUARTERS):
		if quarter in periods:
			return periods[quarter]
	return None


def sheet_rows(ikus: list[Iku]) -> list[list]:
	"""The sheet: the header, then one row per IKU. A quarter not measured stays
	empty: not measured is not zero."""
	rows = [list(HEADER)]
	for number, iku in enumerate(ikus, start=1):
		final = final_measurement(iku.periods)
		rows.append(
			[
				number,
				iku.kode,
				iku.indikator,
				iku.formulasi,
				iku.sumber_data,
				iku.penanggung_jawab,
				iku.satuan,
				iku.target,
				*(iku.periods[q].realisasi if q in iku.periods else None for q in QUARTERS),
				final.realisasi if final else None,
				final.capaian if final else None,
				(final.predikat or None) if final else None,
				ACHIEVEMENT_RULES.get(iku.polaritas, ""),
			]
		)
	return rows
