"""Unit scoping: a user sees and acts only within the Unit Kerja granted to them.

Frappe's User Permissions already restrict a user who has one for Unit Kerja;
a user with none would see every unit, so these hooks close that gap on the
server: no grant, no unit. Administrators of the app see all units.

The same holds for the rows of the units' child tables (team, step log,
indicators, recipients, dispositions, ...): Frappe lists a child DocType
through its own query conditions, so each is scoped through its parent's unit.
A document refers only to documents of its own unit that its user may read.
"""

import weakref

import frappe
from frappe import _
from frappe.core.doctype.user_permission.user_permission import get_user_permissions
from frappe.model.document import Document

from kinerja_sop.domain.catalogue import ADMIN_ROLE, UNIT_BUDGET_RECORDS, UNIT_DOCUMENTS
from kinerja_sop.meta_memo import on_meta

UNIT_DOCTYPE = "Unit Kerja"
UNIT_ADMIN_ROLES = {"System Manager", ADMIN_ROLE}
# The DocTypes whose records belong to one unit; each has the unit in `unit_kerja`, the unit its name.
UNIT_SCOPED = (UNIT_DOCTYPE, *UNIT_DOCUMENTS, *UNIT_BUDGET_RECORDS)


class CrossUnitLinkError(frappe.ValidationError):
	pass


def is_unit_admin(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(UNIT_ADMIN_ROLES & set(frappe.get_roles(user)))


def get_user_units(user: str | None = None) -> list[str]:
	"""The units the user was granted through User Permissions."""
	user = user or frappe.session.user
	return [perm.get("doc") for perm in get_user_permissions(user).get(UNIT_DOCTYPE, [])]


def unit_query_conditions(user: str | None, doctype: str, unit_field: str) -> str:
	if is_unit_admin(user):
		return ""
	units = get_user_units(user)
	if not units:
		return "1=0"
	values = ", ".join(frappe.db.escape(unit) for unit in units)
	return f"`tab{doctype}`.`{unit_field}` in ({values})"


def unit_kerja_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	return unit_query_conditions(user, UNIT_DOCTYPE, "name")


def has_unit_kerja_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	if is_unit_admin(user) or doc.is_new():
		return None
	return doc.name in get_user_units(user)


def unit_document_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	return unit_query_conditions(user, doctype, "unit_kerja")


def has_unit_document_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""A document belongs to one Unit Kerja: only that unit's users may touch it.

	The document asked about may be a client's copy (Frappe's form save and a document's
	actions build it from the JSON sent): a saved record is also judged by the unit it is
	stored under, so a copy claiming the user's unit does not open another unit's record.
	"""
	if is_unit_admin(user):
		return None
	units = get_user_units(user)
	stored = stored_unit(doc)
	if stored and stored not in units:
		return False
	if not doc.get("unit_kerja"):
		return None
	return doc.unit_kerja in units


# The (doctype, name, unit) each document object was loaded from the database with, kept
# beside the object and not on it: a client's JSON can set any attribute of a document
# built from it, but cannot put that object here. Weak keys: gone with the object.
_loaded_with: "weakref.WeakKeyDictionary[Document, tuple]" = weakref.WeakKeyDictionary()


def remember_loaded_unit(doc) -> None:
	"""Called when a document was loaded from the database: what it was stored as just now."""
	_loaded_with[doc] = (doc.doctype, doc.name, doc.get("unit_kerja"))


def stored_unit(doc) -> str | None:
	"""The unit a saved record is stored under (None for a record not saved yet).

	A document this request loaded from the database and whose name and unit are still the
	ones it was loaded with is not read again (a step asks three times)."""
	name = doc.get("name")
	if not isinstance(name, str) or not name or doc.get("doctype") == UNIT_DOCTYPE:
		return None
	unit = doc.get("unit_kerja")
	if _loaded_with.get(doc) == (doc.doctype, name, unit):
		return unit
	return frappe.db.get_value(doc.doctype, name, "unit_kerja")


# --- child tables: scoped through the parent's unit ---------------------------------


def unit_field(doctype: str) -> str:
	return "name" if doctype == UNIT_DOCTYPE else "unit_kerja"


def unit_parents_of(child_doctype: str) -> list[str]:
	"""The unit-scoped DocTypes that hold `child_doctype` in one of their tables."""
	return [
		parent
		for parent in UNIT_SCOPED
		if any(df.options == child_doctype for df in frappe.get_meta(parent).get_table_fields())
	]


def unit_of(doctype: str, name: str) -> str | None:
	"""The unit a unit-scoped record belongs to; None when there is no such record."""
	if doctype == UNIT_DOCTYPE:
		return name if frappe.db.exists(UNIT_DOCTYPE, name) else None
	return frappe.db.get_value(doctype, name, "unit_kerja")


def unit_child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of a child table are listed only under parents of the user's units."""
	if is_unit_admin(user):
		return ""
	units, parents = get_user_units(user), unit_parents_of(doctype)
	if not units or not parents:
		return "1=0"
	values = ", ".join(frappe.db.escape(unit) for unit in units)
	clauses = []
	for parent in parents:
		in_units = (
			f"({values})"
			if parent == UNIT_DOCTYPE
			else f"(select `name` from `tab{parent}` where `unit_kerja` in ({values}))"
		)
		clauses.append(
			f"(`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)}"
			f" and `tab{doctype}`.`parent` in {in_units})"
		)
	return "(" + " or ".join(clauses) + ")"


