# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.permissions import UnitChildDocument


class PejabatUnitKerja(UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acting: DF.Literal["", "Plt.", "Plh."]
		full_name: DF.Data
		is_active: DF.Check
		nip: DF.Data | None
		pangkat_golongan: DF.Literal[
			"",
			"Juru Muda (I/a)",
			"Juru Muda Tingkat I (I/b)",
			"Juru (I/c)",
			"Juru Tingkat I (I/d)",
			"Pengatur Muda (II/a)",
			"Pengatur Muda Tingkat I (II/b)",
			"Pengatur (II/c)",
			"Pengatur Tingkat I (II/d)",
			"Penata Muda (III/a)",
			"Penata Muda Tingkat I (III/b)",
			"Penata (III/c)",
			"Penata Tingkat I (III/d)",
			"Pembina (IV/a)",
			"Pembina Tingkat I (IV/b)",
			"Pembina Utama Muda (IV/c)",
			"Pembina Utama Madya (IV/d)",
			"Pembina Utama (IV/e)",
		]
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		pns_id: DF.Data | None
		position_title: DF.Data | None
		siasn_role: DF.Data | None
		sop_role: DF.Literal["Camat", "Sekretaris", "Kasubag Evapor", "Kasubag Umum", "Staf"]
		user: DF.Link | None
	# end: auto-generated types

	pass
