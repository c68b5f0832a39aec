"""REST entry points of the mail register. Registering and sending are workflow
actions (frappe.model.workflow.apply_workflow); receipts come in here."""

import frappe

from kinerja_sop.integrity import checked_arguments


@frappe.whitelist(methods=["POST"])
@checked_arguments(
	surat_keluar="Link",
	recipient="Data",
	received_by="Data",
	received_at="Datetime",
	position="Data",
	proof="Attach",
)
def record_receipt(
	surat_keluar: str,
	recipient: str,
	received_by: str,
	received_at: str | None = None,
	position: str | None = None,
	proof: str | None = None,
) -> dict:
	"""Record one recipient's receipt (tanda terima) on a sent letter."""
	letter = frappe.get_doc("Surat Keluar", surat_keluar)
	letter.check_permission("read")
	letter.record_receipt(recipient, received_by, received_at, position, proof)  # saving checks write access
	return {"status": letter.status, "workflow_state": letter.workflow_state}
