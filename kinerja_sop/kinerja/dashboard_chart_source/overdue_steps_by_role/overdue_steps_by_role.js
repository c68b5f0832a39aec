frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Overdue Steps by Role"] = {
	method: "kinerja_sop.kinerja.dashboard.overdue_steps_by_role",
	filters: [
		{
			fieldname: "unit_kerja",
			label: __("Unit Kerja"),
			fieldtype: "Link",
			options: "Unit Kerja",
		},
	],
};
