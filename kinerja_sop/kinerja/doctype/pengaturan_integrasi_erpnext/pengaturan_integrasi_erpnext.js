// Copyright (c) 2026, kinerja_sop developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Pengaturan Integrasi ERPNext", {
	refresh(frm) {
		const installed = (frappe.boot.versions || {}).erpnext;
		frm.get_field("erpnext_status").$wrapper.html(
			installed
				? `<p>${__("ERPNext {0} is installed on this site.", [installed])}</p>`
				: `<p class="text-muted">${__("ERPNext is not installed on this site: the link stays off.")}</p>`,
		);
	},
});
