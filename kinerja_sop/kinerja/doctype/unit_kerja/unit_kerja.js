// Copyright (c) 2026, kinerja_sop developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Unit Kerja", {
	setup(frm) {
		frm.set_query("user", "officials", () => ({
			filters: { enabled: 1, user_type: "System User" },
		}));
	},
});

frappe.ui.form.on("Unit Kerja", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("e-SAKIP Export"), () => {
			frappe.prompt(
				[
					{
						fieldname: "tahun",
						fieldtype: "Int",
						label: __("Year"),
						reqd: 1,
						default: new Date().getFullYear(),
					},
					{
						fieldname: "berkas",
						fieldtype: "Select",
						label: __("Files"),
						options: [
							{ value: "zip", label: __("All (ZIP)") },
							{ value: "pk", label: __("Perjanjian Kinerja (PDF)") },
							{ value: "lkjip", label: __("LKjIP (PDF)") },
							{ value: "iku", label: __("IKU (XLSX)") },
						],
						default: "zip",
					},
				],
				(values) => {
					const query = new URLSearchParams({ unit_kerja: frm.doc.name, ...values });
					window.open(`/api/method/kinerja_sop.esakip.download?${query}`);
				},
				__("e-SAKIP Export"),
				__("Download"),
			);
		});
	},
});
