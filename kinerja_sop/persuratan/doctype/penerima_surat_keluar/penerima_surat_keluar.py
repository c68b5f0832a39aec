# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.permissions import UnitChildDocument


class PenerimaSuratKeluar(UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		alamat: DF.SmallText | None
		bukti_tanda_terima: DF.Attach | None
		dikirim_oleh: DF.Link | None
		dikirim_pada: DF.Datetime | None
		diterima_oleh: DF.Data | None
		diterima_pada: DF.Datetime | None
		jabatan_penerima: DF.Data | None
		metode_pengiriman: DF.Literal["Diantar Langsung", "Pos", "Email", "Elektronik"]
		nama_penerima: DF.Data
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		status_penerimaan: DF.Literal["Belum Dikirim", "Dikirim", "Diterima"]
	# end: auto-generated types

	pass
