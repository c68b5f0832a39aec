"""SIPD-RI exports imported on a real site: the kecamatan's sub-kegiatan list
and its LRA from tests/data, twice (nothing changes), updated (in place),
broken (row errors, nothing written); the budget tables and efficiency from the
imported LRA; the Renja's programmes from the imported sub-kegiatan."""

from pathlib import Path

import frappe
from frappe.utils.background_jobs import is_job_enqueued

from kinerja_sop.anggaran.doctype.impor_sipd.impor_sipd import ImportNotReady
from kinerja_sop.anggaran.realisasi import NoLraImported, fill_budget_table
from kinerja_sop.anggaran.renja import fill_renja, renja_rows
from kinerja_sop.anggaran.sipd_import import SipdFileError
from kinerja_sop.permissions import CrossUnitLinkError
from kinerja_sop.tests.sop_walk import IndonesianTestCase, create_document, make_office
from kinerja_sop.walk import as_user

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
YEAR = 2026


def attach(filename: str) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": filename,
			"content": (DATA / filename).read_bytes(),
			"is_private": 1,
		}
	)
	return file.insert(ignore_permissions=True).file_url


def snapshot(doctype: str, unit: str) -> dict:
	"""Every record of the unit with its modified time: what 'nothing changed' means."""
	return dict(
		frappe.get_all(doctype, filters={"unit_kerja": unit}, fields=["name", "modified"], as_list=True)
	)


