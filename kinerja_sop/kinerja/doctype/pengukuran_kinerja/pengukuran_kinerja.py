# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from kinerja_sop.domain.kpi import (
	KpiError,
	TargetRange,
	aggregate_realisation,
	grade,
	is_entered,
	overall_score,
	points_change,
	round_half_up,
)
from kinerja_sop.entered import get_entered_rows
from kinerja_sop.integrity import checked_arguments
from kinerja_sop.kinerja.doctype.indikator_kinerja.indikator_kinerja import POLARITY
from kinerja_sop.kinerja.kpi_errors import kpi_error_reason
from kinerja_sop.kinerja.sop_document import SOPDocument


class PengukuranKinerja(SOPDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.kinerja.doctype.anggota_tim_kinerja.anggota_tim_kinerja import AnggotaTimKinerja
		from kinerja_sop.kinerja.doctype.indikator_pengukuran.indikator_pengukuran import IndikatorPengukuran
		from kinerja_sop.kinerja.doctype.log_langkah_sop.log_langkah_sop import LogLangkahSOP

		amended_from: DF.Link | None
		capaian_keseluruhan: DF.Float
		capaian_keseluruhan_diisi: DF.Check
		capaian_keseluruhan_tahun_lalu: DF.Float
		capaian_keseluruhan_tahun_lalu_diisi: DF.Check
		current_activity: DF.SmallText | None
		current_inputs: DF.SmallText | None
		current_output: DF.SmallText | None
		current_role: DF.Data | None
		current_step: DF.Int
		current_time_standard: DF.Data | None
		disposisi: DF.SmallText | None
		hasil_pelaksanaan: DF.TextEditor | None
		indikator: DF.Table[IndikatorPengukuran]
		lampiran_data_sumber: DF.Attach | None
		lampiran_draft: DF.Attach | None
		lampiran_konsep: DF.Attach | None
		paraf_at: DF.Datetime | None
		paraf_by: DF.Link | None
		periode: DF.Literal[
			"Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Semester I", "Semester II", "Tahunan"
		]
		perubahan_keseluruhan: DF.Float
		perubahan_keseluruhan_diisi: DF.Check
		peserta: DF.SmallText | None
		predikat_keseluruhan: DF.Data | None
		renja: DF.Link | None
		return_reason: DF.SmallText | None
		ringkasan: DF.TextEditor | None
		signed_at: DF.Datetime | None
		signed_by: DF.Link | None
		step_due: DF.Datetime | None
		step_log: DF.Table[LogLangkahSOP]
		step_started_at: DF.Datetime | None
		tahun: DF.Int
		tanggal_pelaksanaan: DF.Date | None
		team: DF.Table[AnggotaTimKinerja]
		tempat_pelaksanaan: DF.Data | None
		title: DF.Data | None
		unit_kerja: DF.Link
		workflow_state: DF.Link | None
	# end: auto-generated types

	computed = (
		*SOPDocument.computed,
		"capaian_keseluruhan",
		"predikat_keseluruhan",
		"capaian_keseluruhan_tahun_lalu",
		"perubahan_keseluruhan",
		*(
			f"indikator.{field}"
			for field in ("capaian", "predikat", "capaian_tahun_lalu", "perubahan_capaian")
		),
	)
	draft_fields = ("ringkasan",)
	source_fields = ("indikator",)
	typed_fields = ("ringkasan", "indikator")

	def validate(self):
		self.take_agreed_targets()
		self.compute_achievements()
		self.compare_with_last_year()
		super().validate()

	def fill_realisation_from_data_iku(self) -> int:
		"""Realisation of each linked indicator from the values the period's signed
		Data IKU recorded for it (added up for counts, averaged otherwise)."""
		sources = frappe.get_all(
			"Data IKU",
			filters={
				"unit_kerja": self.unit_kerja,
				"tahun": self.tahun,
				"periode": self.periode,
				"docstatus": 1,
			},
			pluck="name",
		)
		if not sources:
			frappe.throw(
				_("No signed Data IKU of {0} {1} {2} to take the realisation from.").format(
					self.unit_kerja, self.periode, self.tahun
				)
			)
		recorded = [
			r
			for r in get_entered_rows(
				"Data Kinerja IKU",
				filters={"parenttype": "Data IKU", "parent": ("in", sources)},
				fields=["indikator", "nilai", "parent"],
			)
			if is_entered(r.nilai)  # a value left empty in the Data IKU is not a 0 to add or average
		]
		filled = 0
		for row in self.indikator:
			if not row.indikator_kinerja:
				continue
			values = [r.nilai for r in recorded if r.indikator in (row.indikator_kinerja, row.indikator)]
			if not values:
				continue
			formula = frappe.get_cached_value("Indikator Kinerja", row.indikator_kinerja, "formula_type")
			row.realisasi = float(aggregate_realisation(formula, values))
			row.keterangan = _("From Data IKU: {0}").format(
				", ".join(
					sorted(
						{r.parent for r in recorded if r.indikator in (row.indikator_kinerja, row.indikator)}
					)
				)
			)
			filled += 1
		return filled

	def take_agreed_targets(self):
		"""An indicator row left without a target or unit takes the year's target
		(Perjanjian Kinerja) and the unit of measure from its master."""
		for row in self.indikator:
			if not row.indikator_kinerja:
				continue
			master = frappe.get_cached_doc("Indikator Kinerja", row.indikator_kinerja)
			agreed = master.target_for(self.tahun)
			if not is_entered(row.target) and agreed is not None and not isinstance(agreed, TargetRange):
				row.target = agreed
			row.satuan = row.satuan or master.satuan

	def compute_achievements(self):
		"""Capaian and predikat of each indicator linked to the master, and of the whole.
		An indicator whose realisation was not entered is not graded, and the overall
		figure is the average of the graded ones (the form says how many were left out)."""
		measurements = []
		for row in self.indikator:
			row.capaian = row.predikat = None
			if not row.indikator_kinerja:
				continue
			measurement = self.grade_row(row)
			measurements.append(measurement)
			if measurement is not None:
				row.capaian = float(round_half_up(measurement.achievement))
				row.predikat = measurement.predicate
		score = overall_score(measurements)
		if score is None:
			self.capaian_keseluruhan = self.predikat_keseluruhan = None
			return
		self.capaian_keseluruhan = float(round_half_up(score.achievement))
		self.predikat_keseluruhan = score.predicate
		if score.not_entered:
			frappe.msgprint(
				_(
					"The overall achievement averages {0} indicators; {1} indicators have no realisation entered yet and are not graded."
				).format(score.indicators, score.not_entered),
				indicator="orange",
				alert=True,
			)

	def grade_row(self, row):
		master = frappe.get_cached_doc("Indikator Kinerja", row.indikator_kinerja)
		target = row.target if master.polaritas != "Within a Range" else master.target_for(self.tahun)
		try:
			return grade(target, row.realisasi, POLARITY[master.polaritas], unit=master.satuan or "")
		except KpiError as error:
			frappe.throw(
				_(
					"Row {0} ({1}): the achievement cannot be computed ({2}). Check the target and the realisation."
				).format(row.idx, row.indikator, kpi_error_reason(error)),
				title=_("Indicator"),
			)

	def compare_with_last_year(self):
		"""Last year's achievement of the same period, from its signed Pengukuran,
		beside this year's, and the change in percentage points."""
		last = last_years_measurement(self.unit_kerja, self.tahun, self.periode, exclude=self.name)
		achieved_before = {}
		if last:
			for row in get_entered_rows(
				"Indikator Pengukuran",
				filters={"parenttype": "Pengukuran Kinerja", "parent": last.name},
				fields=["indikator_kinerja", "indikator", "capaian"],
			):
				achieved_before.setdefault(row.indikator_kinerja or row.indikator, row.capaian)
		for row in self.indikator:
			before = achieved_before.get(row.indikator_kinerja or row.indikator)
			row.capaian_tahun_lalu = before
			row.perubahan_capaian = points_changed(before, row.capaian)
		self.capaian_keseluruhan_tahun_lalu = last.capaian_keseluruhan if last else None
		self.perubahan_keseluruhan = points_changed(
			self.capaian_keseluruhan_tahun_lalu, self.capaian_keseluruhan
		)


@frappe.whitelist(methods=["POST"])
@checked_arguments(name="Link")
def fill_realisation_from_data_iku(name: str) -> dict:
	"""Take each linked indicator's realisation from the period's signed Data IKU."""
	doc = frappe.get_doc("Pengukuran Kinerja", name)
	doc.check_permission("write")
	doc.validate_current_step_owner()
	filled = doc.fill_realisation_from_data_iku()
	doc.save()
	return {"filled": filled}


def last_years_measurement(unit_kerja: str, tahun: int, periode: str, exclude: str | None = None):
	"""The signed Pengukuran of the same unit and period a year earlier, if any."""
	filters = {"unit_kerja": unit_kerja, "tahun": (tahun or 0) - 1, "periode": periode, "docstatus": 1}
	if exclude:
		filters["name"] = ("!=", exclude)
	found = get_entered_rows(
		"Pengukuran Kinerja",
		filters=filters,
		fields=["name", "capaian_keseluruhan"],
		order_by="signed_at desc",
		limit=1,
	)
	return found[0] if found else None


def points_changed(before, now) -> float | None:
	"""The change in percentage points; None without last year's or this year's figure."""
	points = points_change(before, now)
	return None if points is None else float(round_half_up(points))
