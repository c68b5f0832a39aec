// Copyright (c) 2026, kinerja_sop developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Laporan Kinerja", {
	refresh(frm) {
		// One row per indicator of the Pengukuran, rebuilt by the server on every save:
		// officials write the analysis, not the rows.
		frm.set_df_property("analisis_indikator", "cannot_add_rows", true);
		frm.set_df_property("analisis_indikator", "cannot_delete_rows", true);
	},
});
