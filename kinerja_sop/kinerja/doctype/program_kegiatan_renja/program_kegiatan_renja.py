# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.entered import EnteredValues
from kinerja_sop.permissions import UnitChildDocument


class ProgramKegiatanRenja(EnteredValues, UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		indikator_kinerja: DF.Data | None
		kegiatan: DF.Data
		kode_sub_kegiatan: DF.Link | None
		lokasi: DF.Data | None
		pagu_indikatif: DF.Currency
		pagu_indikatif_diisi: DF.Check
		pagu_n_plus_1: DF.Currency
		pagu_n_plus_1_diisi: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		program: DF.Data
		satuan: DF.Data | None
		sub_kegiatan: DF.Data | None
		sumber_dana: DF.Literal["", "APBD Kabupaten/Kota", "APBD Provinsi", "APBN", "Dana Desa", "Lainnya"]
		target: DF.Float
		target_diisi: DF.Check
	# end: auto-generated types

	pass
