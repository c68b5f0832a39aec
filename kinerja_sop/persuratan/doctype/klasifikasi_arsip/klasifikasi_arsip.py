# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import json
import re

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from kinerja_sop.domain.catalogue import CATALOGUE_PATH
from kinerja_sop.integrity import ClientInputGuard

STARTER_SET = CATALOGUE_PATH.parent / "klasifikasi_arsip.json"
# 000, 000.7, 000.7.2.10: three digits, then dot-separated numbers.
CODE_PATTERN = re.compile(r"^\d{3}(\.\d{1,3})*$")


class KlasifikasiArsip(ClientInputGuard, NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		is_group: DF.Check
		judul: DF.Data
		kode: DF.Data
		lft: DF.Int
		old_parent: DF.Link | None
		parent_klasifikasi_arsip: DF.Link | None
		rgt: DF.Int
	# end: auto-generated types

	nsm_parent_field = "parent_klasifikasi_arsip"

	def validate(self):
		self.validate_code()

	def validate_code(self):
		self.kode = (self.kode or "").strip()
		if not CODE_PATTERN.match(self.kode):
			frappe.throw(
				_(
					"Classification code {0} is not valid: write it as in the Klasifikasi Arsip, e.g. 000.7.2.6."
				).format(frappe.bold(self.kode))
			)
		if self.parent_klasifikasi_arsip and not self.kode.startswith(self.parent_klasifikasi_arsip + "."):
			frappe.throw(
				_("Classification {0} does not belong under {1}.").format(
					self.kode, self.parent_klasifikasi_arsip
				)
			)


def install_starter_set() -> int:
	"""Add the shipped codes an office does not have yet; never changes existing ones."""
	added = 0
	for kode, judul, parent, is_group in json.loads(STARTER_SET.read_text(encoding="utf-8"))["codes"]:
		if frappe.db.exists("Klasifikasi Arsip", kode):
			continue
		frappe.get_doc(
			{
				"doctype": "Klasifikasi Arsip",
				"kode": kode,
				"judul": judul,
				"parent_klasifikasi_arsip": parent,
				"is_group": int(is_group),
			}
		).insert(ignore_permissions=True)
		added += 1
	return added
