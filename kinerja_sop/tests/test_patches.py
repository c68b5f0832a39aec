"""The data patches of patches.txt on rows as an older version stored them.

A schema change in MariaDB commits the transaction, so this class commits its
records and removes them afterwards.
"""

import frappe

from kinerja_sop.patches.v1_1 import sipd_entered_flags
from kinerja_sop.tests.factories import import_sipd
from kinerja_sop.tests.sop_walk import IndonesianTestCase, make_office

UNIT = "Kecamatan Uji SIPDPATCH"  # make_office("SIPDPATCH")


def columns(doctype: str) -> set[str]:
	frappe.cache.hdel("table_columns", f"tab{doctype}")  # Frappe caches them; the test changes them
	return set(frappe.db.get_table_columns(doctype))


class TestSipdEnteredFlagsPatch(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_fixtures(UNIT)
		cls.office = make_office("SIPDPATCH")
		import_sipd(cls.office, "sipd_sub_kegiatan_2026.csv")
		# ... one sub-kegiatan without a next-year pagu and one indicator without a target, as an
		# export may leave them: the flags to carry over are 0 and 1 both.
		record = frappe.get_all("Sub Kegiatan SIPD", filters={"unit_kerja": cls.office.unit}, pluck="name")[0]
		frappe.db.set_value("Sub Kegiatan SIPD", record, "pagu_n_depan_diisi", 0)
		indicator = frappe.get_all("Indikator Sub Kegiatan SIPD", filters={"parent": record}, pluck="name")[0]
		frappe.db.set_value("Indikator Sub Kegiatan SIPD", indicator, "target_diisi", 0)
		frappe.db.commit()  # nosemgrep: the schema change below commits anyway
		cls.addClassCleanup(remove_fixtures, UNIT)

	def flags(self) -> dict:
		"""Each record's and each indicator's flag, by DocType."""
		records = frappe.get_all("Sub Kegiatan SIPD", filters={"unit_kerja": self.office.unit}, pluck="name")
		of_unit = {
			"Sub Kegiatan SIPD": {"name": ("in", records)},
			"Indikator Sub Kegiatan SIPD": {"parent": ("in", records)},
		}
		return {
			doctype: dict(
				frappe.get_all(doctype, filters=of_unit[doctype], fields=["name", new], as_list=True)
			)
			for doctype, (_old, new) in sipd_entered_flags.RENAMED.items()
		}

	def test_the_old_given_checks_become_the_entered_flags(self):
		"""Stored as version 1.0 did (the flag in the old column, the new column just added by the
		model sync, empty): the patch copies each row's flag and drops the old column; run again,
		it changes nothing."""
		imported = self.flags()
		for flags in imported.values():
			self.assertEqual(set(flags.values()), {0, 1})
		self.addCleanup(self.drop_old_columns)
		for doctype, (old, new) in sipd_entered_flags.RENAMED.items():
			frappe.db.sql_ddl(f"alter table `tab{doctype}` add column `{old}` int(1) not null default 0")
			frappe.db.sql(f"update `tab{doctype}` set `{old}` = `{new}`, `{new}` = 0")
			self.assertIn(old, columns(doctype))
		self.assertNotEqual(self.flags(), imported)

		sipd_entered_flags.execute()
		self.assertEqual(self.flags(), imported)
		for doctype, (old, new) in sipd_entered_flags.RENAMED.items():
			self.assertEqual({new} & columns(doctype), {new})
			self.assertNotIn(old, columns(doctype))

		sipd_entered_flags.execute()
		self.assertEqual(self.flags(), imported)

	def drop_old_columns(self):
		for doctype, (old, _new) in sipd_entered_flags.RENAMED.items():
			if old in columns(doctype):
				frappe.db.sql_ddl(f"alter table `tab{doctype}` drop column `{old}`")
			columns(doctype)


def remove_fixtures(unit: str):
	frappe.set_user("Administrator")
	for doctype in ("Sub Kegiatan SIPD", "Realisasi Anggaran SIPD", "Impor SIPD"):
		for name in frappe.get_all(doctype, filters={"unit_kerja": unit}, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	if frappe.db.exists("Unit Kerja", unit):
		frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: undo what setUpClass committed
