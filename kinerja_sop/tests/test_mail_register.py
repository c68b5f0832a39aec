"""The outgoing-mail register (SOP Pengiriman) and incoming letters, as their users work them."""

from unittest.mock import patch

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow

from kinerja_sop.integrity import ServerOwnedFieldError
from kinerja_sop.kinerja.sop_document import KelengkapanError
from kinerja_sop.persuratan.doctype.surat_keluar.surat_keluar import (
	ReceiptError,
	SuratKeluar,
)
from kinerja_sop.persuratan.doctype.surat_masuk.surat_masuk import DisposisiError
from kinerja_sop.persuratan.report.buku_agenda_surat_keluar.buku_agenda_surat_keluar import execute
from kinerja_sop.tests.sop_walk import IndonesianTestCase, create_document, make_office
from kinerja_sop.walk import as_user, deliver_letter, make_incoming_letter, walk_to_end


def new_letter(
	office, tanggal="2027-03-01", klasifikasi="000.7.2.8", recipients=("Bupati Bandung",), **values
):
	with as_user(office.umum):
		return frappe.get_doc(
			{
				"doctype": "Surat Keluar",
				"unit_kerja": office.unit,
				"tanggal": tanggal,
				"klasifikasi": klasifikasi,
				"perihal": "Laporan Berkala Triwulan I",
				"penerima": [{"nama_penerima": r, "metode_pengiriman": "Pos"} for r in recipients],
				**values,
			}
		).insert()


def register(letter, user):
	with as_user(user):
		return apply_workflow(frappe.get_doc("Surat Keluar", letter.name), "Daftarkan")


