# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.entered import EnteredValues
from kinerja_sop.permissions import UnitChildDocument


class TemuanPemantauan(EnteredValues, UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		indikator: DF.Data | None
		kegiatan: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		penanggung_jawab: DF.Link | None
		permasalahan: DF.SmallText | None
		realisasi: DF.Float
		realisasi_diisi: DF.Check
		satuan: DF.Data | None
		target: DF.Float
		target_diisi: DF.Check
		tindak_lanjut: DF.SmallText | None
	# end: auto-generated types

	pass
