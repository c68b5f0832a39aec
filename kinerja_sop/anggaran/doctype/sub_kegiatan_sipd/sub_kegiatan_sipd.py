# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kinerja_sop.domain import sipd
from kinerja_sop.entered import EnteredValues, mark_entered
from kinerja_sop.integrity import ClientInputGuard


def sub_kegiatan_name(unit_kerja: str, tahun: int, kode_sub_giat: str) -> str:
	"""The record's name is its key in SIPD: year, unit and sub-kegiatan code."""
	return f"{int(tahun)}-{unit_kerja}-{kode_sub_giat}"


class SubKegiatanSIPD(EnteredValues, ClientInputGuard, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from kinerja_sop.anggaran.doctype.indikator_sub_kegiatan_sipd.indikator_sub_kegiatan_sipd import (
			IndikatorSubKegiatanSIPD,
		)

		id_sub_giat: DF.Data | None
		impor_sipd: DF.Link | None
		indikator: DF.Table[IndikatorSubKegiatanSIPD]
		kode_giat: DF.Link | None
		kode_program: DF.Link | None
		kode_sbl: DF.Data | None
		kode_skpd: DF.Data | None
		kode_sub_giat: DF.Link
		nama_sub_giat: DF.SmallText | None
		pagu: DF.Currency
		pagu_n_depan: DF.Currency
		pagu_n_depan_diisi: DF.Check
		sumber_dana: DF.Data | None
		tahun: DF.Int
		unit_kerja: DF.Link
	# end: auto-generated types

	server_owned = ("impor_sipd", "kode_sbl", "id_sub_giat")  # SIPD's own keys, from the import
	computed = ("kode_program", "kode_giat")

	def autoname(self):
		self.name = sub_kegiatan_name(self.unit_kerja, self.tahun, self.kode_sub_giat)

	def validate(self):
		self.validate_code()
		self.fill_from_nomenclature()
		mark_entered(self)  # the next-year pagu and the indicators' targets: not given is not 0

	def validate_code(self):
		if frappe.db.get_value("Nomenklatur SIPD", self.kode_sub_giat, "tingkat") != "Sub Kegiatan":
			frappe.throw(
				_("{0} is not a sub-kegiatan code.").format(self.kode_sub_giat), title=_("Sub Kegiatan SIPD")
			)

	def fill_from_nomenclature(self):
		self.kode_program = sipd.ancestor(self.kode_sub_giat, sipd.PROGRAM)
		self.kode_giat = sipd.ancestor(self.kode_sub_giat, sipd.KEGIATAN)
		if not self.nama_sub_giat:
			self.nama_sub_giat = frappe.db.get_value("Nomenklatur SIPD", self.kode_sub_giat, "nama")
