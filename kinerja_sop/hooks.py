# Only modules are imported here: every other module-level name becomes a hook.
from kinerja_sop.domain import catalogue

app_name = "kinerja_sop"
app_title = "Kinerja SOP"
app_publisher = "kinerja_sop developers"
app_description = "Performance-management SOPs of an Indonesian kecamatan, run as Frappe workflows"
app_email = "kinerja-sop@example.org"
app_license = "mit"

export_python_type_annotations = True

# The desk reads the list of SOP documents from boot info (kinerja_sop.boot).
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
		for doctype in catalogue.UNIT_DOCUMENTS
	},
}

has_permission = {
	"Unit Kerja": "kinerja_sop.permissions.has_unit_kerja_permission",
	**{
		doctype: "kinerja_sop.permissions.has_unit_document_permission"
		for doctype in catalogue.UNIT_DOCUMENTS
	},
}

# The six documents share their form and list behaviour: the current step's
# Mutu Baku, the reason asked before sending back, overdue steps marked.
doctype_js = {doctype: "public/js/sop_document.js" for doctype in catalogue.SOP_DOCUMENTS}
doctype_list_js = {doctype: "public/js/sop_document_list.js" for doctype in catalogue.SOP_DOCUMENTS}
