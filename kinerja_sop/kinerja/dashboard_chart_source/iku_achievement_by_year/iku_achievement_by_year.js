frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["IKU Achievement by Year"] = {
	method: "kinerja_sop.kinerja.dashboard.iku_achievement_by_year",
	filters: [
		{
			fieldname: "unit_kerja",
			label: __("Unit Kerja"),
			fieldtype: "Link",
			options: "Unit Kerja",
		},
		{
			fieldname: "periode",
			label: __("Period"),
			fieldtype: "Select",
			options: [
				"Tahunan",
				"Semester I",
				"Semester II",
				"Triwulan I",
				"Triwulan II",
				"Triwulan III",
				"Triwulan IV",
			],
			default: "Tahunan",
		},
	],
};
