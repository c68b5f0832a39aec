"""The SIPD records' own "given" checks become the app's entered flags (kinerja_sop.entered).

Sub Kegiatan SIPD kept "the export gave no next-year pagu" in `pagu_n_depan_tercatat`
and its indicators "no target" in `target_tercatat`. They are now `pagu_n_depan_diisi`
and `target_diisi`, so the records read None for what SIPD did not give, as every
other figure of the app does. The values are copied as they are (the import set them
from the export itself) and the old columns dropped.
"""

import frappe
from frappe.model.utils.rename_field import rename_field

RENAMED = {
	"Sub Kegiatan SIPD": ("pagu_n_depan_tercatat", "pagu_n_depan_diisi"),
	"Indikator Sub Kegiatan SIPD": ("target_tercatat", "target_diisi"),
}


def execute():
	for doctype, (old, new) in RENAMED.items():
		if not frappe.db.has_column(doctype, old):
			continue
		rename_field(doctype, old, new)
		frappe.db.sql_ddl(f"alter table `tab{doctype}` drop column `{old}`")
