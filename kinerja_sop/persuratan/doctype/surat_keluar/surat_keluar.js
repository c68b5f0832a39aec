// Copyright (c) 2026, kinerja_sop developers and contributors
// For license information, please see license.txt

// Receipts (tanda terima) are recorded per recipient once the letter is sent;
// the server checks the dates and completes the delivery with the last one.
// "Selesai Diterima" is offered only once every recipient's receipt is in (the server
// refuses it before that); the workflow adds its actions through page.add_action_item.
frappe.provide("kinerja_sop.surat_keluar");
kinerja_sop.surat_keluar.COMPLETE_ACTION = "Selesai Diterima";
kinerja_sop.surat_keluar.receipts_missing = (frm) =>
	(frm.doc.penerima || []).some((row) => !row.diterima_pada);

frappe.ui.form.on("Surat Keluar", {
	setup(frm) {
		const add_action_item = frm.page.add_action_item.bind(frm.page);
		frm.page.add_action_item = (label, ...args) => {
			const { COMPLETE_ACTION, receipts_missing } = kinerja_sop.surat_keluar;
			if (label === __(COMPLETE_ACTION) && receipts_missing(frm)) return;
			return add_action_item(label, ...args);
		};
	},
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
						default: waiting[0].name,
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
