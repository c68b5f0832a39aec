# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from kinerja_sop.permissions import UnitChildDocument


class AnggotaTimKinerja(UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		full_name: DF.Data | None
		is_leader: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		team_role: DF.Data | None
		user: DF.Link
	# end: auto-generated types

	pass
