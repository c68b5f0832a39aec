frappe.ui.form.on("Impor SIPD", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (!["Queued", "Running"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Preview"), () =>
				frm.call("preview").then(() => frm.reload_doc()),
			);
		}
		if (frm.doc.status === "Previewed") {
			frm.add_custom_button(
				__("Import"),
				() => frm.call("start_import").then(() => frm.reload_doc()),
				null,
			).addClass("btn-primary");
		}
		if (["Queued", "Running"].includes(frm.doc.status)) {
			frm.dashboard.set_headline(
				__("The import runs in the background; this form refreshes when it ends."),
			);
		}
		if (!frm.sipd_progress_handler) {
			// Frappe shows the job's progress bar itself; reload the form when it is full.
			frm.sipd_progress_handler = (data) => {
				if (data.percent >= 100) setTimeout(() => frm.reload_doc(), 1000);
			};
			frappe.realtime.on("progress", frm.sipd_progress_handler);
		}
	},
});
