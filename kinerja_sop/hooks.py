from kinerja_sop.domain.catalogue import APP_ROLES

app_name = "kinerja_sop"
app_title = "Kinerja SOP"
app_publisher = "kinerja_sop developers"
app_description = "Performance-management SOPs of an Indonesian kecamatan, run as Frappe workflows"
app_email = "kinerja-sop@example.org"
app_license = "mit"

export_python_type_annotations = True

# Installation
# ------------

after_install = "kinerja_sop.install.after_install"
after_migrate = "kinerja_sop.install.after_migrate"
before_uninstall = "kinerja_sop.install.before_uninstall"

fixtures = [
	{"dt": "Role", "filters": [["name", "in", list(APP_ROLES)]]},
]

# Permissions
# -----------
# A user acts only within the Unit Kerja granted to them (see permissions.py).

permission_query_conditions = {
	"Unit Kerja": "kinerja_sop.permissions.unit_kerja_query_conditions",
}

has_permission = {
	"Unit Kerja": "kinerja_sop.permissions.has_unit_kerja_permission",
}
