# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, getdate, now_datetime

from kinerja_sop.domain.letter_number import DEFAULT_FORMAT, LetterNumberError, parse_format, sequence_key
from kinerja_sop.domain.officials import NipError, parse_nip
from kinerja_sop.integrity import ClientInputGuard
from kinerja_sop.persuratan.numbering import draw_number

# Workflow states of the register (SOP Pengiriman); the status field follows them.
KONSEP, TERDAFTAR, DIKIRIM, DITERIMA_SEMUA, DIBATALKAN = (
	"Konsep",
	"Terdaftar",
	"Dikirim",
	"Diterima Semua",
	"Dibatalkan",
)


class ReceiptError(frappe.ValidationError):
	pass


class SuratKeluar(ClientInputGuard, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.persuratan.doctype.penerima_surat_keluar.penerima_surat_keluar import (
			PenerimaSuratKeluar,
		)

		amended_from: DF.Link | None
		atas_nama: DF.Literal["", "a.n.", "u.b.", "Plh.", "Plt."]
		atas_nama_jabatan: DF.Data | None
		isi_surat: DF.TextEditor | None
		jabatan_penandatangan: DF.Literal["Camat", "Sekretaris", "Kasubag Evapor", "Kasubag Umum"]
		jumlah_lampiran: DF.Int
		klasifikasi: DF.Link
		nama_penandatangan: DF.Data | None
		nip_penandatangan: DF.Data | None
		nomor_surat: DF.Data | None
		nomor_urut: DF.Int
		pangkat_penandatangan: DF.Data | None
		penerima: DF.Table[PenerimaSuratKeluar]
		perihal: DF.Data
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		sifat: DF.Literal["Biasa", "Segera", "Sangat Segera", "Rahasia"]
		status: DF.Literal["Konsep", "Terdaftar", "Dikirim", "Diterima Semua", "Dibatalkan"]
		tahun_nomor: DF.Int
		tanggal: DF.Date
		unit_kerja: DF.Link
		workflow_state: DF.Link | None
	# end: auto-generated types

	# The register numbers, links, sends and receives (see kinerja_sop.integrity).
	server_owned = (
		"workflow_state",
		"status",
		"nomor_surat",
		"nomor_urut",
		"tahun_nomor",
		"reference_doctype",
		"reference_name",
		*(
			f"penerima.{field}"
			for field in (
				"status_penerimaan",
				"dikirim_pada",
				"dikirim_oleh",
				"diterima_pada",
				"diterima_oleh",
				"jabatan_penerima",
				"bukti_tanda_terima",
			)
		),
	)
	computed = ("nama_penandatangan", "nip_penandatangan", "pangkat_penandatangan")  # from the unit

	def validate(self):
		self.set_signer()

	def before_submit(self):
		self.validate_recipients()
		self.assign_letter_number()
		self.status = TERDAFTAR

	def before_update_after_submit(self):
		self.follow_delivery_state()

	def before_cancel(self):
		self.status = DIBATALKAN  # the number stays, marked cancelled

	def on_submit(self):
		self.update_source_document()

	def on_update_after_submit(self):
		self.update_source_document()

	def on_cancel(self):
		self.update_source_document()

	def set_signer(self):
		unit = frappe.get_cached_doc("Unit Kerja", self.unit_kerja)
		signer = next(
			(row for row in unit.get_active_officials() if row.sop_role == self.jabatan_penandatangan), None
		)
		if not signer:
			self.nama_penandatangan = self.nip_penandatangan = self.pangkat_penandatangan = None
			return
		self.nama_penandatangan = signer.full_name
		self.pangkat_penandatangan = signer.pangkat_golongan
		try:
			self.nip_penandatangan = parse_nip(signer.nip).formatted if signer.nip else None
		except NipError:
			self.nip_penandatangan = signer.nip

	def validate_recipients(self):
		if not self.penerima:
			frappe.throw(
				_("Add at least one recipient before registering the letter."), title=_("No Recipient")
			)

	def assign_letter_number(self):
		"""Draw the unit's next number for the letter's year; a failure rolls it back."""
		unit = frappe.get_cached_doc("Unit Kerja", self.unit_kerja)
		date = getdate(self.tanggal)
		try:
			fmt = parse_format(unit.letter_number_format or DEFAULT_FORMAT)
			key = sequence_key(unit.unit_code, date, fmt)
			number = draw_number(key)
			self.nomor_surat = fmt.render(number, self.klasifikasi, unit.unit_code, date)
		except LetterNumberError as error:
			frappe.throw(letter_number_message(error), title=_("Letter Number"))
		self.nomor_urut, self.tahun_nomor = number, date.year

	def follow_delivery_state(self):
		before = self.get_doc_before_save()
		if before and before.workflow_state == self.workflow_state:
			return
		if self.workflow_state == DIKIRIM:
			self.mark_sent()
		elif self.workflow_state == DITERIMA_SEMUA:
			waiting = [row.nama_penerima for row in self.penerima if not row.diterima_pada]
			if waiting:
				frappe.throw(
					_("Every recipient's receipt must be recorded first; still waiting for: {0}.").format(
						", ".join(waiting)
					),
					exc=ReceiptError,
				)
		self.status = self.workflow_state

	def mark_sent(self):
		for row in self.penerima:
			if not row.dikirim_pada:
				row.dikirim_pada, row.dikirim_oleh = now_datetime(), frappe.session.user
				row.status_penerimaan = "Dikirim"

	def record_receipt(self, row_name: str, received_by: str, received_at=None, position=None, proof=None):
		"""Keep one recipient's receipt (tanda terima); the last one completes the delivery."""
		row = next((r for r in self.penerima if r.name == row_name), None)
		if not row:
			frappe.throw(
				_("Recipient {0} is not on letter {1}.").format(row_name, self.name), exc=ReceiptError
			)
		if not row.dikirim_pada:
			frappe.throw(
				_("The letter has not been sent to {0} yet.").format(row.nama_penerima), exc=ReceiptError
			)
		received_at = get_datetime(received_at) if received_at else now_datetime()
		if received_at < get_datetime(row.dikirim_pada):
			frappe.throw(
				_("The receipt of {0} is dated {1}, before the letter was sent ({2}).").format(
					row.nama_penerima, received_at, row.dikirim_pada
				),
				exc=ReceiptError,
			)
		if not (received_by or "").strip():
			frappe.throw(_("Write who received the letter."), exc=ReceiptError)
		row.update(
			{
				"diterima_pada": received_at,
				"diterima_oleh": received_by,
				"jabatan_penerima": position,
				"bukti_tanda_terima": proof,
				"status_penerimaan": "Diterima",
			}
		)
		if self.workflow_state == DIKIRIM and all(r.diterima_pada for r in self.penerima):
			self.workflow_state = DITERIMA_SEMUA
		self.flags.written_by_server = True
		self.save()

	def update_source_document(self):
		"""The document the letter carries shows its number and delivery."""
		if not self.reference_doctype or not self.reference_name:
			return
		meta = frappe.get_meta(self.reference_doctype)
		if not meta.has_field("status_pengiriman"):
			return
		frappe.db.set_value(
			self.reference_doctype,
			self.reference_name,
			{"surat_keluar": self.name, "nomor_surat": self.nomor_surat, "status_pengiriman": _(self.status)},
			update_modified=False,
		)


def letter_number_message(error: LetterNumberError) -> str:
	messages = {
		"bad_value": _("{0} cannot be part of a letter number ({1})."),
		"bad_nomor": _("The sequence number {0} is not valid ({1})."),
	}
	format_message = _("The unit's letter number format {0} is not valid ({1}).")
	return messages.get(error.kind, format_message).format(
		frappe.bold(error.text), error.detail or error.kind
	)


def on_doctype_update():
	# The register's promise, kept by the database too: one number per unit and year.
	frappe.db.add_unique("Surat Keluar", ["unit_kerja", "tahun_nomor", "nomor_surat"], "unique_letter_number")
