import frappe

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS
from kinerja_sop.kinerja.doctype.rekap_kepatuhan_sop.rekap_kepatuhan_sop import rebuild


def execute():
	"""Sites that logged steps before the monthly summary existed: give the
	oldest log rows their document's unit, then count every month."""
	for doctype in SOP_DOCUMENTS:
		frappe.db.sql(
			f"""update `tabLog Langkah SOP` log join `tab{doctype}` doc on log.parent = doc.name
			set log.unit_kerja = doc.unit_kerja
			where log.parenttype = %s and log.unit_kerja is null""",
			doctype,
		)
	rebuild()
