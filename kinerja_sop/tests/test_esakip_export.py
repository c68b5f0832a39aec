"""e-SAKIP export on a real site: the Perjanjian Kinerja and LKjIP PDFs and the
IKU workbook of a unit's year, from its signed quarterly Pengukuran Kinerja,
downloaded only by the unit's own users."""

import io
import subprocess
import zipfile

import frappe
from openpyxl import load_workbook

from kinerja_sop.domain.esakip import HEADER
from kinerja_sop.esakip import NoReport, download
from kinerja_sop.kinerja.doctype.indikator_kinerja.indikator_kinerja import SEED_INDICATORS
from kinerja_sop.tests.sop_walk import IndonesianTestCase, create_document, make_office
from kinerja_sop.walk import as_user, walk_to_end

MUSRENBANG, KTP, SISKAMLING = (i["indicator_name"] for i in SEED_INDICATORS)
YEAR = 2026


def pdf_text(pdf: bytes) -> str:
	return subprocess.run(
		["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
	).stdout.decode()


def downloaded(user: str, unit: str, berkas: str = "zip") -> tuple[str, bytes]:
	with as_user(user):
		download(unit, YEAR, berkas)
	response = frappe.local.response
	return response.pop("filename"), response.pop("filecontent")


class TestEsakipExport(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("SAKIP")
		cls.other = make_office("SAKIPLAIN")
		cls.measured = {}
		for periode, values in (
			("Triwulan I", ((MUSRENBANG, 2.5, 1.2), (KTP, 3, 3.5), (SISKAMLING, 24, 18))),
			("Triwulan II", ((MUSRENBANG, 2.5, 2.8), (KTP, 3, 2.5), (SISKAMLING, 24, 21))),
		):
			doc = create_document(
				"Pengukuran Kinerja",
				cls.office,
				tahun=YEAR,
				periode=periode,
				indikator=[
					{"indikator": name, "indikator_kinerja": name, "target": target, "realisasi": real}
					for name, target, real in values
				],
			)
			doc, _actors = walk_to_end(doc, cls.office)
			cls.measured[periode] = {row.indikator_kinerja: row for row in doc.indikator}
		cls.laporan = create_document("Laporan Kinerja", cls.office, tahun=YEAR, pengukuran=doc.name)

	def test_the_measurements_are_signed(self):
		for rows in self.measured.values():
			self.assertEqual(
				frappe.db.get_value("Pengukuran Kinerja", next(iter(rows.values())).parent, "docstatus"), 1
			)

	def test_zip_holds_both_pdfs_and_the_iku_workbook(self):
		filename, content = downloaded(self.office.camat, self.office.unit)
		stem = frappe.scrub(self.office.unit).replace("_", "-")
		self.assertEqual(filename, f"e-sakip-{stem}-{YEAR}.zip")
		archive = zipfile.ZipFile(io.BytesIO(content))
		self.assertEqual(
			sorted(archive.namelist()),
			sorted(
				[
					f"perjanjian-kinerja-{stem}-{YEAR}-KONSEP.pdf",  # the report is not signed yet
					f"lkjip-{stem}-{YEAR}-KONSEP.pdf",
					f"iku-{stem}-{YEAR}.xlsx",
				]
			),
		)
		agreement = pdf_text(archive.read(f"perjanjian-kinerja-{stem}-{YEAR}-KONSEP.pdf"))
		self.assertIn(f"PERJANJIAN KINERJA TAHUN {YEAR}", agreement)
		for name in (MUSRENBANG, KTP, SISKAMLING):
			self.assertIn(name, agreement)
		report = pdf_text(archive.read(f"lkjip-{stem}-{YEAR}-KONSEP.pdf"))
		self.assertIn("TABEL CAPAIAN KINERJA (TRIWULAN II 2026)", report)

	def test_the_workbook_has_each_iku_with_its_quarters_capaian_and_predikat(self):
		filename, content = downloaded(self.office.evapor, self.office.unit, "iku")
		self.assertTrue(filename.endswith(".xlsx"))
		sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
		rows = [list(row) for row in sheet.iter_rows(values_only=True)]
		self.assertEqual(rows[1], list(HEADER))
		by_name = {row[2]: row for row in rows[2:]}
		self.assertEqual(set(by_name), {MUSRENBANG, KTP, SISKAMLING})
		for name in (MUSRENBANG, KTP, SISKAMLING):
			row = by_name[name]
			first, second = self.measured["Triwulan I"][name], self.measured["Triwulan II"][name]
			self.assertEqual(row[8:12], [first.realisasi, second.realisasi, None, None])
			self.assertEqual(row[12:15], [second.realisasi, second.capaian, second.predikat])
		self.assertEqual(by_name[KTP][15], "Tren negatif")
		self.assertEqual(by_name[MUSRENBANG][1], "IKU-01")

	def test_only_the_units_users_may_download(self):
		with self.assertRaises(frappe.PermissionError):
			downloaded(self.other.camat, self.office.unit)
		with as_user(self.other.camat), self.assertRaises(NoReport):
			download(self.other.unit, YEAR)  # their own unit: allowed, but it has no report
