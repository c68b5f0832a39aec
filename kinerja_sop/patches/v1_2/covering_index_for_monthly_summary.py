import frappe

from kinerja_sop.kinerja.doctype.rekap_kepatuhan_sop.rekap_kepatuhan_sop import FORMER_INDEXES


def execute():
	"""The monthly summary's covering index (added by on_doctype_update) replaces the
	(unit, month) and (month) indexes: no query reads them any more, and every step
	that writes the summary would keep them up to date for nothing."""
	for index in FORMER_INDEXES:
		if frappe.db.has_index("tabRekap Kepatuhan SOP", index):
			frappe.db.sql_ddl(f"alter table `tabRekap Kepatuhan SOP` drop index `{index}`")
