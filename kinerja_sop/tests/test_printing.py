"""Every document prints as an official government document, through Frappe's
own printing (Jinja print formats, wkhtmltopdf), and a guest can verify it."""

import os
import subprocess
import urllib.request
from urllib.parse import parse_qs, urlparse

import frappe
from frappe.utils import get_url

from kinerja_sop.domain.catalogue import SOP_DOCUMENTS
from kinerja_sop.domain.indonesian import tanggal_panjang
from kinerja_sop.kinerja.doctype.unit_kerja.unit_kerja import InvalidLogoError
from kinerja_sop.printing import sidik, verification_token, verification_url
from kinerja_sop.tests.sop_walk import IndonesianTestCase, create_document, make_office
from kinerja_sop.walk import act, actor, current_step, walk_to_end
from kinerja_sop.www.verifikasi import verify

# The smallest valid PNG (1 × 1, transparent).
PNG = bytes.fromhex(
	"89504e470d0a1a0a0000000d4948445200000001000000010806000000"
	"1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def pdf_text(pdf: bytes) -> str:
	return subprocess.run(
		["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
	).stdout.decode()


class TestPrinting(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("CETAK")
		cls.finished = {
			doctype: walk_to_end(create_document(doctype, cls.office), cls.office)[0]
			for doctype in SOP_DOCUMENTS
		}
		camat = frappe.get_doc("Unit Kerja", cls.office.unit).officials[0]
		cls.nip = f"{camat.nip[:8]} {camat.nip[8:14]} {camat.nip[14]} {camat.nip[15:]}"

	def assert_official(self, text, doc):
		self.assertIn("KECAMATAN UJI CETAK", text)
		self.assertIn("PEMERINTAH KABUPATEN BANDUNG", text)
		self.assertIn(f"NIP. {self.nip}", text)
		self.assertIn(tanggal_panjang(frappe.utils.getdate(doc.signed_at or doc.modified)), text)
		if doc.get("nomor_surat"):
			self.assertIn(doc.nomor_surat, text)

	def test_every_document_renders_in_every_state(self):
		for doctype, doc in self.finished.items():
			with self.subTest(doctype=doctype):
				html = frappe.get_print(doctype, doc.name, f"{doctype} Resmi")
				self.assert_official(html, doc)
				self.assertNotIn(">KONSEP<", html)
				self.assertIn("data:image/svg+xml;base64,", html)  # the verification QR code
		draft = create_document("Renja", self.office)
		self.assertIn(">KONSEP<", frappe.get_print("Renja", draft.name, "Renja Resmi"))

	def test_signature_block_paraf_and_letter_number(self):
		renja = self.finished["Renja"]
		html = frappe.get_print("Renja", renja.name, "Renja Resmi")
		self.assertIn("Paraf Sekretaris", html)
		self.assertTrue(renja.nomor_surat)
		self.assertIn(f"Nomor: {renja.nomor_surat}", html)

	def test_outgoing_letter_and_disposition_sheet(self):
		letter = frappe.get_doc("Surat Keluar", self.finished["Renja"].surat_keluar)
		html = frappe.get_print("Surat Keluar", letter.name, "Surat Keluar Resmi")
		self.assertIn(letter.nomor_surat, html)
		self.assertIn("Bersama ini kami sampaikan", html)
		self.assertIn(f"NIP. {self.nip}", html)
		self.assertIn("Kepada Yth.", html)
		letter.db_set("atas_nama", "a.n.")
		letter.db_set("atas_nama_jabatan", "Camat Uji Cetak")
		letter.db_set("jabatan_penandatangan", "Sekretaris")
		on_behalf = frappe.get_print("Surat Keluar", letter.name, "Surat Keluar Resmi")
		self.assertIn("a.n. CAMAT UJI CETAK", on_behalf)
		incoming = frappe.get_doc("Surat Masuk", self.finished["Evaluasi Kinerja"].surat_masuk)
		sheet = frappe.get_print("Surat Masuk", incoming.name, "Lembar Disposisi")
		self.assertIn("LEMBAR DISPOSISI", sheet)
		self.assertIn(incoming.disposisi[0].instruksi, sheet)
		self.assertIn(incoming.nomor_agenda, sheet)

	def test_sop_sheet_draws_each_step_in_its_actors_column(self):
		html = frappe.get_print("SOP Kinerja", "SOP Perencanaan Kinerja", "Lembar SOP")
		self.assertEqual(html.count('class="simbol terminator"'), 2)
		self.assertEqual(html.count('class="simbol decision"'), 2)
		self.assertEqual(html.count('class="simbol process"'), 8)
		self.assertIn("Menggandakan, mengagenda serta pendistribusian", html)

	def test_every_print_format_renders_to_pdf(self):
		if not self.pdf_server_reachable():
			return
		for doctype, doc in self.finished.items():
			with self.subTest(doctype=doctype):
				text = pdf_text(frappe.get_print(doctype, doc.name, f"{doctype} Resmi", as_pdf=True))
				self.assert_official(text, doc)
		letter = frappe.get_doc("Surat Keluar", self.finished["Renja"].surat_keluar)
		receipt = pdf_text(
			frappe.get_print("Surat Keluar", letter.name, "Tanda Terima Surat Keluar", as_pdf=True)
		)
		self.assertIn(letter.nomor_surat, receipt)
		self.assertIn("TANDA TERIMA SURAT", receipt)
		cover = pdf_text(frappe.get_print("Surat Keluar", letter.name, "Surat Keluar Resmi", as_pdf=True))
		self.assertIn(letter.nomor_surat, cover)
		self.assertIn(f"NIP. {self.nip}", cover)
		incoming = self.finished["Evaluasi Kinerja"].surat_masuk
		self.assertIn(
			"LEMBAR DISPOSISI",
			pdf_text(frappe.get_print("Surat Masuk", incoming, "Lembar Disposisi", as_pdf=True)),
		)
		sheet = pdf_text(
			frappe.get_print("SOP Kinerja", "SOP Perencanaan Kinerja", "Lembar SOP", as_pdf=True)
		)
		self.assertIn("SOP Perencanaan Kinerja", sheet)

	def test_guest_verification_shows_only_the_public_facts(self):
		renja = self.finished["Renja"]
		with self.set_user("Guest"):
			result = verify("Renja", renja.name, verification_token("Renja", renja.name), sidik(renja))
			self.assertEqual(set(result), {"found", "jenis", "nomor", "tanggal", "unit", "status", "sah"})
			self.assertEqual(
				(result["nomor"], result["unit"], result["sah"]), (renja.nomor_surat, self.office.unit, True)
			)
			token = verification_token("Renja", renja.name)
			self.assertFalse(verify("Renja", renja.name, token, "000000000000")["sah"])
			self.assertEqual(
				verify("User", "Administrator", verification_token("User", "Administrator"), None),
				{"found": False},
			)
			self.assertFalse(frappe.has_permission("Renja", "read", renja.name))

	def test_a_paper_printed_after_signing_still_verifies_after_the_later_steps(self):
		renja = create_document("Renja", self.office)
		while renja.docstatus == 0:  # up to and including the Camat's signature
			_sop, plan, step = current_step(renja)
			action = plan.transitions_from(renja.workflow_state)[0].action
			renja = act(renja, actor(self.office, step.role, step), action, self.office)
		html = frappe.get_print("Renja", renja.name, "Renja Resmi")
		printed = parse_qs(urlparse(verification_url(renja)).query)
		paper = {key: values[0] for key, values in printed.items()}
		self.assertIn(paper["sidik"], html)
		self.assertEqual(set(paper), {"dokumen", "nomor", "kunci", "sidik"})
		state_at_printing = renja.workflow_state

		finished, _actors = walk_to_end(renja, self.office)  # disposition, letter number, delivery
		self.assertNotEqual(finished.workflow_state, state_at_printing)
		self.assertTrue(finished.nomor_surat)
		with self.set_user("Guest"):
			result = verify(paper["dokumen"], paper["nomor"], paper["kunci"], paper["sidik"])
			page = self.verification_page(paper)
		self.assertEqual(
			(result["sah"], result["status"], result["nomor"]),
			(True, frappe._(finished.workflow_state), finished.nomor_surat),
		)
		self.assertIn("Sidik yang tercetak cocok dengan dokumen ini.", page)
		self.assertIn(finished.nomor_surat, page)

		# A signed field changed afterwards (behind the SOP's back) no longer matches.
		frappe.db.set_value(
			"Renja", renja.name, "tujuan_dan_sasaran", "Tujuan yang diubah setelah ditandatangani."
		)
		with self.set_user("Guest"):
			self.assertFalse(verify(paper["dokumen"], paper["nomor"], paper["kunci"], paper["sidik"])["sah"])
			self.assertIn("tidak cocok", self.verification_page(paper))

	def test_guessing_names_without_the_printed_key_reveals_nothing(self):
		renja = self.finished["Renja"]
		fingerprint = sidik(renja)
		nothing = {"found": False}
		with self.set_user("Guest"):
			absent = self.verification_page({"dokumen": "Renja", "nomor": "RENJA-9999-99999"})
			for token in (None, "", "A" * 24, verification_token("Renja", "RENJA-9999-99999"), ["x"]):
				with self.subTest(token=token):
					self.assertEqual(verify("Renja", renja.name, token, fingerprint), nothing)
			guessed = self.verification_page({"dokumen": "Renja", "nomor": renja.name, "sidik": fingerprint})
			# The key of one document opens no other.
			other = self.finished["Data IKU"]
			self.assertEqual(
				verify("Data IKU", other.name, verification_token("Renja", renja.name), sidik(other)), nothing
			)
		self.assertEqual(guessed, absent.replace("RENJA-9999-99999", renja.name))
		for secret in (renja.nomor_surat, self.office.unit, renja.workflow_state):
			self.assertNotIn(secret, guessed)
		self.assertIn("Tidak ada dokumen yang cocok", guessed)
		# The key is the site's HMAC, not something derived from public facts.
		self.assertGreaterEqual(len(verification_token("Renja", renja.name)), 24)
		self.assertNotEqual(verification_token("Renja", renja.name), verification_token("Renja", other.name))

	def verification_page(self, query: dict) -> str:
		"""The public page as Frappe's website renders it for the request."""
		from frappe.utils import set_request
		from frappe.website.serve import get_response_content

		request = getattr(frappe.local, "request", None)
		set_request(method="GET", path="/verifikasi")
		frappe.local.form_dict = frappe._dict(query)
		try:
			return get_response_content("verifikasi")
		finally:
			# A GET request left behind makes Frappe's print view commit its access log.
			if request is None:
				del frappe.local.request
			else:
				frappe.local.request = request
			frappe.local.form_dict = frappe._dict()

	def test_the_letterhead_logo_is_an_uploaded_image_and_cannot_become_an_attribute(self):
		unit = frappe.get_doc("Unit Kerja", self.office.unit)
		logo = frappe.get_doc(
			{"doctype": "File", "file_name": "logo-cetak.png", "content": PNG, "is_private": 0}
		).insert(ignore_permissions=True)
		hostile = (
			f'{logo.file_url}" onerror="alert(1)',
			"/files/tidak-ada.png",
			"https://contoh.example/logo.png",
			"javascript:alert(1)",
			'/files/logo.png"><script>alert(1)</script>',
			self.office.attachment,  # an uploaded file, but not an image
		)
		for value in hostile:
			with self.subTest(logo=value):
				unit = frappe.get_doc("Unit Kerja", self.office.unit)
				unit.logo = value
				with self.assertRaises(InvalidLogoError) as raised:
					unit.save()
				self.assertIn("bukan berkas gambar yang diunggah", str(raised.exception))
		unit.reload()
		unit.logo = logo.file_url
		unit.save()
		html = frappe.get_print("Renja", self.finished["Renja"].name, "Renja Resmi")
		self.assertIn(f'<img src="{logo.file_url}">', html)

		# A value already stored (before the check existed) is escaped in every letterhead.
		frappe.db.set_value("Unit Kerja", unit.name, "logo", '/files/logo.png" onerror="alert(1)')
		frappe.clear_document_cache("Unit Kerja", unit.name)
		html = frappe.get_print("Renja", self.finished["Renja"].name, "Renja Resmi")
		self.assertNotIn('onerror="alert(1)"', html)
		self.assertIn('src="/files/logo.png&#34; onerror=&#34;alert(1)"', html)
		frappe.db.set_value("Unit Kerja", unit.name, "logo", None)

	def pdf_server_reachable(self) -> bool:
		"""wkhtmltopdf fetches the print CSS from the site's own URL."""
		try:
			urllib.request.urlopen(get_url("/api/method/ping"), timeout=5)
			return True
		except OSError:
			if os.environ.get("KINERJA_REQUIRE_PDF"):
				raise
			self.skipTest(f"no web server answers at {get_url()}: PDFs not rendered (see README, Tests)")
