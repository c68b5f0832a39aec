"""Many clerks registering at the same moment, each in an OS process with its own
database connection, and the register driven through Frappe's REST API.

These run on connections of their own, so the class commits its data and
removes it afterwards.
"""

import os
import subprocess
import sys

import frappe
from frappe.tests.utils import FrappeTestCase

from kinerja_sop.tests.factories import api_post, issue_api_keys
from kinerja_sop.tests.sop_walk import make_office

WORKERS, LETTERS_EACH = 8, 50
UNIT_CODES = ("PAR", "PARB")
CLERK = """
import sys
import frappe
from frappe.model.workflow import apply_workflow

site, sites_path, unit, user, count = sys.argv[1:6]
frappe.init(site=site, sites_path=sites_path)
frappe.connect()
frappe.set_user(user)
for i in range(int(count)):
	letter = frappe.get_doc({
		"doctype": "Surat Keluar", "unit_kerja": unit, "tanggal": "2027-05-02", "klasifikasi": "000.7.2.8",
		"perihal": "Surat paralel", "penerima": [{"nama_penerima": "Bupati Bandung", "metode_pengiriman": "Pos"}],
	}).insert()
	apply_workflow(letter, "Daftarkan")
	frappe.db.commit()
frappe.destroy()
"""


class TestRegisteringAtOnce(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		remove_fixtures()
		cls.office, cls.other = (make_office(code) for code in UNIT_CODES)
		# A site in use already has the document naming series row; create it now, so
		# the race below is the letter-number counter's, not Frappe's naming series'.
		frappe.get_doc(
			{
				"doctype": "Surat Keluar",
				"unit_kerja": cls.office.unit,
				"klasifikasi": "000.7.2.8",
				"perihal": "Konsep",
			}
		).insert(ignore_permissions=True)
		cls.auth = {
			u: issue_api_keys(u) for u in (cls.office.umum, cls.office.staf, cls.office.camat, cls.other.staf)
		}
		frappe.db.commit()  # nosemgrep: the clerks and the REST requests use their own connections
		cls.addClassCleanup(remove_fixtures)

	def test_parallel_registrations_never_skip_or_repeat(self):
		sites_path = os.path.abspath(frappe.local.sites_path)
		clerks = [
			subprocess.Popen(
				[
					sys.executable,
					"-c",
					CLERK,
					frappe.local.site,
					sites_path,
					self.office.unit,
					user,
					str(LETTERS_EACH),
				],
				cwd=sites_path,
				stdout=subprocess.PIPE,
				stderr=subprocess.PIPE,
				text=True,
			)
			for user in [self.office.umum, self.office.staf] * (WORKERS // 2)
		]
		for clerk in clerks:
			_out, err = clerk.communicate(timeout=600)
			self.assertEqual(clerk.returncode, 0, err[-3000:])

		registered = frappe.get_all(
			"Surat Keluar",
			filters={"unit_kerja": self.office.unit, "tahun_nomor": 2027, "docstatus": 1},
			fields=["nomor_urut", "nomor_surat"],
		)
		numbers = sorted(row.nomor_urut for row in registered)
		self.assertEqual(len(registered), WORKERS * LETTERS_EACH)
		self.assertEqual(numbers, list(range(1, WORKERS * LETTERS_EACH + 1)), "no gap, no repeat")
		self.assertEqual(len({row.nomor_surat for row in registered}), len(registered))

	def test_register_send_and_receipt_through_rest(self):
		letter = frappe.get_doc(
			{
				"doctype": "Surat Keluar",
				"unit_kerja": self.office.unit,
				"tanggal": "2027-06-01",
				"klasifikasi": "000.8.6.3",
				"perihal": "Laporan Kinerja",
				"penerima": [{"nama_penerima": "Inspektorat", "metode_pengiriman": "Diantar Langsung"}],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep

		def apply(user, action):
			doc = frappe.get_doc("Surat Keluar", letter.name).as_json()
			return api_post(
				self.auth[user],
				"/api/method/frappe.model.workflow.apply_workflow",
				{"doc": doc, "action": action},
			)

		self.assertEqual(apply(self.office.camat, "Daftarkan").status_code, 417)  # not the mail office
		self.assertEqual(apply(self.other.staf, "Daftarkan").status_code, 403)  # another unit
		registered = apply(self.office.umum, "Daftarkan")
		self.assertEqual(registered.status_code, 200, registered.text)
		self.assertTrue(registered.json["message"]["nomor_surat"].startswith("000.8.6.3/"))
		self.assertEqual(apply(self.office.staf, "Kirim").status_code, 200)

		recipient = frappe.get_doc("Surat Keluar", letter.name).penerima[0].name
		receipt = {
			"surat_keluar": letter.name,
			"recipient": recipient,
			"received_by": "Rina",
			"position": "Staf TU",
		}
		early = api_post(
			self.auth[self.office.staf],
			"/api/method/kinerja_sop.persuratan.api.record_receipt",
			{**receipt, "received_at": "2020-01-01 08:00:00"},
		)
		self.assertEqual(early.status_code, 417)
		self.assertIn("sebelum surat dikirim", early.text)
		refused = api_post(
			self.auth[self.office.camat], "/api/method/kinerja_sop.persuratan.api.record_receipt", receipt
		)
		self.assertEqual(refused.status_code, 403)
		done = api_post(
			self.auth[self.office.staf], "/api/method/kinerja_sop.persuratan.api.record_receipt", receipt
		)
		self.assertEqual(done.status_code, 200, done.text)
		self.assertEqual(done.json["message"]["status"], "Diterima Semua")


def remove_fixtures():
	frappe.set_user("Administrator")
	units = [f"Kecamatan Uji {code}" for code in UNIT_CODES]
	letters = frappe.get_all("Surat Keluar", filters={"unit_kerja": ("in", units)}, pluck="name")
	if letters:  # registered letters cannot be deleted through the document API, by design
		frappe.db.delete("Penerima Surat Keluar", {"parenttype": "Surat Keluar", "parent": ("in", letters)})
		frappe.db.delete("Surat Keluar", {"name": ("in", letters)})
		for doctype, field in (("ToDo", "reference_name"), ("Workflow Action", "reference_name")):
			frappe.db.delete(doctype, {field: ("in", letters)})
	for code in UNIT_CODES:
		frappe.db.sql("delete from `tabSeries` where `name` like %s", (f"S_:UJI.{code}:%",))
	for unit in units:
		if frappe.db.exists("Unit Kerja", unit):
			frappe.delete_doc("Unit Kerja", unit, force=True, ignore_permissions=True)
	for user in frappe.get_all("User", filters={"name": ("like", "%.par%@example.com")}, pluck="name"):
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: undo what setUpClass committed
