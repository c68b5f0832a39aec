"""Public verification of a printed document (the QR code on every print).

The QR code carries the document's name, an unguessable key (printing.verification_token)
and the fingerprint of its signed content. With the right key a guest sees only the
document's type, number, date, unit and state, and whether the fingerprint printed on
the paper still matches; without it the page says nothing about the document, exactly
as for a name that does not exist, so names cannot be listed by guessing.
"""

import frappe
from frappe import _

from kinerja_sop.printing import VERIFIABLE, sidik, valid_verification_token

no_cache = 1


def get_context(context):
	args = frappe.form_dict
	context.no_breadcrumbs = True
	context.title = _("Document Verification")
	context.result = verify(args.get("dokumen"), args.get("nomor"), args.get("kunci"), args.get("sidik"))
	return context


def verify(doctype, name, token, fingerprint) -> dict:
	if (
		doctype not in VERIFIABLE
		or not isinstance(name, str)
		or not valid_verification_token(doctype, name, token)
		or not frappe.db.exists(doctype, name)
	):
		return {"found": False}
	doc = frappe.get_doc(doctype, name)  # read on the server; only the fields below leave it
	return {
		"found": True,
		"jenis": _(doctype),
		"nomor": doc.get("nomor_surat") or doc.get("nomor_agenda") or doc.name,
		"tanggal": doc.get("signed_at") or doc.get("tanggal") or doc.get("tanggal_diterima") or doc.creation,
		"unit": frappe.db.get_value("Unit Kerja", doc.unit_kerja, "unit_name"),
		"status": _(doc.get("workflow_state") or doc.get("status") or ""),
		"sah": isinstance(fingerprint, str) and fingerprint.strip().upper() == sidik(doc),
	}
