# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class LangkahSOP(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		duration_minutes: DF.Int
		kegiatan: DF.SmallText
		kelengkapan: DF.SmallText | None
		keterangan: DF.SmallText | None
		on_agree: DF.Int
		on_disagree: DF.Int
		output: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		requires: DF.Data | None
		role: DF.Link
		seed_note: DF.SmallText | None
		step_no: DF.Int
		waktu: DF.Data
	# end: auto-generated types

	pass
