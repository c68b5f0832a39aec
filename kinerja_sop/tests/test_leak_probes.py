"""Leak probes: a user of unit B asks the served site for unit A's records by every
read path Frappe offers, for every unit-scoped DocType of ours, parent and child.

Which DocTypes are a unit's is read from the meta (a `unit_kerja` link to Unit
Kerja, readable by a unit role, and the rows of their tables), checked against the
permission hooks, and a record of each is made in unit A: a new DocType of ours
that is not scoped, not probed or not declared shared fails here.

Each probe is paired with its positive control: the same request by a user of
unit A must return the record, so a probe that returns nothing for everyone
cannot pass. The requests go over HTTP to the served site (host_name), so this
class commits its data and removes it afterwards.

Also here: references from one unit's document to another unit's are refused
(and nothing is written), and the Tim Kinerja role follows team membership.
"""

import json
from dataclasses import dataclass, replace
from unittest.mock import call, patch

import frappe
import requests
from frappe.core.doctype.file.utils import get_content_hash
from frappe.model.base_document import get_controller
from frappe.permissions import add_user_permission
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_url, getdate, now_datetime

from kinerja_sop.domain.catalogue import ADMIN_ROLE, APP_ROLES, SOP_DOCUMENTS, TEAM_ROLE
from kinerja_sop.domain.workflow_builder import ACTIONS
from kinerja_sop.integrity import ServerOwnedFieldError
from kinerja_sop.permissions import UNIT_DOCTYPE, CrossUnitLinkError
from kinerja_sop.tests.factories import import_sipd, issue_api_keys, make_user
from kinerja_sop.tests.sop_walk import create_document, make_office, to_team_step
from kinerja_sop.walk import act, actor, as_user, current_step, deliver_letter, make_incoming_letter

# DocTypes of ours that belong to no unit and that the units' users read: masters shared by
# every unit (written by administrators and the offices that keep them).
SHARED_MASTERS = (
	"Indikator Kinerja",
	"Target Indikator Kinerja",
	"SOP Kinerja",
	"Langkah SOP",
	"Klasifikasi Arsip",
	"Nomenklatur SIPD",
)
UNIT_ROLES = set(APP_ROLES) - {ADMIN_ROLE}
# Who reads a unit's records in the probes, in this order of preference (an office's keys).
READERS = {"Staf": "staf", "Camat": "camat", "Sekretaris": "sekretaris"}
CODE_A, CODE_B = "BOCORA", "BOCORB"
MEMBER = "anggota.bocora@example.com"
# Who creates each document in unit B: the office's Tim Kinerja holder outside any team for the team's.
CREATOR_ROLE_KEYS = {
	"Camat": "camat",
	"Kasubag Umum": "umum",
	"Staf": "staf",
	"Kasubag Evapor": "evapor",
	TEAM_ROLE: "outsider",
}


def served(authorization: str, path: str, params: dict | None = None, method: str = "GET"):
	"""A request to the served site, as a client sends it (JSON values encoded)."""
	encoded = {
		key: json.dumps(value) if isinstance(value, dict | list) else value
		for key, value in (params or {}).items()
	}
	return requests.request(
		method,
		get_url(path),
		params=encoded if method == "GET" else None,
		data=encoded if method != "GET" else None,
		# Token-authenticated requests take their language from Accept-Language (see factories.py).
		headers={"Authorization": authorization, "Accept": "application/json", "Accept-Language": "id"},
		timeout=180,
	)


def message(response):
	try:
		return response.json().get("message")
	except ValueError:
		return None


@dataclass
class Probe:
	doctype: str
	path: str
	request: dict  # path and params for `served`
	sees: object  # response -> True when the response shows unit A's record
	who: str = "staf"  # the position asking, in unit A (the control) and in unit B (the probe)


def sample(df):
	return {
		"Date": "2027-03-01",
		"Datetime": "2027-03-01 08:00:00",
		"Time": "08:00:00",
		"Int": 1,
		"Float": 1,
		"Currency": 1000000,
		"Percent": 1,
		"Check": 0,
		"Select": (df.options or "").split("\n")[0],
	}.get(df.fieldtype, f"Uji {df.label}")


def our_doctypes() -> list[str]:
	modules = frappe.get_module_list("kinerja_sop")
	return frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name")


def read_roles(doctype: str) -> set[str]:
	return {p.role for p in frappe.get_meta(doctype).permissions if p.read and not p.permlevel}


def belongs_to_a_unit(doctype: str) -> bool:
	field = frappe.get_meta(doctype).get_field("unit_kerja")
	return doctype == UNIT_DOCTYPE or bool(
		field and field.fieldtype == "Link" and field.options == UNIT_DOCTYPE
	)


