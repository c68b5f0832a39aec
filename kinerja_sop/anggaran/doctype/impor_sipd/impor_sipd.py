# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kinerja_sop.anggaran import sipd_import
from kinerja_sop.integrity import ClientInputGuard, on_stored_document

JOB_METHOD = "kinerja_sop.anggaran.doctype.impor_sipd.impor_sipd.run_import"
# What the preview was made from: changing any of it asks for a new preview.
SOURCE_FIELDS = ("jenis", "unit_kerja", "tahun", "periode", "berkas")


class ImportNotReady(frappe.ValidationError):
	pass


class ImporSIPD(ClientInputGuard, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.anggaran.doctype.galat_impor_sipd.galat_impor_sipd import GalatImporSIPD

		berkas: DF.Attach
		galat: DF.Table[GalatImporSIPD]
		jenis: DF.Literal["Renja/DPA", "LRA"]
		jumlah_baris: DF.Int
		jumlah_baru: DF.Int
		jumlah_berubah: DF.Int
		jumlah_sama: DF.Int
		pesan: DF.SmallText | None
		periode: DF.Literal[
			"",
			"Triwulan I",
			"Triwulan II",
			"Triwulan III",
			"Triwulan IV",
			"Semester I",
			"Semester II",
			"Tahunan",
		]
		status: DF.Literal["Draft", "Previewed", "Has Errors", "Queued", "Running", "Completed", "Failed"]
		tahun: DF.Int
		unit_kerja: DF.Link
	# end: auto-generated types

	# What the preview and the import write (marked flags.written_by_server when they save).
	server_owned = (
		"status",
		"jumlah_baris",
		"jumlah_baru",
		"jumlah_berubah",
		"jumlah_sama",
		"pesan",
		"galat",
	)

	def validate(self):
		self.validate_year()
		self.validate_period()
		self.reset_preview_when_the_source_changes()

	def validate_year(self):
		if not 2000 <= (self.tahun or 0) <= 2100:
			frappe.throw(_("Year {0} is not a budget year.").format(self.tahun), title=_("Impor SIPD"))

	def validate_period(self):
		if self.jenis == sipd_import.LRA and not self.periode:
			frappe.throw(_("An LRA import needs its period."), title=_("Impor SIPD"))
		if self.jenis == sipd_import.RENJA:
			self.periode = None

	def reset_preview_when_the_source_changes(self):
		if self.is_new() or any(self.has_value_changed(f) for f in SOURCE_FIELDS):
			if self.status in ("Queued", "Running"):
				frappe.throw(_("The import is running; its file cannot change now."), exc=ImportNotReady)
			self.status = "Draft"
			self.clear_result()

	def clear_result(self):
		self.jumlah_baris = self.jumlah_baru = self.jumlah_berubah = self.jumlah_sama = 0
		self.pesan = None
		self.set("galat", [])

	@frappe.whitelist(methods=["POST"])
	@on_stored_document
	def preview(self):
		"""Read and check the file and count what an import would change; nothing
		is written but this record."""
		self.check_not_running()
		parsed = sipd_import.parse(self)
		self.record_parse(parsed)
		if parsed.ok:
			upsert_plan, _records, _stored = sipd_import.plan(self, parsed)
			self.record_plan(upsert_plan)
			self.status = "Previewed"
		else:
			self.status = "Has Errors"
		self.flags.written_by_server = True
		self.save()
		return self.status

	@frappe.whitelist(methods=["POST"])
	@on_stored_document
	def start_import(self):
		"""Queue the import as a background job; the form shows its progress."""
		if self.status != "Previewed":
			frappe.throw(
				_("Preview the file first; only a file without row errors is imported."), exc=ImportNotReady
			)
		self.db_set("status", "Queued")
		frappe.enqueue(
			JOB_METHOD,
			queue="long",
			timeout=3600,
			job_id=f"impor-sipd::{self.name}",
			deduplicate=True,
			name=self.name,
		)
		return self.status

	def check_not_running(self):
		if self.status in ("Queued", "Running"):
			frappe.throw(_("The import is already queued or running."), exc=ImportNotReady)

	def record_parse(self, parsed):
		self.clear_result()
		self.jumlah_baris = len(parsed.items) + len(parsed.errors)
		for error in sorted(parsed.errors, key=lambda e: (e.line, e.column)):
			self.append(
				"galat",
				{
					"baris": error.line,
					"kolom": error.column,
					"pesan": sipd_import.row_error_text(error.kind)
					+ (f": {error.value}" if error.value is not None else ""),
				},
			)
		if parsed.errors:
			self.pesan = _("{0} row errors: nothing was written.").format(len(parsed.errors))

	def record_plan(self, upsert_plan):
		self.jumlah_baru = len(upsert_plan.new)
		self.jumlah_berubah = len(upsert_plan.changed)
		self.jumlah_sama = len(upsert_plan.unchanged)

	def execute(self):
		"""Parse and write in one transaction: all rows or, at any error, none."""
		frappe.db.savepoint("impor_sipd")
		try:
			parsed = sipd_import.parse(self)
			if parsed.ok:
				upsert_plan = sipd_import.write(self, parsed)
		except Exception as error:
			frappe.db.rollback(save_point="impor_sipd")
			self.reload()
			self.status = "Failed"
			self.pesan = _("The import failed and wrote nothing: {0}").format(frappe.utils.cstr(error))
			self.flags.written_by_server = True
			self.save(ignore_permissions=True)
			if not isinstance(error, frappe.ValidationError):
				self.log_error("Impor SIPD")
			return
		self.record_parse(parsed)
		if parsed.ok:
			self.record_plan(upsert_plan)
			self.status = "Completed"
			self.pesan = _("{0} new, {1} changed, {2} unchanged.").format(
				self.jumlah_baru, self.jumlah_berubah, self.jumlah_sama
			)
		else:
			frappe.db.rollback(save_point="impor_sipd")
			self.status = "Has Errors"
		self.flags.written_by_server = True
		self.save(ignore_permissions=True)


def run_import(name: str):
	"""The background job (frappe.enqueue): the worker commits when it returns."""
	if not frappe.db.exists("Impor SIPD", name):
		return
	frappe.db.set_value("Impor SIPD", name, "status", "Running", update_modified=False)
	frappe.db.commit()  # the form shows "Running" while the rows are written
	frappe.get_doc("Impor SIPD", name).execute()