class MailTestCase(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office, cls.other = make_office("MA"), make_office("MB")

	def setUp(self):
		frappe.db.savepoint("mail")
		self.addCleanup(frappe.db.rollback, save_point="mail")


class TestLetterNumbers(MailTestCase):
	def test_starter_classification_is_installed_as_a_tree(self):
		self.assertGreaterEqual(frappe.db.count("Klasifikasi Arsip"), 20)
		self.assertEqual(
			frappe.db.get_value("Klasifikasi Arsip", "000.8.6.3", "parent_klasifikasi_arsip"), "000.8.6"
		)

	def test_numbers_follow_the_units_format_and_counter(self):
		first = register(new_letter(self.office), self.office.umum)
		second = register(new_letter(self.office, klasifikasi="000.8.6.3"), self.office.staf)
		other = register(new_letter(self.other), self.other.umum)
		self.assertEqual(first.nomor_surat, "000.7.2.8/1/UJI.MA/2027")
		self.assertEqual(second.nomor_surat, "000.8.6.3/2/UJI.MA/2027")
		self.assertEqual(other.nomor_surat, "000.7.2.8/1/UJI.MB/2027")
		self.assertEqual((first.status, first.docstatus), ("Terdaftar", 1))

	def test_format_without_year_and_with_padding(self):
		unit = frappe.get_doc("Unit Kerja", self.office.unit)
		unit.letter_number_format = "{klasifikasi}/{nomor:3}/{kode_unit}"
		unit.save()
		letter = register(new_letter(self.office), self.office.umum)
		self.assertEqual(letter.nomor_surat, "000.7.2.8/001/UJI.MA")

	def test_malformed_format_is_refused(self):
		unit = frappe.get_doc("Unit Kerja", self.office.unit)
		unit.letter_number_format = "{klasifikasi}/{nomor}{tahun}"
		with self.assertRaises(frappe.ValidationError) as raised:
			unit.save()
		self.assertIn("Format nomor surat", str(raised.exception))

	def test_numbering_restarts_on_the_first_of_january(self):
		december = register(new_letter(self.office, tanggal="2027-12-31"), self.office.umum)
		january = register(new_letter(self.office, tanggal="2028-01-02"), self.office.umum)
		self.assertEqual((december.nomor_urut, december.tahun_nomor), (1, 2027))
		self.assertEqual((january.nomor_urut, january.tahun_nomor), (1, 2028))
		self.assertTrue(january.nomor_surat.endswith("/2028"))

	def test_a_cancelled_letter_keeps_its_number_and_it_is_not_reused(self):
		cancelled = register(new_letter(self.office), self.office.umum)
		with as_user(self.office.umum):
			cancelled = apply_workflow(frappe.get_doc("Surat Keluar", cancelled.name), "Batalkan")
		self.assertEqual((cancelled.docstatus, cancelled.status), (2, "Dibatalkan"))
		self.assertEqual(cancelled.nomor_urut, 1)
		self.assertEqual(register(new_letter(self.office), self.office.umum).nomor_urut, 2)

	def test_a_failed_registration_leaves_no_gap(self):
		drawn = {}

		def fail_after_numbering(letter):
			drawn["nomor"] = letter.nomor_urut
			frappe.throw("gagal setelah nomor diambil")

		letter = new_letter(self.office)
		frappe.db.savepoint("failed_registration")
		with patch.object(SuratKeluar, "on_submit", fail_after_numbering, create=True):
			with self.assertRaises(frappe.ValidationError):
				register(letter, self.office.umum)
		frappe.db.rollback(save_point="failed_registration")
		self.assertEqual(drawn["nomor"], 1)
		self.assertEqual(register(letter, self.office.umum).nomor_urut, 1)

	def test_the_number_cannot_be_typed_or_edited(self):
		with self.assertRaises(ServerOwnedFieldError):
			new_letter(self.office, nomor_surat="000.7.2.8/99/UJI.MA/2027")
		letter = register(new_letter(self.office), self.office.umum)
		with as_user(self.office.umum):
			letter = frappe.get_doc("Surat Keluar", letter.name)
			letter.nomor_surat = "000.7.2.8/5/UJI.MA/2027"
			with self.assertRaises(ServerOwnedFieldError):
				letter.save()

	def test_unit_code_is_kept_once_letters_are_numbered(self):
		register(new_letter(self.office), self.office.umum)
		unit = frappe.get_doc("Unit Kerja", self.office.unit)
		unit.unit_code = "UJI.BARU"
		with self.assertRaises(frappe.ValidationError) as raised:
			unit.save()
		self.assertIn("tidak dapat diubah", str(raised.exception))

	def test_unknown_classification_is_refused(self):
		with self.assertRaises(frappe.LinkValidationError):
			new_letter(self.office, klasifikasi="999.9")

	def test_only_the_mail_office_of_the_unit_registers(self):
		letter = new_letter(self.office)
		with self.assertRaises(WorkflowTransitionError):
			register(letter, self.office.camat)
		with self.assertRaises(frappe.PermissionError):
			register(letter, self.other.umum)


class TestDeliveryAndReceipts(MailTestCase):
	def test_sent_then_every_receipt_completes_the_delivery(self):
		letter = register(
			new_letter(self.office, recipients=("Bupati Bandung", "Inspektorat")), self.office.umum
		)
		with as_user(self.office.staf):
			letter = apply_workflow(frappe.get_doc("Surat Keluar", letter.name), "Kirim")
			self.assertTrue(
				all(row.dikirim_pada and row.dikirim_oleh == self.office.staf for row in letter.penerima)
			)
			first, second = letter.penerima
			letter.record_receipt(first.name, "Asep", position="Sekretaris Pribadi")
			self.assertEqual(frappe.db.get_value("Surat Keluar", letter.name, "status"), "Dikirim")
			frappe.get_doc("Surat Keluar", letter.name).record_receipt(second.name, "Dedi", position="Staf")
		letter.reload()
		self.assertEqual((letter.workflow_state, letter.status), ("Diterima Semua", "Diterima Semua"))

	def test_receipt_dated_before_sending_is_refused(self):
		letter = register(new_letter(self.office), self.office.umum)
		with as_user(self.office.staf):
			letter = apply_workflow(frappe.get_doc("Surat Keluar", letter.name), "Kirim")
			with self.assertRaises(ReceiptError) as raised:
				letter.record_receipt(letter.penerima[0].name, "Asep", received_at="2020-01-01 08:00:00")
		self.assertIn("sebelum surat dikirim", str(raised.exception))

	def test_all_received_needs_every_receipt(self):
		letter = register(new_letter(self.office), self.office.umum)
		with as_user(self.office.staf):
			apply_workflow(frappe.get_doc("Surat Keluar", letter.name), "Kirim")
			with self.assertRaises(ReceiptError):
				apply_workflow(frappe.get_doc("Surat Keluar", letter.name), "Selesai Diterima")

	def test_register_report_shows_only_the_users_unit(self):
		register(new_letter(self.office), self.office.umum)
		register(new_letter(self.other), self.other.umum)
		with as_user(self.office.umum):
			columns, rows = execute({"from_date": "2027-01-01", "to_date": "2027-12-31"})
		self.assertTrue(rows)
		self.assertEqual({row.unit_kerja for row in rows}, {self.office.unit})
		self.assertEqual(rows[0].diterima, "0/1")


class TestDocumentsEndWithTheirLetter(MailTestCase):
	def test_a_renja_walked_to_the_end_has_its_letter_number_and_receipts(self):
		doc, actors = walk_to_end(create_document("Renja", self.office), self.office)
		letter = frappe.get_doc("Surat Keluar", doc.surat_keluar)
		self.assertEqual((letter.reference_doctype, letter.reference_name), ("Renja", doc.name))
		self.assertEqual(letter.status, "Diterima Semua")
		self.assertEqual(letter.klasifikasi, "000.7.2.6")
		self.assertTrue(all(row.diterima_pada for row in letter.penerima))
		doc.reload()
		self.assertEqual(doc.nomor_surat, letter.nomor_surat)
		self.assertTrue(doc.nomor_surat.startswith("000.7.2.6/"))
		self.assertEqual(letter.nama_penandatangan, "Camat MA")

	def test_the_last_step_waits_for_the_receipts(self):
		from kinerja_sop.walk import act, actor, current_step

		doc = create_document("Laporan Kinerja", self.office)
		sop, plan, step = current_step(doc)
		while step.no < 9:
			doc = act(
				doc,
				actor(self.office, step.role, step),
				plan.transitions_from(doc.workflow_state)[0].action,
				self.office,
			)
			sop, plan, step = current_step(doc)
		self.assertTrue(doc.surat_keluar)
		with self.assertRaises(KelengkapanError) as raised:
			with as_user(self.office.umum):
				apply_workflow(frappe.get_doc("Laporan Kinerja", doc.name), "Selesaikan")
		self.assertIn("bukti pengiriman", str(raised.exception))
		with as_user(self.office.umum):
			deliver_letter(doc.surat_keluar)
			done = apply_workflow(frappe.get_doc("Laporan Kinerja", doc.name), "Selesaikan")
		self.assertEqual(done.workflow_state, "Selesai")


class TestIncomingLetters(MailTestCase):
	def test_agenda_numbers_run_per_unit_and_year(self):
		first = frappe.get_doc("Surat Masuk", make_incoming_letter(self.office, disposed=False))
		second = frappe.get_doc("Surat Masuk", make_incoming_letter(self.office, disposed=False))
		year = (
			first.tanggal_diterima.year
			if hasattr(first.tanggal_diterima, "year")
			else int(str(first.tanggal_diterima)[:4])
		)
		self.assertEqual((first.nomor_agenda, second.nomor_agenda), (f"1/{year}", f"2/{year}"))

	def test_only_the_camat_disposes(self):
		name = make_incoming_letter(self.office, disposed=False)
		with as_user(self.office.staf):
			letter = frappe.get_doc("Surat Masuk", name)
			letter.append("disposisi", {"kepada": self.office.sekretaris, "instruksi": "Tindak lanjuti"})
			with self.assertRaises(DisposisiError):
				letter.save()
		disposed = frappe.get_doc("Surat Masuk", make_incoming_letter(self.office))
		self.assertEqual(disposed.disposisi[0].diberikan_oleh, self.office.camat)

	def test_evaluasi_starts_from_a_disposed_incoming_letter(self):
		doc = create_document("Evaluasi Kinerja", self.office)
		with as_user(self.office.camat):
			evaluasi = frappe.get_doc("Evaluasi Kinerja", doc.name)
			evaluasi.surat_masuk = make_incoming_letter(self.office, disposed=False)
			evaluasi.save()
			with self.assertRaises(KelengkapanError):
				apply_workflow(frappe.get_doc("Evaluasi Kinerja", doc.name), "Teruskan")
			evaluasi = frappe.get_doc("Evaluasi Kinerja", doc.name)
			evaluasi.surat_masuk = make_incoming_letter(self.office)
			evaluasi.save()
			moved = apply_workflow(frappe.get_doc("Evaluasi Kinerja", doc.name), "Teruskan")
		self.assertEqual(moved.current_step, 2)
		self.assertIn("Bentuk tim", moved.disposisi_surat_masuk)
