# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.kinerja.sop_document import SOPDocument


class DataIKU(SOPDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.kinerja.doctype.anggota_tim_kinerja.anggota_tim_kinerja import AnggotaTimKinerja
		from kinerja_sop.kinerja.doctype.data_kinerja_iku.data_kinerja_iku import DataKinerjaIKU
		from kinerja_sop.kinerja.doctype.log_langkah_sop.log_langkah_sop import LogLangkahSOP

		amended_from: DF.Link | None
		catatan_pengolahan: DF.TextEditor | None
		current_activity: DF.SmallText | None
		current_inputs: DF.SmallText | None
		current_output: DF.SmallText | None
		current_role: DF.Data | None
		current_step: DF.Int
		current_time_standard: DF.Data | None
		data_kinerja: DF.Table[DataKinerjaIKU]
		disposisi: DF.SmallText | None
		lampiran_data_sumber: DF.Attach | None
		lampiran_draft: DF.Attach | None
		lampiran_konsep: DF.Attach | None
		nomor_surat: DF.Data | None
		paraf_at: DF.Datetime | None
		paraf_by: DF.Link | None
		periode: DF.Literal[
			"Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Semester I", "Semester II", "Tahunan"
		]
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

	letter_classification = "000.8.6.3"
	source_fields = ("data_kinerja",)
	draft_fields = ("data_kinerja",)
	typed_fields = ("data_kinerja",)
