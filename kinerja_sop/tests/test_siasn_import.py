"""Officials from SIASN's "Export Data ASN" on a real site: the sample exports of
Kecamatan Cileunyi (tests/data/siasn/) imported twice, then the 2025 export, then a
broken one, as an Admin Kinerja would through the Impor Pegawai SIASN form."""

import json
from pathlib import Path

import frappe
from frappe.utils.xlsxutils import read_xlsx_file_from_attached_file

from kinerja_sop.kinerja.doctype.impor_pegawai_siasn.impor_pegawai_siasn import (
	ImportNotReadyError,
	run_import,
	run_preview,
)
from kinerja_sop.printing import penandatangan
from kinerja_sop.tests.factories import make_unit, make_user
from kinerja_sop.tests.sop_walk import IndonesianTestCase
from kinerja_sop.walk import as_user

DATA = Path(__file__).resolve().parents[2] / "tests" / "data" / "siasn"
UNIT = "Kecamatan Cileunyi"
UNORS = {
	"8AE4828776B52D6C0176B6F2A5C2011A": "Kecamatan Cileunyi",
	"8AE4828776B52D6C0176B6F2A5C2011B": "Subbagian Umum dan Kepegawaian Kecamatan Cileunyi",
	"8AE4828776B52D6C0176B6F2A5C2011C": "Subbagian Program, Evaluasi dan Pelaporan Kecamatan Cileunyi",
	"8AE4828776B52D6C0176B6F2A5C2011D": "Seksi Pemerintahan Kecamatan Cileunyi",
}
CAMAT_NIP = "197008171998031004"
SEKRETARIS_NIP = "197503122000032002"
PLT_NIP = "198105232006041003"
KASUBAG_EVAPOR_NIP = "198409142009022001"
KASI_NIP = "197911072005011002"
PRAKOM_NIP = "199002182015032001"
NEW_NIP = "199708092024062001"
ADMIN = "admin.siasn@example.com"


def attach(path: Path, content: bytes | None = None) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": path.name,
			"content": content if content is not None else path.read_bytes(),
			"is_private": 1,
		}
	)
	return file.insert(ignore_permissions=True).file_url


def officials() -> dict[str, dict]:
	"""The unit's officials by NIP, as stored."""
	unit = frappe.get_doc("Unit Kerja", UNIT)
	fields = ("sop_role", "full_name", "pangkat_golongan", "position_title", "acting", "user", "is_active")
	return {
		row.nip: {f: row.get(f) if f == "is_active" else row.get(f) or None for f in fields}
		for row in unit.officials
	}


class SiasnImportTestCase(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(ADMIN, ("Admin Kinerja",))
		if not frappe.db.exists("Unit Kerja", UNIT):
			make_unit(UNIT, "KEC.CLY")
		for unor_id, unor_nama in UNORS.items():
			if not frappe.db.exists("Pemetaan Unor SIASN", unor_id):
				frappe.get_doc(
					{
						"doctype": "Pemetaan Unor SIASN",
						"unor_id": f"'{unor_id}",  # as pasted from the export
						"unor_nama": unor_nama,
						"unit_kerja": UNIT,
					}
				).insert(ignore_permissions=True)

	def setUp(self):
		frappe.db.savepoint("siasn")
		self.addCleanup(frappe.db.rollback, save_point="siasn")

	def new_import(self, filename: str, content: bytes | None = None, **values):
		with as_user(ADMIN):
			return frappe.get_doc(
				{"doctype": "Impor Pegawai SIASN", "import_file": attach(DATA / filename, content), **values}
			).insert()

	def preview(self, doc):
		"""What the Preview button does, with the queued job run here as the worker would."""
		with as_user(ADMIN):
			doc.start_preview()
			frappe.db.after_commit.reset()
			run_preview(doc.name)
		return frappe.get_doc(doc.doctype, doc.name)

	def import_file(self, doc):
		with as_user(ADMIN):
			doc = frappe.get_doc(doc.doctype, doc.name)
			doc.start_import()
			self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "status"), "Importing")
			frappe.db.after_commit.reset()
			run_import(doc.name)
		return frappe.get_doc(doc.doctype, doc.name)

	def preview_and_import(self, filename: str, **values):
		doc = self.preview(self.new_import(filename, **values))
		self.assertEqual(doc.status, "Ready", doc.error_log)
		return self.import_file(doc)


