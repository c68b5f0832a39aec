# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from kinerja_sop.domain.catalogue import CAMAT
from kinerja_sop.domain.letter_number import INCOMING_PREFIX, sequence_key
from kinerja_sop.integrity import ClientInputGuard
from kinerja_sop.permissions import is_unit_admin
from kinerja_sop.persuratan.numbering import draw_number


class DisposisiError(frappe.ValidationError):
	pass


class SuratMasuk(ClientInputGuard, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.persuratan.doctype.disposisi_surat_masuk.disposisi_surat_masuk import (
			DisposisiSuratMasuk,
		)

		berkas_surat: DF.Attach | None
		disposisi: DF.Table[DisposisiSuratMasuk]
		klasifikasi: DF.Link | None
		nomor_agenda: DF.Data | None
		nomor_surat: DF.Data
		pengirim: DF.Data
		perihal: DF.Data
		sifat: DF.Literal["Biasa", "Segera", "Sangat Segera", "Rahasia"]
		tanggal_diterima: DF.Date
		tanggal_surat: DF.Date
		unit_kerja: DF.Link
	# end: auto-generated types

	# The register numbers the letter; each disposition keeps who gave it and when.
	server_owned = ("nomor_agenda", "disposisi.diberikan_oleh", "disposisi.diberikan_pada")

	def before_insert(self):
		self.assign_agenda_number()

	def validate(self):
		self.record_dispositions()

	def assign_agenda_number(self):
		unit_code = frappe.db.get_value("Unit Kerja", self.unit_kerja, "unit_code")
		date = getdate(self.tanggal_diterima)
		number = draw_number(sequence_key(unit_code, date, prefix=INCOMING_PREFIX))
		self.nomor_agenda = f"{number}/{date.year}"

	def record_dispositions(self):
		"""Only the Camat disposes; each instruction keeps who gave it and when."""
		before = self.get_doc_before_save()
		given = {row.name: row for row in before.disposisi} if before else {}
		user = frappe.session.user
		for row in self.disposisi:
			old = given.get(row.name)
			changed = not old or any(row.get(f) != old.get(f) for f in ("kepada", "instruksi", "batas_waktu"))
			if not changed:
				continue
			if CAMAT not in frappe.get_roles(user) and not is_unit_admin(user):
				frappe.throw(_("Only the Camat gives a disposition."), exc=DisposisiError)
			row.diberikan_oleh, row.diberikan_pada = user, now_datetime()

	def has_disposition(self) -> bool:
		return bool(self.disposisi)
