frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["SOP Documents by State"] = {
	method: "kinerja_sop.kinerja.dashboard.documents_by_state",
	filters: [
		{
			fieldname: "unit_kerja",
			label: __("Unit Kerja"),
			fieldtype: "Link",
			options: "Unit Kerja",
		},
		{
			fieldname: "tahun",
			label: __("Year"),
			fieldtype: "Int",
		},
	],
};
