frappe.provide("kinerja_sop");

// The budget table of an Evaluasi Kinerja or Laporan Kinerja from the imported SIPD LRA.
kinerja_sop.fill_budget_from_lra = (frm) => {
	if (frm.is_new() || frm.doc.docstatus !== 0) return;
	frm.add_custom_button(
		__("Budget from LRA"),
		() =>
			frappe.prompt(
				[
					{
						fieldname: "periode",
						fieldtype: "Select",
						label: __("Period"),
						reqd: 1,
						options:
							"Triwulan I\nTriwulan II\nTriwulan III\nTriwulan IV\nSemester I\nSemester II\nTahunan",
						default: "Tahunan",
					},
					{
						fieldname: "tingkat",
						fieldtype: "Select",
						label: __("Roll up to"),
						options: "Program\nKegiatan",
						default: "Program",
					},
				],
				(values) =>
					frappe
						.call("kinerja_sop.anggaran.realisasi.fill_budget_table", {
							doctype: frm.doctype,
							name: frm.doc.name,
							...values,
						})
						.then(() => frm.reload_doc()),
				__("Budget from LRA"),
				__("Fill"),
			),
		__("SIPD"),
	);
};

for (const doctype of ["Evaluasi Kinerja", "Laporan Kinerja"]) {
	frappe.ui.form.on(doctype, { refresh: kinerja_sop.fill_budget_from_lra });
}