def unit_doctypes() -> tuple[list[str], list[str]]:
	"""From the meta: the parent DocTypes of ours whose records belong to a unit and that a unit's
	users read, and the child DocTypes of their tables."""
	parents = sorted(
		d
		for d in our_doctypes()
		if not frappe.get_meta(d).istable and belongs_to_a_unit(d) and read_roles(d) & UNIT_ROLES
	)
	children = sorted({t.options for d in parents for t in frappe.get_meta(d).get_table_fields()})
	return parents, children


def admin_only_doctypes() -> list[str]:
	"""Parent DocTypes of ours no unit role reads."""
	return sorted(
		d for d in our_doctypes() if not frappe.get_meta(d).istable and not read_roles(d) & UNIT_ROLES
	)


def reader(doctype: str) -> str:
	"""The office's key of the first position (READERS) that reads the DocType (a child: its parent)."""
	meta = frappe.get_meta(doctype)
	if meta.istable:
		doctype = next(d for d in unit_doctypes()[0] if doctype in table_doctypes(d))
	roles = read_roles(doctype)
	return next(key for role, key in READERS.items() if role in roles)


def table_doctypes(doctype: str) -> set[str]:
	return {t.options for t in frappe.get_meta(doctype).get_table_fields()}


class TestLeakProbes(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_fixtures()
		cls.a, cls.b = make_office(CODE_A), make_office(CODE_B)
		cls.records = cls.make_unit_records(cls.a)
		cls.b_renja = create_document("Renja", cls.b).name
		cls.children = cls.fill_child_tables()
		cls.auth = {
			getattr(office, who): issue_api_keys(getattr(office, who))
			for office in (cls.a, cls.b)
			for who in ("staf", "camat", "sekretaris", "umum", "evapor")
		}
		frappe.db.commit()  # nosemgrep: the requests go to the served site
		cls.addClassCleanup(remove_fixtures)

	@classmethod
	def make_unit_records(cls, office) -> dict[str, str]:
		"""One record of every unit-scoped DocType in unit A, each made the way the app makes it."""
		records = {"Unit Kerja": office.unit}
		for doctype in SOP_DOCUMENTS:
			records[doctype] = create_document(doctype, office).name
		# The Renja moves one step: a step done for the compliance report, a ToDo for the next owner.
		renja = frappe.get_doc("Renja", records["Renja"])
		_sop, _plan, step = current_step(renja)
		act(renja, actor(office, step.role, step), ACTIONS["do"], office)
		# ... and is overdue, for the overdue charts and cards.
		frappe.db.set_value("Renja", records["Renja"], "step_due", add_days(now_datetime(), -3))
		records["Surat Masuk"] = make_incoming_letter(office)
		with as_user(office.umum):
			letter = frappe.get_doc(
				{
					"doctype": "Surat Keluar",
					"unit_kerja": office.unit,
					"tanggal": getdate(),
					"klasifikasi": "000.8.6.3",
					"perihal": "Surat uji kebocoran",
					"jabatan_penandatangan": "Camat",
				}
			).insert()
			deliver_letter(letter.name)
		records["Surat Keluar"] = letter.name
		records.update(cls.make_budget_records(office))
		return records

	@classmethod
	def make_budget_records(cls, office) -> dict[str, str]:
		"""The unit's SIPD records, imported from the SIPD exports of tests/data."""
		dpa = import_sipd(office, "sipd_sub_kegiatan_2026.csv")
		lra = import_sipd(office, "sipd_lra_2026_tw2.csv", "LRA", "Triwulan II")

		def imported(doctype, doc):
			return frappe.get_all(doctype, filters={"impor_sipd": doc.name}, pluck="name", limit=1)[0]

		return {
			"Impor SIPD": dpa.name,
			"Sub Kegiatan SIPD": imported("Sub Kegiatan SIPD", dpa),
			"Realisasi Anggaran SIPD": imported("Realisasi Anggaran SIPD", lra),
		}

	@classmethod
	def fill_child_tables(cls) -> dict[str, tuple[str, str, str]]:
		"""Every child table of A's records gets a row; returns child DocType -> (parenttype, parent, row)."""
		children = {}
		for doctype, name in cls.records.items():
			for table in frappe.get_meta(doctype).get_table_fields():
				rows = frappe.get_all(
					table.options,
					filters={"parenttype": doctype, "parent": name, "parentfield": table.fieldname},
					pluck="name",
				)
				if not rows:
					child_meta = frappe.get_meta(table.options)
					row = frappe.get_doc(
						{
							"doctype": table.options,
							"parenttype": doctype,
							"parent": name,
							"parentfield": table.fieldname,
							"idx": 1,
							**{
								df.fieldname: sample(df)
								for df in child_meta.fields
								if df.reqd and df.fieldtype != "Link"
							},
						}
					)
					row.db_insert()
					rows = [row.name]
				children.setdefault(table.options, (doctype, name, rows[0]))
		return children

	# --- the probe list, generated from the meta ----------------------------------------

	def getdoc_probe(self, doctype: str, name: str) -> Probe:
		return Probe(
			doctype,
			"getdoc",
			{
				"path": "/api/method/frappe.desk.form.load.getdoc",
				"params": {"doctype": doctype, "name": name},
			},
			lambda r: r.ok and any(d.get("name") == name for d in r.json().get("docs", [])),
		)

	def parent_probes(self, doctype: str, name: str) -> list[Probe]:
		names_in = lambda key: lambda r: r.ok and name in [row[key] for row in message(r) or []]  # noqa: E731
		return [
			self.getdoc_probe(doctype, name),
			Probe(
				doctype,
				"resource",
				{"path": f"/api/resource/{doctype}/{name}"},
				lambda r: r.ok and r.json()["data"]["name"] == name,
			),
			Probe(
				doctype,
				"get_list",
				{
					"path": "/api/method/frappe.client.get_list",
					"params": {"doctype": doctype, "filters": {"name": name}, "fields": ["name"]},
				},
				names_in("name"),
			),
			Probe(
				doctype,
				"get_count",
				{
					"path": "/api/method/frappe.client.get_count",
					"params": {"doctype": doctype, "filters": {"name": name}},
				},
				lambda r: r.ok and message(r) == 1,
			),
			Probe(
				doctype,
				"get_value",
				{
					"path": "/api/method/frappe.client.get_value",
					"params": {"doctype": doctype, "fieldname": "name", "filters": {"name": name}},
				},
				lambda r: r.ok and (message(r) or {}).get("name") == name,
			),
			*self.reportview_probes(doctype, name, {}),
			Probe(
				doctype,
				"search_link",
				{
					"path": "/api/method/frappe.desk.search.search_link",
					"params": {
						"doctype": doctype,
						"txt": name,
						"ignore_user_permissions": 1,
						"page_length": 100,
					},
				},
				names_in("value"),
			),
			*self.print_probes(doctype, name),
		]

	def child_probes(self, doctype: str, parenttype: str, parent: str, row: str) -> list[Probe]:
		return [
			self.getdoc_probe(doctype, row),
			Probe(
				doctype,
				"get_list",
				{
					"path": "/api/method/frappe.client.get_list",
					"params": {
						"doctype": doctype,
						"parent": parenttype,
						"filters": {"name": row},
						"fields": ["name"],
					},
				},
				lambda r: r.ok and row in [x["name"] for x in message(r) or []],
			),
			Probe(
				doctype,
				"get_list_by_parent",
				{
					"path": "/api/method/frappe.client.get_list",
					"params": {
						"doctype": doctype,
						"parent": parenttype,
						"filters": {"parent": parent},
						"fields": ["name"],
					},
				},
				lambda r: r.ok and row in [x["name"] for x in message(r) or []],
			),
			Probe(
				doctype,
				"get_count",
				{
					"path": "/api/method/frappe.client.get_count",
					"params": {"doctype": doctype, "parent": parenttype, "filters": {"name": row}},
				},
				lambda r: r.ok and message(r) == 1,
			),
			Probe(
				doctype,
				"get_value",
				{
					"path": "/api/method/frappe.client.get_value",
					"params": {
						"doctype": doctype,
						"parent": parenttype,
						"fieldname": "name",
						"filters": {"name": row},
					},
				},
				lambda r: r.ok and (message(r) or {}).get("name") == row,
			),
			Probe(
				doctype,
				"get",
				{
					"path": "/api/method/frappe.client.get",
					"params": {"doctype": doctype, "name": row, "parent": parenttype},
				},
				lambda r: r.ok and (message(r) or {}).get("name") == row,
			),
			*self.reportview_probes(doctype, row, {"parent_doctype": parenttype}),
			*self.print_probes(doctype, row),
		]

	def reportview_probes(self, doctype: str, name: str, extra: dict) -> list[Probe]:
		params = {"doctype": doctype, "filters": [[doctype, "name", "=", name]], **extra}
		return [
			Probe(
				doctype,
				"reportview.get",
				{
					"path": "/api/method/frappe.desk.reportview.get",
					"params": {**params, "fields": [f"`tab{doctype}`.`name`"]},
				},
				lambda r: r.ok and [name] in ((message(r) or {}).get("values") or []),
			),
			Probe(
				doctype,
				"reportview.get_count",
				{"path": "/api/method/frappe.desk.reportview.get_count", "params": params},
				lambda r: r.ok and message(r) == 1,
			),
		]

	def print_probes(self, doctype: str, name: str) -> list[Probe]:
		return [
			Probe(
				doctype,
				"printview",
				{"path": "/printview", "params": {"doctype": doctype, "name": name}},
				lambda r: r.status_code == 200 and "print-format" in r.text,
			),
			Probe(
				doctype,
				"get_html_and_style",
				{
					"path": "/api/method/frappe.www.printview.get_html_and_style",
					"params": {"doc": doctype, "name": name},
				},
				lambda r: r.ok and bool((message(r) or {}).get("html")),
			),
			Probe(
				doctype,
				"download_pdf",
				{
					"path": "/api/method/frappe.utils.print_format.download_pdf",
					"params": {"doctype": doctype, "name": name},
				},
				lambda r: r.ok and r.content.startswith(b"%PDF"),
			),
		]

	def attachment_probes(self, doctype: str, name: str) -> list[Probe]:
		"""The record's private attachments, downloaded by their URL."""
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": doctype, "attached_to_name": name, "is_private": 1},
			fields=["file_url", "content_hash"],
		)
		return [
			Probe(
				doctype,
				"private attachment",
				{"path": file.file_url},
				lambda r, file=file: (
					r.status_code == 200 and get_content_hash(r.content) == file.content_hash
				),
			)
			for file in files
		]

	def unit_figure_probes(self) -> list[Probe]:
		"""Reports and dashboards asked about unit A by name."""
		unit, renja, letter = self.a.unit, self.records["Renja"], self.records["Surat Keluar"]
		year = getdate().year
		unit_filter = [["Renja", "unit_kerja", "=", unit]]

		def report(name, filters):
			return {
				"path": "/api/method/frappe.desk.query_report.run",
				"params": {"report_name": name, "filters": filters},
			}

		def rows_of(r):
			return r.ok and bool((message(r) or {}).get("result"))

		def chart_total(r):
			return r.ok and sum(sum(d["values"]) for d in (message(r) or {}).get("datasets", [])) > 0

		chart = {
			"name": "Probe Renja",
			"chart_type": "Count",
			"document_type": "Renja",
			"based_on": "creation",
			"timespan": "Last Year",
			"time_interval": "Monthly",
			"filters_json": "[]",
		}
		group_by = {
			"name": "Probe Renja by Unit",
			"chart_type": "Group By",
			"document_type": "Renja",
			"group_by_based_on": "unit_kerja",
			"group_by_type": "Count",
			"filters_json": "[]",
		}
		card = {"document_type": "Renja", "function": "Count", "filters_json": "[]"}
		dashboard = "/api/method/kinerja_sop.kinerja.dashboard."
		return [
			Probe(
				"Log Langkah SOP",
				"report Kepatuhan SOP",
				report(
					"Kepatuhan SOP",
					{"unit_kerja": unit, "from_date": f"{year}-01-01", "to_date": f"{year}-12-31"},
				),
				rows_of,
				who="camat",
			),
			Probe(
				"Surat Keluar",
				"report Buku Agenda Surat Keluar",
				report("Buku Agenda Surat Keluar", {"unit_kerja": unit}),
				rows_of,
			),
			Probe(
				"Renja",
				"chart SOP Documents by State",
				{"path": dashboard + "documents_by_state", "params": {"filters": {"unit_kerja": unit}}},
				chart_total,
			),
			Probe(
				"Renja",
				"chart Overdue Steps by Role",
				{"path": dashboard + "overdue_steps_by_role", "params": {"filters": {"unit_kerja": unit}}},
				chart_total,
			),
			Probe(
				"Renja",
				"number card Overdue Steps",
				{"path": dashboard + "overdue_steps", "params": {"filters": {"unit_kerja": unit}}},
				lambda r: r.ok and (message(r) or {}).get("value", 0) > 0,
			),
			Probe(
				"Renja",
				"number card Documents in Progress",
				{"path": dashboard + "documents_in_progress", "params": {"filters": {"unit_kerja": unit}}},
				lambda r: r.ok and (message(r) or {}).get("value", 0) > 0,
			),
			Probe(
				"Renja",
				"dashboard_chart.get Count",
				{
					"path": "/api/method/frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
					"params": {"chart": chart, "filters": unit_filter, "refresh": 1},
				},
				chart_total,
			),
			Probe(
				"Renja",
				"dashboard_chart.get Group By",
				{
					"path": "/api/method/frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
					"params": {"chart": group_by, "filters": unit_filter, "refresh": 1},
				},
				lambda r: r.ok and unit in ((message(r) or {}).get("labels") or []),
			),
			Probe(
				"Renja",
				"number_card.get_result",
				{
					"path": "/api/method/frappe.desk.doctype.number_card.number_card.get_result",
					"params": {"doc": card, "filters": unit_filter},
				},
				lambda r: r.ok and (message(r) or 0) > 0,
			),
			Probe(
				"Renja",
				"list sidebar: assigned to",
				{
					"path": "/api/method/frappe.desk.listview.get_group_by_count",
					"params": {"doctype": "Renja", "current_filters": unit_filter, "field": "assigned_to"},
				},
				lambda r: r.ok and bool(message(r)),
			),
			Probe(
				"Renja",
				"Workflow Action list",
				{
					"path": "/api/method/frappe.client.get_list",
					"params": {
						"doctype": "Workflow Action",
						"filters": {"reference_doctype": "Renja", "reference_name": renja},
						"fields": ["name"],
					},
				},
				lambda r: r.ok and bool(message(r)),
				who="sekretaris",  # the owner of the Renja's step 2
			),
			Probe(
				"Surat Keluar",
				"submitted documents linked to the unit",
				{
					"path": "/api/method/frappe.desk.form.linked_with.get_submitted_linked_docs",
					"params": {"doctype": "Unit Kerja", "name": unit},
				},
				lambda r: r.ok and letter in [d["name"] for d in (message(r) or {}).get("docs", [])],
			),
			Probe(
				"Renja",
				"list sidebar: by state",
				{
					"path": "/api/method/frappe.desk.listview.get_group_by_count",
					"params": {"doctype": "Renja", "current_filters": unit_filter, "field": "workflow_state"},
				},
				lambda r: r.ok and bool(message(r)),
			),
		]

	# --- the probes ---------------------------------------------------------------------

	def test_every_doctype_of_ours_is_probed_or_shared_by_design(self):
		parents, children = unit_doctypes()
		self.assertEqual(set(our_doctypes()), {*parents, *children, *SHARED_MASTERS, *admin_only_doctypes()})
		self.assertFalse(set(SHARED_MASTERS) & {*parents, *children}, "a shared master belongs to a unit")
		# The permission hooks scope exactly the unit's DocTypes, no more and no fewer.
		ours = set(our_doctypes())
		for hook in ("has_permission", "permission_query_conditions"):
			with self.subTest(hook=hook):
				self.assertEqual(set(frappe.get_hooks(hook)) & ours, {*parents, *children})
		# ... and each of them is probed below with a record of unit A.
		self.assertEqual(set(self.records), set(parents))
		self.assertEqual(set(self.children), set(children))

	def test_unit_b_reads_nothing_of_unit_a(self):
		probes = [
			replace(p, who=reader(doctype))
			for doctype, name in self.records.items()
			for p in (*self.parent_probes(doctype, name), *self.attachment_probes(doctype, name))
		]
		for child, (parenttype, parent, row) in self.children.items():
			probes += [
				replace(p, who=reader(child)) for p in self.child_probes(child, parenttype, parent, row)
			]
		probes += self.unit_figure_probes()

		controls_failed, leaks = [], []
		for probe in probes:
			control = served(self.auth[getattr(self.a, probe.who)], **probe.request)
			if not probe.sees(control):
				controls_failed.append(
					f"{probe.doctype} / {probe.path}: {control.status_code} {control.text[:300]}"
				)
			response = served(self.auth[getattr(self.b, probe.who)], **probe.request)
			if probe.sees(response):
				leaks.append(f"{probe.doctype} / {probe.path}: {response.text[:200]}")
		doctypes = {p.doctype for p in probes}
		print(
			f"\nleak probes: {len(probes)} probes, {len(probes)} positive controls "
			f"({len(probes) - len(controls_failed)} returned the record), {len(leaks)} leaks; "
			f"{len(doctypes)} DocTypes, {len({p.path for p in probes})} read paths"
		)
		for line in controls_failed:
			print(f"control returned nothing: {line}")
		for line in leaks:
			print(f"LEAK: {line}")
		self.assertEqual((controls_failed, leaks), ([], []), "controls that returned nothing; leaks")

	def test_admin_only_and_child_search_are_refused_to_unit_users(self):
		"""No positive control exists here: no unit user may read these at all."""
		for user in (self.a.staf, self.b.staf):
			for doctype in admin_only_doctypes():
				response = served(
					self.auth[user], "/api/method/frappe.client.get_count", {"doctype": doctype}
				)
				self.assertEqual(response.status_code, 403, response.text)
		# Frappe lists a child table without any condition when asked to ignore user permissions.
		parenttype, parent, row = self.children["Log Langkah SOP"]
		response = served(
			self.auth[self.b.staf],
			"/api/method/frappe.desk.search.search_link",
			{
				"doctype": "Log Langkah SOP",
				"txt": row,
				"reference_doctype": parenttype,
				"ignore_user_permissions": 1,
			},
		)
		self.assertNotIn(row, response.text)

	def test_a_heatmap_of_a_unit_doctype_is_refused(self):
		chart = {"name": "Probe Heatmap", "type": "Heatmap", "chart_type": "Count", "document_type": "Renja",
			"based_on": "creation", "filters_json": "[]"}  # fmt: skip
		response = served(
			self.auth[self.b.staf],
			"/api/method/frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
			{"chart": chart, "filters": [["Renja", "unit_kerja", "=", self.a.unit]]},
		)
		self.assertEqual(response.status_code, 417, response.text)
		self.assertEqual(response.json()["exc_type"], "UnitScopedChartError")

	def test_a_copy_claiming_another_unit_does_not_reach_the_stored_record(self):
		"""Frappe's form save (savedocs) and a document's actions (run_doc_method) take the document
		as the client sends it. Unit B's writer sends A's record with B's unit: refused, the record
		stays A's; the same request by A's writer with the record as it is goes through."""
		self.addCleanup(frappe.db.rollback)
		cases = [("Surat Masuk", "umum"), ("Sub Kegiatan SIPD", "evapor"), ("Impor SIPD", "evapor")]
		for doctype, who in cases:
			name = self.records[doctype]
			with self.subTest(doctype=doctype):
				stored = json.loads(frappe.as_json(frappe.get_doc(doctype, name).as_dict()))
				claimed = {**stored, "unit_kerja": self.b.unit}
				calls = {
					"savedocs": (
						"/api/method/frappe.desk.form.save.savedocs",
						lambda doc: {"doc": doc, "action": "Save"},
					),
					"add_comment": (
						"/api/method/run_doc_method",
						lambda doc: {"docs": doc, "method": "add_comment", "args": {"text": "Uji"}},
					),
				}
				for what, (path, params) in calls.items():
					comments = frappe.db.count(
						"Comment", {"reference_doctype": doctype, "reference_name": name}
					)
					response = served(self.auth[getattr(self.b, who)], path, params(claimed), method="POST")
					self.assertIn(response.status_code, (403, 417), f"{what}: {response.text[:500]}")
					frappe.db.rollback()
					self.assertEqual(frappe.db.get_value(doctype, name, "unit_kerja"), self.a.unit, what)
					self.assertEqual(
						frappe.db.count("Comment", {"reference_doctype": doctype, "reference_name": name}),
						comments,
						what,
					)
				control = served(
					self.auth[getattr(self.a, who)],
					"/api/method/run_doc_method",
					{"docs": stored, "method": "add_comment", "args": {"text": "Uji"}},
					method="POST",
				)
				self.assertEqual(control.status_code, 200, control.text[:500])

	def test_a_loaded_record_is_judged_by_the_unit_it_was_loaded_with(self):
		"""A record loaded from the database is not read again for its unit, but only while its
		name and unit are those it was loaded with: moved to B's unit in memory, or a copy built
		from its JSON, it is judged by the unit it is stored under."""
		for doctype, name in self.records.items():
			if doctype == UNIT_DOCTYPE:
				continue
			user_a, user_b = getattr(self.a, reader(doctype)), getattr(self.b, reader(doctype))
			with self.subTest(doctype=doctype):
				loaded = frappe.get_doc(doctype, name)
				with patch.object(frappe.db, "get_value", wraps=frappe.db.get_value) as get_value:
					self.assertTrue(frappe.has_permission(doctype, "read", doc=loaded, user=user_a))
					self.assertFalse(frappe.has_permission(doctype, "read", doc=loaded, user=user_b))
				self.assertNotIn(call(doctype, name, "unit_kerja"), get_value.call_args_list)

				loaded.unit_kerja = self.b.unit
				self.assertFalse(frappe.has_permission(doctype, "read", doc=loaded, user=user_b))
				copy = frappe.get_doc({**frappe.get_doc(doctype, name).as_dict(), "unit_kerja": self.b.unit})
				self.assertFalse(frappe.has_permission(doctype, "read", doc=copy, user=user_b))
				loaded.name = self.records.get(doctype) + "-lain"
				loaded.unit_kerja = self.a.unit
				with patch.object(frappe.db, "get_value", wraps=frappe.db.get_value) as get_value:
					frappe.has_permission(doctype, "read", doc=loaded, user=user_a)
				self.assertIn(call(doctype, loaded.name, "unit_kerja"), get_value.call_args_list)

	def test_print_preview_of_a_sent_document_checks_its_links(self):
		"""The desk's print preview sends the form: a Laporan of B naming A's Renja must not print it."""
		renja_a = self.records["Renja"]
		doc = {"doctype": "Laporan Kinerja", "unit_kerja": self.b.unit, "tahun": 2027, "renja": renja_a}
		response = served(
			self.auth[self.b.staf],
			"/api/method/frappe.www.printview.get_html_and_style",
			{"doc": doc, "print_format": "Laporan Kinerja Resmi"},
			method="POST",
		)
		self.assertEqual(response.status_code, 417, response.text)
		self.assertEqual(response.json()["exc_type"], "CrossUnitLinkError")
		own = {**doc, "unit_kerja": self.a.unit}
		control = served(
			self.auth[self.a.staf],
			"/api/method/frappe.www.printview.get_html_and_style",
			{"doc": own, "print_format": "Laporan Kinerja Resmi"},
			method="POST",
		)
		self.assertEqual(control.status_code, 200, control.text)
		# A named record sent as a form is printed only for who may read the record.
		stolen = {**frappe.get_doc("Renja", renja_a).as_dict(), "unit_kerja": self.b.unit}
		response = served(
			self.auth[self.b.staf],
			"/api/method/frappe.www.printview.get_html_and_style",
			{"doc": json.loads(frappe.as_json(stolen))},
			method="POST",
		)
		self.assertEqual(response.status_code, 403, response.text)

	# --- references between units --------------------------------------------------------

	def test_letter_to_another_units_document_is_refused_over_rest(self):
		before = frappe.db.count("Surat Keluar")
		response = served(
			self.auth[self.a.staf],
			"/api/resource/Surat Keluar",
			{
				"data": {
					"unit_kerja": self.a.unit,
					"tanggal": str(getdate()),
					"klasifikasi": "000.8.6.3",
					"perihal": "Rujukan ke unit lain",
					"jabatan_penandatangan": "Camat",
					"reference_doctype": "Renja",
					"reference_name": self.b_renja,
				}
			},
			method="POST",
		)
		self.assertEqual(response.status_code, 417, response.text)
		# The letter's source document is the register's to set: the reference is refused before
		# the unit is even looked at (ServerOwnedFieldError), which is stricter than CrossUnitLinkError.
		self.assertIn(response.json()["exc_type"], ("CrossUnitLinkError", "ServerOwnedFieldError"))
		self.assertTrue("bukan dokumen" in response.text or "oleh sistem" in response.text, response.text)
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Surat Keluar"), before)
		self.assertFalse(frappe.db.get_value("Renja", self.b_renja, "nomor_surat"))

	def test_evaluation_from_another_units_letter_is_refused_over_rest(self):
		response = served(
			self.auth[self.b.camat],
			"/api/resource/Evaluasi Kinerja",
			{"data": {"unit_kerja": self.b.unit, "tahun": 2027, "surat_masuk": self.records["Surat Masuk"]}},
			method="POST",
		)
		self.assertEqual(response.status_code, 417, response.text)
		self.assertEqual(response.json()["exc_type"], "CrossUnitLinkError")
		self.assertIn("bukan dokumen", response.text)
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Evaluasi Kinerja", {"unit_kerja": self.b.unit}))

	def test_every_link_to_another_units_document_is_refused(self):
		"""Generated from the meta: every Link / Dynamic Link of a unit document to a unit DocType.
		A link the server owns is refused as such, a link it computes is put back: neither keeps
		the other unit's document."""
		self.addCleanup(frappe.db.rollback)  # refused inserts still hold their naming series' lock
		checked = 0
		probed = [d for d in unit_doctypes()[0] if d in self.records]
		for doctype in probed:
			meta = frappe.get_meta(doctype)
			controller = get_controller(doctype)
			owned = set(getattr(controller, "server_owned", ()))
			computed = set(getattr(controller, "computed", ()))
			creator = self.creator_in_b(meta)
			for df in meta.fields:
				if df.fieldtype == "Dynamic Link":
					targets = [(t, {df.options: t}) for t in probed if t != "Unit Kerja"]
				elif df.fieldtype == "Link" and df.options in probed and df.options != "Unit Kerja":
					targets = [(df.options, {})]
				else:
					continue
				for target, extra in targets:
					values = {"doctype": doctype, "unit_kerja": self.b.unit, "tahun": 2027, **extra}
					values[df.fieldname] = self.records[target]
					with self.subTest(doctype=doctype, field=df.fieldname, target=target):
						count = frappe.db.count(doctype)
						if df.fieldname in computed:
							with as_user(creator):
								doc = frappe.get_doc(values).insert()
							self.assertNotEqual(doc.get(df.fieldname), self.records[target])
							frappe.db.rollback()
						else:
							expected = ServerOwnedFieldError if df.fieldname in owned else CrossUnitLinkError
							with as_user(creator), self.assertRaises(expected):
								frappe.get_doc(values).insert()
						self.assertEqual(frappe.db.count(doctype), count)
						checked += 1
		self.assertGreaterEqual(checked, 10)
		print(f"\ncross-unit links: {checked} references to another unit's document refused or put back")

	def creator_in_b(self, meta) -> str:
		for perm in meta.permissions:
			if perm.create and perm.role in CREATOR_ROLE_KEYS:
				return getattr(self.b, CREATOR_ROLE_KEYS[perm.role])
		return "Administrator"

	def test_a_link_within_the_unit_is_kept(self):
		self.addCleanup(frappe.db.rollback)
		laporan = create_document(
			"Laporan Kinerja",
			self.a,
			renja=self.records["Renja"],
			pengukuran=self.records["Pengukuran Kinerja"],
		)
		self.assertEqual(laporan.renja, self.records["Renja"])

	# --- the Tim Kinerja role -------------------------------------------------------------

	def test_team_role_is_held_only_while_in_an_active_team(self):
		self.addCleanup(frappe.db.rollback)
		member = make_user(MEMBER)
		add_user_permission("Unit Kerja", self.a.unit, member, ignore_permissions=True)
		self.assertNotIn(TEAM_ROLE, frappe.get_roles(member))
		first, second = (to_team_step(self.a) for _ in range(2))

		set_team(first, self.a.tim1, add=member)
		self.assertIn(TEAM_ROLE, frappe.get_roles(member))
		self.assertTrue(frappe.has_permission("Data IKU", "create", user=member))
		set_team(second, self.a.tim1, add=member)

		set_team(first, self.a.tim1, remove=member)
		self.assertIn(TEAM_ROLE, frappe.get_roles(member), "still in the second team")

		frappe.delete_doc("Renja", second, force=True, ignore_permissions=True)  # its document ends
		self.assertNotIn(TEAM_ROLE, frappe.get_roles(member))
		self.assertFalse(frappe.has_permission("Data IKU", "create", user=member))
		self.assertFalse(frappe.has_permission("Laporan Kinerja", "create", user=member))

		set_team(first, self.a.tim1, add=member)
		self.assertIn(TEAM_ROLE, frappe.get_roles(member))
		set_team(first, self.a.tim1, remove=member)
		self.assertNotIn(TEAM_ROLE, frappe.get_roles(member))
		frappe.delete_doc("Renja", first, force=True, ignore_permissions=True)


