""" "Not entered" is not 0, end to end: a figure nobody entered is stored with its
entered flag off (kinerja_sop.entered), comes back as None, is never graded, is left
out of the averages, and prints and charts as "-" / null. Over REST, null or a
missing field is not entered and 0 is a zero someone entered.

The REST class commits its data (the requests use their own connection) and
removes it afterwards."""

import re
from urllib.parse import quote

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.kinerja import dashboard
from kinerja_sop.kinerja.doctype.indikator_kinerja.indikator_kinerja import SEED_INDICATORS
from kinerja_sop.patches.v1_1 import mark_entered_figures
from kinerja_sop.tests.factories import api_get, api_post, issue_api_keys
from kinerja_sop.tests.sop_walk import IndonesianTestCase, create_document, make_office
from kinerja_sop.walk import as_user, walk_to_end

MUSRENBANG, KTP, SISKAMLING = (i["indicator_name"] for i in SEED_INDICATORS)
PELAYANAN = "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"
PEMBERDAYAAN = "Program Pemberdayaan Masyarakat Desa dan Kelurahan"
TRANTIB = "Program Ketenteraman dan Ketertiban Umum"


def indicator(name, target, **values):
	return {"indikator": name, "indikator_kinerja": name, "target": target, **values}


def stored(doctype, name, *fieldnames):
	"""What the database holds, below the None the documents show."""
	return frappe.db.get_value(doctype, name, list(fieldnames))


def table_row(html: str, first_cell: str) -> list[str]:
	"""The cells of the printed table row that starts with first_cell (tags stripped)."""
	for row in re.findall(r"<tr>(.*?)</tr>", html, re.S):
		cells = [
			re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
		]
		if first_cell in cells[:2]:
			return cells
	raise AssertionError(f"no printed row for {first_cell}")


