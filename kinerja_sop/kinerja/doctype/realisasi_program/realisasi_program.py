# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from kinerja_sop.domain.kpi import KpiError, budget_absorption, efficiency, round_half_up
from kinerja_sop.entered import EnteredValues
from kinerja_sop.kinerja.kpi_errors import kpi_error_reason
from kinerja_sop.permissions import UnitChildDocument


class RealisasiProgram(EnteredValues, UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		capaian_kinerja: DF.Percent
		capaian_kinerja_diisi: DF.Check
		indeks_efisiensi: DF.Float
		indeks_efisiensi_diisi: DF.Check
		kategori_efisiensi: DF.Data | None
		keterangan: DF.SmallText | None
		kode_nomenklatur: DF.Link | None
		pagu_anggaran: DF.Currency
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		program: DF.Data
		realisasi_anggaran: DF.Currency
		realisasi_anggaran_diisi: DF.Check
		realisasi_fisik: DF.Percent
		realisasi_fisik_diisi: DF.Check
		serapan_anggaran: DF.Percent
		serapan_anggaran_diisi: DF.Check
		sumber_anggaran: DF.Data | None
	# end: auto-generated types

	pass


def EFFICIENCY_COLUMNS(table: str) -> tuple[str, ...]:  # noqa: N802 - reads as the constant it names
	"""The columns compute_efficiency writes, in the table `table` of a document."""
	return tuple(
		f"{table}.{field}" for field in ("serapan_anggaran", "indeks_efisiensi", "kategori_efisiensi")
	)


def compute_efficiency(rows) -> None:
	"""Budget absorption of each program whose spending was entered (0 spent is 0 %),
	and its efficiency once its performance achievement is entered too; what is not
	entered stays blank, never 0."""
	for row in rows:
		row.serapan_anggaran = row.indeks_efisiensi = row.kategori_efisiensi = None
		try:
			absorption = budget_absorption(row.pagu_anggaran, row.realisasi_anggaran)
			result = efficiency(row.pagu_anggaran, row.realisasi_anggaran, row.capaian_kinerja)
		except KpiError as error:
			frappe.throw(
				_("Program row {0} ({1}): the efficiency cannot be computed ({2}).").format(
					row.idx, row.program, kpi_error_reason(error)
				),
				title=_("Program Efficiency"),
			)
		if absorption is not None:
			row.serapan_anggaran = float(round_half_up(absorption))
		if result is not None:
			row.indeks_efisiensi = float(round_half_up(result.index))
			row.kategori_efisiensi = _("Efficient") if result.efficient else _("Not Efficient")
