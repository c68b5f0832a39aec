# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt
"""Kepatuhan SOP: the share of SOP steps done within their time standard
(Mutu Baku "Waktu"), by SOP, step or role, for the units the user may see."""

import frappe
from frappe import _
from frappe.query_builder.functions import Avg, Count, Sum
from frappe.utils import add_days, getdate

from kinerja_sop.permissions import get_user_units, is_unit_admin

GROUPINGS = {"SOP": ("parenttype",), "Langkah": ("parenttype", "step_no"), "Peran": ("role",)}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	grouping = GROUPINGS.get(filters.get("group_by") or "Langkah", GROUPINGS["Langkah"])
	rows = get_data(filters, grouping)
	return get_columns(grouping), rows, None, get_chart(rows, grouping)


def get_columns(grouping) -> list[dict]:
	columns = []
	if "parenttype" in grouping:
		columns.append({"fieldname": "parenttype", "label": _("Document Type"), "fieldtype": "Data", "width": 170})
	if "step_no" in grouping:
		columns.append({"fieldname": "step_no", "label": _("Step"), "fieldtype": "Int", "width": 70})
	if "role" in grouping:
		columns.append({"fieldname": "role", "label": _("Role"), "fieldtype": "Data", "width": 140})
	return columns + [
		{"fieldname": "steps", "label": _("Steps Done"), "fieldtype": "Int", "width": 110},
		{"fieldname": "on_time", "label": _("Within the Time Standard"), "fieldtype": "Int", "width": 150},
		{"fieldname": "compliance", "label": _("Compliance (%)"), "fieldtype": "Percent", "width": 130},
		{"fieldname": "avg_minutes", "label": _("Average Working Minutes"), "fieldtype": "Float", "precision": 1, "width": 170},
	]


def get_data(filters, grouping) -> list[dict]:
	log = frappe.qb.DocType("Log Langkah SOP")
	units = allowed_units(filters.get("unit_kerja"))
	if units == []:
		return []
	start = getdate(filters.get("from_date") or add_days(getdate(), -365))
	end = add_days(getdate(filters.get("to_date") or getdate()), 1)
	group_fields = [log[field] for field in grouping]
	query = (
		frappe.qb.from_(log)
		.select(
			*group_fields,
			Count("*").as_("steps"),
			Sum(1 - log.is_late).as_("on_time"),
			Avg(log.spent_minutes).as_("avg_minutes"),
		)
		.where(log.finished_at >= start)
		.where(log.finished_at < end)
		.groupby(*group_fields)
		.orderby(*group_fields)
	)
	if units is not None:
		query = query.where(log.unit_kerja.isin(units))
	rows = query.run(as_dict=True)
	for row in rows:
		row.compliance = round(100 * row.on_time / row.steps, 1) if row.steps else None
	return rows


def allowed_units(requested: str | None) -> list[str] | None:
	"""None means every unit (administrators without a filter)."""
	if is_unit_admin():
		return [requested] if requested else None
	units = get_user_units()
	return [requested] if requested in units else ([] if requested else units)


def get_chart(rows, grouping) -> dict | None:
	if not rows:
		return None
	label = lambda row: " ".join(str(row.get(f)) for f in grouping)  # noqa: E731
	return {
		"data": {
			"labels": [label(row) for row in rows],
			"datasets": [{"name": _("Compliance (%)"), "values": [row.compliance or 0 for row in rows]}],
		},
		"type": "bar",
		"colors": ["#2490ef"],
	}
