// Copyright (c) 2026, kinerja_sop developers and contributors
// For license information, please see license.txt

const ACTION_LABELS = {
	new: __("New"),
	moved: __("Moved Here"),
	updated: __("Updated"),
	deactivated: __("Deactivated"),
	unchanged: __("Unchanged"),
	skipped: __("Skipped"),
	error: __("Error"),
};
const ACTION_COLOURS = {
	new: "green",
	moved: "green",
	updated: "blue",
	deactivated: "orange",
	unchanged: "gray",
	skipped: "gray",
	error: "red",
};
const PREVIEW_LIMIT = 500;

frappe.ui.form.on("Impor Pegawai SIASN", {
	refresh(frm) {
		render_preview(frm);
		if (frm.is_new() || ["Previewing", "Importing"].includes(frm.doc.status)) {
			return;
		}
		frm.add_custom_button(__("Preview"), () =>
			frm.call("start_preview").then(() => frm.reload_doc()),
		);
		if (frm.doc.status === "Ready") {
			frm.add_custom_button(__("Start Import"), () =>
				frm.call("start_import").then(() => frm.reload_doc()),
			).addClass("btn-primary");
		}
	},
});

function render_preview(frm) {
	const wrapper = frm.get_field("preview_html").$wrapper;
	const entries = JSON.parse(frm.doc.preview_data || "[]");
	if (!entries.length) {
		wrapper.html(
			frm.doc.unchanged_officials
				? `<p class="text-muted">${__("Every official in the file is already up to date.")}</p>`
				: "",
		);
		return;
	}
	const rows = entries.slice(0, PREVIEW_LIMIT).map(
		(e) => `<tr>
			<td>${e.line || ""}</td>
			<td><span class="indicator-pill ${ACTION_COLOURS[e.action]}">${ACTION_LABELS[e.action]}</span></td>
			<td>${frappe.utils.escape_html(e.nip)}</td>
			<td>${frappe.utils.escape_html(e.name)}</td>
			<td>${frappe.utils.escape_html(e.unit)}</td>
			<td>${e.details.map((d) => frappe.utils.escape_html(d)).join("<br>")}</td>
		</tr>`,
	);
	const more =
		entries.length > PREVIEW_LIMIT
			? `<p class="text-muted">${__("{0} more rows are not shown.", [entries.length - PREVIEW_LIMIT])}</p>`
			: "";
	wrapper.html(`<table class="table table-bordered table-sm">
		<thead><tr><th>${__("Row")}</th><th>${__("Action")}</th><th>NIP</th><th>${__("Name")}</th>
		<th>${__("Unit Kerja")}</th><th>${__("Details")}</th></tr></thead>
		<tbody>${rows.join("")}</tbody></table>${more}`);
}
