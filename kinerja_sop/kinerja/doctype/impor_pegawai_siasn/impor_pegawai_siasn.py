# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

"""Officials from SIASN's "Export Data ASN": preview first, then one all-or-nothing import.

Both steps run as background jobs with a progress bar; the import refuses a
file whose preview lists errors, or a file changed since it was previewed.
"""

import hashlib

import frappe
from frappe import _
from frappe.model.document import Document

from kinerja_sop.integrations import siasn
from kinerja_sop.integrity import ClientInputGuard, on_stored_document

NOT_PREVIEWED, PREVIEWING, READY, HAS_ERRORS, IMPORTING, IMPORTED, FAILED = (
	"Not Previewed",
	"Previewing",
	"Ready",
	"Has Errors",
	"Importing",
	"Imported",
	"Failed",
)
# Written by the preview and import jobs alone; a client's value is ignored.
SERVER_FIELDS = (
	"status",
	"file_hash",
	"total_rows",
	"new_officials",
	"updated_officials",
	"unchanged_officials",
	"deactivated_officials",
	"skipped_rows",
	"error_rows",
	"preview_data",
	"error_log",
)
QUEUE = "long"


class ImportNotReadyError(frappe.ValidationError):
	pass


class ImporPegawaiSIASN(ClientInputGuard, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		deactivate_missing: DF.Check
		deactivated_officials: DF.Int
		error_log: DF.LongText | None
		error_rows: DF.Int
		file_hash: DF.Data | None
		import_file: DF.Attach
		new_officials: DF.Int
		preview_data: DF.JSON | None
		skipped_rows: DF.Int
		status: DF.Literal[
			"Not Previewed", "Previewing", "Ready", "Has Errors", "Importing", "Imported", "Failed"
		]
		total_rows: DF.Int
		unchanged_officials: DF.Int
		updated_officials: DF.Int
	# end: auto-generated types

	def validate(self):
		self.keep_server_fields()
		self.reset_when_file_changed()
		self.validate_not_running()

	def keep_server_fields(self):
		if self.flags.from_job:
			return
		before = self.get_doc_before_save()
		for fieldname in SERVER_FIELDS:
			self.set(fieldname, before.get(fieldname) if before else None)
		if not before:
			self.status = NOT_PREVIEWED
			self.set_counts(None)

	def reset_when_file_changed(self):
		if self.flags.from_job or self.is_new():
			return
		if self.has_value_changed("import_file") or self.has_value_changed("deactivate_missing"):
			self.status, self.file_hash, self.preview_data, self.error_log = NOT_PREVIEWED, None, None, None
			self.set_counts(None)

	def validate_not_running(self):
		if self.flags.from_job:
			return
		before = self.get_doc_before_save()
		if before and before.status in (PREVIEWING, IMPORTING):
			frappe.throw(_("The import is running; wait until it ends."), exc=ImportNotReadyError)

	# ---- desk actions: queue the work, off the request path ----

	@frappe.whitelist(methods=["POST"])
	@on_stored_document
	def start_preview(self):
		self.set_job_status(PREVIEWING)
		self.enqueue("run_preview")

	@frappe.whitelist(methods=["POST"])
	@on_stored_document
	def start_import(self):
		self.validate_ready()
		self.set_job_status(IMPORTING)
		self.enqueue("run_import")

	def validate_ready(self):
		if self.status != READY:
			frappe.throw(
				_(
					"Preview the file first; only a preview without errors can be imported (status: {0})."
				).format(_(self.status)),
				exc=ImportNotReadyError,
			)

	def set_job_status(self, status: str):
		self.db_set("status", status, notify=True)

	def enqueue(self, method: str):
		frappe.enqueue(
			f"{__name__}.{method}",
			queue=QUEUE,
			timeout=1800,
			name=self.name,
			job_id=f"impor-pegawai-siasn::{self.name}::{method}",
			deduplicate=True,
			enqueue_after_commit=True,
		)

	# ---- the jobs ----

	def preview(self):
		"""Read and plan the file, write nothing but the preview."""
		content_hash = self.file_fingerprint()
		try:
			parsed = siasn.read_export(self.import_file)
			plan = siasn.plan_import(
				parsed, bool(self.deactivate_missing), self.progress(_("Reading the file"))
			)
		except siasn.SiasnImportError as error:
			self.finish(HAS_ERRORS, error_log=str(error))
			return
		finally:
			self.forget_unsaved_units()
		self.set_counts(plan)
		self.preview_data = preview_json(plan)
		self.file_hash = content_hash
		self.finish(HAS_ERRORS if plan.has_errors else READY, error_log=self.error_lines(plan))

	def run(self):
		"""Apply the previewed file in one transaction: every unit saved, or none."""
		if self.status != IMPORTING or self.file_hash != self.file_fingerprint():
			self.finish(FAILED, error_log=_("The file changed after it was previewed: preview it again."))
			return
		frappe.db.savepoint("impor_pegawai_siasn")
		try:
			parsed = siasn.read_export(self.import_file)
			plan = siasn.plan_import(
				parsed, bool(self.deactivate_missing), self.progress(_("Reading the file"))
			)
			if plan.has_errors:
				frappe.throw(self.error_lines(plan), exc=siasn.SiasnImportError)
			siasn.save_plan(plan, self.progress(_("Saving the units")))
		except Exception as error:
			frappe.db.rollback(save_point="impor_pegawai_siasn")
			self.forget_unsaved_units()
			self.finish(FAILED, error_log=self.failure_log(error))
			return
		self.set_counts(plan)
		self.preview_data = preview_json(plan)
		self.finish(IMPORTED, error_log=None)

	def finish(self, status: str, error_log: str | None):
		self.status, self.error_log = status, error_log
		self.flags.from_job = True
		self.save(ignore_permissions=True)
		self.progress(_("Done"))(1, 1)

	# ---- helpers ----

	def file_fingerprint(self) -> str:
		content = frappe.get_doc("File", {"file_url": self.import_file}).get_content()
		if isinstance(content, str):
			content = content.encode()
		return hashlib.sha256(content).hexdigest()

	def progress(self, title: str):
		def publish(done: int, total: int):
			frappe.publish_progress(
				done * 100 / max(total, 1),
				title=_("SIASN Import"),
				doctype=self.doctype,
				docname=self.name,
				description=f"{title}: {done}/{total}",
			)

		return publish

	def set_counts(self, plan: "siasn.Plan | None"):
		self.total_rows = plan.total_rows if plan else 0
		counts = {
			"new_officials": (siasn.NEW, siasn.MOVED),
			"updated_officials": (siasn.UPDATED,),
			"unchanged_officials": (siasn.UNCHANGED,),
			"deactivated_officials": (siasn.DEACTIVATED,),
			"skipped_rows": (siasn.SKIPPED,),
			"error_rows": (siasn.ERROR,),
		}
		for fieldname, actions in counts.items():
			self.set(fieldname, sum(plan.count(a) for a in actions) if plan else 0)

	def error_lines(self, plan: "siasn.Plan") -> str | None:
		lines = [
			_("Row {0}: {1}").format(e.line, " ".join(e.details))
			for e in plan.entries
			if e.action == siasn.ERROR
		]
		return "\n".join(lines) or None

	def failure_log(self, error: Exception) -> str:
		if isinstance(error, frappe.ValidationError):
			return _("Nothing was imported.") + "\n" + str(error)
		return _("Nothing was imported.") + "\n" + frappe.get_traceback()

	def forget_unsaved_units(self):
		"""The plan changed Unit Kerja documents in memory; drop any cached copy."""
		frappe.clear_document_cache("Unit Kerja")


def preview_json(plan: "siasn.Plan") -> str:
	"""Every line that changes something or carries a note; unchanged lines are only counted."""
	return frappe.as_json([e.as_dict() for e in plan.entries if e.action != siasn.UNCHANGED or e.details])


def run_preview(name: str):
	doc = frappe.get_doc("Impor Pegawai SIASN", name)
	doc.preview()


def run_import(name: str):
	doc = frappe.get_doc("Impor Pegawai SIASN", name)
	doc.run()
