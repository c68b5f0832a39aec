# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from kinerja_sop.entered import EnteredValues


class TargetIndikatorKinerja(EnteredValues, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		tahun: DF.Int
		target: DF.Float
		target_atas: DF.Float
		target_atas_diisi: DF.Check
		target_bawah: DF.Float
		target_bawah_diisi: DF.Check
		target_diisi: DF.Check
	# end: auto-generated types

	pass