class UnitChildDocument(Document):
	"""A row of one of the units' child tables.

	Loaded on its own (getdoc, frappe.client.get and printing load a row by name),
	a row has no parent document attached, and Frappe's has_child_permission then
	checks only the parent DocType, not the parent record: any unit could read it.
	Given its parent, the parent's unit decides, through the parent's own hook.
	"""

	@property
	def parent_doc(self):
		attached = super().parent_doc
		if attached is None and self.get("parenttype") and self.get("parent") and not self.is_new():
			try:
				attached = frappe.get_doc(self.parenttype, self.parent)
			except frappe.DoesNotExistError:
				return None
			self._parent_doc = attached
		return attached

	@parent_doc.setter
	def parent_doc(self, value):
		self._parent_doc = value


def has_unit_child_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""Frappe checks a child row through its parent document; this says the same when asked directly."""
	if is_unit_admin(user) or not doc.get("parent") or doc.get("parenttype") not in UNIT_SCOPED:
		return None
	unit = unit_of(doc.parenttype, doc.parent)
	return unit in get_user_units(user) if unit else None


# --- Frappe's records about a unit document (Workflow Action) ---------------------------


def unit_reference_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Records pointing at a unit document (reference_doctype / reference_name) are listed only for
	the documents of the user's units. Frappe's own conditions (e.g. the user's roles) still apply."""
	if is_unit_admin(user):
		return ""
	table = f"`tab{doctype}`"
	ours = ", ".join(frappe.db.escape(d) for d in UNIT_DOCUMENTS)
	clauses = [f"ifnull({table}.`reference_doctype`, '') not in ({ours})"]
	if units := get_user_units(user):
		values = ", ".join(frappe.db.escape(unit) for unit in units)
		clauses += [
			f"({table}.`reference_doctype` = {frappe.db.escape(d)} and {table}.`reference_name` in"
			f" (select `name` from `tab{d}` where `unit_kerja` in ({values})))"
			for d in UNIT_DOCUMENTS
		]
	return "(" + " or ".join(clauses) + ")"


def has_unit_reference_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""Only denies: Frappe's own check of the record decides otherwise."""
	if is_unit_admin(user) or doc.get("reference_doctype") not in UNIT_DOCUMENTS:
		return None
	unit = unit_of(doc.reference_doctype, doc.reference_name)
	return None if unit in get_user_units(user) else False


# --- references between unit documents ------------------------------------------------


def validate_unit_links(doc, method: str | None = None, check_all: bool = False):
	"""A unit's document refers only to documents of the same unit that its user may read.

	Every Link and Dynamic Link of the document and of its child rows whose target
	is a unit-scoped DocType is checked when its value is new (all of them when
	`check_all`). A record that does not exist, belongs to another unit or cannot
	be read is refused with one message, so the refusal tells nothing about it.
	"""
	unit = doc.name if doc.doctype == UNIT_DOCTYPE else doc.get("unit_kerja")
	if not unit:
		return
	before = None if check_all else doc.get_doc_before_save()
	validate_attachments(doc, before)
	for label, target_doctype, target in new_unit_links(doc, before):
		if unit_of(target_doctype, target) == unit and (
			doc.flags.ignore_permissions
			or frappe.has_permission(target_doctype, "read", doc=target, user=frappe.session.user)
		):
			continue
		frappe.throw(
			_("{0}: {1} {2} is not a document of {3} that you may read.").format(
				_(label), _(target_doctype), target, unit
			),
			exc=CrossUnitLinkError,
			title=_("Reference Outside the Unit"),
		)


def validate_attachments(doc, before):
	"""A private file named in an Attach field is one its user may read, or a new upload.

	Frappe attaches the file of an Attach field to the document on save, making a copy of
	its File record when the file belongs to another document: naming another unit's file
	by its URL would make it readable through one's own document. An upload not attached
	to any document yet is what the desk sends, and is attached to this one."""
	if doc.flags.ignore_permissions:
		return
	previous = set(attachment_urls(before)) if before else set()
	for url, label in attachment_urls(doc).items():
		if url in previous or not url.startswith("/private/files/"):
			continue
		files = frappe.get_all("File", filters={"file_url": url}, fields=["name", "attached_to_name"])
		if any(
			not f.attached_to_name or frappe.get_doc("File", f.name).has_permission("read") for f in files
		):
			continue
		frappe.throw(
			_("{0}: the file {1} is not one you may read.").format(_(label), url),
			exc=CrossUnitLinkError,
			title=_("Reference Outside the Unit"),
		)


