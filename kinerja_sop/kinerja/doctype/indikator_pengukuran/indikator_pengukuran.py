# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class IndikatorPengukuran(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		capaian: DF.Float
		capaian_tahun_lalu: DF.Float
		indikator: DF.Data
		indikator_kinerja: DF.Link | None
		keterangan: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		perubahan_capaian: DF.Float
		predikat: DF.Data | None
		realisasi: DF.Float
		satuan: DF.Data | None
		target: DF.Float
	# end: auto-generated types

	pass
