"""“Not entered” is not 0.

Frappe keeps a Float, Currency or Percent column NOT NULL DEFAULT 0, so an empty
figure comes back from the database as 0. Each figure of ours that may be left
empty has a hidden, read-only Check beside it, ``<field>_diisi`` ("entered"),
and this module keeps the two together:

- on save (`mark_entered`) the server sets the flag from the value it received:
  None or blank is not entered, any number (0 included) is. A client's own value
  for the flag is never used: a REST client that sends ``"realisasi": 0`` entered
  zero; one that sends null, or leaves the field out of a new row, entered nothing;
- on load (`EnteredValues.load_from_db`) a value whose flag is off comes back as
  None, and `as_dict` (what the desk and REST receive) keeps it null where Frappe
  would put 0, so the form shows an empty field, REST returns null (or leaves the
  field out, as it does with every null), and a document read and saved again (by
  the desk, a REST client or the server) stays not entered;
- queries that read rows without loading their document (`get_entered_rows`)
  read the flags and give None for what was not entered.

The arithmetic on these values (kinerja_sop.domain.kpi) treats None as not
entered: no achievement, no predicate, skipped by the averages.
"""

import frappe

from kinerja_sop.domain.kpi import is_entered
from kinerja_sop.meta_memo import on_meta

FLAG_SUFFIX = "_diisi"
FIGURE_TYPES = ("Float", "Currency", "Percent")


def flag_of(fieldname: str) -> str:
	return fieldname + FLAG_SUFFIX


def entered_fields(doctype: str) -> tuple[str, ...]:
	"""The figures of a DocType that carry an entered flag (from its meta)."""
	return entered_fields_of(frappe.get_meta(doctype))


def entered_fields_of(meta) -> tuple[str, ...]:
	return on_meta(
		meta,
		"entered_fields",
		lambda meta: tuple(
			df.fieldname
			for df in meta.fields
			if df.fieldtype in FIGURE_TYPES
			and (flag := meta.get_field(flag_of(df.fieldname)))
			and flag.fieldtype == "Check"
		),
	)


def _with_children(doc):
	yield doc
	for table in doc.meta.get_table_fields():
		yield from doc.get(table.fieldname) or []


def mark_entered(doc) -> None:
	"""Set every entered flag of the document and its rows from the values themselves."""
	for record in _with_children(doc):
		for fieldname in entered_fields_of(record.meta):
			value = record.get(fieldname)
			entered = is_entered(value)
			record.set(flag_of(fieldname), 1 if entered else 0)
			if not entered:
				record.set(fieldname, None)


def blank_not_entered(doc) -> None:
	"""Give None for every figure of the document and its rows that was not entered."""
	for record in _with_children(doc):
		for fieldname in entered_fields_of(record.meta):
			if not record.get(flag_of(fieldname)):
				record.set(fieldname, None)


def entered_or_none(row: dict, fieldnames) -> dict:
	"""A row read by a query, with None for each figure whose flag is off."""
	for fieldname in fieldnames:
		if not row.get(flag_of(fieldname)):
			row[fieldname] = None
	return row


def get_entered_rows(doctype: str, filters=None, fields=(), **kwargs) -> list:
	"""frappe.get_all that reads each figure's flag too and gives None for what was not entered."""
	figures = [f for f in entered_fields(doctype) if f in fields]
	rows = frappe.get_all(
		doctype, filters=filters, fields=[*fields, *(flag_of(f) for f in figures)], **kwargs
	)
	for row in rows:
		entered_or_none(row, figures)
		for fieldname in figures:
			row.pop(flag_of(fieldname), None)
	return rows


class EnteredValues:
	"""Mixin for a Document whose figures (or whose rows' figures) may be left empty."""

	def load_from_db(self):
		super().load_from_db()
		blank_not_entered(self)

	def as_dict(self, no_nulls=False, *args, **kwargs) -> dict:
		"""What the desk and REST receive: a figure not entered is null (left out with
		no_nulls, as Frappe leaves out every null), never the 0 Frappe's sanitising
		puts in its place. Rows are their own EnteredValues and do the same."""
		values = super().as_dict(no_nulls, *args, **kwargs)
		for fieldname in entered_fields_of(self.meta):
			if self.get(fieldname) is None:
				if no_nulls:
					values.pop(fieldname, None)
				else:
					values[fieldname] = None
		return values
