# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from kinerja_sop.domain.kpi import HIGHER, LOWER, RANGE, TargetRange, period_end
from kinerja_sop.entered import EnteredValues, mark_entered
from kinerja_sop.integrity import ClientInputGuard

POLARITY = {"Higher is Better": HIGHER, "Lower is Better": LOWER, "Within a Range": RANGE}
# The seed's three indicators (SOP Pengukuran, step 5 remark), shipped as examples.
SEED_INDICATORS = (
	{
		"indicator_name": "Partisipasi Masyarakat dalam Musrenbang",
		"kode": "IKU-01",
		"definisi_operasional": "Jumlah peserta hadir pada Musrenbang dibagi jumlah penduduk.",
		"formula_type": "Percentage",
		"polaritas": "Higher is Better",
		"satuan": "%",
		"pembilang": "Jumlah peserta hadir pada Musrenbang",
		"penyebut": "Jumlah Penduduk",
		"sumber_data": "Daftar hadir Musrenbang; data kependudukan",
		"frekuensi": "Annual",
	},
	{
		"indicator_name": "Rata-rata Lama Penyelesaian KTP",
		"kode": "IKU-02",
		"definisi_operasional": "Lama hari rata-rata proses penyelesaian KTP dibandingkan hari standar SOP pemrosesan.",
		"formula_type": "Average",
		"polaritas": "Lower is Better",
		"satuan": "hari",
		"pembilang": "Lama hari proses penyelesaian setiap KTP",
		"penyebut": "Jumlah KTP yang diselesaikan",
		"sumber_data": "Register pelayanan KTP",
		"frekuensi": "Quarterly",
	},
	{
		"indicator_name": "Jumlah Kelompok Siskamling Aktif",
		"kode": "IKU-03",
		"definisi_operasional": "Jumlah kelompok siskamling yang aktif di wilayah kecamatan.",
		"formula_type": "Count",
		"polaritas": "Higher is Better",
		"satuan": "kelompok",
		"sumber_data": "Laporan desa/kelurahan",
		"frekuensi": "Quarterly",
	},
)


class IndikatorKinerja(ClientInputGuard, EnteredValues, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.kinerja.doctype.target_indikator_kinerja.target_indikator_kinerja import (
			TargetIndikatorKinerja,
		)

		definisi_operasional: DF.SmallText | None
		formula_type: DF.Literal["Ratio", "Average", "Count", "Percentage"]
		frekuensi: DF.Literal["Monthly", "Quarterly", "Semiannual", "Annual"]
		indicator_name: DF.Data
		kode: DF.Data | None
		pembilang: DF.SmallText | None
		penanggung_jawab: DF.Link | None
		penyebut: DF.SmallText | None
		polaritas: DF.Literal["Higher is Better", "Lower is Better", "Within a Range"]
		satuan: DF.Data | None
		sumber_data: DF.Data | None
		targets: DF.Table[TargetIndikatorKinerja]
	# end: auto-generated types

	def validate(self):
		mark_entered(self)
		self.validate_targets()

	def validate_targets(self):
		years = [row.tahun for row in self.targets]
		if len(years) != len(set(years)):
			frappe.throw(_("A year has one target only."))
		for row in self.targets:
			if self.polaritas == "Within a Range":
				if row.target_bawah is None or row.target_atas is None or row.target_bawah > row.target_atas:
					frappe.throw(
						_("Row {0}: a range target needs a lower bound not above its upper bound.").format(
							row.idx
						)
					)

	def target_for(self, year: int):
		"""The year's target as the KPI arithmetic takes it (None when not set)."""
		row = next((r for r in self.targets if r.tahun == year), None)
		if not row:
			return None
		if self.polaritas == "Within a Range":
			return TargetRange(row.target_bawah, row.target_atas)
		return row.target


REMIND_DAYS_BEFORE = 7


def remind_collection_due():
	"""Daily: the person in charge of an indicator gets a ToDo in the last week of each
	collection period, once per period."""
	from frappe.desk.form.assign_to import add as add_assignment

	today = getdate()
	for indicator in frappe.get_all(
		"Indikator Kinerja",
		filters={"penanggung_jawab": ("is", "set")},
		fields=["name", "penanggung_jawab", "frekuensi"],
	):
		due = period_end(today, indicator.frekuensi or "Quarterly")
		if (due - today).days > REMIND_DAYS_BEFORE:
			continue
		already = frappe.db.exists(
			"ToDo",
			{
				"reference_type": "Indikator Kinerja",
				"reference_name": indicator.name,
				"allocated_to": indicator.penanggung_jawab,
				"date": due,
				"status": ("!=", "Cancelled"),
			},
		)
		if already:
			continue
		add_assignment(
			{
				"assign_to": [indicator.penanggung_jawab],
				"doctype": "Indikator Kinerja",
				"name": indicator.name,
				"date": due,
				"description": _("Collect the data of {0} for the period ending {1}.").format(
					indicator.name, due
				),
			},
			ignore_permissions=True,
		)


def install_seed_indicators():
	for values in SEED_INDICATORS:
		if not frappe.db.exists("Indikator Kinerja", values["indicator_name"]):
			frappe.get_doc({"doctype": "Indikator Kinerja", **values}).insert(ignore_permissions=True)
