# Copyright (c) 2026, kinerja_sop developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class DisposisiSuratMasuk(Document):
	pass