class TestSiasnImport(SiasnImportTestCase):
	def test_unor_mapping_drops_the_exports_quirks(self):
		mapping = frappe.get_doc("Pemetaan Unor SIASN", "8AE4828776B52D6C0176B6F2A5C2011A")
		self.assertEqual((mapping.unor_id, mapping.unit_kerja), ("8AE4828776B52D6C0176B6F2A5C2011A", UNIT))

	def test_preview_lists_the_plan_and_writes_nothing(self):
		before = frappe.db.get_value("Unit Kerja", UNIT, "modified")
		doc = self.preview(self.new_import("siasn_kecamatan_cileunyi.csv"))
		self.assertEqual(doc.status, "Ready")
		self.assertEqual(
			(doc.total_rows, doc.new_officials, doc.updated_officials, doc.skipped_rows, doc.error_rows),
			(12, 11, 0, 1, 0),
		)
		entries = {e["nip"]: e for e in json.loads(doc.preview_data)}
		self.assertEqual(entries[CAMAT_NIP]["action"], "new")
		self.assertEqual(entries[CAMAT_NIP]["name"], "Drs. H. ASEP SAEPUDIN, M.Si.")
		skipped = entries["198803212011012006"]
		self.assertEqual(skipped["action"], "skipped")
		self.assertIn("Kelurahan Cileunyi Kulon", skipped["details"][0])
		self.assertEqual(officials(), {})
		self.assertEqual(frappe.db.get_value("Unit Kerja", UNIT, "modified"), before)

	def test_import_twice_then_the_updated_export_then_a_broken_one(self):
		# 1. The first import creates the officials.
		doc = self.preview_and_import("siasn_kecamatan_cileunyi.csv")
		self.assertEqual(doc.status, "Imported", doc.error_log)
		first = officials()
		self.assertEqual(len(first), 11)
		self.assertEqual(
			first[CAMAT_NIP],
			{
				"sop_role": "Camat",
				"full_name": "Drs. H. ASEP SAEPUDIN, M.Si.",
				"pangkat_golongan": "Pembina (IV/a)",
				"position_title": "Camat Cileunyi",
				"acting": None,
				"user": None,
				"is_active": 1,
			},
		)
		self.assertEqual(
			(first[PLT_NIP]["sop_role"], first[PLT_NIP]["acting"], first[PLT_NIP]["position_title"]),
			("Kasubag Umum", "Plt.", "Kepala Subbagian Umum dan Kepegawaian"),
		)
		self.assertEqual(first["197806142008012010"]["full_name"], "IMAS MASRIAH")  # gelar "null"
		self.assertEqual(first[SEKRETARIS_NIP]["full_name"], "RINA MARLINA, S.Sos., M.AP.")
		self.assertEqual(
			penandatangan(UNIT, "Kasubag Umum")["jabatan"], "Plt. KEPALA SUBBAGIAN UMUM DAN KEPEGAWAIAN"
		)

		# 2. The administrator links Users and gives one role by hand.
		camat_user = make_user("asep.cly@example.com")
		kasi_user = make_user("ujang.cly@example.com")
		prakom_user = make_user("fitri.cly@example.com")
		with as_user(ADMIN):
			unit = frappe.get_doc("Unit Kerja", UNIT)
			rows = {row.nip: row for row in unit.officials}
			rows[CAMAT_NIP].user = camat_user
			rows[KASI_NIP].user = kasi_user
			rows[KASUBAG_EVAPOR_NIP].is_active = 0  # on leave: the Pranata Komputer acts for her
			rows[PRAKOM_NIP].update({"sop_role": "Kasubag Evapor", "user": prakom_user})
			unit.save()
		linked = officials()
		modified = frappe.db.get_value("Unit Kerja", UNIT, "modified")
		versions = frappe.db.count("Version", {"ref_doctype": "Unit Kerja", "docname": UNIT})

		# 3. The same file again changes nothing.
		doc = self.preview(self.new_import("siasn_kecamatan_cileunyi.csv"))
		self.assertEqual(
			(doc.status, doc.new_officials, doc.updated_officials, doc.unchanged_officials),
			("Ready", 0, 0, 11),
		)
		doc = self.import_file(doc)
		self.assertEqual(doc.status, "Imported")
		self.assertEqual(officials(), linked)
		self.assertEqual(frappe.db.get_value("Unit Kerja", UNIT, "modified"), modified)
		self.assertEqual(frappe.db.count("Version", {"ref_doctype": "Unit Kerja", "docname": UNIT}), versions)

		# 4. The 2025 export updates in place.
		doc = self.preview_and_import("siasn_kecamatan_cileunyi_2025.csv")
		self.assertEqual(doc.status, "Imported", doc.error_log)
		self.assertEqual(
			(doc.new_officials, doc.updated_officials, doc.deactivated_officials, doc.skipped_rows),
			(1, 4, 1, 1),
		)
		after = officials()
		self.assertEqual(len(after), 12)  # one row more: the new CPNS; nobody removed
		self.assertEqual(after[CAMAT_NIP]["full_name"], "Drs. H. ASEP SAEPUDIN, M.Si., M.A.P.")
		self.assertEqual(after[CAMAT_NIP]["user"], camat_user)  # the User link is kept
		self.assertEqual(after[SEKRETARIS_NIP]["is_active"], 0)  # absent from the export: retired
		self.assertEqual((after[PLT_NIP]["acting"], after[PLT_NIP]["sop_role"]), (None, "Kasubag Umum"))
		self.assertEqual(  # the Kasi acts as Sekretaris: the role the import gave follows the position
			(after[KASI_NIP]["acting"], after[KASI_NIP]["position_title"], after[KASI_NIP]["sop_role"]),
			("Plh.", "Sekretaris Kecamatan Cileunyi", "Sekretaris"),
		)
		self.assertEqual(after[KASI_NIP]["user"], kasi_user)
		self.assertIn("Sekretaris", frappe.get_roles(kasi_user))
		self.assertEqual(penandatangan(UNIT, "Sekretaris")["jabatan"], "Plh. SEKRETARIS KECAMATAN CILEUNYI")
		self.assertEqual(after[PRAKOM_NIP]["pangkat_golongan"], "Penata (III/c)")  # promoted
		self.assertEqual(after[NEW_NIP]["sop_role"], "Staf")
		# What the administrator set stays: her hand-given role, and the official she deactivated.
		self.assertEqual(after[PRAKOM_NIP]["sop_role"], "Kasubag Evapor")
		self.assertEqual(after[KASUBAG_EVAPOR_NIP]["is_active"], 0)
		entries = {e["nip"]: e for e in json.loads(doc.preview_data)}
		self.assertIn("Kasubag Evapor", " ".join(entries[KASUBAG_EVAPOR_NIP]["details"]))

		# 5. A broken export: every row error listed, the import refused, nothing written.
		before_broken = officials()
		modified = frappe.db.get_value("Unit Kerja", UNIT, "modified")
		doc = self.preview(self.new_import("siasn_kecamatan_cileunyi_rusak.csv"))
		self.assertEqual((doc.status, doc.error_rows), ("Has Errors", 7))
		log = doc.error_log.splitlines()
		self.assertEqual(
			[line.split(":")[0] for line in log], [f"Baris {n}" for n in (7, 8, 9, 10, 11, 12, 14)]
		)
		self.assertIn("NIP 19900218201503200 harus tepat 18 digit.", log[0])
		self.assertIn("tanggal_lahir 31-02-1986 bukan tanggal berformat dd-mm-yyyy.", log[1])
		self.assertIn("NIP 197911072005011002 sudah ada di baris 6.", log[6])
		with as_user(ADMIN), self.assertRaises(ImportNotReadyError):
			frappe.get_doc(doc.doctype, doc.name).start_import()
		self.assertEqual(officials(), before_broken)
		self.assertEqual(frappe.db.get_value("Unit Kerja", UNIT, "modified"), modified)

	def test_xlsx_export_reads_as_the_csv(self):
		xlsx = read_xlsx_file_from_attached_file(
			fcontent=(DATA / "siasn_kecamatan_cileunyi.xlsx").read_bytes()
		)
		self.assertIsInstance(xlsx[1][6], type(xlsx[1][6]))  # openpyxl's own cell values
		doc = self.preview_and_import("siasn_kecamatan_cileunyi.xlsx")
		self.assertEqual((doc.status, doc.new_officials), ("Imported", 11))
		from_xlsx = officials()
		self.assertEqual(from_xlsx[SEKRETARIS_NIP]["pangkat_golongan"], "Penata Tingkat I (III/d)")
		# The CSV of the same export finds nothing to change.
		doc = self.preview(self.new_import("siasn_kecamatan_cileunyi.csv"))
		self.assertEqual((doc.new_officials, doc.updated_officials, doc.unchanged_officials), (0, 0, 11))

	def test_a_failed_import_writes_nothing(self):
		"""Two units; the second one's save fails: the first one's officials are rolled back too."""
		second = make_unit("Kecamatan Cileunyi Uji Gagal", "KEC.CLY.GAGAL")
		frappe.db.set_value(
			"Pemetaan Unor SIASN", "8AE4828776B52D6C0176B6F2A5C2011D", "unit_kerja", second.name
		)
		doc = self.preview(self.new_import("siasn_kecamatan_cileunyi.csv"))
		self.assertEqual(doc.status, "Ready")
		# After the preview, someone breaks the second unit (a code letters cannot carry).
		frappe.db.set_value("Unit Kerja", second.name, "unit_code", "KEC CLY/GAGAL")
		doc = self.import_file(doc)
		self.assertEqual(doc.status, "Failed")
		self.assertIn("Tidak ada yang diimpor.", doc.error_log)
		self.assertEqual(officials(), {})
		self.assertFalse(frappe.get_doc("Unit Kerja", second.name).officials)

	def test_a_file_changed_after_its_preview_is_refused(self):
		doc = self.preview(self.new_import("siasn_kecamatan_cileunyi.csv"))
		file = frappe.get_doc("File", {"file_url": doc.import_file})
		with open(file.get_full_path(), "ab") as f:
			f.write(b"\n")
		doc = self.import_file(doc)
		self.assertEqual(doc.status, "Failed")
		self.assertEqual(officials(), {})

	def test_a_file_without_siasn_columns(self):
		doc = self.preview(self.new_import("pegawai.csv", b"nip,nama\n197008171998031004,ASEP\n"))
		self.assertEqual(doc.status, "Has Errors")
		self.assertIn("nip_baru", doc.error_log)

	def test_a_client_cannot_set_what_the_jobs_write(self):
		doc = self.new_import("siasn_kecamatan_cileunyi.csv", status="Ready", new_officials=99)
		self.assertEqual((doc.status, doc.new_officials), ("Not Previewed", 0))
		with as_user(ADMIN), self.assertRaises(ImportNotReadyError):
			doc.start_import()
		doc = self.preview(doc)
		with as_user(ADMIN):
			doc.status = "Imported"
			doc.save()
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "status"), "Ready")

	def test_only_administrators_import(self):
		staf = make_user("staf.siasn@example.com", ("Staf",))
		with as_user(staf), self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{
					"doctype": "Impor Pegawai SIASN",
					"import_file": attach(DATA / "siasn_kecamatan_cileunyi.csv"),
				}
			).insert()
