"""Public verification of a printed document (the QR code on every print).

A guest sees only the document's type, number, date, unit and state, and
whether the fingerprint printed on the paper still matches the document.
"""

import frappe
from frappe import _

from kinerja_sop.printing import VERIFIABLE, sidik

no_cache = 1


def get_context(context):
	args = frappe.form_dict
	context.no_breadcrumbs = True
	context.title = _("Document Verification")
	context.result = verify(args.get("dokumen"), args.get("nomor"), args.get("sidik"))
	return context


def verify(doctype: str | None, name: str | None, fingerprint: str | None) -> dict:
	if doctype not in VERIFIABLE or not name or not frappe.db.exists(doctype, name):
		return {"found": False}
	doc = frappe.get_doc(doctype, name)  # read on the server; only the fields below leave it
	return {
		"found": True,
		"jenis": _(doctype),
		"nomor": doc.get("nomor_surat") or doc.get("nomor_agenda") or doc.name,
		"tanggal": doc.get("signed_at") or doc.get("tanggal") or doc.get("tanggal_diterima") or doc.creation,
		"unit": frappe.db.get_value("Unit Kerja", doc.unit_kerja, "unit_name"),
		"status": _(doc.get("workflow_state") or doc.get("status") or ""),
		"sah": bool(fingerprint) and fingerprint.upper() == sidik(doc),
	}
