"""Pengukuran Kinerja computes each indicator's achievement and predicate with the
pure KPI arithmetic (kinerja_sop.domain.kpi), from the indicator master."""

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.kinerja.doctype.indikator_kinerja.indikator_kinerja import SEED_INDICATORS
from kinerja_sop.tests.sop_walk import IndonesianTestCase, create_document, make_office
from kinerja_sop.walk import as_user

MUSRENBANG, KTP, SISKAMLING = (i["indicator_name"] for i in SEED_INDICATORS)


class TestMeasurement(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("UKUR")

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
			"Pengukuran Kinerja",
			self.office,
			indikator=[{"indikator": "Indikator lain", "target": 10, "realisasi": 9}],
		)
		self.assertIsNone(doc.indikator[0].capaian)
		with as_user(self.office.camat):
			self.assertTrue(frappe.has_permission("Indikator Kinerja", "read"))


class TestRealisationFromDataIKU(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("DIKU")

	def test_pengukuran_takes_the_periods_signed_data(self):
		from kinerja_sop.walk import walk_to_end

		data = create_document(
			"Data IKU",
			self.office,
			data_kinerja=[
				{"indikator": SISKAMLING, "nilai": 12, "sumber_data": "Desa A"},
				{"indikator": SISKAMLING, "nilai": 9, "sumber_data": "Desa B"},
				{"indikator": KTP, "nilai": 2.5, "sumber_data": "Register KTP"},
			],
		)
		walk_to_end(data, self.office)  # signed (and delivered) by its SOP
		pengukuran = create_document(
			"Pengukuran Kinerja",
			self.office,
			indikator=[
				{"indikator": SISKAMLING, "indikator_kinerja": SISKAMLING, "target": 24},
				{"indikator": KTP, "indikator_kinerja": KTP, "target": 3},
			],
		)
		with as_user(self.office.camat):
			doc = frappe.get_doc("Pengukuran Kinerja", pengukuran.name)
			self.assertEqual(doc.fill_realisation_from_data_iku(), 2)
			doc.save()
		rows = {row.indikator: row for row in doc.indikator}
		self.assertEqual((rows[SISKAMLING].realisasi, rows[SISKAMLING].capaian), (21, 87.5))  # 12 + 9 groups
		self.assertEqual((rows[KTP].realisasi, rows[KTP].capaian), (2.5, 116.67))
		self.assertIn(data.name, rows[KTP].keterangan)


class TestCollectionReminders(FrappeTestCase):
	def test_person_in_charge_is_reminded_in_the_last_week_once(self):
		from kinerja_sop.kinerja.doctype.indikator_kinerja.indikator_kinerja import remind_collection_due
		from kinerja_sop.tests.factories import make_user

		user = make_user("pic.iku@example.com", ("Kasubag Evapor",))
		frappe.db.set_value(
			"Indikator Kinerja", SISKAMLING, {"penanggung_jawab": user, "frekuensi": "Quarterly"}
		)
		todos = lambda: frappe.get_all(  # noqa: E731
			"ToDo",
			filters={"reference_name": SISKAMLING, "allocated_to": user, "status": "Open"},
			pluck="date",
		)
		with self.freeze_time("2026-09-10 08:00:00"):
			remind_collection_due()
		self.assertEqual(todos(), [])  # three weeks before the quarter ends
		with self.freeze_time("2026-09-25 08:00:00"):
			remind_collection_due()
			remind_collection_due()
		self.assertEqual([str(d) for d in todos()], ["2026-09-30"])


class TestLaporanAssembled(FrappeTestCase):
	def test_lkjip_prints_the_achievement_table_of_its_pengukuran(self):
		office = make_office("LKJ")
		pengukuran = create_document(
			"Pengukuran Kinerja",
			office,
			indikator=[
				{"indikator": SISKAMLING, "indikator_kinerja": SISKAMLING, "target": 24, "realisasi": 21},
				{"indikator": KTP, "indikator_kinerja": KTP, "target": 3, "realisasi": 2.5},
			],
		)
		laporan = create_document("Laporan Kinerja", office, pengukuran=pengukuran.name)
		html = frappe.get_print("Laporan Kinerja", laporan.name, "Laporan Kinerja Resmi")
		self.assertIn("Tabel Capaian Kinerja", html)
		self.assertIn("87,50", html)
		self.assertIn("116,67", html)
		self.assertIn("Capaian Kinerja Keseluruhan", html)
