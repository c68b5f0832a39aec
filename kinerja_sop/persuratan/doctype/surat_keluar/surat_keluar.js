// Copyright (c) 2026, kinerja_sop developers and contributors
// For license information, please see license.txt

// Receipts (tanda terima) are recorded per recipient once the letter is sent;
// the server checks the dates and completes the delivery with the last one.
frappe.ui.form.on("Surat Keluar", {
	refresh(frm) {
		if (frm.doc.docstatus !== 1 || frm.doc.workflow_state !== "Dikirim") return;
		const waiting = (frm.doc.penerima || []).filter(
			(row) => row.dikirim_pada && !row.diterima_pada,
		);
		if (!waiting.length) return;
		frm.add_custom_button(__("Record Receipt"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("Record Receipt"),
				fields: [
					{
						fieldname: "recipient",
						fieldtype: "Select",
						label: __("Recipient"),
						reqd: 1,
						options: waiting.map((row) => ({
							value: row.name,
							label: row.nama_penerima,
						})),
					},
					{
						fieldname: "received_by",
						fieldtype: "Data",
						label: __("Received By (Name)"),
						reqd: 1,
					},
					{
						fieldname: "position",
						fieldtype: "Data",
						label: __("Received By (Position)"),
					},
					{
						fieldname: "received_at",
						fieldtype: "Datetime",
						label: __("Received At"),
						default: frappe.datetime.now_datetime(),
					},
					{ fieldname: "proof", fieldtype: "Attach", label: __("Proof of Receipt") },
				],
				primary_action_label: __("Save"),
				primary_action(values) {
					frappe
						.call("kinerja_sop.persuratan.api.record_receipt", {
							surat_keluar: frm.doc.name,
							...values,
						})
						.then(() => {
							dialog.hide();
							frm.reload_doc();
						});
				},
			});
			dialog.show();
		});
	},
});
