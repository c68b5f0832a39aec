# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.permissions import UnitChildDocument


class RekomendasiEvaluasi(UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		batas_waktu: DF.Date | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		penanggung_jawab: DF.Link | None
		rekomendasi: DF.SmallText
		status_tindak_lanjut: DF.Literal["Belum", "Proses", "Selesai"]
	# end: auto-generated types

	pass
