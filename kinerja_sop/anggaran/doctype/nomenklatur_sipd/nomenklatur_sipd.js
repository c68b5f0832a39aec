frappe.treeview_settings["Nomenklatur SIPD"] = {
	breadcrumb: "Anggaran",
	title: __("Nomenklatur SIPD"),
	get_tree_root: false,
	root_label: __("Nomenklatur SIPD"),
	ignore_fields: ["parent_nomenklatur_sipd"],
};
