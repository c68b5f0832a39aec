# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from kinerja_sop.domain import sipd
from kinerja_sop.integrity import ClientInputGuard

LEVEL_LABELS = {
	sipd.URUSAN: "Urusan",
	sipd.BIDANG: "Bidang Urusan",
	sipd.PROGRAM: "Program",
	sipd.KEGIATAN: "Kegiatan",
	sipd.SUB_KEGIATAN: "Sub Kegiatan",
}


class NomenklaturSIPD(ClientInputGuard, NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		is_group: DF.Check
		kode: DF.Data
		lft: DF.Int
		nama: DF.SmallText
		old_parent: DF.Link | None
		parent_nomenklatur_sipd: DF.Link | None
		rgt: DF.Int
		tingkat: DF.Literal["Urusan", "Bidang Urusan", "Program", "Kegiatan", "Sub Kegiatan"]
	# end: auto-generated types

	nsm_parent_field = "parent_nomenklatur_sipd"

	def before_validate(self):
		self.normalise_code()
		self.place_in_tree()

	def normalise_code(self):
		"""One spelling of the code (7.01.02.2.01.01 is 7.01.02.2.01.0001)."""
		try:
			self.kode = sipd.normalise_code(self.kode)
		except sipd.SipdError:
			frappe.throw(
				_("{0} is not a SIPD nomenclature code (e.g. 7.01.02.2.01.0001).").format(self.kode),
				title=_("Nomenklatur SIPD"),
			)
		if self.is_new():
			self.name = self.kode

	def place_in_tree(self):
		"""Level and parent follow from the code itself."""
		self.tingkat = LEVEL_LABELS[sipd.level_of(self.kode)]
		self.parent_nomenklatur_sipd = sipd.parent_code(self.kode)
		self.is_group = int(self.tingkat != LEVEL_LABELS[sipd.SUB_KEGIATAN])
		if self.parent_nomenklatur_sipd and not frappe.db.exists(
			"Nomenklatur SIPD", self.parent_nomenklatur_sipd
		):
			frappe.throw(
				_("Create {0} first: it is the parent of {1}.").format(
					self.parent_nomenklatur_sipd, self.kode
				),
				title=_("Nomenklatur SIPD"),
			)