class TestNotEntered(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("KSG")

	def resave(self, doc, user=None, **row_values):
		with as_user(user or self.office.camat):
			doc = frappe.get_doc(doc.doctype, doc.name)
			for row in doc.indikator:
				if row.indikator in row_values:
					row.realisasi = row_values[row.indikator]
			doc.save()
		return frappe.get_doc(doc.doctype, doc.name)

	def test_an_indicator_never_measured_is_not_graded_after_any_resave(self):
		doc = create_document(
			"Pengukuran Kinerja",
			self.office,
			indikator=[
				indicator(SISKAMLING, 24, realisasi=21),
				indicator(KTP, 3),  # lower is better: a 0 would be 200 %, Sangat Baik
				indicator(MUSRENBANG, 2.5, realisasi=None),
			],
		)
		for _ in range(2):
			doc = self.resave(doc)
		rows = {row.indikator: row for row in doc.indikator}
		for name in (KTP, MUSRENBANG):
			row = rows[name]
			self.assertEqual((row.realisasi, row.capaian, row.predikat), (None, None, None), name)
			self.assertEqual(
				stored(row.doctype, row.name, "realisasi", "realisasi_diisi", "capaian_diisi"), (0, 0, 0)
			)
		self.assertEqual((rows[SISKAMLING].capaian, rows[SISKAMLING].predikat), (87.5, "Baik"))
		# What the desk receives (getdoc serialises without nulls): no 0 to echo back.
		sent = {row["indikator"]: row for row in doc.as_dict(no_nulls=True)["indikator"]}
		self.assertNotIn("realisasi", sent[KTP])
		self.assertEqual(sent[SISKAMLING]["realisasi"], 21)
		# The whole document is the average of the graded indicator alone.
		self.assertEqual((doc.capaian_keseluruhan, doc.predikat_keseluruhan), (87.5, "Baik"))

		# A zero someone enters is a zero, graded as such.
		doc = self.resave(doc, **{KTP: 0})
		ktp = next(row for row in doc.indikator if row.indikator == KTP)
		self.assertEqual((ktp.realisasi, ktp.capaian, ktp.predikat), (0, 200, "Sangat Baik"))
		self.assertEqual(stored(ktp.doctype, ktp.name, "realisasi_diisi"), 1)
		self.assertEqual(doc.capaian_keseluruhan, 143.75)

		# Emptied again, it is not entered again.
		doc = self.resave(doc, **{KTP: None})
		ktp = next(row for row in doc.indikator if row.indikator == KTP)
		self.assertEqual((ktp.realisasi, ktp.capaian, ktp.predikat), (None, None, None))
		self.assertEqual(doc.capaian_keseluruhan, 87.5)

	def test_without_last_year_and_realisation_the_prints_show_a_dash_not_zero(self):
		pengukuran = create_document(
			"Pengukuran Kinerja",
			self.office,
			tahun=2033,
			indikator=[indicator(SISKAMLING, 24, realisasi=21), indicator(KTP, 3)],
		)
		pengukuran = self.resave(pengukuran)
		self.assertIsNone(pengukuran.indikator[0].capaian_tahun_lalu)
		self.assertEqual(
			stored("Indikator Pengukuran", pengukuran.indikator[0].name, "capaian_tahun_lalu_diisi"), 0
		)
		self.assertIsNone(pengukuran.capaian_keseluruhan_tahun_lalu)

		laporan = create_document("Laporan Kinerja", self.office, tahun=2033, pengukuran=pengukuran.name)
		self.assertEqual(
			[(r.indikator, r.realisasi, r.capaian, r.capaian_tahun_lalu) for r in laporan.analisis_indikator],
			[(SISKAMLING, 21, 87.5, None), (KTP, None, None, None)],
		)
		html = frappe.get_print("Laporan Kinerja", laporan.name, "Laporan Kinerja Resmi")
		html = html.split("Tabel Capaian Kinerja", 1)[1]
		# No., indicator, target, realisation, capaian, predikat, last year's capaian.
		self.assertEqual(table_row(html, SISKAMLING)[4:], ["87,50", "Baik", "-"])
		self.assertEqual(table_row(html, KTP)[2:], ["3,00 hari", "-", "-", "-", "-"])
		self.assertEqual(table_row(html, "Capaian Kinerja Keseluruhan")[1:], ["87,50", "Baik", "-"])
		self.assertIn("1 indikator belum diisi realisasinya", html)
		self.assertNotIn("0,00", html)
		self.assertNotIn("Sangat Kurang", html)

		sheet = frappe.get_print("Pengukuran Kinerja", pengukuran.name, "Pengukuran Kinerja Resmi")
		self.assertEqual(table_row(sheet, KTP)[4], "-")  # realisation column of the measurement itself
		self.assertNotIn("0,00", sheet)

	def test_the_budget_table_tells_nothing_entered_from_nothing_spent(self):
		laporan = create_document(
			"Laporan Kinerja",
			self.office,
			realisasi_anggaran=[
				{"program": PELAYANAN, "pagu_anggaran": 100_000_000},
				{"program": PEMBERDAYAAN, "pagu_anggaran": 50_000_000, "realisasi_anggaran": 0},
				{
					"program": TRANTIB,
					"pagu_anggaran": 80_000_000,
					"realisasi_anggaran": 60_000_000,
					"capaian_kinerja": 90,
				},
			],
		)
		with as_user(self.office.tim1):
			frappe.get_doc("Laporan Kinerja", laporan.name).save()
		laporan = frappe.get_doc("Laporan Kinerja", laporan.name)
		spent = {row.program: row for row in laporan.realisasi_anggaran}
		self.assertEqual(
			[
				(spent[p].realisasi_anggaran, spent[p].serapan_anggaran, spent[p].indeks_efisiensi)
				for p in (PELAYANAN, PEMBERDAYAAN, TRANTIB)
			],
			[(None, None, None), (0, 0, None), (60_000_000, 75, 1.2)],
		)
		html = frappe.get_print("Laporan Kinerja", laporan.name, "Laporan Kinerja Resmi")
		# No., program, ceiling, spent, achievement, absorption, index, efficiency.
		self.assertEqual(table_row(html, PELAYANAN)[2:7], ["Rp 100.000.000", "-", "-", "-", "-"])
		self.assertEqual(table_row(html, PEMBERDAYAAN)[2:7], ["Rp 50.000.000", "Rp 0", "-", "0,00", "-"])
		self.assertEqual(
			table_row(html, TRANTIB)[2:8],
			["Rp 80.000.000", "Rp 60.000.000", "90,00", "75,00", "1,20", "Efisien"],
		)

	def test_a_data_iku_value_left_empty_is_not_averaged_as_zero(self):
		data = create_document(
			"Data IKU",
			self.office,
			tahun=2034,
			data_kinerja=[
				{"indikator": KTP, "nilai": 2.5, "sumber_data": "Register KTP-el"},
				{"indikator": KTP, "sumber_data": "Desa yang belum melapor"},
				{"indikator": SISKAMLING, "nilai": 0, "sumber_data": "Desa Cibodas"},
			],
		)
		empty = data.data_kinerja[1]
		self.assertEqual(stored("Data Kinerja IKU", empty.name, "nilai", "nilai_diisi"), (0, 0))
		walk_to_end(data, self.office)
		pengukuran = create_document(
			"Pengukuran Kinerja",
			self.office,
			tahun=2034,
			indikator=[indicator(KTP, 3), indicator(SISKAMLING, 24)],
		)
		with as_user(self.office.camat):
			pengukuran = frappe.get_doc("Pengukuran Kinerja", pengukuran.name)
			self.assertEqual(pengukuran.fill_realisation_from_data_iku(), 2)
			pengukuran.save()
		rows = {row.indikator: row for row in pengukuran.indikator}
		self.assertEqual((rows[KTP].realisasi, rows[KTP].capaian), (2.5, 116.67))  # not (2.5 + 0) / 2
		self.assertEqual((rows[SISKAMLING].realisasi, rows[SISKAMLING].capaian), (0, 0))  # a reported 0

	def test_the_chart_leaves_indicators_not_entered_out(self):
		pengukuran = create_document(
			"Pengukuran Kinerja",
			self.office,
			tahun=2035,
			periode="Tahunan",
			indikator=[indicator(SISKAMLING, 24, realisasi=21), indicator(KTP, 3)],
		)
		walk_to_end(pengukuran, self.office)
		with as_user(self.office.camat):
			chart = dashboard.iku_achievement_by_year({"unit_kerja": self.office.unit})
		values = {d["name"]: d["values"] for d in chart["datasets"]}
		self.assertEqual(chart["labels"], ["2035"])
		self.assertEqual(values, {KTP: [None], SISKAMLING: [87.5]})

	def test_a_range_target_keeps_its_lower_bound_of_zero(self):
		master = frappe.get_doc("Indikator Kinerja", MUSRENBANG)
		polarity = master.polaritas
		master.polaritas = "Within a Range"
		master.set("targets", [{"tahun": 2036, "target_bawah": 0, "target_atas": 5}])
		master.save()
		master = frappe.get_doc("Indikator Kinerja", MUSRENBANG)
		self.assertEqual((master.targets[0].target_bawah, master.targets[0].target), (0, None))
		self.assertEqual((master.target_for(2036).low, master.target_for(2036).high), (0, 5))
		master.set("targets", [{"tahun": 2036, "target_atas": 5}])
		with self.assertRaises(frappe.ValidationError):
			master.save()  # a range needs both bounds: an empty lower bound is not 0
		master.reload()
		master.polaritas = polarity
		master.save()


class TestMigrationOfStoredZeros(IndonesianTestCase):
	"""Rows stored before the entered flags: every figure 0 when empty, and graded on re-save."""

	def test_stored_zeros_become_not_entered_and_the_grades_follow(self):
		office = make_office("KSGM")
		doc = create_document(
			"Pengukuran Kinerja",
			office,
			indikator=[indicator(SISKAMLING, 24, realisasi=21), indicator(KTP, 3, realisasi=0)],
		)
		ktp, siskamling = doc.indikator[1], doc.indikator[0]
		# The old model: no flags, the empty KTP realisation graded after a re-save.
		frappe.db.sql(
			"""update `tabIndikator Pengukuran` set realisasi_diisi = 0, target_diisi = 0,
			capaian_diisi = 0, capaian_tahun_lalu_diisi = 0, perubahan_capaian_diisi = 0
			where parent = %s""",
			doc.name,
		)
		self.assertEqual(
			stored("Indikator Pengukuran", ktp.name, "capaian", "predikat"), (200, "Sangat Baik")
		)
		frappe.db.set_value(
			"Pengukuran Kinerja",
			doc.name,
			{"capaian_keseluruhan": 143.75, "predikat_keseluruhan": "Sangat Baik"},
		)
		laporan = create_document(
			"Laporan Kinerja",
			office,
			realisasi_anggaran=[
				{"program": PELAYANAN, "pagu_anggaran": 100_000_000, "realisasi_anggaran": 40_000_000}
			],
		)
		program = laporan.realisasi_anggaran[0]
		frappe.db.set_value(
			"Realisasi Program",
			program.name,
			{
				"capaian_kinerja_diisi": 0,
				"realisasi_anggaran_diisi": 0,
				"indeks_efisiensi": 0,
				"kategori_efisiensi": "Tidak Efisien",  # what capaian_kinerja 0 used to give
			},
		)

		mark_entered_figures.execute()

		self.assertEqual(
			stored("Indikator Pengukuran", ktp.name, "realisasi_diisi", "capaian_diisi", "predikat"),
			(0, 0, None),
		)
		self.assertEqual(
			stored(
				"Indikator Pengukuran",
				siskamling.name,
				"realisasi_diisi",
				"target_diisi",
				"capaian_diisi",
				"predikat",
			),
			(1, 1, 1, "Baik"),
		)
		self.assertEqual(
			stored(
				"Pengukuran Kinerja",
				doc.name,
				"capaian_keseluruhan",
				"predikat_keseluruhan",
				"capaian_keseluruhan_diisi",
			),
			(87.5, "Baik", 1),
		)
		self.assertEqual(
			stored(
				"Realisasi Program",
				program.name,
				"realisasi_anggaran_diisi",
				"serapan_anggaran_diisi",
				"indeks_efisiensi_diisi",
				"kategori_efisiensi",
			),
			(1, 1, 0, None),
		)
		reloaded = frappe.get_doc("Pengukuran Kinerja", doc.name)
		self.assertEqual(
			[(r.indikator, r.realisasi, r.capaian) for r in reloaded.indikator],
			[(SISKAMLING, 21, 87.5), (KTP, None, None)],
		)


class TestNotEnteredOverREST(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_rest_fixtures()
		cls.office = make_office("KSGR")
		cls.pengukuran = create_document(
			"Pengukuran Kinerja",
			cls.office,
			indikator=[indicator(SISKAMLING, 24, realisasi=21), indicator(KTP, 3)],
		).name
		cls.auth = issue_api_keys(cls.office.camat)
		frappe.db.commit()  # nosemgrep: the REST requests use their own connection
		cls.addClassCleanup(remove_rest_fixtures)

	def read(self):
		response = api_get(self.auth, f"/api/resource/{quote('Pengukuran Kinerja')}/{quote(self.pengukuran)}")
		self.assertEqual(response.status_code, 200, response.text)
		return response.json["data"]

	def save(self, doc):
		response = api_post(self.auth, "/api/method/frappe.client.save", {"doc": doc})
		self.assertEqual(response.status_code, 200, response.text)
		frappe.db.rollback()  # see what the request committed
		return self.read()

	def test_null_is_not_entered_and_zero_is_entered(self):
		doc = self.read()
		rows = {row["indikator"]: row for row in doc["indikator"]}
		self.assertIsNone(rows[KTP].get("realisasi"))  # REST reads an empty figure as null, not 0
		self.assertEqual(rows[SISKAMLING]["realisasi"], 21)

		# A client that reads the document and saves it back unchanged enters nothing.
		doc = self.save(doc)
		rows = {row["indikator"]: row for row in doc["indikator"]}
		self.assertEqual(
			(rows[KTP].get("realisasi"), rows[KTP].get("capaian"), rows[KTP].get("predikat")),
			(None, None, None),
		)

		# A new row sent without its realisation is not entered.
		doc["indikator"].append({"indikator": MUSRENBANG, "indikator_kinerja": MUSRENBANG, "target": 2.5})
		doc = self.save(doc)
		rows = {row["indikator"]: row for row in doc["indikator"]}
		self.assertEqual((rows[MUSRENBANG].get("realisasi"), rows[MUSRENBANG]["realisasi_diisi"]), (None, 0))
		self.assertEqual(doc["capaian_keseluruhan"], 87.5)

		# "realisasi": 0 sent explicitly is a zero someone entered.
		for row in doc["indikator"]:
			if row["indikator"] == KTP:
				row["realisasi"] = 0
		doc = self.save(doc)
		rows = {row["indikator"]: row for row in doc["indikator"]}
		self.assertEqual(
			(rows[KTP]["realisasi"], rows[KTP]["capaian"], rows[KTP]["predikat"]), (0, 200, "Sangat Baik")
		)
		self.assertEqual(frappe.db.get_value("Indikator Pengukuran", rows[KTP]["name"], "realisasi_diisi"), 1)


def remove_rest_fixtures():
	frappe.set_user("Administrator")
	unit = "Kecamatan Uji KSGR"
	for name in frappe.get_all("Pengukuran Kinerja", filters={"unit_kerja": unit}, pluck="name"):
		frappe.delete_doc("Pengukuran Kinerja", name, force=True, ignore_permissions=True)
	if frappe.db.exists("Unit Kerja", unit):
		frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	for user in frappe.get_all("User", filters={"name": ("like", "%.ksgr@example.com")}, pluck="name"):
		# ignore_on_trash: User.on_trash refuses on a site whose only System Manager is Administrator.
		frappe.delete_doc("User", user, force=True, ignore_permissions=True, ignore_on_trash=True)
	frappe.db.commit()  # nosemgrep: undo what setUpClass committed
