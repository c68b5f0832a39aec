// Copyright (c) 2026, kinerja_sop developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Pengukuran Kinerja", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0 || !frm.has_perm("write")) return;
		frm.add_custom_button(__("Take Realisation from Data IKU"), () =>
			frappe
				.call({
					method: "kinerja_sop.kinerja.doctype.pengukuran_kinerja.pengukuran_kinerja.fill_realisation_from_data_iku",
					args: { name: frm.doc.name },
					freeze: true,
				})
				.then((r) => {
					frm.reload_doc();
					frappe.show_alert({
						message: __("{0} indicators took their realisation from Data IKU.", [
							r.message.filled,
						]),
						indicator: "green",
					});
				}),
		);
	},
});
