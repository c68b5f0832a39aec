# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from kinerja_sop.domain.siasn import clean
from kinerja_sop.integrity import ClientInputGuard


class PemetaanUnorSIASN(ClientInputGuard, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		unit_kerja: DF.Link
		unor_id: DF.Data
		unor_nama: DF.Data | None
	# end: auto-generated types

	def before_insert(self):
		self.normalise_unor()  # before the name is taken from unor_id

	def validate(self):
		self.normalise_unor()

	def normalise_unor(self):
		"""As the export writes them once its quirks are gone: no apostrophe, single spaces."""
		self.unor_id = clean(self.unor_id) or ""
		self.unor_nama = " ".join((clean(self.unor_nama) or "").split()) or None
