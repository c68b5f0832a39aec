"""What a client may send to our documents: values that fit their fields, and
nothing the server owns.

Every DocType of the app takes `ClientInputGuard` into its controller. Before
Frappe checks links, permissions or runs a single hook of ours, the guard

- checks every value of the document and of each child row against the column
  Frappe keeps it in (`kinerja_sop.domain.input_check`, driven by the meta) and
  stores its normal form ("2026" becomes 2026), or refuses it with the field's
  label: a structure where a scalar goes, a word in a number, NaN, an impossible
  date, a text too long for its column, a negative where the field forbids it;
- refuses a client value in a field the server owns (`server_owned`: the
  workflow state, the step, the paraf and signature, the step log, counters...):
  on a new document it must be empty, on a saved one unchanged. A name of a
  Table field covers its rows (none added, changed, reordered or removed); a
  "table.field" name covers one column of the rows;
- puts back the stored value of the fields the controller computes or copies
  (`computed`), so that only the server's own computation is kept.

The server's own code writes those fields either during the save, after the
guard (the SOP step, the letter number), or on a document it loaded itself and
marks with `doc.flags.written_by_server` (a receipt, an outgoing letter opened
for a signed document).
"""

import functools
import inspect
import json

import frappe
from frappe import _
from frappe.model import no_value_fields, table_fields
from frappe.model.base_document import BaseDocument
from frappe.model.workflow import get_workflow_name

from kinerja_sop.domain.input_check import Column, Problem, check_value, same_value
from kinerja_sop.meta_memo import on_meta
from kinerja_sop.permissions import remember_loaded_unit


class InvalidInputError(frappe.ValidationError):
	pass


class ServerOwnedFieldError(frappe.ValidationError):
	pass


class ClientInputGuard:
	server_owned: tuple[str, ...] = ()
	computed: tuple[str, ...] = ()

	def insert(self, *args, **kwargs):
		self.guard_client_input()
		return super().insert(*args, **kwargs)

	def save(self, *args, **kwargs):
		self.guard_client_input()
		try:
			return super().save(*args, **kwargs)
		finally:
			self.__dict__.pop("_stored_for_save", None)

	def load_from_db(self):
		super().load_from_db()
		remember_loaded_unit(self)

	def load_doc_before_save(self, *, raise_exception: bool = False):
		"""The stored document the guard just read (locked FOR UPDATE, in this transaction) is the
		one Frappe would read again here: a save loads its document and rows once, not twice."""
		stored = self.__dict__.pop("_stored_for_save", None)
		if stored is not None and stored.name == self.name and not self.is_new():
			self._doc_before_save = stored
			return
		super().load_doc_before_save(raise_exception=raise_exception)

	def extend(self, key, value):
		"""Rows of a table come as a list of rows, not a dict or a scalar (Frappe would iterate it)."""
		if isinstance(value, dict | str | bytes) or not hasattr(value, "__iter__"):
			refuse_structure(self, key)
		value = list(value)
		if not all(isinstance(v, dict | BaseDocument) for v in value):
			refuse_structure(self, key)
		return super().extend(key, value)

	def guard_client_input(self):
		# A client's JSON can set any attribute of a document built from it, this one too.
		self.__dict__.pop("_stored_for_save", None)
		guarded = not self.flags.written_by_server and bool(self.server_owned or self.computed)
		check_identity(self)  # before the name is used to read the stored document
		before = self.get_stored() if guarded and not self.is_new() else None
		check_input(self, before)
		if not guarded:
			return
		restore_computed(self, before)
		refuse_server_owned_changes(self, before)
		self._stored_for_save = before

	def get_stored(self):
		"""The document as stored, read the way Frappe's save reads it (locked for the update)."""
		try:
			return frappe.get_doc(self.doctype, self.name, for_update=True)
		except frappe.DoesNotExistError:
			frappe.clear_last_message()
			return None


# --- values that fit their fields ---------------------------------------------


def column_of(df) -> Column | None:
	if df.fieldtype in table_fields or df.fieldtype in no_value_fields:
		return None
	kind, size = frappe.db.type_map.get(df.fieldtype, ("varchar", ""))
	if kind == "varchar":
		size = str(df.length or frappe.db.VARCHAR_LEN)
	options = tuple((df.options or "").split("\n")) if df.fieldtype == "Select" and df.options else ()
	return Column(kind, size or "", bool(df.get("non_negative")), options)


