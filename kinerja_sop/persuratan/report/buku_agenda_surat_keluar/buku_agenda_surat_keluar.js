// Copyright (c) 2026, kinerja_sop developers and contributors
// For license information, please see license.txt

frappe.query_reports["Buku Agenda Surat Keluar"] = {
	filters: [
		{
			fieldname: "unit_kerja",
			label: __("Unit Kerja"),
			fieldtype: "Link",
			options: "Unit Kerja",
		},
		{
			fieldname: "from_date",
			label: __("From"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
		},
		{
			fieldname: "to_date",
			label: __("To"),
			fieldtype: "Date",
			default: frappe.datetime.year_end(),
		},
		{
			fieldname: "klasifikasi",
			label: __("Classification (Klasifikasi Arsip)"),
			fieldtype: "Link",
			options: "Klasifikasi Arsip",
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Terdaftar", "Dikirim", "Diterima Semua", "Dibatalkan"],
		},
	],
};
