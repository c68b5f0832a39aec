# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from kinerja_sop.domain.erpnext_link import SYNC_OFF
from kinerja_sop.integrations.erpnext import erpnext_installed
from kinerja_sop.integrity import ClientInputGuard


class PengaturanIntegrasiERPNext(ClientInputGuard, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		erpnext_sync: DF.Literal["Off", "Kinerja SOP to ERPNext", "ERPNext to Kinerja SOP"]
	# end: auto-generated types

	def validate(self):
		self.validate_erpnext_installed()

	def validate_erpnext_installed(self):
		if self.erpnext_sync != SYNC_OFF and not erpnext_installed():
			frappe.throw(
				_("ERPNext is not installed on this site: the sync direction can only be {0}.").format(
					_(SYNC_OFF)
				)
			)