def check_input(doc, before=None):
	"""Each value of the document and its rows against its field; normal forms stored.

	With `before` (the stored document), a value the same as the stored one of its field
	and row is not checked again: it is not new, and was checked when it was stored. A
	step of a 50-row document then checks what changed, not 50 rows."""
	check_row(doc, doc, before)
	for df in doc.meta.get_table_fields():
		rows = doc.get(df.fieldname)
		if rows is None:
			continue
		if not isinstance(rows, list) or not all(isinstance(row, BaseDocument) for row in rows):
			refuse_structure(doc, df.fieldname)
		stored = {row.name: row for row in before.get(df.fieldname) or []} if before else {}
		for row in rows:
			check_identity(row)  # before its name is looked up
			check_row(doc, row, stored.get(row.get("name")))


def value_columns(meta) -> list:
	"""(field, column) of each field of a DocType that holds a value."""
	return on_meta(
		meta,
		"value_columns",
		lambda meta: [(df, column) for df in meta.fields if (column := column_of(df)) is not None],
	)


def check_row(parent, row, stored=None):
	for df, column in value_columns(row.meta):
		if df.fieldname not in row.__dict__:
			continue
		value = row.get(df.fieldname)
		if stored is not None and value == stored.get(df.fieldname):
			continue
		checked = check_value(column, value)
		if checked.problem:
			frappe.throw(
				input_message(parent, row, df, value, checked.problem),
				exc=InvalidInputError,
				title=_("Invalid Value"),
			)
		if isinstance(value, str | int | float) and checked.value != value:
			row.set(df.fieldname, checked.value)


def check_identity(row):
	"""The fields that name a record and its place hold single values."""
	for fieldname in ("name", "parent", "parentfield", "parenttype", "owner", "amended_from"):
		if isinstance(row.get(fieldname), dict | list | tuple | set):
			frappe.throw(
				_("{0} must be a single value, not a list or a set of values.").format(fieldname),
				exc=InvalidInputError,
				title=_("Invalid Value"),
			)


def input_message(parent, row, df, value, problem: Problem) -> str:
	label = _(df.label or df.fieldname)
	messages = {
		"structure": _("{0} must be a single value, not a list or a set of values."),
		"not_whole_number": _("{0} must be a whole number; {1} is not."),
		"not_number": _("{0} must be a number; {1} is not."),
		"not_finite": _("{0} must be a finite number; {1} is not."),
		"out_of_range": _("{0} is out of range ({2}): {1}."),
		"negative": _("{0} cannot be negative ({1})."),
		"not_date": _("{0} must be a real date (YYYY-MM-DD); {1} is not."),
		"not_datetime": _("{0} must be a real date and time (YYYY-MM-DD HH:MM:SS); {1} is not."),
		"not_time": _("{0} must be a real time of day (HH:MM); {1} is not."),
		"too_long": _("{0} is too long: at most {2} characters."),
		"not_text": _("{0} must be text; {1} is not."),
		"not_option": _("{0} must be one of {2}; {1} is not."),
	}
	shown = repr(value) if not isinstance(value, str) else value
	message = messages[problem.kind].format(frappe.bold(label), frappe.bold(shown[:60]), problem.limit)
	if row is not parent:
		table = _(parent.meta.get_field(row.parentfield).label or row.parentfield)
		message = _("Row {0} of {1}: {2}").format(row.idx, table, message)
	return message


def refuse_structure(doc, fieldname: str):
	df = doc.meta.get_field(fieldname)
	frappe.throw(
		_("{0} must be a list of rows.").format(frappe.bold(_(df.label if df else fieldname))),
		exc=InvalidInputError,
		title=_("Invalid Value"),
	)


# --- fields the server owns ---------------------------------------------------


def split(names: tuple[str, ...]) -> tuple[list[str], dict[str, list[str]]]:
	"""Field names of the document, and per table the names of its row columns."""
	fields, columns = [], {}
	for name in names:
		table, _dot, column = name.partition(".")
		if column:
			columns.setdefault(table, []).append(column)
		else:
			fields.append(name)
	return fields, columns


def restore_computed(doc, before):
	fields, columns = split(doc.computed)
	for fieldname in fields:
		if doc.meta.get_field(fieldname):
			doc.set(fieldname, before.get(fieldname) if before else None)
	for table, names in columns.items():
		stored = {row.name: row for row in before.get(table)} if before else {}
		for row in doc.get(table) or []:
			old = stored.get(row.name)
			for name in names:
				row.set(name, old.get(name) if old else None)


