# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.entered import EnteredValues
from kinerja_sop.permissions import UnitChildDocument


class IndikatorSubKegiatanSIPD(EnteredValues, UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		jenis: DF.Literal["Keluaran", "Hasil"]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		satuan: DF.Data | None
		target: DF.Float
		target_diisi: DF.Check
		tolok_ukur: DF.SmallText
	# end: auto-generated types

	pass
