// Form behaviour shared by the six SOP documents (hooks.py: doctype_js).
// The server enforces every rule; this only shows the step and asks for the reason.
frappe.provide("kinerja_sop");

// The six documents come from the SOP catalogue, through boot info (kinerja_sop/boot.py).
kinerja_sop.SOP_DOCUMENTS = frappe.boot.kinerja_sop.sop_documents;
kinerja_sop.RETURN_ACTION = "Tidak Setuju";

kinerja_sop.show_current_step = function (frm) {
	const doc = frm.doc;
	if (!doc.current_step) return;
	const overdue = doc.step_due && doc.step_due < frappe.datetime.now_datetime();
	frm.set_intro(
		__("Step {0}: {1} ({2}). Kelengkapan: {3}. Waktu: {4}, due {5}. Output: {6}.", [
			doc.current_step,
			doc.current_activity,
			__(doc.current_role),
			doc.current_inputs || "-",
			doc.current_time_standard,
			frappe.datetime.str_to_user(doc.step_due),
			doc.current_output || "-",
		]),
		overdue ? "red" : "blue",
	);
};

// Sending a document back needs a reason; ask for it and save it first,
// because the workflow action reloads the document from the database.
kinerja_sop.ask_return_reason = function (frm) {
	if (frm.selected_workflow_action !== kinerja_sop.RETURN_ACTION) return;
	return new Promise((resolve, reject) => {
		let given = false;
		const dialog = frappe.prompt(
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Return Reason"), reqd: 1 },
			async (values) => {
				given = true;
				await frm.set_value("return_reason", values.reason);
				await frm.save();
				resolve();
			},
			__("Send Back"),
			__("Send Back"),
		);
		dialog.onhide = () => {
			if (!given) {
				frappe.dom.unfreeze();
				reject();
			}
		};
	});
};

kinerja_sop.registered_forms = kinerja_sop.registered_forms || new Set();
for (const doctype of kinerja_sop.SOP_DOCUMENTS) {
	if (kinerja_sop.registered_forms.has(doctype)) continue;
	kinerja_sop.registered_forms.add(doctype);
	frappe.ui.form.on(doctype, {
		refresh: kinerja_sop.show_current_step,
		before_workflow_action: kinerja_sop.ask_return_reason,
	});
}