def refuse_server_owned_changes(doc, before):
	if before is not None and (doc.get("owner") or before.owner) != before.owner:
		refuse_server_owned(doc, "owner")
	fields, columns = split(doc.server_owned)
	for fieldname in fields:
		df = doc.meta.get_field(fieldname)
		if not df:
			continue
		if df.fieldtype in table_fields:
			unchanged = same_rows(doc, before, fieldname)
		elif before is None:
			unchanged = is_initial_value(doc, df)
		elif fieldname == "workflow_state" and doc.workflow_state != before.workflow_state:
			unchanged = is_workflow_move(doc, before)
		else:
			unchanged = same_value(column_of(df), doc.get(fieldname), before.get(fieldname))
		if not unchanged:
			refuse_server_owned(doc, fieldname)
	for table, names in columns.items():
		stored = {row.name: row for row in before.get(table)} if before else {}
		child = frappe.get_meta(doc.meta.get_field(table).options)
		for row in doc.get(table) or []:
			old = stored.get(row.name)
			for name in names:
				df = child.get_field(name)
				column, value = column_of(df), row.get(name)
				if old:
					unchanged = same_value(column, value, old.get(name))
				else:  # a new row starts empty or at the default
					unchanged = same_value(column, value, None) or same_value(column, value, df.default)
				if not unchanged:
					refuse_server_owned(doc, table, name)


def is_workflow_move(doc, before) -> bool:
	"""A new state is the Workflow's to check: Frappe refuses a move that is not a transition
	for the user's roles, and the SOP checks its step. A state the Workflow does not have is refused here."""
	workflow = get_workflow_name(doc.doctype)
	return bool(workflow) and any(
		state.state == doc.workflow_state for state in frappe.get_cached_doc("Workflow", workflow).states
	)


def is_initial_value(doc, df) -> bool:
	"""A new document starts with the field empty, at its default, or (the state) at the first state."""
	value = doc.get(df.fieldname)
	if same_value(column_of(df), value, None) or same_value(column_of(df), value, df.default):
		return True
	if df.fieldname == "workflow_state" and (workflow := get_workflow_name(doc.doctype)):
		first = frappe.get_cached_doc("Workflow", workflow).states[0].state
		return value == first
	return False


def same_rows(doc, before, table: str) -> bool:
	rows, stored = doc.get(table) or [], (before.get(table) if before else []) or []
	if [row.get("name") for row in rows] != [row.name for row in stored]:
		return False
	child = frappe.get_meta(doc.meta.get_field(table).options)
	columns = [(df.fieldname, column) for df, column in value_columns(child)]
	return all(
		same_value(column, new.get(name), old.get(name))
		for new, old in zip(rows, stored, strict=True)
		for name, column in columns
	)


def refuse_server_owned(doc, fieldname: str, column: str | None = None):
	df = doc.meta.get_field(fieldname)
	label = _(df.label) if df else _(frappe.unscrub(fieldname))
	if column:
		child_df = frappe.get_meta(df.options).get_field(column)
		label = f"{_(child_df.label)} ({label})"
	frappe.throw(
		_("{0} is kept by the system: it cannot be set or changed by hand.").format(frappe.bold(label)),
		exc=ServerOwnedFieldError,
		title=_("Set by the System"),
	)


# --- arguments of whitelisted methods -----------------------------------------


def checked_arguments(**fieldtypes: str):
	"""Check the named arguments of a whitelisted method as values of these field types.

	@frappe.whitelist(methods=["POST"])
	@checked_arguments(received_at="Datetime", recipient="Data")
	def record_receipt(...)
	"""

	def decorate(fn):
		signature = inspect.signature(fn)

		@functools.wraps(fn)
		def wrapper(*args, **kwargs):
			bound = signature.bind_partial(*args, **kwargs)
			for name, fieldtype in fieldtypes.items():
				if name not in bound.arguments:
					continue
				value = bound.arguments[name]
				df = frappe._dict(fieldname=name, label=frappe.unscrub(name), fieldtype=fieldtype)
				if fieldtype == "JSON filters":
					bound.arguments[name] = checked_filters(name, value)
					continue
				if fieldtype == "JSON names":
					bound.arguments[name] = checked_names(name, value)
					continue
				checked = check_value(column_of(df), value)
				if checked.problem:
					frappe.throw(
						input_message(None, None, df, value, checked.problem),
						exc=InvalidInputError,
						title=_("Invalid Value"),
					)
				bound.arguments[name] = checked.value
			return fn(*bound.args, **bound.kwargs)

		return wrapper

	return decorate


# --- actions on a document (whitelisted controller methods) ----------------------------