def attachment_urls(doc) -> dict[str, str]:
	"""URL -> field label of every Attach value of the document and its rows."""
	urls = {}
	records = [(doc, attach_fields(doc.meta))]
	for table in doc.meta.get_table_fields():
		if fields := attach_fields(frappe.get_meta(table.options)):
			records += [(row, fields) for row in doc.get(table.fieldname) or []]
	for record, fields in records:
		for df in fields:
			if isinstance(value := record.get(df.fieldname), str) and value:
				urls[value] = df.label or df.fieldname
	return urls


def attach_fields(meta) -> list:
	return on_meta(
		meta,
		"attach_fields",
		lambda meta: [df for df in meta.fields if df.fieldtype in ("Attach", "Attach Image")],
	)


def new_unit_links(doc, before) -> list[tuple[str, str, str]]:
	"""(field label, target DocType, target name) of each unit-scoped link set or changed since `before`."""
	found = []

	def collect(record, meta, previous: set):
		for df in meta.fields:
			if df.fieldtype not in ("Link", "Dynamic Link"):
				continue
			target_doctype = df.options if df.fieldtype == "Link" else record.get(df.options)
			value = record.get(df.fieldname)
			if not value or target_doctype not in UNIT_SCOPED:
				continue
			if (df.fieldname, target_doctype, value) in previous:
				continue
			found.append((df.label or df.fieldname, target_doctype, value))

	collect(doc, doc.meta, link_values(before, before.meta) if before else set())
	for table in doc.meta.get_table_fields():
		child_meta = frappe.get_meta(table.options)
		previous = set()
		for row in before.get(table.fieldname) if before else []:
			previous |= link_values(row, child_meta)
		for row in doc.get(table.fieldname) or []:
			collect(row, child_meta, previous)
	return found


def link_values(record, meta) -> set[tuple[str, str, str]]:
	values = set()
	for df in meta.fields:
		if df.fieldtype == "Link":
			values.add((df.fieldname, df.options, record.get(df.fieldname)))
		elif df.fieldtype == "Dynamic Link":
			values.add((df.fieldname, record.get(df.options), record.get(df.fieldname)))
	return values


def get_unit_role_holders(unit: str, role: str | None) -> list[str]:
	"""Enabled users granted the unit, holding `role` (any role when None)."""
	granted = frappe.get_all(
		"User Permission", filters={"allow": UNIT_DOCTYPE, "for_value": unit}, pluck="user", distinct=True
	)
	if not granted:
		return []
	filters = {"name": ("in", granted), "enabled": 1}
	users = frappe.get_all("User", filters=filters, pluck="name")
	if role is None:
		return users
	holders = set(
		frappe.get_all(
			"Has Role", filters={"role": role, "parenttype": "User", "parent": ("in", users)}, pluck="parent"
		)
	)
	return [user for user in users if user in holders]


# --- records attached to a unit's document by a client --------------------------------

# Frappe's records that point at a document: (DocType field, name field, users who act through it).
ATTACHED_REFERENCES = {
	"ToDo": ("reference_type", "reference_name", ()),
	"File": ("attached_to_doctype", "attached_to_name", ()),
	"Tag Link": ("document_type", "document_name", ()),
	"Document Follow": ("ref_doctype", "ref_docname", ("user",)),  # the digest goes to `user`
	"Comment": ("reference_doctype", "reference_name", ()),
}


def validate_attached_reference(doc, method: str | None = None):
	"""A ToDo, file, tag, follow or comment a client writes names a unit's document its user
	may read (everyone these DocTypes let write: Frappe checks the record, not the document).

	The server's own writes (assignments, attachments of a save, timeline lines) are made
	with ignore_permissions after checking the document themselves, and are left alone."""
	if doc.flags.ignore_permissions or frappe.flags.in_install or frappe.flags.in_migrate:
		return
	doctype_field, name_field, user_fields = ATTACHED_REFERENCES[doc.doctype]
	target_doctype, target = doc.get(doctype_field), doc.get(name_field)
	if target_doctype not in UNIT_SCOPED or not target:
		return
	before = doc.get_doc_before_save()
	if before and (before.get(doctype_field), before.get(name_field)) == (target_doctype, target):
		return
	for user in {frappe.session.user, *(doc.get(f) for f in user_fields if doc.get(f))}:
		if not frappe.has_permission(target_doctype, "read", doc=target, user=user):
			frappe.throw(
				_("{0} {1} is not a document of yours that {2} may read.").format(
					_(target_doctype), target, user
				),
				frappe.PermissionError,
				title=_("Not Permitted"),
			)