class SipdImportCase(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("SIPD")
		cls.other = make_office("SIPDLAIN")

	def setUp(self):
		# each test starts from the offices alone: what a test imports is rolled back after it
		frappe.db.savepoint("sipd_test")
		self.addCleanup(frappe.db.rollback, save_point="sipd_test")

	def make_import(self, filename: str, jenis: str = "Renja/DPA", periode: str | None = None, office=None):
		office = office or self.office
		with as_user(office.evapor):
			return frappe.get_doc(
				{
					"doctype": "Impor SIPD",
					"jenis": jenis,
					"unit_kerja": office.unit,
					"tahun": YEAR,
					"periode": periode,
					"berkas": attach(filename),
				}
			).insert()

	def run_import(self, filename: str, jenis: str = "Renja/DPA", periode: str | None = None):
		"""Preview, queue and run, as the Kasubag Evapor and then the worker would."""
		doc = self.make_import(filename, jenis, periode)
		with as_user(self.office.evapor):
			self.assertEqual(doc.preview(), "Previewed", doc.galat)
			self.assertEqual(doc.start_import(), "Queued")
		self.assertTrue(is_job_enqueued(f"impor-sipd::{doc.name}"))
		with as_user(self.office.evapor):  # the worker runs as the user who queued the job
			doc.reload()
			doc.execute()
		doc.reload()
		self.assertEqual(doc.status, "Completed", doc.pesan)
		return doc


class TestRenjaDpaImport(SipdImportCase):
	def test_import_twice_then_updated_then_broken(self):
		unit = self.office.unit
		first = self.run_import("sipd_sub_kegiatan_2026.csv")
		self.assertEqual((first.jumlah_baru, first.jumlah_berubah, first.jumlah_sama), (13, 0, 0))
		records = snapshot("Sub Kegiatan SIPD", unit)
		self.assertEqual(len(records), 13)

		# SIPD's own keys and ids, both code forms as one
		planning = frappe.get_doc("Sub Kegiatan SIPD", f"{YEAR}-{unit}-7.01.01.2.01.0001")
		self.assertEqual((planning.kode_sbl, planning.id_sub_giat), ("529.529.797.3705.13480", "13480"))
		self.assertEqual((planning.pagu, planning.pagu_n_depan), (18500000, 20000000))
		self.assertEqual((planning.kode_program, planning.kode_giat), ("7.01.01", "7.01.01.2.01"))
		self.assertEqual(
			[(i.jenis, i.tolok_ukur, i.target, i.satuan) for i in planning.indikator],
			[
				("Keluaran", "Jumlah Dokumen Perencanaan Perangkat Daerah", 3, "Dokumen"),
				("Hasil", "Persentase dokumen perencanaan yang tepat waktu", 100, "%"),
			],
		)
		self.assertTrue(
			frappe.db.exists("Sub Kegiatan SIPD", f"{YEAR}-{unit}-7.01.01.2.01.0006")
		)  # written …01.06
		coordination = frappe.get_doc("Sub Kegiatan SIPD", f"{YEAR}-{unit}-7.01.02.2.01.0001")
		self.assertEqual(len(coordination.indikator), 3)  # two rows of the file, one record

		# the nomenclature tree, numbered as Frappe's nested set
		node = frappe.get_doc("Nomenklatur SIPD", "7.01.02.2.01.0001")
		self.assertEqual((node.tingkat, node.parent_nomenklatur_sipd), ("Sub Kegiatan", "7.01.02.2.01"))
		program = frappe.get_doc("Nomenklatur SIPD", "7.01.02")
		self.assertEqual(program.nama, "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK")
		self.assertTrue(program.lft < node.lft < node.rgt < program.rgt)
		self.assertEqual(
			set(
				frappe.get_all(
					"Nomenklatur SIPD",
					filters={"lft": (">", program.lft), "rgt": ("<", program.rgt)},
					pluck="name",
				)
			),
			{"7.01.02.2.01", "7.01.02.2.01.0001", "7.01.02.2.02", "7.01.02.2.02.0001"},
		)

		# the same file again: nothing changes
		again = self.run_import("sipd_sub_kegiatan_2026.csv")
		self.assertEqual((again.jumlah_baru, again.jumlah_berubah, again.jumlah_sama), (0, 0, 13))
		self.assertEqual(snapshot("Sub Kegiatan SIPD", unit), records)

		# the updated file: one new, two changed in place, the rest untouched
		updated = self.run_import("sipd_sub_kegiatan_2026_revisi.csv")
		self.assertEqual((updated.jumlah_baru, updated.jumlah_berubah, updated.jumlah_sama), (1, 2, 11))
		after = snapshot("Sub Kegiatan SIPD", unit)
		self.assertEqual(len(after), 14)
		changed = {name for name in records if after[name] != records[name]}
		self.assertEqual(changed, {f"{YEAR}-{unit}-7.01.01.2.06.0009", f"{YEAR}-{unit}-7.01.04.2.01.0003"})
		self.assertEqual(
			frappe.db.get_value("Sub Kegiatan SIPD", f"{YEAR}-{unit}-7.01.01.2.06.0009", "pagu"), 41000000
		)
		siskamling = frappe.get_doc("Sub Kegiatan SIPD", f"{YEAR}-{unit}-7.01.04.2.01.0003")
		self.assertEqual(siskamling.indikator[0].target, 18)

		# the broken file: each bad row reported, nothing written, the import refused
		broken = self.make_import("sipd_sub_kegiatan_2026_rusak.csv")
		with as_user(self.office.evapor):
			self.assertEqual(broken.preview(), "Has Errors")
			self.assertEqual(
				sorted((e.baris, e.kolom) for e in broken.galat),
				[(6, "kode_sub_giat"), (8, "pagu"), (11, "kode_giat"), (15, "pagu_n_depan")],
			)
			self.assertEqual(
				next(e.pesan for e in broken.galat if e.kolom == "pagu"), "bukan angka: dua milyar"
			)
			self.assertRaises(ImportNotReady, broken.start_import)
			broken.execute()  # even run directly, it writes nothing
		self.assertEqual(broken.status, "Has Errors")
		self.assertEqual(snapshot("Sub Kegiatan SIPD", unit), after)

	def test_renja_programmes_link_to_the_nomenclature(self):
		self.run_import("sipd_sub_kegiatan_2026.csv")
		renja = create_document("Renja", self.office, tahun=YEAR)
		with as_user(self.office.camat):  # the Renja's first step is the Camat's
			fill_renja(renja.name)
		renja.reload()
		self.assertEqual(len(renja.program_kegiatan), 13)
		row = next(r for r in renja.program_kegiatan if r.kode_sub_kegiatan == "7.01.04.2.01.0003")
		self.assertEqual(row.program, "7.01.04 PROGRAM KOORDINASI KETENTRAMAN DAN KETERTIBAN UMUM")
		self.assertEqual(
			(row.indikator_kinerja, row.target, row.satuan),
			("Jumlah Kelompok Siskamling yang Dibina", 16, "Kelompok"),
		)
		self.assertEqual((row.pagu_indikatif, row.pagu_n_plus_1), (22000000, 24000000))
		self.assertEqual(renja.total_pagu, 2809150000)

	def test_another_units_user_cannot_see_or_import_for_this_unit(self):
		self.run_import("sipd_sub_kegiatan_2026.csv")
		with as_user(self.other.evapor):
			self.assertEqual(
				frappe.get_list("Sub Kegiatan SIPD", filters={"unit_kerja": self.office.unit}), []
			)
			self.assertEqual(frappe.get_list("Impor SIPD", filters={"unit_kerja": self.office.unit}), [])
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc(
					{
						"doctype": "Impor SIPD",
						"jenis": "Renja/DPA",
						"unit_kerja": self.office.unit,
						"tahun": YEAR,
						"berkas": attach("sipd_sub_kegiatan_2026.csv"),
					}
				).insert()

	def test_another_units_user_cannot_import_this_units_file_by_its_url(self):
		mine = self.make_import("sipd_sub_kegiatan_2026.csv")
		theirs = {
			"doctype": "Impor SIPD",
			"jenis": "Renja/DPA",
			"unit_kerja": self.other.unit,
			"tahun": YEAR,
			"berkas": mine.berkas,
		}
		with as_user(self.other.evapor), self.assertRaises(CrossUnitLinkError):
			frappe.get_doc(theirs).insert()
		# ... nor read it when it got there without a save (the import reads only a readable file)
		with as_user(self.other.evapor):
			own = frappe.get_doc({**theirs, "berkas": attach("sop_seed.txt")}).insert()
		frappe.db.set_value("Impor SIPD", own.name, "berkas", mine.berkas)
		with as_user(self.other.evapor), self.assertRaises(SipdFileError):
			frappe.get_doc("Impor SIPD", own.name).preview()
		self.assertFalse(frappe.db.exists("Sub Kegiatan SIPD", {"unit_kerja": self.other.unit}))
		# the same content uploaded by their own user shares the URL, and is theirs to import
		with as_user(self.other.evapor):
			self.assertEqual(attach("sipd_sub_kegiatan_2026.csv"), mine.berkas)
			doc = frappe.get_doc(theirs).insert()
			self.assertEqual(doc.preview(), "Previewed")

	def test_what_sipd_did_not_give_reads_as_not_entered(self):
		"""An export without a next-year pagu or an output target: stored with its entered flag off,
		read as None by the record, its REST form and the Renja's programmes, and kept so on save."""
		lines = (DATA / "sipd_sub_kegiatan_2026.csv").read_text(encoding="utf-8-sig").splitlines()
		header = next(i for i, line in enumerate(lines) if line.startswith("kode_urusan;"))
		columns, cells = lines[header].split(";"), lines[header + 1].split(";")
		for column in ("pagu_n_depan", "targetoutput"):
			cells[columns.index(column)] = ""
		lines[header + 1] = ";".join(cells)
		with as_user(self.office.evapor):
			doc = frappe.get_doc(
				{
					"doctype": "Impor SIPD",
					"jenis": "Renja/DPA",
					"unit_kerja": self.office.unit,
					"tahun": YEAR,
					"berkas": frappe.get_doc(
						{
							"doctype": "File",
							"file_name": "sipd_tanpa_pagu_n_depan.csv",
							"content": "\n".join(lines).encode(),
							"is_private": 1,
						}
					)
					.insert(ignore_permissions=True)
					.file_url,
				}
			).insert()
			self.assertEqual(doc.preview(), "Previewed", doc.galat)
			doc.execute()
		code = cells[columns.index("kode_sub_giat")]
		record = frappe.get_doc("Sub Kegiatan SIPD", f"{YEAR}-{self.office.unit}-{code}")
		output, outcome = (next(i for i in record.indikator if i.jenis == j) for j in ("Keluaran", "Hasil"))
		self.assertEqual((record.pagu_n_depan, record.pagu_n_depan_diisi), (None, 0))
		self.assertEqual((output.target, output.target_diisi), (None, 0))
		self.assertEqual((outcome.target, outcome.target_diisi), (100, 1))
		self.assertIsNone(record.as_dict()["pagu_n_depan"])
		self.assertIsNone(record.as_dict()["indikator"][output.idx - 1]["target"])
		given = frappe.get_doc("Sub Kegiatan SIPD", f"{YEAR}-{self.office.unit}-7.01.01.2.01.0006")
		self.assertEqual((given.pagu_n_depan, given.pagu_n_depan_diisi), (13500000, 1))

		rows = {row["kode_sub_kegiatan"]: row for row in renja_rows(self.office.unit, YEAR)}
		self.assertIsNone(rows[code]["pagu_n_plus_1"])
		self.assertIsNone(rows[code]["target"])
		self.assertEqual(rows["7.01.01.2.01.0006"]["pagu_n_plus_1"], 13500000)

		with as_user(self.office.evapor):
			record.save()
		record = frappe.get_doc("Sub Kegiatan SIPD", record.name)
		self.assertEqual((record.pagu_n_depan, record.pagu_n_depan_diisi), (None, 0))

	def test_a_file_without_sipd_columns_is_refused_clearly(self):
		doc = self.make_import("sop_seed.txt")
		with as_user(self.office.evapor), self.assertRaises(frappe.ValidationError) as raised:
			doc.preview()
		self.assertIn("kode_sub_giat", str(raised.exception))


class TestLraImport(SipdImportCase):
	def test_lra_twice_updated_broken_and_the_budget_tables(self):
		unit = self.office.unit
		# an LRA before its DPA: every line's sub-kegiatan is unknown
		early = self.make_import("sipd_lra_2026_tw2.csv", "LRA", "Triwulan II")
		with as_user(self.office.evapor):
			self.assertEqual(early.preview(), "Has Errors")
		self.assertEqual(len(early.galat), 28)

		self.run_import("sipd_sub_kegiatan_2026.csv")
		first = self.run_import("sipd_lra_2026_tw2.csv", "LRA", "Triwulan II")
		self.assertEqual((first.jumlah_baru, first.jumlah_sama), (28, 0))
		lines = snapshot("Realisasi Anggaran SIPD", unit)
		self.assertEqual(len(lines), 28)
		atk = frappe.get_doc(
			"Realisasi Anggaran SIPD",
			f"{YEAR}-Triwulan II-{unit}-7.01.01.2.01.0001-5.1.02.01.01.0024",
		)
		self.assertEqual((atk.anggaran, atk.realisasi, atk.persentase), (2500000, 1875000, 75))
		self.assertEqual(atk.kode_program, "7.01.01")

		again = self.run_import("sipd_lra_2026_tw2.csv", "LRA", "Triwulan II")
		self.assertEqual((again.jumlah_baru, again.jumlah_berubah, again.jumlah_sama), (0, 0, 28))
		self.assertEqual(snapshot("Realisasi Anggaran SIPD", unit), lines)

		updated = self.run_import("sipd_lra_2026_tw2_revisi.csv", "LRA", "Triwulan II")
		self.assertEqual((updated.jumlah_baru, updated.jumlah_berubah, updated.jumlah_sama), (0, 1, 27))
		after = snapshot("Realisasi Anggaran SIPD", unit)
		self.assertEqual(
			[n for n in lines if lines[n] != after[n]],
			[f"{YEAR}-Triwulan II-{unit}-7.01.01.2.06.0009-5.1.02.04.01.0001"],
		)

		broken = self.make_import("sipd_lra_2026_tw2_rusak.csv", "LRA", "Triwulan II")
		with as_user(self.office.evapor):
			self.assertEqual(broken.preview(), "Has Errors")
			broken.execute()
		self.assertEqual(
			sorted(e.kolom for e in broken.galat), ["kode_rekening", "nominal", "presentase", "realisasi"]
		)
		self.assertEqual(snapshot("Realisasi Anggaran SIPD", unit), after)

		# the LKjIP's budget table, rolled up to programs from the imported lines
		laporan = create_document("Laporan Kinerja", self.office, tahun=YEAR)
		owner = self.office.tim1
		with as_user(owner):
			fill_budget_table("Laporan Kinerja", laporan.name, "Triwulan II")
		laporan.reload()
		rows = {row.kode_nomenklatur: row for row in laporan.realisasi_anggaran}
		self.assertEqual(list(rows), ["7.01.01", "7.01.02", "7.01.03", "7.01.04", "7.01.06"])
		support = rows["7.01.01"]
		self.assertEqual(
			support.program, "7.01.01 PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"
		)
		# the pagu of the DPA's eight support sub-kegiatan, realisation from the updated LRA
		self.assertEqual(support.pagu_anggaran, 2619150000)
		spent = sum(
			frappe.get_all(
				"Realisasi Anggaran SIPD",
				filters={"unit_kerja": unit, "periode": "Triwulan II", "kode_program": "7.01.01"},
				pluck="realisasi",
			)
		)
		self.assertEqual(support.realisasi_anggaran, spent)
		self.assertEqual(support.sumber_anggaran, "LRA SIPD Triwulan II 2026")
		self.assertAlmostEqual(support.serapan_anggaran, round(spent * 100 / 2619150000, 2), places=2)
		self.assertIsNone(support.indeks_efisiensi)  # no achievement entered yet: none, not 0

		# the achievement people enter is kept when the table is filled again; efficiency follows
		with as_user(owner):
			doc = frappe.get_doc("Laporan Kinerja", laporan.name)
			next(r for r in doc.realisasi_anggaran if r.kode_nomenklatur == "7.01.03").capaian_kinerja = 90
			doc.save()
			fill_budget_table("Laporan Kinerja", laporan.name, "Triwulan II")
		laporan.reload()
		musrenbang = next(r for r in laporan.realisasi_anggaran if r.kode_nomenklatur == "7.01.03")
		self.assertEqual((musrenbang.serapan_anggaran, musrenbang.capaian_kinerja), (100, 90))
		self.assertEqual((musrenbang.indeks_efisiensi, musrenbang.kategori_efisiensi), (0.9, "Tidak Efisien"))

		# by kegiatan; and a period never imported is a clear error
		with as_user(owner):
			fill_budget_table("Laporan Kinerja", laporan.name, "Triwulan II", "Kegiatan")
			laporan.reload()
			self.assertEqual(len(laporan.realisasi_anggaran), 10)
			self.assertRaises(
				NoLraImported, fill_budget_table, "Laporan Kinerja", laporan.name, "Triwulan III"
			)

		# the Evaluasi's table comes from the same lines
		evaluasi = create_document("Evaluasi Kinerja", self.office, tahun=YEAR)
		with as_user(self.office.camat):
			fill_budget_table("Evaluasi Kinerja", evaluasi.name, "Triwulan II")
		evaluasi.reload()
		self.assertEqual(
			[(r.kode_nomenklatur, r.pagu_anggaran) for r in evaluasi.efisiensi_program],
			[(code, row.pagu_anggaran) for code, row in rows.items()],
		)

	def test_a_user_of_another_unit_cannot_fill_from_this_units_lra(self):
		laporan = create_document("Laporan Kinerja", self.office, tahun=YEAR)
		with as_user(self.other.tim1), self.assertRaises(frappe.PermissionError):
			fill_budget_table("Laporan Kinerja", laporan.name, "Triwulan II")
