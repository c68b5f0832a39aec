# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.permissions import UnitChildDocument


class DisposisiSuratMasuk(UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		batas_waktu: DF.Date | None
		diberikan_oleh: DF.Link | None
		diberikan_pada: DF.Datetime | None
		instruksi: DF.SmallText
		kepada: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types

	pass
