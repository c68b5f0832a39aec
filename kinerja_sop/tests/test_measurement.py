"""Pengukuran Kinerja computes each indicator's achievement and predicate with the
pure KPI arithmetic (kinerja_sop.domain.kpi), from the indicator master."""

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.kinerja.doctype.indikator_kinerja.indikator_kinerja import SEED_INDICATORS
from kinerja_sop.tests.sop_walk import as_user, create_document, make_office

MUSRENBANG, KTP, SISKAMLING = (i["indicator_name"] for i in SEED_INDICATORS)


class TestMeasurement(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.local.lang = "id"
		cls.office = make_office("UKUR")

	@classmethod
	def tearDownClass(cls):
		frappe.local.lang = "en"
		super().tearDownClass()

	def rows(self, *values):
		return [
			{"indikator": name, "indikator_kinerja": name, "target": target, "realisasi": real}
			for name, target, real in values
		]

	def test_the_seeds_three_indicators_are_installed(self):
		for values in SEED_INDICATORS:
			self.assertTrue(frappe.db.exists("Indikator Kinerja", values["indicator_name"]))
		self.assertEqual(frappe.db.get_value("Indikator Kinerja", KTP, "polaritas"), "Lower is Better")

	def test_achievement_and_predicate_per_indicator_and_overall(self):
		doc = create_document(
			"Pengukuran Kinerja",
			self.office,
			indikator=self.rows((MUSRENBANG, 2.5, 2.8), (KTP, 3, 4), (SISKAMLING, 24, 21)),
		)
		by_name = {row.indikator: row for row in doc.indikator}
		self.assertEqual((by_name[MUSRENBANG].capaian, by_name[MUSRENBANG].predikat), (112.0, "Sangat Baik"))
		self.assertEqual((by_name[KTP].capaian, by_name[KTP].predikat), (66.67, "Cukup"))  # (2*3-4)/3
		self.assertEqual((by_name[SISKAMLING].capaian, by_name[SISKAMLING].predikat), (87.5, "Baik"))
		self.assertEqual((doc.capaian_keseluruhan, doc.predikat_keseluruhan), (88.72, "Baik"))

	def test_zero_target_is_a_clear_error_and_saves_nothing(self):
		before = frappe.db.count("Pengukuran Kinerja")
		with self.assertRaises(frappe.ValidationError) as raised:
			create_document("Pengukuran Kinerja", self.office, indikator=self.rows((SISKAMLING, 0, 21)))
		self.assertIn("targetnya nol", str(raised.exception))
		self.assertEqual(frappe.db.count("Pengukuran Kinerja"), before)

	def test_rows_without_a_master_are_left_as_typed(self):
		doc = create_document(
			"Pengukuran Kinerja", self.office, indikator=[{"indikator": "Indikator lain", "target": 10, "realisasi": 9}]
		)
		self.assertIsNone(doc.indikator[0].capaian)
		with as_user(self.office.camat):
			self.assertTrue(frappe.has_permission("Indikator Kinerja", "read"))
