# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt
"""Monthly totals of the SOP step log, one row per unit, month, document type,
step and role. Every step done adds to its row in the same transaction, so the
Kepatuhan SOP report can answer over years of log from a few thousand rows."""

import hashlib
from collections import defaultdict

import frappe
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from kinerja_sop.domain.compliance import month_start
from kinerja_sop.integrity import ClientInputGuard


class RekapKepatuhanSOP(ClientInputGuard, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		bulan: DF.Date | None
		document_type: DF.Link | None
		on_time: DF.Int
		role: DF.Data | None
		spent_minutes: DF.Float
		step_no: DF.Int
		steps: DF.Int
		unit_kerja: DF.Link | None
	# end: auto-generated types

	pass


KEY_FIELDS = ("unit_kerja", "bulan", "document_type", "step_no", "role")


def add_steps(document_type: str, rows) -> None:
	"""Count finished step-log rows into their months."""
	_apply(document_type, rows, sign=1)


def remove_steps(document_type: str, rows) -> None:
	"""Take a deleted document's finished steps back out of their months."""
	_apply(document_type, rows, sign=-1)
	frappe.db.delete("Rekap Kepatuhan SOP", {"steps": ("<=", 0)})


def _apply(document_type: str, rows, sign: int) -> None:
	totals = defaultdict(lambda: [0, 0, 0.0])
	for row in rows:
		if not row.get("finished_at"):
			continue
		key = (row.unit_kerja, month_start(getdate(row.finished_at)), document_type, row.step_no, row.role)
		total = totals[key]
		total[0] += sign
		total[1] += sign * (0 if row.is_late else 1)
		total[2] += sign * (row.spent_minutes or 0)
	if totals:
		upsert(totals)


def summary_name(key: tuple) -> str:
	"""The row's name, the same as `rebuild` computes it in SQL."""
	text = "\x1f".join("" if part is None else str(part) for part in key)
	return hashlib.sha1(text.encode()).hexdigest()[:20]


def upsert(totals: dict) -> None:
	"""One statement: the row of each key is created or added to. The database
	locks the row until commit, so concurrent steps of the same month add up."""
	now = now_datetime()
	values = []
	for key, (steps, on_time, minutes) in totals.items():
		values.append(
			(summary_name(key), now, now, "Administrator", "Administrator", *key, steps, on_time, minutes)
		)
	placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(values))
	frappe.db.sql(
		f"""insert into `tabRekap Kepatuhan SOP`
			(name, creation, modified, owner, modified_by, unit_kerja, bulan, document_type, step_no, role,
			steps, on_time, spent_minutes)
		values {placeholders}
		on duplicate key update
			steps = steps + values(steps),
			on_time = on_time + values(on_time),
			spent_minutes = spent_minutes + values(spent_minutes),
			modified = values(modified)""",
		[value for row in values for value in row],
	)


def rebuild() -> int:
	"""Recount every month from the step log (after an upgrade or a bulk import)."""
	frappe.db.delete("Rekap Kepatuhan SOP")
	frappe.db.sql(
		"""insert into `tabRekap Kepatuhan SOP`
			(name, creation, modified, owner, modified_by, unit_kerja, bulan, document_type, step_no, role,
			steps, on_time, spent_minutes)
		select
			left(sha1(concat_ws(char(31), ifnull(unit_kerja, ''), bulan, parenttype, step_no, ifnull(role, ''))), 20),
			now(6), now(6), 'Administrator', 'Administrator', unit_kerja, bulan, parenttype, step_no, role,
			steps, on_time, spent_minutes
		from (
			select unit_kerja, date_format(finished_at, '%Y-%m-01') as bulan, parenttype, step_no, role,
				count(*) as steps, sum(1 - is_late) as on_time, sum(ifnull(spent_minutes, 0)) as spent_minutes
			from `tabLog Langkah SOP`
			where finished_at is not null
			group by unit_kerja, bulan, parenttype, step_no, role
		) as monthly"""
	)
	return frappe.db.count("Rekap Kepatuhan SOP")


# Every column the Kepatuhan SOP report reads, after the unit and month it seeks: the report
# reads the index alone, as it does the step log's compliance_index.
COMPLIANCE_INDEX = [*KEY_FIELDS[:2], "document_type", "step_no", "role", "steps", "on_time", "spent_minutes"]
# Indexes of earlier versions that the covering one replaces (patches v1_2).
FORMER_INDEXES = ("unit_month_index", "month_index")


def on_doctype_update():
	frappe.db.add_index("Rekap Kepatuhan SOP", COMPLIANCE_INDEX, "compliance_index")
