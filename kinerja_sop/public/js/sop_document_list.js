// List behaviour shared by the six SOP documents (hooks.py: doctype_list_js):
// a document whose current step is past its due time shows as overdue.
// The six documents come from the SOP catalogue, through boot info (kinerja_sop/boot.py).
for (const doctype of frappe.boot.kinerja_sop.sop_documents) {
	frappe.listview_settings[doctype] = {
		add_fields: ["workflow_state", "current_step", "step_due", "docstatus"],
		get_indicator(doc) {
			const now = frappe.datetime.system_datetime();
			if (doc.step_due && doc.step_due < now) {
				return [__("Overdue: {0}", [doc.workflow_state]), "red", `step_due,<,${now}`];
			}
			if (doc.workflow_state) {
				const color = doc.docstatus === 1 ? "green" : "blue";
				return [__(doc.workflow_state), color, `workflow_state,=,${doc.workflow_state}`];
			}
		},
	};
}
