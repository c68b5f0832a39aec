# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from kinerja_sop.domain.lkjip import AgreementRow, BudgetRow, LkjipGaps, lkjip_gaps
from kinerja_sop.entered import get_entered_rows
from kinerja_sop.kinerja.doctype.realisasi_program.realisasi_program import (
	EFFICIENCY_COLUMNS,
	compute_efficiency,
)
from kinerja_sop.kinerja.sop_document import SOPDocument

# What an analysis row takes from the Pengukuran's indicator row; the server keeps them.
MEASURED_COLUMNS = (
	"indikator_kinerja",
	"indikator",
	"satuan",
	"target",
	"realisasi",
	"capaian",
	"predikat",
	"capaian_tahun_lalu",
)


class LaporanKinerja(SOPDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.kinerja.doctype.analisis_capaian_indikator.analisis_capaian_indikator import (
			AnalisisCapaianIndikator,
		)
		from kinerja_sop.kinerja.doctype.anggota_tim_kinerja.anggota_tim_kinerja import AnggotaTimKinerja
		from kinerja_sop.kinerja.doctype.log_langkah_sop.log_langkah_sop import LogLangkahSOP
		from kinerja_sop.kinerja.doctype.realisasi_program.realisasi_program import RealisasiProgram

		amended_from: DF.Link | None
		analisis_indikator: DF.Table[AnalisisCapaianIndikator]
		bab_i_pendahuluan: DF.TextEditor | None
		bab_ii_perencanaan_kinerja: DF.TextEditor | None
		bab_iii_akuntabilitas_kinerja: DF.TextEditor | None
		bab_iv_penutup: DF.TextEditor | None
		current_activity: DF.SmallText | None
		current_inputs: DF.SmallText | None
		current_output: DF.SmallText | None
		current_role: DF.Data | None
		current_step: DF.Int
		current_time_standard: DF.Data | None
		disposisi: DF.SmallText | None
		ikhtisar_eksekutif: DF.TextEditor | None
		lampiran_data_sumber: DF.Attach | None
		lampiran_draft: DF.Attach | None
		lampiran_konsep: DF.Attach | None
		lampiran_laporan: DF.Attach | None
		nomor_surat: DF.Data | None
		paraf_at: DF.Datetime | None
		paraf_by: DF.Link | None
		pengukuran: DF.Link | None
		realisasi_anggaran: DF.Table[RealisasiProgram]
		renja: DF.Link | None
		return_reason: DF.SmallText | None
		signed_at: DF.Datetime | None
		signed_by: DF.Link | None
		status_pengiriman: DF.Data | None
		step_due: DF.Datetime | None
		step_log: DF.Table[LogLangkahSOP]
		step_started_at: DF.Datetime | None
		surat_keluar: DF.Link | None
		tahun: DF.Int
		team: DF.Table[AnggotaTimKinerja]
		title: DF.Data | None
		unit_kerja: DF.Link
		workflow_state: DF.Link | None
	# end: auto-generated types

	computed = (
		*SOPDocument.computed,
		*(f"analisis_indikator.{field}" for field in MEASURED_COLUMNS),
		*EFFICIENCY_COLUMNS("realisasi_anggaran"),
	)
	letter_classification = "000.8.6.3"
	source_fields = ("pengukuran",)
	draft_fields = ("bab_iii_akuntabilitas_kinerja",)
	typed_fields = (
		"ikhtisar_eksekutif",
		"bab_i_pendahuluan",
		"bab_ii_perencanaan_kinerja",
		"bab_iii_akuntabilitas_kinerja",
		"bab_iv_penutup",
	)

	def validate(self):
		self.validate_sources()
		self.assemble_indicator_analysis()
		self.take_programs_from_renja()
		compute_efficiency(self.realisasi_anggaran)
		super().validate()

	def validate_sources(self):
		"""The LKjIP reports on its own unit's year: its Pengukuran and Renja must be of the same."""
		if self.pengukuran and not self.renja:
			self.renja = frappe.db.get_value("Pengukuran Kinerja", self.pengukuran, "renja")
		for doctype, name in (("Pengukuran Kinerja", self.pengukuran), ("Renja", self.renja)):
			if not name:
				continue
			unit, year = frappe.db.get_value(doctype, name, ["unit_kerja", "tahun"])
			if (unit, year) != (self.unit_kerja, self.tahun):
				frappe.throw(
					_("{0} {1} is of {2} {3}, not of this report's {4} {5}.").format(
						_(doctype), name, unit, year, self.unit_kerja, self.tahun
					),
					title=_("Source Document"),
				)

	def assemble_indicator_analysis(self):
		"""One row per indicator of the Pengukuran, its figures taken from there;
		the analysis officials wrote for an indicator stays with it."""
		if not self.pengukuran:
			self.analisis_indikator = []
			return
		written = {row.indikator_kinerja or row.indikator: row.analisis for row in self.analisis_indikator}
		measured = get_entered_rows(
			"Indikator Pengukuran",
			filters={"parenttype": "Pengukuran Kinerja", "parent": self.pengukuran},
			fields=list(MEASURED_COLUMNS),
			order_by="idx",
		)
		self.analisis_indikator = []
		for row in measured:
			self.append(
				"analisis_indikator", {**row, "analisis": written.get(row.indikator_kinerja or row.indikator)}
			)

	def take_programs_from_renja(self):
		"""Start the budget table with the Renja's programs and their ceilings."""
		if self.realisasi_anggaran or not self.renja:
			return
		ceilings = {}
		for row in get_entered_rows(
			"Program Kegiatan Renja",
			filters={"parenttype": "Renja", "parent": self.renja},
			fields=["program", "pagu_indikatif"],
			order_by="idx",
		):
			ceilings[row.program] = ceilings.get(row.program, 0) + (row.pagu_indikatif or 0)
		for program, ceiling in ceilings.items():
			self.append("realisasi_anggaran", {"program": program, "pagu_anggaran": ceiling})

	# --- Kelengkapan of the paraf and the signature ----------------------------

	def has_lkjip_lengkap(self) -> bool:
		return self.table_gaps().complete

	def describe_missing(self, key: str) -> str:
		if key != "lkjip_lengkap":
			return super().describe_missing(key)
		return describe_table_gaps(self.table_gaps(), self.tahun)

	def table_gaps(self) -> LkjipGaps:
		"""What the budget table and the Perjanjian Kinerja still lack (None: not entered)."""
		budget = [BudgetRow(row.idx, row.program, row.realisasi_anggaran) for row in self.realisasi_anggaran]
		agreement = [
			AgreementRow(no, row.indikator, target)
			for no, (row, _master, target) in enumerate(agreed_targets(self), start=1)
		]
		return lkjip_gaps(budget, agreement)


def agreed_targets(doc) -> list[tuple]:
	"""The Perjanjian Kinerja of the report's year: each analysis row with a master
	indicator, the master, and the target the master sets for that year (None: none)."""
	rows = []
	for row in doc.get("analisis_indikator") or []:
		if row.indikator_kinerja:
			master = frappe.get_cached_doc("Indikator Kinerja", row.indikator_kinerja)
			rows.append((row, master, master.target_for(doc.tahun)))
	return rows


def describe_table_gaps(gaps: LkjipGaps, tahun: int) -> str:
	"""Which table is incomplete, and in which rows."""
	parts = []
	if gaps.budget_empty:
		parts.append(_("the Realisasi Anggaran table is empty: add each program with its budget spent"))
	elif gaps.budget_not_entered:
		parts.append(
			_("no budget spent entered in the Realisasi Anggaran table, row {0}").format(
				", ".join(f"{row.no} ({row.program})" for row in gaps.budget_not_entered)
			)
		)
	if gaps.agreement_empty:
		parts.append(
			_("the Perjanjian Kinerja has no indicator: choose the Pengukuran Kinerja this report covers")
		)
	elif gaps.agreement_without_target:
		parts.append(
			_("no {0} target in the Perjanjian Kinerja for {1} (set it on the indicator master)").format(
				tahun, ", ".join(row.indikator for row in gaps.agreement_without_target)
			)
		)
	return "; ".join(parts)
