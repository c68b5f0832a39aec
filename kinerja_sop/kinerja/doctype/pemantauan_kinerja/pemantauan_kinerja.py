# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.kinerja.sop_document import SOPDocument


class PemantauanKinerja(SOPDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.kinerja.doctype.anggota_tim_kinerja.anggota_tim_kinerja import AnggotaTimKinerja
		from kinerja_sop.kinerja.doctype.log_langkah_sop.log_langkah_sop import LogLangkahSOP
		from kinerja_sop.kinerja.doctype.temuan_pemantauan.temuan_pemantauan import TemuanPemantauan

		amended_from: DF.Link | None
		current_activity: DF.SmallText | None
		current_inputs: DF.SmallText | None
		current_output: DF.SmallText | None
		current_role: DF.Data | None
		current_step: DF.Int
		current_time_standard: DF.Data | None
		disposisi: DF.SmallText | None
		hasil_pelaksanaan: DF.TextEditor | None
		lampiran_data_sumber: DF.Attach | None
		lampiran_draft: DF.Attach | None
		lampiran_konsep: DF.Attach | None
		paraf_at: DF.Datetime | None
		paraf_by: DF.Link | None
		periode: DF.Literal[
			"Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Semester I", "Semester II", "Tahunan"
		]
		peserta: DF.SmallText | None
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
		temuan: DF.Table[TemuanPemantauan]
		title: DF.Data | None
		unit_kerja: DF.Link
		workflow_state: DF.Link | None
	# end: auto-generated types

	draft_fields = ("ringkasan",)
	source_fields = ("temuan",)
	typed_fields = ("ringkasan", "temuan")
