# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kinerja_sop.domain.kpi import KpiError, program_efficiency, round_half_up
from kinerja_sop.kinerja.kpi_errors import kpi_error_reason


class RealisasiProgram(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		capaian_kinerja: DF.Percent
		indeks_efisiensi: DF.Float
		kategori_efisiensi: DF.Data | None
		keterangan: DF.SmallText | None
		pagu_anggaran: DF.Currency
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		program: DF.Data
		realisasi_anggaran: DF.Currency
		realisasi_fisik: DF.Percent
		serapan_anggaran: DF.Percent
	# end: auto-generated types

	pass


def compute_efficiency(rows) -> None:
	"""Budget absorption and efficiency of each program that has spent something;
	the rest stay blank until the budget realisation is known."""
	for row in rows:
		row.serapan_anggaran = row.indeks_efisiensi = row.kategori_efisiensi = None
		if not row.realisasi_anggaran:
			continue
		try:
			result = program_efficiency(row.pagu_anggaran, row.realisasi_anggaran, row.capaian_kinerja or 0)
		except KpiError as error:
			frappe.throw(
				_("Program row {0} ({1}): the efficiency cannot be computed ({2}).").format(
					row.idx, row.program, kpi_error_reason(error)
				),
				title=_("Program Efficiency"),
			)
		row.serapan_anggaran = float(round_half_up(result.absorption))
		row.indeks_efisiensi = float(round_half_up(result.index))
		row.kategori_efisiensi = _("Efficient") if result.efficient else _("Not Efficient")
