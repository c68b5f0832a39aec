"""What a document's Version keeps for the desk's timeline (hooks.py: doc_events on Version).

Frappe's timeline writes one line per Version: "<official> changed the value of
<field> from <old> to <new>", and for a child-table row "<field> from <old> to <new>
in row #n". Two things made that line noise for officials:

- A step of an SOP document rewrote the current-step fields and started and
  finished a Log Langkah row, so each step added a line such as "Finished from
  null to 2026-11-28 09:10, Done By from null to …". The step is already on the
  timeline twice (Frappe's Workflow line and the hand-over line, sop_document.py)
  and in the append-only Log Langkah itself, so those fields and rows are left out
  of the Version; what people change in the document (content, team, programme
  rows, paraf and signature) stays in it.
- An empty value is stored as null and the timeline prints it as the word "null"
  (it parses the value as HTML text). Empty values of this app's documents are
  kept as empty text, which the timeline shows as an empty value.

The labels of child-table fields are translated in the form (public/js/timeline_labels.js).
"""

import json

import frappe

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS
from kinerja_sop.kinerja.sop_document import CURRENT_STEP_FIELDS

# Written by the SOP machinery at every step: the step log row records the same step.
STEP_TABLES = ("step_log",)


def tidy_version(version, method=None):
	if not version.data or not is_ours(version.ref_doctype):
		return
	data = json.loads(version.data)
	if version.ref_doctype in SOP_DOCUMENTS:
		leave_out_step_records(data)
	data = empty_as_text(data)
	version.data = frappe.as_json(data, indent=None, separators=(",", ":"))


def is_ours(doctype: str | None) -> bool:
	# Runs on every Version of the site: Frappe's in-memory module map, not modules.txt read from disk.
	return (
		bool(doctype)
		and frappe.local.module_app.get(frappe.scrub(frappe.get_meta(doctype).module)) == "kinerja_sop"
	)


def leave_out_step_records(data: dict):
	if data.get("changed"):
		data["changed"] = [change for change in data["changed"] if change[0] not in CURRENT_STEP_FIELDS]
	for key in ("added", "removed", "row_changed"):
		if data.get(key):
			data[key] = [row for row in data[key] if row[0] not in STEP_TABLES]


def empty_as_text(data: dict) -> dict:
	"""null old and new values of changed fields (of the document and of its rows) as ""."""

	def values(changes):
		return [
			[field, "" if old is None else old, "" if new is None else new] for field, old, new in changes
		]

	if data.get("changed"):
		data["changed"] = values(data["changed"])
	if data.get("row_changed"):
		data["row_changed"] = [
			[table, index, name, values(changes)] for table, index, name, changes in data["row_changed"]
		]
	return data
