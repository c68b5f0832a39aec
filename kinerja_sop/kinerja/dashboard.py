"""Figures of the Kinerja workspace: its charts and number cards.

Each figure is counted through the user's own permissions (frappe.get_list), so
the unit scoping of permissions.py applies and a unit's officials see their unit
only. Nothing is cached per chart, as Frappe's cache_source would do: that cache
is shared by every user and would show one unit's figures to another.

Every figure only reads: `frappe.read_only()` sends it to the MariaDB read
replica when the site has one (`read_from_replica`, `replica_host`).
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from kinerja_sop.domain.catalogue import DOCUMENT_SHORT_NAMES, SOP_DOCUMENTS, UNIT_DOCUMENTS
from kinerja_sop.domain.kpi import average, is_entered, round_half_up
from kinerja_sop.domain.workflow_builder import queue_kind
from kinerja_sop.entered import get_entered_rows
from kinerja_sop.integrity import checked_arguments
from kinerja_sop.kinerja.sop_document import get_sop_flow

ANNUAL = "Tahunan"


def scope(filters) -> dict:
	"""The filters a chart or card may pass on: the unit and the year."""
	filters = frappe.parse_json(filters) or {}  # checked_arguments: JSON of plain values
	if not isinstance(filters, dict):
		return {}
	scoped = {}
	if filters.get("unit_kerja"):
		scoped["unit_kerja"] = filters["unit_kerja"]
	if filters.get("tahun"):
		scoped["tahun"] = cint(filters["tahun"])
	return scoped


def overdue() -> dict:
	return {"current_step": (">", 0), "step_due": ("<", now_datetime()), "docstatus": ("<", 2)}


def in_progress() -> dict:
	return {"current_step": (">", 0), "docstatus": ("<", 2)}


def count(doctype: str, filters: dict) -> int:
	rows = frappe.get_list(doctype, filters=filters, fields=["count(name) as count"])
	return cint(rows[0].count) if rows else 0


def count_by(doctype: str, filters: dict, field: str) -> dict:
	rows = frappe.get_list(
		doctype, filters=filters, fields=[field, "count(name) as count"], group_by=field, order_by=field
	)
	return {row[field]: cint(row.count) for row in rows}


# --- number cards ---------------------------------------------------------------


@frappe.whitelist()
@frappe.read_only()
@checked_arguments(filters="JSON filters")
def waiting_for_me(filters=None) -> dict:
	"""Open steps handed to the user: the ToDos each SOP step leaves its owners."""
	user = frappe.session.user
	todos = {"allocated_to": user, "status": "Open", "reference_type": ("in", UNIT_DOCUMENTS)}
	return {
		"value": frappe.db.count("ToDo", todos),
		"fieldtype": "Int",
		"route": ["List", "ToDo"],
		"route_options": {"allocated_to": user, "status": "Open"},
	}


# --- the user's queues (SRIKANDI's: to check, to paraf, to sign, to send) --------------


def my_queue(kind: str) -> dict:
	"""SOP documents whose current step, of this kind, is handed to the user (an open ToDo):
	one query per kind of document, read through the user's permissions (their unit's only)."""
	user = frappe.session.user
	todos = frappe.get_all(
		"ToDo",
		filters={"allocated_to": user, "status": "Open", "reference_type": ("in", SOP_DOCUMENTS)},
		fields=["reference_type", "reference_name"],
		distinct=True,
	)
	handed = defaultdict(set)
	for todo in todos:
		handed[todo.reference_type].add(todo.reference_name)
	names = defaultdict(list)
	for doctype in SOP_DOCUMENTS:  # in the catalogue's order, whatever order the ToDos came in
		if not handed[doctype]:
			continue
		sop, _plan = get_sop_flow(doctype)
		kinds = {step.no: queue_kind(step) for step in sop.steps}
		for document in frappe.get_list(
			doctype,
			filters={"name": ("in", sorted(handed[doctype])), "current_step": (">", 0)},
			fields=["name", "current_step"],
			order_by="name",
		):
			if kinds.get(document.current_step) == kind:
				names[doctype].append(document.name)
	route = ["List", "ToDo"]
	route_options = {"allocated_to": user, "status": "Open"}
	if len(names) == 1:  # one kind of document waits: open its list with just those
		doctype, waiting = next(iter(names.items()))
		route, route_options = ["List", doctype], {"name": ["in", waiting]}
	return {
		"value": sum(len(waiting) for waiting in names.values()),
		"fieldtype": "Int",
		"route": route,
		"route_options": route_options,
	}


@frappe.whitelist()
@frappe.read_only()
@checked_arguments(filters="JSON filters")
def to_check(filters=None) -> dict:
	return my_queue("check")


@frappe.whitelist()
@frappe.read_only()
@checked_arguments(filters="JSON filters")
def to_paraf(filters=None) -> dict:
	return my_queue("paraf")


@frappe.whitelist()
@frappe.read_only()
@checked_arguments(filters="JSON filters")
def to_sign(filters=None) -> dict:
	return my_queue("sign")


@frappe.whitelist()
@frappe.read_only()
@checked_arguments(filters="JSON filters")
def to_send(filters=None) -> dict:
	return my_queue("send")


@frappe.whitelist()
@frappe.read_only()
@checked_arguments(filters="JSON filters")
def overdue_steps(filters=None) -> dict:
	"""Documents whose current step is past its Mutu Baku time standard."""
	where = {**scope(filters), **overdue()}
	return {"value": sum(count(doctype, where) for doctype in SOP_DOCUMENTS), "fieldtype": "Int"}


@frappe.whitelist()
@frappe.read_only()
@checked_arguments(filters="JSON filters")
def documents_in_progress(filters=None) -> dict:
	where = {**scope(filters), **in_progress()}
	return {"value": sum(count(doctype, where) for doctype in SOP_DOCUMENTS), "fieldtype": "Int"}


# --- charts ------------------------------------------------------------------------


def chart(labels: list, datasets: list[dict]) -> dict:
	"""Frappe's chart widget says "No Data" (Tidak ada data) for an empty answer; zeros
	everywhere would draw an empty box instead."""
	if not any(value for dataset in datasets for value in dataset["values"]):
		return {}
	return {"labels": labels, "datasets": datasets}


@frappe.whitelist()
@frappe.read_only()
@checked_arguments(filters="JSON filters")
def documents_by_state(filters=None, **_chart_args) -> dict:
	"""Each SOP document type: in progress within the time standard, overdue, done, cancelled."""
	where = scope(filters)
	states = {_("In Progress"): [], _("Overdue"): [], _("Completed"): [], _("Cancelled"): []}
	for doctype in SOP_DOCUMENTS:
		late = count(doctype, {**where, **overdue()})
		states[_("In Progress")].append(count(doctype, {**where, **in_progress()}) - late)
		states[_("Overdue")].append(late)
		states[_("Completed")].append(count(doctype, {**where, "docstatus": 1, "current_step": 0}))
		states[_("Cancelled")].append(count(doctype, {**where, "docstatus": 2}))
	return chart(
		[DOCUMENT_SHORT_NAMES.get(doctype, doctype) for doctype in SOP_DOCUMENTS],
		[{"name": state, "values": values} for state, values in states.items()],
	)


@frappe.whitelist()
@frappe.read_only()
@checked_arguments(filters="JSON filters")
def overdue_steps_by_role(filters=None, **_chart_args) -> dict:
	"""Whose desk the overdue steps are waiting on."""
	where = {**scope(filters), **overdue()}
	by_role = defaultdict(int)
	for doctype in SOP_DOCUMENTS:
		for role, number in count_by(doctype, where, "current_role").items():
			by_role[role] += number
	roles = sorted(by_role)
	return chart(
		[_(role) for role in roles],
		[{"name": _("Overdue Steps"), "values": [by_role[role] for role in roles]}],
	)


@frappe.whitelist()
@frappe.read_only()
@checked_arguments(filters="JSON filters")
def iku_achievement_by_year(filters=None, **_chart_args) -> dict:
	"""Each indicator's achievement (%) in the signed Pengukuran of each year;
	several units in one year are averaged. An indicator whose realisation was not
	entered has no achievement: it is left out of the average, and a year in which
	it was graded nowhere has no value (null, never 0)."""
	asked = frappe.parse_json(filters) or {}
	asked = asked if isinstance(asked, dict) else {}
	where = {**scope(filters), "docstatus": 1, "periode": asked.get("periode") or ANNUAL}
	where.pop("tahun", None)
	measured = frappe.get_list(
		"Pengukuran Kinerja", filters=where, fields=["name", "tahun"], order_by="tahun asc"
	)
	year_of = {row.name: row.tahun for row in measured}
	achieved = defaultdict(list)
	if year_of:
		for row in get_entered_rows(
			"Indikator Pengukuran",
			filters={
				"parenttype": "Pengukuran Kinerja",
				"parent": ("in", list(year_of)),
				"indikator_kinerja": ("is", "set"),
			},
			fields=["parent", "indikator_kinerja", "capaian"],
		):
			achieved[(row.indikator_kinerja, year_of[row.parent])].append(row.capaian)
	years = sorted(set(year_of.values()))
	indicators = sorted({indicator for indicator, _year in achieved})
	return chart(
		[str(year) for year in years],
		[
			{"name": indicator, "values": [year_average(achieved[(indicator, year)]) for year in years]}
			for indicator in indicators
		],
	)


def year_average(achievements: list) -> float | None:
	graded = [value for value in achievements if is_entered(value)]
	return float(round_half_up(average(graded))) if graded else None
