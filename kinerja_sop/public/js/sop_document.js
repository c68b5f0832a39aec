// Form behaviour shared by the six SOP documents (hooks.py: doctype_js).
// The server enforces every rule; this only shows the step and asks for the reason.
frappe.provide("kinerja_sop");

// The six documents come from the SOP catalogue, through boot info (kinerja_sop/boot.py).
kinerja_sop.SOP_DOCUMENTS = frappe.boot.kinerja_sop.sop_documents;
kinerja_sop.RETURN_ACTION = "Tidak Setuju";

kinerja_sop.show_current_step = function (frm) {
	const doc = frm.doc;
	if (!doc.current_step) return;
	// Stored in the site's time zone; shown in the user's (the unit's, see unit_kerja.py).
	const overdue = doc.step_due && doc.step_due < frappe.datetime.system_datetime();
	// What the step's Kelengkapan checks still lack, worded by the server (SOPDocument.onload).
	const missing = (frm.doc.__onload || {}).kelengkapan_missing || [];
	let intro = __("Step {0}: {1} ({2}). Kelengkapan: {3}. Waktu: {4}, due {5}. Output: {6}.", [
		doc.current_step,
		doc.current_activity,
		__(doc.current_role),
		doc.current_inputs || "-",
		doc.current_time_standard,
		frappe.datetime.str_to_user(frappe.datetime.convert_to_user_tz(doc.step_due)),
		doc.current_output || "-",
	]);
	if (missing.length) {
		intro +=
			"<br>" +
			__("Still missing before this step can be completed: {0}.", [
				missing.map((text) => frappe.utils.escape_html(text)).join("; "),
			]);
	}
	frm.set_intro(intro, overdue ? "red" : missing.length ? "orange" : "blue");
};

// Sending a document back needs a reason. Frappe freezes the page before it
// triggers before_workflow_action and applies the action once the handler's
// promise resolves; the action reloads the document from the database, so the
// reason is saved first. The dialog is shown with the page unfrozen (the freeze
// overlay lies above dialogs) and the page frozen again before the action runs,
// so that Frappe's own unfreeze afterwards balances. Cancelling leaves the
// promise pending: nothing is applied and nothing is thrown.
kinerja_sop.ask_return_reason = function (frm) {
	if (frm.selected_workflow_action !== kinerja_sop.RETURN_ACTION) return;
	frappe.dom.unfreeze();
	return new Promise((resolve) => {
		let sending = false;
		const dialog = new frappe.ui.Dialog({
			title: __("Send Back"),
			fields: [
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __("Return Reason"),
					reqd: 1,
					default: frm.doc.return_reason,
				},
			],
			primary_action_label: __("Send Back"),
			async primary_action(values) {
				sending = true;
				dialog.hide();
				await frm.set_value("return_reason", values.reason);
				await frm.save(frm.doc.docstatus === 1 ? "Update" : "Save");
				if (frm.is_dirty()) {
					// Not saved: Frappe has shown why; the document stays where it was.
					frm.selected_workflow_action = null;
					return;
				}
				frappe.dom.freeze();
				resolve();
			},
		});
		dialog.onhide = () => {
			if (!sending) frm.selected_workflow_action = null;
		};
		dialog.show();
	});
};

// Who did a step, initialled or signed shows as the person's name, not their login
// (Log Langkah, Paraf, Tanda Tangan); Frappe's own User formatter knows only full_name fields.
if (!kinerja_sop.frappe_user_link) {
	kinerja_sop.frappe_user_link = frappe.form.link_formatters["User"];
	frappe.form.link_formatters["User"] = function (value, doc, docfield) {
		const shown = kinerja_sop.frappe_user_link(value, doc, docfield);
		const in_sop_document =
			doc && kinerja_sop.SOP_DOCUMENTS.includes(doc.parenttype || doc.doctype);
		return shown === value && value && in_sop_document ? frappe.user.full_name(value) : shown;
	};
}

kinerja_sop.registered_forms = kinerja_sop.registered_forms || new Set();
for (const doctype of kinerja_sop.SOP_DOCUMENTS) {
	if (kinerja_sop.registered_forms.has(doctype)) continue;
	kinerja_sop.registered_forms.add(doctype);
	frappe.ui.form.on(doctype, {
		refresh: kinerja_sop.show_current_step,
		before_workflow_action: kinerja_sop.ask_return_reason,
	});
}
