// Copyright (c) 2026, kinerja_sop developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Renja", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.docstatus !== 0) return;
		frm.add_custom_button(
			__("Programmes from SIPD"),
			() =>
				frappe
					.call("kinerja_sop.anggaran.renja.fill_renja", { name: frm.doc.name })
					.then(() => frm.reload_doc()),
			__("SIPD"),
		);
	},
});
