"""A seeded year from end to end: Data IKU → Pengukuran → Laporan Kinerja (LKjIP),
with last year's measurement beside this year's, and the Kinerja workspace's
dashboards as the officials of one unit see them."""

import json

import frappe
from frappe.desk.desktop import get_desktop_page
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS
from kinerja_sop.kinerja import dashboard
from kinerja_sop.kinerja.doctype.indikator_kinerja.indikator_kinerja import SEED_INDICATORS
from kinerja_sop.kinerja.doctype.rekap_kepatuhan_sop.rekap_kepatuhan_sop import rebuild
from kinerja_sop.permissions import CrossUnitLinkError
from kinerja_sop.tests.sop_walk import IndonesianTestCase, create_document, make_office
from kinerja_sop.walk import act, as_user, current_step, walk_to_end

MUSRENBANG, KTP, SISKAMLING = (i["indicator_name"] for i in SEED_INDICATORS)
PELAYANAN = "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik"
PEMBERDAYAAN = "Program Pemberdayaan Masyarakat Desa dan Kelurahan"


def signed_measurement(office, year: int, rows: list[tuple]) -> "frappe.Document":
	doc = create_document(
		"Pengukuran Kinerja",
		office,
		tahun=year,
		periode="Tahunan",
		indikator=[
			{"indikator": name, "indikator_kinerja": name, "target": target, "realisasi": real}
			for name, target, real in rows
		],
	)
	return walk_to_end(doc, office)[0]


