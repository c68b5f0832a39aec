// Copyright (c) 2026, kinerja_sop developers and contributors
// For license information, please see license.txt

// Only the SOP roles can own a step; the server refuses any other (sop_kinerja.py).
const SOP_ROLES = ["Camat", "Sekretaris", "Tim Kinerja", "Kasubag Evapor", "Staf", "Kasubag Umum"];

frappe.ui.form.on("SOP Kinerja", {
	setup(frm) {
		frm.set_query("role", "steps", () => ({ filters: { name: ["in", SOP_ROLES] } }));
		frm.set_query("document_type", () => ({ filters: { is_submittable: 1, istable: 0 } }));
	},
});
