# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt
"""Kepatuhan SOP: the share of SOP steps done within their time standard
(Mutu Baku "Waktu"), by SOP, step or role, for the units the user may see."""

from decimal import Decimal

import frappe
from frappe import _
from frappe.query_builder.functions import Cast, Count, Sum
from frappe.utils import add_days, getdate

from kinerja_sop.domain.catalogue import DOCUMENT_SHORT_NAMES
from kinerja_sop.domain.compliance import split_by_whole_months
from kinerja_sop.kinerja.sop_document import get_sop_flow
from kinerja_sop.permissions import get_user_units, is_unit_admin

GROUPINGS = {"SOP": ("parenttype",), "Langkah": ("parenttype", "step_no"), "Peran": ("role",)}


@frappe.read_only()  # from the read replica when the site has one
def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	grouping = GROUPINGS.get(filters.get("group_by") or "Langkah", GROUPINGS["Langkah"])
	rows = get_data(filters, grouping)
	return get_columns(grouping), rows, None, get_chart(rows, grouping)


def get_columns(grouping) -> list[dict]:
	columns = []
	if "parenttype" in grouping:
		columns.append(
			{"fieldname": "parenttype", "label": _("Document Type"), "fieldtype": "Data", "width": 170}
		)
	if "step_no" in grouping:
		columns.append({"fieldname": "step_no", "label": _("Step"), "fieldtype": "Int", "width": 70})
		columns.append(
			{"fieldname": "step_name", "label": _("Step Activity"), "fieldtype": "Data", "width": 300}
		)
	if "role" in grouping:
		columns.append({"fieldname": "role", "label": _("Role"), "fieldtype": "Data", "width": 140})
	return columns + [
		{"fieldname": "steps", "label": _("Steps Done"), "fieldtype": "Int", "width": 110},
		{"fieldname": "on_time", "label": _("Within the Time Standard"), "fieldtype": "Int", "width": 150},
		{"fieldname": "compliance", "label": _("Compliance (%)"), "fieldtype": "Percent", "width": 130},
		{
			"fieldname": "avg_minutes",
			"label": _("Average Working Minutes"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 170,
		},
	]


def get_data(filters, grouping, source: str = "summary") -> list[dict]:
	"""Whole months come from the monthly summary (Rekap Kepatuhan SOP), the partial
	months at the edges of the period from the step log itself; `source="log"` reads
	the whole period from the log (the answers are the same, see the README's
	Benchmarks for which is faster: both read a covering index, and a summary row
	stands for one or more log rows, so the summary never reads more).
	"""
	units = allowed_units(filters.get("unit_kerja"))
	if units == []:
		return []
	start = getdate(filters.get("from_date") or add_days(getdate(), -365))
	end = add_days(getdate(filters.get("to_date") or getdate()), 1)
	whole_months, edges = split_by_whole_months(start, end)
	if units is None:  # every unit, named: each is a seek on the indexes that lead with the unit
		units = all_units()
	if source == "log":
		whole_months, edges = None, [(start, end)]
	totals = {}
	parts = [summary_totals(grouping, units, *whole_months)] if whole_months else []
	parts += [log_totals(grouping, units, low, high) for low, high in edges]
	for part in parts:
		for row in part:
			key = tuple(row[field] for field in grouping)
			total = totals.setdefault(key, [0, 0, Decimal(0)])
			total[0] += int(row.steps)
			total[1] += int(row.on_time)
			total[2] += Decimal(row.minutes or 0)  # exact: the same total whichever way it was summed
	rows = []
	for key in sorted(totals, key=lambda k: tuple("" if v is None else v for v in k)):
		steps, on_time, minutes = totals[key]
		if steps <= 0:
			continue
		rows.append(
			frappe._dict(
				zip(grouping, key, strict=True),
				steps=steps,
				on_time=on_time,
				compliance=round(100 * on_time / steps, 1),
				avg_minutes=float(minutes / steps),
			)
		)
	if "step_no" in grouping:
		for row in rows:
			row.step_name = step_activity(row.parenttype, row.step_no)
	return rows


def step_activity(doctype: str, step_no: int) -> str:
	"""What the step is, in the SOP's words (the step number alone says nothing)."""
	sop, _plan = get_sop_flow(doctype)
	return next((step.kegiatan for step in sop.steps if step.no == step_no), "")


def exact(total):
	"""A sum of minutes as the database's exact decimal, in text: Frappe hands DECIMAL back as a
	float, and floats added in another order (months, then edges) could differ in the last digit."""
	return Cast(total, "CHAR")


def summary_totals(grouping, units, first_month, after_last_month) -> list[dict]:
	summary = frappe.qb.DocType("Rekap Kepatuhan SOP")
	columns = {"parenttype": summary.document_type, "step_no": summary.step_no, "role": summary.role}
	group_fields = [columns[field].as_(field) for field in grouping]
	query = (
		frappe.qb.from_(summary)
		.select(
			*group_fields,
			Sum(summary.steps).as_("steps"),
			Sum(summary.on_time).as_("on_time"),
			exact(Sum(summary.spent_minutes)).as_("minutes"),
		)
		.where(summary.bulan >= first_month)
		.where(summary.bulan < after_last_month)
		.where(summary.unit_kerja.isin(units))
		.groupby(*[columns[field] for field in grouping])
	)
	return query.run(as_dict=True)


def log_totals(grouping, units, start, end) -> list[dict]:
	log = frappe.qb.DocType("Log Langkah SOP")
	group_fields = [log[field] for field in grouping]
	query = (
		frappe.qb.from_(log)
		.select(
			*group_fields,
			Count("*").as_("steps"),
			Sum(1 - log.is_late).as_("on_time"),
			exact(Sum(log.spent_minutes)).as_("minutes"),
		)
		.where(log.unit_kerja.isin(units))
		.where(log.finished_at >= start)
		.where(log.finished_at < end)
		.groupby(*group_fields)
	)
	return query.run(as_dict=True)


def all_units() -> list[str]:
	return frappe.get_all("Unit Kerja", pluck="name") or [""]


def allowed_units(requested: str | None) -> list[str] | None:
	"""None means every unit (administrators without a filter)."""
	if is_unit_admin():
		return [requested] if requested else None
	units = get_user_units()
	return [requested] if requested in units else ([] if requested else units)


def get_chart(rows, grouping) -> dict | None:
	if not rows:
		return None

	def label(row) -> str:
		parts = [row.get(field) for field in grouping]
		return " ".join(str(DOCUMENT_SHORT_NAMES.get(part, part)) for part in parts)

	return {
		"data": {
			"labels": [label(row) for row in rows],
			"datasets": [{"name": _("Compliance (%)"), "values": [row.compliance or 0 for row in rows]}],
		},
		"type": "bar",
		"colors": ["#2490ef"],
	}
