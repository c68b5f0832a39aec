# Only modules are imported here: every other module-level name becomes a hook.
from kinerja_sop.domain import catalogue

app_name = "kinerja_sop"
app_title = "Kinerja SOP"
app_publisher = "kinerja_sop developers"
app_description = "Performance-management SOPs of an Indonesian kecamatan, run as Frappe workflows"
app_email = "kinerja-sop@example.org"
app_license = "mit"

export_python_type_annotations = True

# The desk reads the list of SOP documents from boot info, and officials land on
# the Kinerja workspace (kinerja_sop.boot).
extend_bootinfo = "kinerja_sop.boot.boot_session"

# Installation
# ------------

after_install = "kinerja_sop.install.after_install"
after_migrate = "kinerja_sop.install.after_migrate"
before_uninstall = "kinerja_sop.install.before_uninstall"

# The optional ERPNext link (no required_apps): its Custom Fields come and go with ERPNext.
after_app_install = "kinerja_sop.integrations.erpnext.after_app_install"
before_app_uninstall = "kinerja_sop.integrations.erpnext.before_app_uninstall"
doc_events = {
	# Fires only on a site with ERPNext; pull_employee does nothing unless ERPNext is the source.
	"Employee": {"on_update": "kinerja_sop.integrations.erpnext.pull_employee"},
	# A unit's record refers only to readable records of its own unit (permissions.py).
	**{
		doctype: {
			"before_validate": "kinerja_sop.permissions.validate_unit_links",
			"before_update_after_submit": "kinerja_sop.permissions.validate_unit_links",
		}
		for doctype in (*catalogue.UNIT_DOCUMENTS, *catalogue.UNIT_BUDGET_RECORDS)
	},
	# What a client attaches to a unit's document names one it may read (permissions.py).
	**{
		doctype: {"validate": "kinerja_sop.permissions.validate_attached_reference"}
		for doctype in ("ToDo", "File", "Tag Link", "Document Follow", "Comment")
	},
	# The timeline's lines of our documents: no step bookkeeping, no "null" (versions.py).
	"Version": {"before_insert": "kinerja_sop.versions.tidy_version"},
}

fixtures = [
	{"dt": "Role", "filters": [["name", "in", list(catalogue.APP_ROLES)]]},
]

# Scheduled tasks
# ---------------

scheduler_events = {
	"daily": ["kinerja_sop.kinerja.doctype.indikator_kinerja.indikator_kinerja.remind_collection_due"],
}

# Printing
# --------
# What the print formats (templates/print/) ask the database for.

jinja = {
	"methods": [
		"kinerja_sop.printing.tanggal_indonesia",
		"kinerja_sop.printing.angka_indonesia",
		"kinerja_sop.printing.rupiah",
		"kinerja_sop.printing.judul_dokumen",
		"kinerja_sop.printing.nilai_satuan",
		"kinerja_sop.printing.indikator_belum_diisi",
		"kinerja_sop.printing.kop_unit",
		"kinerja_sop.printing.penandatangan",
		"kinerja_sop.printing.sidik",
		"kinerja_sop.printing.qr_verifikasi",
		"kinerja_sop.printing.sop_sheet_rows",
		"kinerja_sop.printing.perjanjian_kinerja",
		"kinerja_sop.printing.lampiran",
	]
}

# Requests
# --------
# A body that is not a JSON object is the client's mistake, not a server error (integrity.py).

after_request = ["kinerja_sop.integrity.refuse_malformed_body"]

# Permissions
# -----------
# A user acts only within the Unit Kerja granted to them (see permissions.py).

permission_query_conditions = {
	"Unit Kerja": "kinerja_sop.permissions.unit_kerja_query_conditions",
	**{
		doctype: "kinerja_sop.permissions.unit_document_query_conditions"
		for doctype in (*catalogue.UNIT_DOCUMENTS, *catalogue.UNIT_BUDGET_RECORDS)
	},
	**{
		doctype: "kinerja_sop.permissions.unit_child_query_conditions"
		for doctype in catalogue.UNIT_CHILD_DOCUMENTS
	},
	# Frappe lists a role's open Workflow Actions to every holder of the role, whatever the unit.
	"Workflow Action": "kinerja_sop.permissions.unit_reference_query_conditions",
}

has_permission = {
	"Unit Kerja": "kinerja_sop.permissions.has_unit_kerja_permission",
	**{
		doctype: "kinerja_sop.permissions.has_unit_document_permission"
		for doctype in (*catalogue.UNIT_DOCUMENTS, *catalogue.UNIT_BUDGET_RECORDS)
	},
	**{
		doctype: "kinerja_sop.permissions.has_unit_child_permission"
		for doctype in catalogue.UNIT_CHILD_DOCUMENTS
	},
	"Workflow Action": "kinerja_sop.permissions.has_unit_reference_permission",
}

# Read paths where Frappe 15 forgets the permission check or skips the query conditions.
override_whitelisted_methods = {
	"frappe.client.get_count": "kinerja_sop.overrides.get_count",
	"frappe.desk.search.search_link": "kinerja_sop.overrides.search_link",
	"frappe.desk.search.search_widget": "kinerja_sop.overrides.search_widget",
	"frappe.desk.listview.get_group_by_count": "kinerja_sop.overrides.get_group_by_count",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "kinerja_sop.overrides.get_dashboard_chart",
	"frappe.www.printview.get_html_and_style": "kinerja_sop.overrides.get_html_and_style",
	"frappe.www.printview.get_rendered_raw_commands": "kinerja_sop.overrides.get_rendered_raw_commands",
	"frappe.desk.form.linked_with.get_submitted_linked_docs": "kinerja_sop.overrides.get_submitted_linked_docs",
	"frappe.desk.like.toggle_like": "kinerja_sop.overrides.toggle_like",
	"frappe.desk.form.document_follow.follow_document": "kinerja_sop.overrides.follow_document",
	"frappe.desk.form.document_follow.unfollow_document": "kinerja_sop.overrides.unfollow_document",
	"frappe.desk.doctype.tag.tag.add_tag": "kinerja_sop.overrides.add_tag",
	"frappe.desk.doctype.tag.tag.add_tags": "kinerja_sop.overrides.add_tags",
	"frappe.desk.doctype.tag.tag.remove_tag": "kinerja_sop.overrides.remove_tag",
	# A document's actions: the desk calls them "run_doc_method" (older clients "runserverobj").
	**dict.fromkeys(
		("run_doc_method", "runserverobj", "frappe.handler.run_doc_method"),
		"kinerja_sop.overrides.run_doc_method",
	),
}

# The six documents share their form and list behaviour: the current step's
# Mutu Baku, the reason asked before sending back, overdue steps marked.
# Evaluasi and LKjIP also fill their budget table from the imported SIPD LRA.
# Every unit document's timeline names its table fields in the user's language.
doctype_js = {
	doctype: [
		*(["public/js/sop_document.js"] if doctype in catalogue.SOP_DOCUMENTS else []),
		*(["public/js/realisasi_lra.js"] if doctype in ("Evaluasi Kinerja", "Laporan Kinerja") else []),
		"public/js/timeline_labels.js",
	]
	for doctype in catalogue.UNIT_DOCUMENTS
}
doctype_list_js = {doctype: "public/js/sop_document_list.js" for doctype in catalogue.SOP_DOCUMENTS}
