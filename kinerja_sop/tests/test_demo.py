"""The demo seed: refused outside developer/demo mode, walks one document of every
kind to its intended step, and creates nothing on a second run."""

import io
import unittest
from contextlib import redirect_stdout
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.password import check_password

from kinerja_sop import demo
from kinerja_sop.domain.catalogue import SOP_DOCUMENTS
from kinerja_sop.domain.workflow_builder import FINAL_STATE
from kinerja_sop.kinerja.doctype.laporan_kinerja.laporan_kinerja import agreed_targets

# doctype, year, period -> the step it is left at (None: Selesai)
EXPECTED = {
	("Renja", demo.YEAR, None): None,
	("Renja", demo.YEAR + 1, None): 6,
	("Pengukuran Kinerja", demo.YEAR - 1, "Tahunan"): None,
	("Pengukuran Kinerja", demo.YEAR, "Tahunan"): None,
	("Pengukuran Kinerja", demo.YEAR, "Triwulan III"): None,
	("Pemantauan Kinerja", demo.YEAR, "Triwulan III"): 4,
	("Data IKU", demo.YEAR, "Triwulan III"): 3,
	("Laporan Kinerja", demo.YEAR, None): 9,
	("Evaluasi Kinerja", demo.YEAR, None): 5,
}
COUNTED = (
	*SOP_DOCUMENTS,
	"Unit Kerja",
	"User",
	"User Permission",
	"Surat Keluar",
	"Surat Masuk",
	"File",
	"Has Role",
)


def run_seed() -> list[str]:
	"""Seed in demo mode without committing (the class rolls back); returns the printout."""
	out = io.StringIO()
	with patch.dict(frappe.local.conf, {"kinerja_demo": 1}), redirect_stdout(out):
		demo.seed(commit=False)
	return out.getvalue().splitlines()


def counts() -> dict[str, int]:
	return {doctype: frappe.db.count(doctype) for doctype in COUNTED}


class TestDemoSeed(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if frappe.db.exists("Unit Kerja", demo.UNIT):
			raise unittest.SkipTest("this site already holds the committed demo data")
		cls.before = counts()
		cls.first = run_seed()

	def test_refused_unless_developer_or_demo_mode(self):
		with patch.dict(frappe.local.conf, {"developer_mode": 0, "kinerja_demo": 0}):
			with self.assertRaises(demo.NotADemoSiteError):
				demo.seed(commit=False)

	def test_unit_with_officials_and_one_user_per_role(self):
		unit = frappe.get_doc("Unit Kerja", demo.UNIT)
		self.assertEqual(unit.unit_code, "KEC.SKM")
		self.assertEqual(
			{row.sop_role: row.user for row in unit.officials},
			{role: email for _key, role, email, *_rest in demo.OFFICIALS},
		)
		for _key, role, email, *_rest in demo.OFFICIALS:
			self.assertIn(role, frappe.get_roles(email))
			self.assertEqual(check_password(email, demo.DEMO_PASSWORD), email)
		for _key, email, *_rest in demo.TEAM:
			self.assertIn("Tim Kinerja", frappe.get_roles(email))
			self.assertTrue(frappe.db.exists("User Permission", {"user": email, "for_value": demo.UNIT}))

	def test_one_document_of_each_kind_at_its_step(self):
		self.assertEqual({doctype for doctype, *_rest in EXPECTED}, set(SOP_DOCUMENTS))
		for (doctype, year, period), step in EXPECTED.items():
			doc = frappe.get_doc(doctype, demo.find_document(doctype, year, period))
			if step is None:
				self.assertEqual(doc.workflow_state, FINAL_STATE, doc.name)
			else:
				self.assertEqual(doc.current_step, step, doc.name)
			# Every step taken was logged with the user who took it, never the Administrator.
			done = [row for row in doc.step_log if row.finished_at]
			self.assertTrue(
				done and all(row.actor and row.actor != "Administrator" for row in done), doc.name
			)

	def test_two_measured_years_for_the_dashboards(self):
		from kinerja_sop.kinerja import dashboard

		annual = frappe.get_doc(
			"Pengukuran Kinerja", demo.find_document("Pengukuran Kinerja", demo.YEAR, "Tahunan")
		)
		# Musrenbang 2.8% of a 2.5% target: 112; a year earlier 2.3 of 2.5: 92.
		self.assertEqual((annual.indikator[0].capaian, annual.indikator[0].capaian_tahun_lalu), (112, 92))
		self.assertEqual(annual.indikator[0].perubahan_capaian, 20)
		camat = next(email for key, _role, email, *_rest in demo.OFFICIALS if key == "camat")
		frappe.set_user(camat)
		try:
			chart = dashboard.iku_achievement_by_year()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(chart["labels"], [str(demo.YEAR - 1), str(demo.YEAR)])

	def test_letters_and_the_return(self):
		finished = frappe.get_doc("Renja", demo.find_document("Renja", demo.YEAR))
		self.assertEqual(
			frappe.db.get_value("Surat Keluar", finished.surat_keluar, "status"), "Diterima Semua"
		)
		report = frappe.get_doc("Laporan Kinerja", demo.find_document("Laporan Kinerja", demo.YEAR))
		letter = frappe.get_doc("Surat Keluar", report.surat_keluar)
		self.assertEqual(letter.status, "Dikirim")
		self.assertEqual([bool(row.diterima_pada) for row in letter.penerima], [True, False])
		evaluation = frappe.get_doc("Evaluasi Kinerja", demo.find_document("Evaluasi Kinerja", demo.YEAR))
		self.assertTrue(evaluation.disposisi_surat_masuk)
		planned = frappe.get_doc("Renja", demo.find_document("Renja", demo.YEAR + 1))
		self.assertTrue([row for row in planned.step_log if row.reason])

	def test_the_signed_report_has_its_budget_and_agreement(self):
		report = frappe.get_doc("Laporan Kinerja", demo.find_document("Laporan Kinerja", demo.YEAR))
		self.assertEqual(
			[row.realisasi_anggaran for row in report.realisasi_anggaran], list(demo.BUDGET_SPENT)
		)
		self.assertEqual(sum(row.pagu_anggaran for row in report.realisasi_anggaran), 155_750_000)
		targets = [target for _row, _master, target in agreed_targets(report)]
		self.assertEqual(targets, [float(target) for target, _real in demo.ANNUAL[demo.YEAR]])
		self.assertTrue(report.table_gaps().complete)

	def test_refuses_a_unit_it_did_not_make(self):
		frappe.db.savepoint("foreign_unit")
		try:
			frappe.db.set_value(
				"Pejabat Unit Kerja", {"parent": demo.UNIT, "sop_role": "Camat"}, "user", None
			)
			with self.assertRaises(frappe.ValidationError):
				run_seed()
		finally:
			frappe.db.rollback(save_point="foreign_unit")

	def test_second_run_creates_nothing(self):
		after_first = counts()
		self.assertGreater(after_first["Unit Kerja"], self.before["Unit Kerja"])
		second = run_seed()
		self.assertEqual(counts(), after_first)
		self.assertEqual(second[:-1], self.first[:-1])  # the same summary
		self.assertIn("nothing", second[-1])
