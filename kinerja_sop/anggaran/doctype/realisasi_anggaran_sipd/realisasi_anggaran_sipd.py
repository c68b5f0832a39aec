# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from kinerja_sop.domain import sipd
from kinerja_sop.integrity import ClientInputGuard


def realisasi_name(unit_kerja: str, tahun: int, periode: str, kode_sub_giat: str, kode_rekening: str) -> str:
	"""An LRA line's key: year, period, unit, sub-kegiatan and account."""
	return f"{int(tahun)}-{periode}-{unit_kerja}-{kode_sub_giat}-{kode_rekening}"


def percentage(anggaran: float, realisasi: float) -> float | None:
	return None if not anggaran else round(realisasi * 100 / anggaran, 2)


class RealisasiAnggaranSIPD(ClientInputGuard, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		anggaran: DF.Currency
		impor_sipd: DF.Link | None
		kode_giat: DF.Link | None
		kode_program: DF.Link | None
		kode_rekening: DF.Data
		kode_sub_giat: DF.Link
		nama_rekening: DF.SmallText | None
		periode: DF.Literal[
			"Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Semester I", "Semester II", "Tahunan"
		]
		persentase: DF.Percent
		realisasi: DF.Currency
		tahun: DF.Int
		unit_kerja: DF.Link
	# end: auto-generated types

	server_owned = ("impor_sipd",)  # the import that wrote the line
	computed = ("kode_program", "kode_giat", "persentase")

	def autoname(self):
		self.name = realisasi_name(
			self.unit_kerja, self.tahun, self.periode, self.kode_sub_giat, self.kode_rekening
		)

	def validate(self):
		self.kode_program = sipd.ancestor(self.kode_sub_giat, sipd.PROGRAM)
		self.kode_giat = sipd.ancestor(self.kode_sub_giat, sipd.KEGIATAN)
		self.persentase = percentage(self.anggaran, self.realisasi)