def set_team(name: str, user: str, add: str | None = None, remove: str | None = None):
	"""As the team's own member (the owner of the Tim step), change the team."""
	with as_user(user):
		doc = frappe.get_doc("Renja", name)
		if add:
			doc.append("team", {"user": add})
		if remove:
			doc.set("team", [row for row in doc.team if row.user != remove])
		doc.save()
	frappe.clear_cache(user=add or remove)


def remove_fixtures():
	frappe.set_user("Administrator")
	units = [f"Kecamatan Uji {code}" for code in (CODE_A, CODE_B)]
	letters = frappe.get_all("Surat Keluar", filters={"unit_kerja": ("in", units)}, pluck="name")
	if letters:  # registered letters cannot be deleted through the document API, by design
		frappe.db.delete("Penerima Surat Keluar", {"parenttype": "Surat Keluar", "parent": ("in", letters)})
		frappe.db.delete("Surat Keluar", {"name": ("in", letters)})
		for doctype, field in (("ToDo", "reference_name"), ("Workflow Action", "reference_name")):
			frappe.db.delete(doctype, {field: ("in", letters)})
	for code in (CODE_A, CODE_B):
		frappe.db.sql("delete from `tabSeries` where `name` like %s", (f"S_:UJI.{code}:%",))
	budget = ("Sub Kegiatan SIPD", "Realisasi Anggaran SIPD", "Impor SIPD")  # records before their imports
	for doctype in (*SOP_DOCUMENTS, "Surat Masuk", *budget):
		for name in frappe.get_all(doctype, filters={"unit_kerja": ("in", units)}, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	for unit in units:
		if frappe.db.exists("Unit Kerja", unit):
			frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	pattern = {"name": ("like", "%.bocor%@example.com")}
	for user in frappe.get_all("User", filters=pattern, pluck="name"):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: undo what setUpClass committed
