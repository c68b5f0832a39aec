// Copyright (c) 2026, kinerja_sop developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Unit Kerja", {
	setup(frm) {
		frm.set_query("user", "officials", () => ({
			filters: { enabled: 1, user_type: "System User" },
		}));
	},
});
