"""A hostile client over REST, as real logged-in users of two units.

Malformed payloads are generated from the meta of every DocType of ours (each
field, and each column of each child table, gets the wrong values of its kind)
and from the signature of every whitelisted method of the app. Forged values go
into every field the server owns, on create and on update, by the owner of the
current step and by others. Nothing may answer HTTP 500, every refusal is a 4xx
with a message, and nothing is written: the row counts of our tables and the
documents re-read are unchanged.

The requests run through Frappe's real WSGI app on a connection of their own, so
this class commits its data and removes it afterwards.
"""

import importlib
import inspect
import json
import pkgutil

import frappe
from frappe.model import table_fields
from frappe.model.base_document import get_controller
from frappe.tests.utils import FrappeTestCase
from frappe.utils.background_jobs import get_job

import kinerja_sop
from kinerja_sop.domain.catalogue import SOP_DOCUMENTS
from kinerja_sop.integrity import column_of, split
from kinerja_sop.kinerja.sop_document import get_sop_flow
from kinerja_sop.tests.factories import api_request, attach_data_file, issue_api_keys, make_user
from kinerja_sop.tests.sop_walk import create_document, make_office
from kinerja_sop.walk import act, actor, as_user, current_step, make_incoming_letter

MODULES = ("Kinerja", "Persuratan", "Anggaran")  # every module of the app (checked below)
CODES = ("HOS", "HOSB")
ADMIN = "admin.hos@example.com"
STRUCTURES = ({"x": 1}, [1, 2])


