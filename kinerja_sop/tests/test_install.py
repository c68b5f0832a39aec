import json

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.domain.catalogue import APP_ROLES, load_catalogue
from kinerja_sop.kinerja.doctype.sop_kinerja.sop_kinerja import sync_shipped_sops

EXPECTED_STEP_COUNTS = {
	"SOP Perencanaan Kinerja": 12,
	"SOP Pemantauan Kinerja": 9,
	"SOP Pengukuran Kinerja": 9,
	"SOP Pengumpulan Data Terkait IKU": 10,
	"SOP Pelaporan Kinerja": 9,
	"SOP Dokumen Evaluasi Kinerja": 12,
}


class TestInstall(FrappeTestCase):
	def test_roles_are_installed(self):
		installed = frappe.get_all("Role", filters={"name": ("in", APP_ROLES)}, pluck="name")
		self.assertCountEqual(installed, APP_ROLES)
		self.assertTrue(all(frappe.db.get_value("Role", role, "desk_access") for role in APP_ROLES))

	def test_six_sops_with_their_steps(self):
		counts = {
			name: frappe.db.count("Langkah SOP", {"parent": name, "parenttype": "SOP Kinerja"})
			for name in frappe.get_all("SOP Kinerja", pluck="name")
		}
		self.assertEqual(counts, EXPECTED_STEP_COUNTS)

	def test_installed_steps_are_the_catalogues_words(self):
		for sop in load_catalogue():
			doc = frappe.get_doc("SOP Kinerja", sop.name)
			self.assertEqual(doc.code, sop.code)
			for row, step in zip(doc.steps, sop.steps, strict=True):
				self.assertEqual(
					(row.step_no, row.kegiatan, row.role, row.kelengkapan or "", row.waktu, row.output or ""),
					(step.no, step.kegiatan, step.role, step.kelengkapan, step.waktu, step.output),
				)
				self.assertGreater(row.duration_minutes, 0)

	def test_documents_print_in_their_official_format_by_default(self):
		from kinerja_sop.printing import DEFAULT_PRINT_FORMATS

		for doctype, print_format in DEFAULT_PRINT_FORMATS.items():
			self.assertEqual(frappe.get_meta(doctype).default_print_format, print_format)
			self.assertEqual(frappe.db.get_value("Print Format", print_format, "standard"), "Yes")

	def test_site_language_is_left_to_the_administrator(self):
		# Officials get Indonesian through their own user settings (test_desk.py).
		self.assertIn(frappe.db.get_single_value("System Settings", "language"), ("en", None, ""))

	def test_officials_are_not_sent_to_the_setup_wizard(self):
		self.assertEqual(frappe.db.get_single_value("System Settings", "setup_complete"), 1)
		self.assertTrue(frappe.db.get_single_value("System Settings", "time_zone"))


class TestCatalogueSyncPolicy(FrappeTestCase):
	"""bench migrate follows the catalogue until an administrator edits an SOP."""

	def setUp(self):
		# Each test edits the installed SOPs: undo it before the next one.
		frappe.db.savepoint("sync_policy")
		self.addCleanup(frappe.db.rollback, save_point="sync_policy")

	def test_unedited_sops_are_left_unchanged(self):
		self.assertEqual(set(sync_shipped_sops().values()), {"unchanged"})

	def test_administrators_edit_survives_migrate(self):
		doc = frappe.get_doc("SOP Kinerja", "SOP Pemantauan Kinerja")
		doc.steps[0].waktu = "25 menit"
		doc.save()

		self.assertEqual(sync_shipped_sops()["SOP Pemantauan Kinerja"], "kept_edited")
		doc.reload()
		self.assertEqual(doc.steps[0].waktu, "25 menit")
		self.assertEqual(doc.steps[0].duration_minutes, 25)

	def test_a_record_the_app_wrote_follows_a_newer_catalogue(self):
		# As if an older release had shipped "25 menit": the record still hashes to what the app wrote.
		doc = frappe.get_doc("SOP Kinerja", "SOP Pengukuran Kinerja")
		doc.steps[0].waktu = "25 menit"
		doc.shipped_content = json.dumps(doc.content())
		doc.save()

		self.assertEqual(sync_shipped_sops()["SOP Pengukuran Kinerja"], "update")
		doc.reload()
		self.assertEqual(doc.steps[0].waktu, "15 menit")

	def test_a_deleted_sop_is_reinstalled(self):
		frappe.delete_doc("SOP Kinerja", "SOP Pelaporan Kinerja")
		self.assertEqual(sync_shipped_sops()["SOP Pelaporan Kinerja"], "insert")
		self.assertEqual(len(frappe.get_doc("SOP Kinerja", "SOP Pelaporan Kinerja").steps), 9)
