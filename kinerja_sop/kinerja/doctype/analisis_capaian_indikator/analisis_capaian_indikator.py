# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.entered import EnteredValues
from kinerja_sop.permissions import UnitChildDocument


class AnalisisCapaianIndikator(EnteredValues, UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		analisis: DF.SmallText | None
		capaian: DF.Float
		capaian_diisi: DF.Check
		capaian_tahun_lalu: DF.Float
		capaian_tahun_lalu_diisi: DF.Check
		indikator: DF.Data | None
		indikator_kinerja: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		predikat: DF.Data | None
		realisasi: DF.Float
		realisasi_diisi: DF.Check
		satuan: DF.Data | None
		target: DF.Float
		target_diisi: DF.Check
	# end: auto-generated types

	pass