class TestSeededYear(IndonesianTestCase):
	"""Kecamatan A measures 2026 and 2027 and reports 2027; Kecamatan B only measures 2027."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.a = make_office("LKA")
		cls.b = make_office("LKB")
		# The performance agreement (Perjanjian Kinerja) for 2027, on the indicator masters.
		for name, target in ((SISKAMLING, 24), (KTP, 3)):
			master = frappe.get_doc("Indikator Kinerja", name)
			master.set("targets", [row for row in master.targets if row.tahun != 2027])
			master.append("targets", {"tahun": 2027, "target": target})
			master.save()
		# 2026, signed: Siskamling 18 of 20 groups (90%), KTP 3.3 days against 3 (lower is better: 90%).
		cls.last_year = signed_measurement(cls.a, 2026, [(SISKAMLING, 20, 18), (KTP, 3, 3.3)])
		# 2027: what the villages reported, collected and signed in the Data IKU.
		data = create_document(
			"Data IKU",
			cls.a,
			periode="Tahunan",
			data_kinerja=[
				{"indikator": SISKAMLING, "nilai": 12, "sumber_data": "Desa Sukamaju"},
				{"indikator": SISKAMLING, "nilai": 9, "sumber_data": "Desa Sukamulya"},
				{"indikator": KTP, "nilai": 2.5, "sumber_data": "Register KTP-el"},
			],
		)
		cls.data_iku = walk_to_end(data, cls.a)[0]
		cls.renja = create_document(
			"Renja",
			cls.a,
			program_kegiatan=[
				{"program": PELAYANAN, "kegiatan": "Pelayanan KTP-el", "pagu_indikatif": 150_000_000},
				{"program": PELAYANAN, "kegiatan": "Musrenbang Kecamatan", "pagu_indikatif": 100_000_000},
				{"program": PEMBERDAYAAN, "kegiatan": "Pembinaan Siskamling", "pagu_indikatif": 80_000_000},
			],
		)
		measurement = create_document(
			"Pengukuran Kinerja",
			cls.a,
			periode="Tahunan",
			renja=cls.renja.name,
			indikator=[
				{"indikator": SISKAMLING, "indikator_kinerja": SISKAMLING},
				{"indikator": KTP, "indikator_kinerja": KTP},
			],
		)
		with as_user(cls.a.camat):
			measurement = frappe.get_doc("Pengukuran Kinerja", measurement.name)
			measurement.fill_realisation_from_data_iku()
			measurement.save()
		cls.measurement = walk_to_end(measurement, cls.a)[0]
		cls.other_unit = signed_measurement(cls.b, 2027, [(SISKAMLING, 24, 24)])

	def test_pengukuran_takes_the_data_and_compares_with_last_year(self):
		rows = {row.indikator: row for row in self.measurement.indikator}
		# The targets and units come from the 2027 performance agreement on the masters.
		self.assertEqual((rows[SISKAMLING].target, rows[KTP].target, rows[KTP].satuan), (24, 3, "hari"))
		# 12 + 9 groups of 24: 87.5%; 2.5 days against 3, lower is better: (2×3 − 2.5) ÷ 3 = 116.67%.
		self.assertEqual(
			(rows[SISKAMLING].realisasi, rows[SISKAMLING].capaian, rows[SISKAMLING].predikat),
			(21, 87.5, "Baik"),
		)
		self.assertEqual(
			(rows[KTP].realisasi, rows[KTP].capaian, rows[KTP].predikat), (2.5, 116.67, "Sangat Baik")
		)
		self.assertEqual(
			(rows[SISKAMLING].capaian_tahun_lalu, rows[SISKAMLING].perubahan_capaian), (90, -2.5)
		)
		self.assertEqual((rows[KTP].capaian_tahun_lalu, rows[KTP].perubahan_capaian), (90, 26.67))
		self.assertEqual(
			(self.measurement.capaian_keseluruhan, self.measurement.predikat_keseluruhan),
			(102.08, "Sangat Baik"),
		)
		self.assertEqual(
			(self.measurement.capaian_keseluruhan_tahun_lalu, self.measurement.perubahan_keseluruhan),
			(90, 12.08),
		)
		self.assertEqual(self.measurement.docstatus, 1)

	def test_laporan_is_assembled_from_the_data(self):
		laporan = create_document("Laporan Kinerja", self.a, pengukuran=self.measurement.name)
		# The Renja comes with the Pengukuran; the indicators and programs are not retyped.
		self.assertEqual(laporan.renja, self.renja.name)
		self.assertEqual(
			[
				(r.indikator, r.target, r.realisasi, r.capaian, r.predikat, r.capaian_tahun_lalu)
				for r in laporan.analisis_indikator
			],
			[(SISKAMLING, 24, 21, 87.5, "Baik", 90), (KTP, 3, 2.5, 116.67, "Sangat Baik", 90)],
		)
		self.assertEqual(
			[(r.program, r.pagu_anggaran) for r in laporan.realisasi_anggaran],
			[(PELAYANAN, 250_000_000), (PEMBERDAYAAN, 80_000_000)],
		)

		# The team writes the analysis and enters what was spent and achieved.
		with as_user(self.a.tim1):
			laporan = frappe.get_doc("Laporan Kinerja", laporan.name)
			laporan.analisis_indikator[
				0
			].analisis = "Dua kelompok siskamling di Desa Sukamulya belum aktif kembali."
			laporan.realisasi_anggaran[0].update({"realisasi_anggaran": 231_250_000, "capaian_kinerja": 100})
			laporan.realisasi_anggaran[1].update({"realisasi_anggaran": 80_000_000, "capaian_kinerja": 80})
			laporan.save()
		laporan.reload()
		spent = {r.program: r for r in laporan.realisasi_anggaran}
		self.assertEqual(
			(
				spent[PELAYANAN].serapan_anggaran,
				spent[PELAYANAN].indeks_efisiensi,
				spent[PELAYANAN].kategori_efisiensi,
			),
			(92.5, 1.08, "Efisien"),
		)
		self.assertEqual(
			(
				spent[PEMBERDAYAAN].serapan_anggaran,
				spent[PEMBERDAYAAN].indeks_efisiensi,
				spent[PEMBERDAYAAN].kategori_efisiensi,
			),
			(100, 0.8, "Tidak Efisien"),
		)
		# Saving again keeps what the officials wrote; the figures follow the Pengukuran.
		with as_user(self.a.tim1):
			frappe.get_doc("Laporan Kinerja", laporan.name).save()
		laporan.reload()
		self.assertIn("Sukamulya", laporan.analisis_indikator[0].analisis)

		html = frappe.get_print("Laporan Kinerja", laporan.name, "Laporan Kinerja Resmi")
		for expected in (
			"Tabel Rencana Kinerja",
			"Tabel Perjanjian Kinerja Tahun 2027",
			'<td>Jumlah Kelompok Siskamling Aktif</td><td>kelompok</td><td class="angka">24,00</td>',
			"Lampiran</h4>",
			f"Data IKU {self.data_iku.name}",
			"Tabel Capaian Kinerja (Tahunan 2027)",
			"Capaian 2026 (%)",
			"102,08",
			"Analisis Capaian Kinerja",
			"Dua kelompok siskamling di Desa Sukamulya",
			"Realisasi Anggaran dan Efisiensi",
			"Rp 231.250.000",
			"92,50",
			"Tidak Efisien",
		):
			self.assertIn(expected, html)

		signed, _actors = walk_to_end(laporan, self.a)
		self.assertEqual((signed.docstatus, len(signed.analisis_indikator)), (1, 2))

	def test_a_laporan_cannot_report_on_another_units_measurement(self):
		before = frappe.db.count("Laporan Kinerja")
		with self.assertRaises(CrossUnitLinkError) as raised:
			create_document("Laporan Kinerja", self.a, pengukuran=self.other_unit.name)
		self.assertIn("bukan dokumen", str(raised.exception))
		self.assertEqual(frappe.db.count("Laporan Kinerja"), before)

	def test_program_efficiency_of_the_evaluation(self):
		evaluasi = create_document(
			"Evaluasi Kinerja",
			self.a,
			efisiensi_program=[
				{
					"program": PELAYANAN,
					"pagu_anggaran": 250_000_000,
					"realisasi_anggaran": 231_250_000,
					"capaian_kinerja": 100,
				}
			],
		)
		row = evaluasi.efisiensi_program[0]
		self.assertEqual(
			(row.serapan_anggaran, row.indeks_efisiensi, row.kategori_efisiensi), (92.5, 1.08, "Efisien")
		)
		with self.assertRaises(frappe.ValidationError) as raised:
			create_document(
				"Evaluasi Kinerja",
				self.a,
				efisiensi_program=[{"program": PELAYANAN, "pagu_anggaran": 0, "realisasi_anggaran": 10_000}],
			)
		self.assertIn("pagu anggarannya nol", str(raised.exception))

	# --- dashboards, as the officials of one unit ----------------------------------

	def test_iku_achievement_over_the_years_shows_the_users_unit_only(self):
		with as_user(self.a.camat):
			chart = dashboard.iku_achievement_by_year()
		self.assertEqual(chart["labels"], ["2026", "2027"])
		self.assertEqual(
			{d["name"]: d["values"] for d in chart["datasets"]},
			{KTP: [90.0, 116.67], SISKAMLING: [90.0, 87.5]},
		)
		with as_user(self.b.camat):
			self.assertEqual(dashboard.iku_achievement_by_year()["labels"], ["2027"])
			# Nothing to draw: the widget says "Tidak ada data" instead of an empty box.
			self.assertEqual(dashboard.iku_achievement_by_year({"unit_kerja": self.a.unit}), {})

	def test_documents_by_state_count_the_users_unit_only(self):
		def expected(unit):
			return [
				frappe.db.count(doctype, {"unit_kerja": unit, "docstatus": 1, "current_step": 0})
				for doctype in SOP_DOCUMENTS
			]

		with as_user(self.a.camat):
			chart = dashboard.documents_by_state()
		completed = next(d["values"] for d in chart["datasets"] if d["name"] == "Selesai")
		self.assertEqual(completed, expected(self.a.unit))
		self.assertGreaterEqual(completed[SOP_DOCUMENTS.index("Pengukuran Kinerja")], 2)
		with as_user(self.b.camat):
			chart = dashboard.documents_by_state({"unit_kerja": self.a.unit})
		self.assertEqual(chart, {})

	def test_overdue_and_waiting_cards(self):
		renja = create_document("Renja", self.b)
		_sop, _plan, step = current_step(renja)
		owner = self.b.sekretaris if step.role == "Sekretaris" else self.b.camat
		with as_user(self.a.camat):
			in_progress_a = dashboard.documents_in_progress()["value"]
		with self.freeze_time("2031-01-06 09:00:00"):  # every open step is long past its time standard
			with as_user(self.a.camat):
				self.assertEqual(dashboard.overdue_steps()["value"], in_progress_a)
				by_role = dashboard.overdue_steps_by_role()
			with as_user(self.b.camat):
				self.assertGreaterEqual(dashboard.overdue_steps()["value"], 1)
		self.assertEqual(sum(by_role["datasets"][0]["values"]), in_progress_a)
		for user in (owner, self.a.camat):
			with as_user(user):
				waiting = dashboard.waiting_for_me()["value"]
			open_todos = frappe.db.count(
				"ToDo",
				{
					"allocated_to": user,
					"status": "Open",
					"reference_type": ("in", SOP_DOCUMENTS + ("Surat Keluar", "Surat Masuk")),
				},
			)
			self.assertEqual(waiting, open_todos)
		self.assertTrue(frappe.db.exists("ToDo", {"reference_name": renja.name, "status": "Open"}))

	def test_compliance_report_and_workspace_load_for_one_unit(self):
		with as_user(self.a.camat):
			report = run_report(
				"Kepatuhan SOP",
				filters={"group_by": "SOP", "from_date": "2026-01-01", "to_date": "2031-12-31"},
			)
			page = get_desktop_page(json.dumps({"name": "Kinerja", "title": "Kinerja", "public": 1}))
		log = frappe.qb.DocType("Log Langkah SOP")
		finished = (
			frappe.qb.from_(log)
			.select(frappe.query_builder.functions.Count("*"))
			.where((log.unit_kerja == self.a.unit) & log.finished_at.isnotnull())
			.run()[0][0]
		)
		self.assertEqual(sum(row["steps"] for row in report["result"] if isinstance(row, dict)), finished)
		self.assertTrue(report["chart"])
		self.assertEqual(len(page["charts"]["items"]), 6)
		self.assertEqual(
			{card.number_card_name for card in page["number_cards"]["items"]},
			{
				"To Check",
				"To Paraf",
				"To Sign",
				"To Send",
				"Waiting for Me",
				"Overdue Steps",
				"Documents in Progress",
			},
		)
		with as_user(self.b.camat):
			report = run_report("Kepatuhan SOP", filters={"group_by": "SOP", "unit_kerja": self.a.unit})
		self.assertEqual(report["result"], [])
		with as_user(self.a.staf):  # the report is for the Camat, Sekretaris and Kasubag Evapor
			page = get_desktop_page(json.dumps({"name": "Kinerja", "title": "Kinerja", "public": 1}))
		self.assertEqual(
			[chart.chart_name for chart in page["charts"]["items"]],
			["SOP Documents by State", "Overdue Steps by Role", "IKU Achievement by Year"],
		)


class TestComplianceSummary(FrappeTestCase):
	"""The monthly summary the Kepatuhan SOP report reads agrees with the step log."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("RKP")

	def summary(self):
		return frappe.get_all(
			"Rekap Kepatuhan SOP",
			filters={"unit_kerja": self.office.unit},
			fields=["name", "bulan", "document_type", "step_no", "role", "steps", "on_time", "spent_minutes"],
			order_by="name",
		)

	def from_log(self):
		return frappe.db.sql(
			"""select parenttype, step_no, role, count(*), sum(1 - is_late)
			from `tabLog Langkah SOP` where unit_kerja = %s and finished_at is not null
			group by parenttype, step_no, role order by parenttype, step_no, role""",
			self.office.unit,
		)

	def test_every_step_done_is_counted_and_a_rebuild_agrees(self):
		walk_to_end(
			create_document("Pemantauan Kinerja", self.office), self.office, reject_each_check_once=True
		)
		counted = [
			(r.document_type, r.step_no, r.role, r.steps, r.on_time)
			for r in sorted(self.summary(), key=lambda r: (r.document_type, r.step_no, r.role))
		]
		self.assertEqual(counted, [tuple(row) for row in self.from_log()])
		self.assertTrue(counted)
		before = self.summary()
		rebuild()
		self.assertEqual(self.summary(), before)

	def test_deleting_a_draft_takes_its_steps_back_out(self):
		before = {r.name: r.steps for r in self.summary()}
		renja = create_document("Renja", self.office)
		_sop, plan, step = current_step(renja)
		from kinerja_sop.walk import actor

		act(
			renja,
			actor(self.office, step.role, step),
			plan.transitions_from(renja.workflow_state)[0].action,
			self.office,
		)
		self.assertEqual(sum(r.steps for r in self.summary()), sum(before.values()) + 1)
		frappe.delete_doc("Renja", renja.name, ignore_permissions=True)
		self.assertEqual({r.name: r.steps for r in self.summary()}, before)