def on_stored_document(method):
	"""A whitelisted method of a document acts on the document as stored, for a user who may write it.

	Frappe's run_doc_method builds the document from the JSON the client sends (`docs`) and
	checks read permission on that copy: its unit, its status and whether it is new would be the
	client's to choose. The document is read again from the database first, so the method sees
	only what is stored and the permission is checked against the stored unit.

	@frappe.whitelist(methods=["POST"])
	@on_stored_document
	def start_import(self): ...
	"""

	@functools.wraps(method)
	def wrapper(self, *args, **kwargs):
		if not (isinstance(self.name, str) and frappe.db.exists(self.doctype, self.name)):
			frappe.throw(
				_("Save the {0} before this action.").format(_(self.doctype)),
				exc=InvalidInputError,
				title=_("Not Saved"),
			)
		for key in ("__islocal", "__unsaved"):
			self.__dict__.pop(key, None)
		self.reload()
		self.check_permission("write")
		return method(self, *args, **kwargs)

	return wrapper


def document_of_request(docs=None, dt=None, dn=None) -> tuple[str, str | None]:
	"""The DocType and name a run_doc_method request is about, refusing what is not one."""
	if dt:
		doctype, name = dt, dn or dt
	else:
		if isinstance(docs, str):
			try:
				docs = json.loads(docs)
			except ValueError:
				docs = None
		if not isinstance(docs, dict):
			frappe.throw(
				_("The document must be sent as a JSON object."),
				exc=InvalidInputError,
				title=_("Invalid Value"),
			)
		doctype, name = docs.get("doctype"), docs.get("name")
	if not isinstance(doctype, str) or not frappe.db.exists("DocType", doctype):
		frappe.throw(
			_("{0} is not a document type.").format(frappe.as_unicode(doctype)[:140]),
			exc=InvalidInputError,
			title=_("Invalid Value"),
		)
	if name is not None and not isinstance(name, str | int):
		frappe.throw(_("The document name must be text."), exc=InvalidInputError, title=_("Invalid Value"))
	return doctype, name


def parsed_json(value):
	"""A JSON text as its value (None when it is not JSON); anything else as it is."""
	if not isinstance(value, str):
		return value
	try:
		return json.loads(value)
	except ValueError:
		return None


def checked_names(name: str, value) -> list[str]:
	"""Names of records or tags, as the desk sends them: a JSON list of text."""
	value = parsed_json(value)
	if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
		frappe.throw(
			_("{0} must be a list of names.").format(frappe.bold(frappe.unscrub(name))),
			exc=InvalidInputError,
			title=_("Invalid Value"),
		)
	return value


def checked_filters(name: str, value):
	"""Filters of a chart or a number card: JSON of an object or a list, of plain values."""
	if value in (None, ""):
		return None
	value = parsed_json(value)
	plain = (str, int, float, type(None))
	if isinstance(value, dict):
		ok = all(isinstance(v, plain) or is_plain_list(v) for v in value.values())
	else:
		ok = is_plain_list(value)
	if not ok:
		frappe.throw(
			_("{0} must be an object of field names and values.").format(frappe.bold(frappe.unscrub(name))),
			exc=InvalidInputError,
			title=_("Invalid Value"),
		)
	return value


def is_plain_list(value) -> bool:
	return isinstance(value, list) and all(
		isinstance(v, str | int | float | type(None)) or is_plain_list(v) for v in value
	)


# --- a request body that is not a JSON object ---------------------------------


def refuse_malformed_body(response=None, request=None):
	"""after_request hook. Frappe parses a JSON body before any hook of an app runs, and a body
	that is not JSON, or JSON that is not an object, ends there as an HTTP 500 ("Internal Server
	Error"). It is the client's mistake: answer 417 with a message instead."""
	if response is None or request is None or response.status_code != 500 or not request.is_json:
		return
	try:
		body = json.loads(request.get_data(as_text=True) or "{}")
	except ValueError:
		message = _("The request body is not valid JSON.")
	else:
		if isinstance(body, dict):
			return
		message = _("The request body must be a JSON object of field names and values.")
	response.status_code = InvalidInputError.http_status_code
	response.set_data(
		json.dumps(
			{
				"exc_type": InvalidInputError.__name__,
				"exception": f"{InvalidInputError.__module__}.{InvalidInputError.__name__}: {message}",
				"_server_messages": json.dumps([json.dumps({"message": message, "indicator": "red"})]),
			}
		)
	)
	response.mimetype = "application/json"
