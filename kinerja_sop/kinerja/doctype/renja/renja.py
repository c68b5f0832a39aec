# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from frappe.utils import flt

from kinerja_sop.kinerja.sop_document import SOPDocument


class Renja(SOPDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.kinerja.doctype.anggota_tim_kinerja.anggota_tim_kinerja import AnggotaTimKinerja
		from kinerja_sop.kinerja.doctype.log_langkah_sop.log_langkah_sop import LogLangkahSOP
		from kinerja_sop.kinerja.doctype.program_kegiatan_renja.program_kegiatan_renja import (
			ProgramKegiatanRenja,
		)

		amended_from: DF.Link | None
		current_activity: DF.SmallText | None
		current_inputs: DF.SmallText | None
		current_output: DF.SmallText | None
		current_role: DF.Data | None
		current_step: DF.Int
		current_time_standard: DF.Data | None
		disposisi: DF.SmallText | None
		hasil_evaluasi_renja_lalu: DF.TextEditor | None
		lampiran_data_sumber: DF.Attach | None
		lampiran_draft: DF.Attach | None
		lampiran_konsep: DF.Attach | None
		nomor_surat: DF.Data | None
		paraf_at: DF.Datetime | None
		paraf_by: DF.Link | None
		pendahuluan: DF.TextEditor | None
		penutup: DF.TextEditor | None
		program_kegiatan: DF.Table[ProgramKegiatanRenja]
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
		total_pagu: DF.Currency
		tujuan_dan_sasaran: DF.TextEditor | None
		unit_kerja: DF.Link
		workflow_state: DF.Link | None
	# end: auto-generated types

	computed = (*SOPDocument.computed, "total_pagu")
	letter_classification = "000.7.2.6"
	draft_fields = ("program_kegiatan",)
	typed_fields = ("pendahuluan", "tujuan_dan_sasaran", "program_kegiatan", "penutup")

	def validate(self):
		self.set_total_pagu()
		super().validate()

	def set_total_pagu(self):
		self.total_pagu = sum(flt(row.pagu_indikatif) for row in self.program_kegiatan)
