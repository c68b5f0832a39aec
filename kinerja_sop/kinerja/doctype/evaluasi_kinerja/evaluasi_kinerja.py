# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe

from kinerja_sop.kinerja.doctype.realisasi_program.realisasi_program import (
	EFFICIENCY_COLUMNS,
	compute_efficiency,
)
from kinerja_sop.kinerja.sop_document import SOPDocument


class EvaluasiKinerja(SOPDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.kinerja.doctype.anggota_tim_kinerja.anggota_tim_kinerja import AnggotaTimKinerja
		from kinerja_sop.kinerja.doctype.log_langkah_sop.log_langkah_sop import LogLangkahSOP
		from kinerja_sop.kinerja.doctype.realisasi_program.realisasi_program import RealisasiProgram
		from kinerja_sop.kinerja.doctype.rekomendasi_evaluasi.rekomendasi_evaluasi import RekomendasiEvaluasi

		amended_from: DF.Link | None
		current_activity: DF.SmallText | None
		current_inputs: DF.SmallText | None
		current_output: DF.SmallText | None
		current_role: DF.Data | None
		current_step: DF.Int
		current_time_standard: DF.Data | None
		disposisi: DF.SmallText | None
		disposisi_surat_masuk: DF.SmallText | None
		dokumentasi_kegiatan: DF.Attach | None
		dpa: DF.Attach | None
		efisiensi_program: DF.Table[RealisasiProgram]
		garis_besar: DF.TextEditor | None
		lampiran_data_sumber: DF.Attach | None
		lampiran_draft: DF.Attach | None
		lampiran_konsep: DF.Attach | None
		laporan_realisasi_anggaran: DF.Attach | None
		nomor_surat: DF.Data | None
		paraf_at: DF.Datetime | None
		paraf_by: DF.Link | None
		perihal_surat_masuk: DF.Data | None
		realisasi_fisik: DF.Attach | None
		rekomendasi: DF.Table[RekomendasiEvaluasi]
		return_reason: DF.SmallText | None
		signed_at: DF.Datetime | None
		signed_by: DF.Link | None
		status_pengiriman: DF.Data | None
		step_due: DF.Datetime | None
		step_log: DF.Table[LogLangkahSOP]
		step_started_at: DF.Datetime | None
		surat_keluar: DF.Link | None
		surat_masuk: DF.Link | None
		tahun: DF.Int
		tanggal_surat_masuk: DF.Date | None
		team: DF.Table[AnggotaTimKinerja]
		temuan: DF.TextEditor | None
		title: DF.Data | None
		unit_kerja: DF.Link
		workflow_state: DF.Link | None
	# end: auto-generated types

	computed = (
		*SOPDocument.computed,
		"tanggal_surat_masuk",
		"perihal_surat_masuk",
		"disposisi_surat_masuk",  # copied from the incoming letter
		*EFFICIENCY_COLUMNS("efisiensi_program"),
	)
	letter_classification = "000.8.6.3"
	draft_fields = ("garis_besar",)
	typed_fields = ("garis_besar", "temuan", "rekomendasi")

	def validate(self):
		self.copy_disposition_of_incoming_letter()
		compute_efficiency(self.efisiensi_program)
		super().validate()

	def copy_disposition_of_incoming_letter(self):
		if not self.surat_masuk:
			return
		letter = frappe.get_doc("Surat Masuk", self.surat_masuk)
		self.disposisi_surat_masuk = "\n".join(row.instruksi for row in letter.disposisi) or None

	def has_surat_masuk(self) -> bool:
		"""Evaluasi starts from an incoming letter the Camat has disposed."""
		return bool(self.surat_masuk and self.disposisi_surat_masuk)

	def has_bahan_evaluasi(self) -> bool:
		return self.all_filled(
			("dpa", "laporan_realisasi_anggaran", "realisasi_fisik", "dokumentasi_kegiatan")
		)
