# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe

from kinerja_sop.permissions import UnitChildDocument


class LogLangkahSOP(UnitChildDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		action: DF.Data | None
		actor: DF.Link | None
		due_at: DF.Datetime | None
		finished_at: DF.Datetime | None
		is_late: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		reason: DF.SmallText | None
		role: DF.Data | None
		spent_minutes: DF.Float
		standard_minutes: DF.Int
		started_at: DF.Datetime | None
		step_no: DF.Int
		step_state: DF.Data | None
		time_standard: DF.Data | None
		unit_kerja: DF.Link | None
	# end: auto-generated types

	pass


def on_doctype_update():
	# The SOP compliance report aggregates the log by unit and period without
	# touching the rows: every column it reads is in this index.
	frappe.db.add_index(
		"Log Langkah SOP",
		["unit_kerja", "finished_at", "parenttype", "step_no", "role", "is_late", "spent_minutes"],
		"compliance_index",
	)