class TestHostileREST(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_fixtures()
		cls.office, cls.other = make_office(CODES[0]), make_office(CODES[1])
		make_user(ADMIN, ("Admin Kinerja",))
		cls.docs = {doctype: create_document(doctype, cls.office).name for doctype in SOP_DOCUMENTS}
		cls.walked = walk_one_step(create_document("Renja", cls.office), cls.office)  # two log rows
		cls.letter = make_letter(cls.office)
		cls.incoming = make_incoming_letter(cls.office)
		cls.indicator = make_indicator()
		users = {ADMIN, cls.other.camat, *vars(cls.office).values()} - {
			cls.office.unit,
			cls.office.attachment,
		}
		cls.auth = {user: issue_api_keys(user) for user in users}
		frappe.db.commit()  # nosemgrep: the REST requests use their own connection
		cls.addClassCleanup(remove_fixtures)
		cls.tally = {"malformed": 0, "status_500": 0, "forged": 0}

	@classmethod
	def tearDownClass(cls):
		print(
			"\nhostile REST: {malformed} malformed requests, {status_500} HTTP 500; "
			"{forged} forgeries refused or ignored".format(**cls.tally)
		)
		super().tearDownClass()

	# --- requests --------------------------------------------------------------

	def send(self, user, method, path, data=None, raw=None):
		response = api_request(self.auth[user], method, path, data=data, raw=raw)
		if response.status_code >= 500:
			self.tally["status_500"] += 1
		return response

	def assert_refused(self, response, what, exc_types=None):
		self.assertLess(response.status_code, 500, f"{what}: {response.text[:2000]}")
		self.assertGreaterEqual(response.status_code, 400, f"{what} was accepted: {response.text[:500]}")
		self.assertTrue(message_of(response), f"{what}: a refusal without a message: {response.text[:500]}")
		if exc_types and response.status_code == 417:
			self.assertIn(response.json.get("exc_type"), exc_types, f"{what}: {message_of(response)}")

	def owner_of(self, doctype, name=None) -> str:
		"""Who may write the document now: the owner of its current step (or its register's staff)."""
		if doctype in SOP_DOCUMENTS:
			doc = frappe.get_doc(doctype, name) if name else None
			if doc is None:
				sop, plan = get_sop_flow(doctype)
				return actor(self.office, plan.states[0].role, sop.step(1))
			sop, plan, step = current_step(doc)
			return actor(self.office, step.role, step)
		return {
			"Surat Keluar": self.office.staf,
			"Surat Masuk": self.office.umum,
			"Indikator Kinerja": self.office.evapor,
			"Klasifikasi Arsip": self.office.umum,
		}.get(doctype, ADMIN)

	def targets(self) -> dict[str, str | None]:
		"""A saved document of each parent DocType of ours, or None where only creating is tried."""
		parents = frappe.get_all(
			"DocType", filters={"module": ("in", MODULES), "istable": 0, "issingle": 0}, pluck="name"
		)
		return dict.fromkeys(sorted(parents)) | {
			**self.docs,
			"Surat Keluar": self.letter,
			"Surat Masuk": self.incoming,
			"Indikator Kinerja": self.indicator,
			"Unit Kerja": self.office.unit,
			"SOP Kinerja": None,  # the SOPs in force are not played with: creating only
			"Klasifikasi Arsip": None,
			"Rekap Kepatuhan SOP": None,
		}

	def create_payload(self, doctype) -> dict:
		base = {"unit_kerja": self.office.unit, "tahun": 2027}
		if frappe.get_meta(doctype).has_field("periode"):
			base["periode"] = "Triwulan I"
		if doctype in ("Data IKU", "Laporan Kinerja"):
			base["team"] = [{"user": self.office.tim1, "is_leader": 1}, {"user": self.office.tim2}]
		return {
			"Surat Keluar": {
				"unit_kerja": self.office.unit,
				"tanggal": "2027-01-05",
				"klasifikasi": "000.7.2.8",
				"perihal": "Uji",
				"jabatan_penandatangan": "Camat",
			},
			"Surat Masuk": {
				"unit_kerja": self.office.unit,
				"pengirim": "Bupati",
				"nomor_surat": "1/2027",
				"tanggal_surat": "2027-01-02",
				"tanggal_diterima": "2027-01-03",
				"perihal": "Uji",
			},
		}.get(doctype, base if doctype in SOP_DOCUMENTS else {})

	# --- malformed payloads from the meta ------------------------------------------

	def test_every_module_of_the_app_is_covered(self):
		self.assertEqual(set(MODULES), set(frappe.get_module_list("kinerja_sop")))

	def test_malformed_payloads_from_the_meta_of_every_doctype(self):
		frappe.db.rollback()
		counts, saved = row_counts(), self.snapshot()
		for doctype, name in self.targets().items():
			meta = frappe.get_meta(doctype)
			user = self.owner_of(doctype, name)
			for df in meta.fields:
				if df.fieldtype in table_fields:
					self.send_malformed_rows(doctype, name, user, df)
					continue
				bad = bad_values(df)
				if not bad:
					continue
				if name:
					for value in (bad[0], bad[-1]):
						self.malformed(user, "PUT", f"/api/resource/{doctype}/{name}", {df.fieldname: value})
				payload = {**self.create_payload(doctype), df.fieldname: bad[-1]}
				self.malformed(user, "POST", f"/api/resource/{doctype}", payload)
		frappe.db.rollback()
		self.assertEqual(row_counts(), counts)
		self.assertEqual(self.snapshot(), saved)
		self.assertGreaterEqual(self.tally["malformed"], 500)

	def send_malformed_rows(self, doctype, name, user, table_df):
		path = f"/api/resource/{doctype}/{name}" if name else f"/api/resource/{doctype}"
		method = "PUT" if name else "POST"
		base = {} if name else self.create_payload(doctype)
		for shape in ({"x": 1}, "abc", 5, [1, 2]):
			self.malformed(user, method, path, {**base, table_df.fieldname: shape})
		for df in frappe.get_meta(table_df.options).fields:
			bad = bad_values(df)
			if bad:
				self.malformed(user, method, path, {**base, table_df.fieldname: [{df.fieldname: bad[-1]}]})

	def malformed(self, user, method, path, data):
		response = self.send(user, method, path, data)
		self.tally["malformed"] += 1
		self.assert_refused(response, f"{method} {path} {short(data)}", ("InvalidInputError",))

	def test_attributes_a_body_must_not_set_on_the_document(self):
		"""Frappe sets every key of a client's JSON on the document it builds; the stored copy a
		save compares against must come from the database, never from the body."""
		tried = 0
		for doctype, name in self.targets().items():
			if not name:
				continue
			forged = {"_stored_for_save": {"name": name}, "_doc_before_save": {"name": name}}
			response = self.send(
				self.owner_of(doctype, name), "PUT", f"/api/resource/{doctype}/{name}", forged
			)
			self.assertLess(response.status_code, 500, f"{doctype}: {response.text[:2000]}")
			tried += 1
		self.assertGreaterEqual(tried, 10)

	def test_malformed_arguments_of_every_whitelisted_method(self):
		frappe.db.rollback()
		counts, saved = row_counts(), self.snapshot()
		good = {
			"name": self.docs["Pengukuran Kinerja"],
			"surat_keluar": self.letter,
			"filters": "{}",
		}
		for path, fn in whitelisted_methods():
			params = [
				p
				for p in inspect.signature(fn).parameters.values()
				if p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
			]
			for param in params:
				for value in (*STRUCTURES, "kemarin sore", "NaN", "x" * 200, 12345, "{not json"):
					args = {p.name: good.get(p.name, "x") for p in params} | {param.name: value}
					response = self.send(self.office.umum, "POST", f"/api/method/{path}", args)
					self.tally["malformed"] += 1
					self.assertLess(
						response.status_code, 500, f"{path} {short(args)}: {response.text[:2000]}"
					)
					if response.status_code >= 400:
						self.assertTrue(message_of(response), f"{path} {short(args)}: {response.text[:300]}")
		frappe.db.rollback()
		self.assertEqual(row_counts(), counts)
		self.assertEqual(self.snapshot(), saved)

	def test_a_body_that_is_not_json(self):
		for method, path in (
			("POST", "/api/resource/Renja"),
			("PUT", f"/api/resource/Renja/{self.docs['Renja']}"),
			("POST", "/api/method/kinerja_sop.persuratan.api.record_receipt"),
		):
			for body in (b'{"tahun": 2026,,', b"[1, 2]", b"tahun=2026"):
				response = self.send(self.office.camat, method, path, raw=body)
				self.tally["malformed"] += 1
				self.assert_refused(response, f"{method} {path} with the body {body}")

	# --- forged server-owned fields ---------------------------------------------------

	def test_forged_server_owned_fields_are_refused_on_create(self):
		for doctype in (*SOP_DOCUMENTS, "Surat Keluar", "Surat Masuk"):
			user = self.owner_of(doctype)
			for fieldname, value, column in self.forgeries(doctype, None):
				frappe.db.rollback()
				counts = row_counts()
				payload = {**self.create_payload(doctype), fieldname: value}
				response = self.send(user, "POST", f"/api/resource/{doctype}", payload)
				self.tally["forged"] += 1
				what = f"create {doctype} with {fieldname} {column or ''}"
				if is_owned(doctype, fieldname, column):
					self.assert_refused(response, what, ("ServerOwnedFieldError",))
					frappe.db.rollback()
					self.assertEqual(row_counts(), counts)
				else:  # computed or copied: the server's own value is kept, the client's is not
					self.assertEqual(response.status_code, 200, f"{what}: {response.text[:1000]}")
					frappe.db.rollback()
					stored = stored_values(doctype, response.json["data"]["name"], fieldname, column)
					self.assertNotIn(value[0][column] if column else value, stored, f"{what}: kept")

		for doctype in SOP_DOCUMENTS:  # a new document starts at the first state, whatever is sent
			sop, plan = get_sop_flow(doctype)
			for state in (plan.states[-1].name, "Terdaftar", "Negara Api"):
				payload = {**self.create_payload(doctype), "workflow_state": state}
				response = self.send(self.owner_of(doctype), "POST", f"/api/resource/{doctype}", payload)
				self.tally["forged"] += 1
				self.assert_refused(response, f"create {doctype} at {state}", ("ServerOwnedFieldError",))

	def test_forged_server_owned_fields_are_refused_on_update(self):
		for doctype, name in (
			*self.docs.items(),
			("Renja", self.walked),
			("Surat Keluar", self.letter),
			("Surat Masuk", self.incoming),
		):
			owner = self.owner_of(doctype, name)
			others = (
				self.office.staf if owner != self.office.staf else self.office.sekretaris,
				self.other.camat,
			)
			frappe.db.rollback()
			before = self.snapshot_of(doctype, name)
			for fieldname, value, column in self.forgeries(doctype, name):
				for user in (owner, *others):
					response = self.send(user, "PUT", f"/api/resource/{doctype}/{name}", {fieldname: value})
					self.tally["forged"] += 1
					what = f"{user} sets {doctype}.{fieldname} {column or ''}"
					if user == owner and not is_owned(doctype, fieldname, column):
						self.assertEqual(response.status_code, 200, f"{what}: {response.text[:1000]}")
						frappe.db.rollback()
						stored = stored_values(doctype, name, fieldname, column)
						self.assertNotIn(value[0][column] if column else value, stored, f"{what}: kept")
						continue
					exc = (
						("ServerOwnedFieldError", "WorkflowTransitionError", "WorkflowPermissionError")
						if user == owner
						else None
					)  # a state the Workflow has is Frappe's to refuse: not a transition for the user
					self.assert_refused(response, what, exc)
			frappe.db.rollback()
			after = self.snapshot_of(doctype, name)
			# A restored computed field still saves the document: only the time of the save moves.
			self.assertEqual(without_save_time(after), without_save_time(before), f"{doctype} {name} changed")

	def test_the_step_log_cannot_be_emptied_rewritten_or_reordered(self):
		frappe.db.rollback()
		doc = frappe.get_doc("Renja", self.walked)
		owner = self.owner_of("Renja", self.walked)
		rows = [row.as_dict(convert_dates_to_str=True) for row in doc.step_log]
		self.assertGreaterEqual(len(rows), 2)
		fake = {**rows[0], "name": None, "actor": self.office.camat, "finished_at": "2027-01-01 08:00:00"}
		attempts = {
			"emptied": [],
			"a row added": [*rows, fake],
			"a row rewritten": [{**rows[0], "actor": self.office.staf}, *rows[1:]],
			"reordered": list(reversed(rows)),
			"a row removed": rows[1:],
		}
		for what, step_log in attempts.items():
			for user in (owner, self.office.staf, self.other.camat):
				response = self.send(
					user, "PUT", f"/api/resource/Renja/{self.walked}", {"step_log": step_log}
				)
				self.tally["forged"] += 1
				self.assert_refused(
					response,
					f"step log {what} by {user}",
					("ServerOwnedFieldError",) if user == owner else None,
				)
		# The row alone, through Frappe's generic methods: they save the parent, and the guard sees it.
		row_name = rows[0]["name"]
		for path, args in (
			(
				"frappe.client.set_value",
				{
					"doctype": "Log Langkah SOP",
					"name": row_name,
					"fieldname": "actor",
					"value": self.office.staf,
				},
			),
			(
				"frappe.client.insert",
				{
					"doc": json.dumps(
						{
							**fake,
							"doctype": "Log Langkah SOP",
							"parent": self.walked,
							"parenttype": "Renja",
							"parentfield": "step_log",
						},
						default=str,
					)
				},
			),
			("frappe.client.delete", {"doctype": "Log Langkah SOP", "name": row_name}),
		):
			response = self.send(owner, "POST", f"/api/method/{path}", args)
			self.tally["forged"] += 1
			self.assert_refused(response, f"{path} on a step log row")
		frappe.db.rollback()
		self.assertEqual(
			[row.as_dict(convert_dates_to_str=True) for row in frappe.get_doc("Renja", self.walked).step_log],
			rows,
		)

	def test_a_workflow_action_ignores_what_the_client_sends_with_it(self):
		frappe.db.rollback()
		doc = frappe.get_doc("Renja", self.docs["Renja"]).as_dict(convert_dates_to_str=True)
		doc.update(signed_by=self.office.camat, paraf_by=self.office.sekretaris, step_log=[])
		sop, plan, step = current_step(frappe.get_doc("Renja", self.docs["Renja"]))
		response = self.send(
			self.owner_of("Renja", self.docs["Renja"]),
			"POST",
			"/api/method/frappe.model.workflow.apply_workflow",
			{
				"doc": json.dumps(doc, default=str),
				"action": plan.transitions_from(doc.workflow_state)[0].action,
			},
		)
		self.tally["forged"] += 1
		frappe.db.rollback()
		stored = frappe.get_doc("Renja", self.docs["Renja"])
		if response.status_code == 200:
			self.assertFalse(stored.signed_by or stored.paraf_by)
			self.assertGreaterEqual(len(stored.step_log), 2)
		else:
			self.assert_refused(response, "apply_workflow with forged fields")

	# --- helpers ----------------------------------------------------------------------

	def forgeries(self, doctype, name) -> list[tuple[str, object, str | None]]:
		"""A forged value for each field the server owns or computes, and for each such column of
		a table (then the table's rows are sent, and the column is named)."""
		controller = get_controller(doctype)
		meta = frappe.get_meta(doctype)
		fields, columns = split((*controller.server_owned, *controller.computed))
		forged = []
		for fieldname in fields:
			df = meta.get_field(fieldname)
			if not df or df.fieldtype in table_fields:
				continue
			forged.append((fieldname, self.forged_value(doctype, df), None))
		if name is None and "step_log" in fields and meta.get_field("step_log"):
			forged.append(("step_log", [finished_step_row(self.office)], None))
		for table, names in columns.items():
			child = frappe.get_meta(meta.get_field(table).options)
			rows = (
				frappe.get_doc(doctype, name).get(table)
				if name
				else [frappe._dict(new_row(child, self.office.sekretaris))]
			)
			if not rows:
				continue
			for column in names:
				row = rows[0].as_dict(convert_dates_to_str=True) if name else dict(rows[0])
				value = self.forged_value(doctype, child.get_field(column))
				forged.append((table, [{**row, column: value}], column))
		return forged

	def forged_value(self, doctype, df):
		if df.fieldname == "workflow_state":
			return "Diterima Semua" if doctype == "Surat Keluar" else get_sop_flow(doctype)[1].states[-1].name
		if df.fieldtype == "Link":
			return {"User": self.office.sekretaris, "Surat Keluar": self.letter, "DocType": "Renja"}.get(
				df.options, self.office.unit if df.options == "Unit Kerja" else None
			) or "PALSU"
		if df.fieldtype == "Dynamic Link":
			return self.docs["Renja"]
		if df.fieldtype in ("Int", "Float", "Currency", "Percent", "Check"):
			return 1 if df.fieldtype == "Check" else 77
		if df.fieldtype == "Datetime":
			return "2027-01-01 10:00:00"
		if df.fieldtype == "Date":
			return "2027-01-01"
		if df.fieldtype == "Select":
			options = [o for o in (df.options or "").split("\n") if o]
			return options[-1]
		return "PALSU"

	def snapshot(self) -> dict:
		return {
			(doctype, name): self.snapshot_of(doctype, name)
			for doctype, name in self.targets().items()
			if name
		} | {("Renja", self.walked): self.snapshot_of("Renja", self.walked)}

	def snapshot_of(self, doctype, name) -> dict:
		return json.loads(frappe.as_json(frappe.get_doc(doctype, name).as_dict(no_default_fields=False)))


def is_owned(doctype, fieldname, column=None) -> bool:
	"""Whether a forgery is refused (owned) or restored and recomputed (computed)."""
	fields, columns = split(get_controller(doctype).server_owned)
	return column in columns.get(fieldname, ()) if column else fieldname in (*fields, "step_log")


def stored_values(doctype, name, fieldname, column=None) -> list:
	if not column:
		return [frappe.db.get_value(doctype, name, fieldname)]
	return [row.get(column) for row in frappe.get_doc(doctype, name).get(fieldname)]


def without_save_time(snapshot):
	if isinstance(snapshot, dict):
		return {k: without_save_time(v) for k, v in snapshot.items() if k not in ("modified", "modified_by")}
	if isinstance(snapshot, list):
		return [without_save_time(v) for v in snapshot]
	return snapshot


def bad_values(df) -> list:
	"""Wrong values for a field, by the column it is kept in; the most telling one last."""
	column = column_of(df)
	if column is None or column.kind == "json":
		return []
	if column.options:
		specific = ["Caturday"]
	elif column.kind == "varchar":
		specific = ["x" * (int(column.size or 140) + 1)]
	else:
		specific = {
			"int": ["abc", "2.5", 2**40],
			"bigint": ["abc", "2.5"],
			"decimal": ["Infinity", "1e999", "NaN", "abc"],
			"date": ["kemarin", 20260101, "2026-02-30"],
			"datetime": ["kemarin sore", 1700000000, "2026-13-45 25:61:00"],
			"time": ["25:61", "jam sembilan"],
			"text": ["é" * 40_000],
		}.get(column.kind, [])
	return [*STRUCTURES, *specific]


def new_row(child_meta, user: str) -> dict:
	"""A row with its required values filled in."""
	values = {"Link": user, "Date": "2027-01-01", "Int": 1, "Float": 1, "Currency": 1_000_000}
	row = {}
	for df in child_meta.fields:
		if df.reqd:
			first_option = next((o for o in (df.options or "").split("\n") if o), None)
			row[df.fieldname] = first_option if df.fieldtype == "Select" else values.get(df.fieldtype, "Uji")
	return row


def finished_step_row(office) -> dict:
	return {
		"step_no": 1,
		"step_state": "Langkah 1",
		"role": "Camat",
		"actor": office.camat,
		"action": "Selesai",
		"started_at": "2027-01-01 08:00:00",
		"finished_at": "2027-01-01 08:10:00",
		"spent_minutes": 10,
	}


def message_of(response) -> str:
	try:
		body = response.json or {}
	except ValueError:
		return response.text
	return (
		body.get("_server_messages") or body.get("exception") or body.get("message") or body.get("exc_type")
	)


def short(data) -> str:
	return json.dumps(data, default=str)[:160]


def row_counts() -> dict[str, int]:
	doctypes = frappe.get_all("DocType", filters={"module": ("in", MODULES), "issingle": 0}, pluck="name")
	return {doctype: frappe.db.count(doctype) for doctype in sorted(doctypes)}


def whitelisted_methods() -> list[tuple[str, object]]:
	"""Every whitelisted function of the app, found by importing its modules."""
	for module in pkgutil.walk_packages(kinerja_sop.__path__, "kinerja_sop."):
		if ".tests" in module.name or module.name.split(".")[-1].startswith("test_"):
			continue
		try:
			importlib.import_module(module.name)
		except Exception:  # pragma: no cover - a module that needs a request (www pages)
			continue
	found = {}
	for fn in frappe.whitelisted:
		original = inspect.unwrap(fn)
		# module-level functions (a DocType's own methods are called through run_doc_method)
		if original.__module__.startswith("kinerja_sop.") and "." not in original.__qualname__:
			found[f"{original.__module__}.{original.__name__}"] = fn
	return sorted(found.items())


def walk_one_step(doc, office) -> str:
	sop, plan, step = current_step(doc)
	action = plan.transitions_from(doc.workflow_state)[0].action
	return act(doc, actor(office, step.role, step), action, office).name


def make_letter(office) -> str:
	with as_user(office.staf):
		letter = frappe.get_doc(
			{
				"doctype": "Surat Keluar",
				"unit_kerja": office.unit,
				"tanggal": "2027-01-05",
				"klasifikasi": "000.7.2.8",
				"perihal": "Uji Surat",
				"jabatan_penandatangan": "Camat",
				"penerima": [{"nama_penerima": "Bupati", "metode_pengiriman": "Pos"}],
			}
		).insert()
	return letter.name


def make_indicator() -> str:
	name = "Indikator Uji Hostile"
	if not frappe.db.exists("Indikator Kinerja", name):
		meta = frappe.get_meta("Indikator Kinerja")
		first = lambda f: next(o for o in meta.get_field(f).options.split("\n") if o)  # noqa: E731
		frappe.get_doc(
			{
				"doctype": "Indikator Kinerja",
				"indicator_name": name,
				"formula_type": first("formula_type"),
				"polaritas": first("polaritas"),
				"targets": [{"tahun": 2027, "target": 10}],
			}
		).insert(ignore_permissions=True)
	return name


def remove_fixtures():
	frappe.set_user("Administrator")
	units = [f"Kecamatan Uji {code}" for code in CODES]
	for doctype in (*SOP_DOCUMENTS, "Surat Keluar", "Surat Masuk"):
		for name in frappe.get_all(doctype, filters={"unit_kerja": ("in", units)}, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.db.delete("Rekap Kepatuhan SOP", {"unit_kerja": ("in", units)})
	for unit in units:
		if frappe.db.exists("Unit Kerja", unit):
			frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	if frappe.db.exists("Indikator Kinerja", "Indikator Uji Hostile"):
		frappe.delete_doc("Indikator Kinerja", "Indikator Uji Hostile", force=True, ignore_permissions=True)
	# The users stay (make_user takes them up again): on a fresh site, with no System Manager but
	# Administrator, Frappe refuses to delete a user.
	frappe.db.commit()  # nosemgrep: undo what setUpClass committed


# --- the actions of our documents (whitelisted controller methods) ----------------------

ACTION_CODES = ("HOSA", "HOSAB")
ACTION_ADMIN = "admin.hosa@example.com"
NO_SUCH_ACTION = ("tidak_ada", "_private_action", "__init__", "db_set", "save", 5, "")


def document_actions() -> list[tuple[str, str]]:
	"""(DocType, method) of every whitelisted method our controllers define, found on the classes
	(Frappe's own, inherited from Document, are Frappe's: submit, cancel, rename, add_comment)."""
	parents = frappe.get_all("DocType", filters={"module": ("in", app_modules()), "istable": 0}, pluck="name")
	found = []
	for doctype in parents:
		for attr, fn in inspect.getmembers(get_controller(doctype), inspect.isfunction):
			if fn in frappe.whitelisted and inspect.unwrap(fn).__module__.startswith("kinerja_sop."):
				found.append((doctype, attr))
	return sorted(found)


def app_modules() -> list[str]:
	return frappe.get_module_list("kinerja_sop")


class TestDocumentActionsOverREST(FrappeTestCase):
	"""Each action is tried by another unit's user (by name, and with a forged copy of the
	document claiming their unit), by a user without the role, and with malformed arguments:
	all refused, the record unchanged. Then the positive control: the right user succeeds."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_action_fixtures()
		cls.office, cls.other = make_office(ACTION_CODES[0]), make_office(ACTION_CODES[1])
		make_user(ACTION_ADMIN, ("Admin Kinerja",))
		users = {ACTION_ADMIN, *(getattr(o, k) for o in (cls.office, cls.other) for k in ("evapor", "camat"))}
		cls.auth = {user: issue_api_keys(user) for user in users}
		cls.records = {
			"Impor SIPD": make_sipd_import(cls.office),
			"Impor Pegawai SIASN": make_siasn_import(),
		}
		frappe.db.commit()  # nosemgrep: the REST requests use their own connection
		cls.addClassCleanup(remove_action_fixtures)

	def case(self, doctype) -> dict:
		"""Who may run the actions of the DocType's record, who may not, and how to make each action
		possible (the state a user would reach first)."""
		if doctype == "Impor SIPD":
			return {
				"writer": self.office.evapor,
				"outsiders": (self.other.evapor,),  # the same role in another unit
				"without_role": (self.office.camat,),  # reads the import, may not run it
				"forged": {"unit_kerja": self.other.unit, "status": "Previewed"},
				"ready": {"preview": {"status": "Draft"}, "start_import": {"status": "Previewed"}},
			}
		return {
			"writer": ACTION_ADMIN,
			"outsiders": (),  # an administrators' record: no unit to be outside of
			"without_role": (self.office.evapor, self.office.camat),
			"forged": {"status": "Ready"},
			"ready": {"start_preview": {"status": "Not Previewed"}, "start_import": {"status": "Ready"}},
		}

	def test_every_action_of_our_documents(self):
		actions = document_actions()
		self.assertTrue({"Impor SIPD"} <= {d for d, _m in actions}, actions)
		self.assertEqual(
			{d for d, _m in actions}, set(self.records), "an action without a record to try it on"
		)
		tally = {"refused": 0, "controls": 0}
		for doctype, method in actions:
			name, case = self.records[doctype], self.case(doctype)
			with self.subTest(doctype=doctype, method=method):
				self.make_ready(doctype, name, case["ready"][method])
				before = self.stored(doctype, name)
				for user in (*case["outsiders"], *case["without_role"]):
					for response in self.attempts(user, doctype, name, method, case["forged"]):
						self.assert_refused(response, f"{user} runs {doctype}.{method}")
						tally["refused"] += 1
				for response in self.malformed(case["writer"], doctype, name, method):
					self.assert_refused(response, f"{doctype}.{method} malformed", ("InvalidInputError",))
					tally["refused"] += 1
				frappe.db.rollback()
				self.assertEqual(
					self.stored(doctype, name), before, f"{doctype}.{method} changed by a refusal"
				)

				control = self.send(
					case["writer"],
					"/api/method/run_doc_method",
					{"dt": doctype, "dn": name, "method": method},
				)
				self.assertEqual(control.status_code, 200, f"{doctype}.{method}: {control.text[:1000]}")
				frappe.db.rollback()
				self.assertNotEqual(self.stored(doctype, name), before, f"{doctype}.{method} did nothing")
				tally["controls"] += 1
				forget_jobs(doctype, name)
		print(
			f"\ndocument actions: {len(actions)} actions, {tally['refused']} hostile calls refused, "
			f"{tally['controls']} positive controls succeeded"
		)

	def test_forged_import_results_are_refused(self):
		"""What the preview and the import write is the server's: refused on create and on update,
		nothing stored; the same user's ordinary change goes through."""
		name, user = self.records["Impor SIPD"], self.office.evapor
		forged = {
			"status": "Completed",
			"jumlah_baru": 99,
			"pesan": "PALSU",
			"galat": [{"baris": 1, "kolom": "pagu", "pesan": "PALSU"}],
		}
		self.assertEqual(set(forged), set(get_controller("Impor SIPD").server_owned) - {"jumlah_baris",
			"jumlah_berubah", "jumlah_sama"})  # fmt: skip
		frappe.db.rollback()
		before, count = self.stored("Impor SIPD", name), frappe.db.count("Impor SIPD")
		with as_user(user):
			berkas = attach_data_file("sipd_sub_kegiatan_2026.csv")
		frappe.db.commit()  # nosemgrep: the REST requests use their own connection
		new = {"jenis": "Renja/DPA", "unit_kerja": self.office.unit, "tahun": 2026, "berkas": berkas}
		for fieldname, value in forged.items():
			for method, path, data in (
				("PUT", f"/api/resource/Impor SIPD/{name}", {fieldname: value}),
				("POST", "/api/resource/Impor SIPD", {**new, fieldname: value}),
			):
				response = api_request(self.auth[user], method, path, data=data)
				self.assert_refused(response, f"{method} Impor SIPD {fieldname}", ("ServerOwnedFieldError",))
		frappe.db.rollback()
		self.assertEqual(self.stored("Impor SIPD", name), before)
		self.assertEqual(frappe.db.count("Impor SIPD"), count)
		control = api_request(self.auth[user], "POST", "/api/resource/Impor SIPD", data=new)
		self.assertEqual(control.status_code, 200, control.text[:1000])
		self.assertEqual(control.json["data"]["status"], "Draft")

	def attempts(self, user, doctype, name, method, forged) -> list:
		stored = json.loads(frappe.as_json(frappe.get_doc(doctype, name).as_dict()))
		copy = {**stored, **forged, "doctype": doctype, "name": name}
		return [
			self.send(user, "/api/method/run_doc_method", {"dt": doctype, "dn": name, "method": method}),
			self.send(user, "/api/method/runserverobj", {"docs": json.dumps(copy), "method": method}),
			# the same copy, claiming to be new: Frappe then skips its check that the copy is current
			self.send(
				user,
				"/api/method/run_doc_method",
				{"docs": json.dumps({**copy, "__islocal": 1}), "method": method},
			),
			self.send(user, f"/api/resource/{doctype}/{name}", {"run_method": method}),
			api_request(self.auth[user], "GET", f"/api/resource/{doctype}/{name}?run_method={method}"),
		]

	def malformed(self, user, doctype, name, method) -> list:
		calls = [
			{"docs": "{bukan json", "method": method},
			{"docs": json.dumps([1, 2]), "method": method},
			{"docs": json.dumps({"doctype": "Negara Api", "name": name}), "method": method},
			{"docs": json.dumps({"doctype": {"x": 1}}), "method": method},
			{"dt": "Negara Api", "dn": name, "method": method},
			{"dt": doctype, "dn": name, "method": json.dumps({"x": 1})},
			*({"dt": doctype, "dn": name, "method": m} for m in NO_SUCH_ACTION),
		]
		return [self.send(user, "/api/method/run_doc_method", data) for data in calls]

	def send(self, user, path, data):
		return api_request(self.auth[user], "POST", path, data=data)

	def assert_refused(self, response, what, exc_types=None):
		self.assertLess(response.status_code, 500, f"{what}: {response.text[:2000]}")
		self.assertGreaterEqual(response.status_code, 400, f"{what} was accepted: {response.text[:500]}")
		self.assertTrue(message_of(response), f"{what}: a refusal without a message: {response.text[:500]}")
		if exc_types:
			self.assertEqual(response.status_code, 417, f"{what}: {response.text[:500]}")
			self.assertIn(response.json.get("exc_type"), exc_types, f"{what}: {message_of(response)}")
			self.assertNotIn("Traceback", str(message_of(response)))

	def make_ready(self, doctype, name, values):
		frappe.db.set_value(doctype, name, values, update_modified=False)
		frappe.db.commit()  # nosemgrep: the REST requests use their own connection

	def stored(self, doctype, name) -> dict:
		return json.loads(frappe.as_json(frappe.get_doc(doctype, name).as_dict(no_default_fields=False)))


def make_sipd_import(office) -> str:
	with as_user(office.evapor):
		return (
			frappe.get_doc(
				{
					"doctype": "Impor SIPD",
					"jenis": "Renja/DPA",
					"unit_kerja": office.unit,
					"tahun": 2026,
					"berkas": attach_data_file("sipd_sub_kegiatan_2026.csv"),
				}
			)
			.insert()
			.name
		)


def make_siasn_import() -> str:
	with as_user(ACTION_ADMIN):
		return (
			frappe.get_doc(
				{
					"doctype": "Impor Pegawai SIASN",
					"import_file": attach_data_file("siasn/siasn_kecamatan_cileunyi.csv"),
				}
			)
			.insert()
			.name
		)


def forget_jobs(doctype, name):
	"""The positive controls queue real jobs; they are removed before a worker runs them."""
	prefix = {"Impor SIPD": f"impor-sipd::{name}", "Impor Pegawai SIASN": f"impor-pegawai-siasn::{name}"}[
		doctype
	]
	for suffix in ("", "::run_preview", "::run_import"):
		if job := get_job(prefix + suffix):
			job.delete()


def remove_action_fixtures():
	frappe.set_user("Administrator")
	units = [f"Kecamatan Uji {code}" for code in ACTION_CODES]
	for name in frappe.get_all("Impor SIPD", filters={"unit_kerja": ("in", units)}, pluck="name"):
		frappe.delete_doc("Impor SIPD", name, force=True, ignore_permissions=True)
	for name in frappe.get_all("Impor Pegawai SIASN", filters={"owner": ACTION_ADMIN}, pluck="name"):
		frappe.delete_doc("Impor Pegawai SIASN", name, force=True, ignore_permissions=True)
	for unit in units:
		if frappe.db.exists("Unit Kerja", unit):
			frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: undo what setUpClass committed
