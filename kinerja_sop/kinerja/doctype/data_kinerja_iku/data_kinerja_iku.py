# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.entered import EnteredValues
from kinerja_sop.permissions import UnitChildDocument


class DataKinerjaIKU(EnteredValues, UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		bukti: DF.Attach | None
		indikator: DF.Data
		keterangan: DF.SmallText | None
		nilai: DF.Float
		nilai_diisi: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		satuan: DF.Data | None
		sumber_data: DF.Data | None
	# end: auto-generated types

	pass
