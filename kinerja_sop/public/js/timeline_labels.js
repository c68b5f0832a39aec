// The form timeline names a field changed in a table row with frappe.meta.get_label,
// which returns the DocField's stored (English) label, while the document's own fields
// go through __() (Frappe's version_timeline_content_builder.js). Officials read
// "Dikerjakan Oleh", not "Done By": the labels of this app's child tables are translated
// there from translations/id.csv. Loaded with the unit documents' forms (hooks.py).
frappe.provide("kinerja_sop");

if (!kinerja_sop.get_untranslated_label) {
	kinerja_sop.get_untranslated_label = frappe.meta.get_label;
	frappe.meta.get_label = function (doctype, fieldname, docname) {
		const label = kinerja_sop.get_untranslated_label.call(this, doctype, fieldname, docname);
		const meta = locals.DocType && locals.DocType[doctype];
		const ours = meta && meta.istable && frappe.boot.kinerja_sop.modules.includes(meta.module);
		return ours ? __(label, null, doctype) : label;
	};
}
