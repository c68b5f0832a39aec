"""Signed webhooks: Frappe's own Webhook records the app ships, delivered for real to a
receiver on 127.0.0.1 that checks X-Frappe-Webhook-Signature the way an integrator would."""

import base64
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import frappe
from frappe.integrations.doctype.webhook import flush_webhook_execution_queue

from kinerja_sop.integrations.webhooks import PLACEHOLDER_URL, PREFIX, SIGNED_DOCUMENTS
from kinerja_sop.tests.sop_walk import IndonesianTestCase, create_document, make_office
from kinerja_sop.walk import as_user, deliver_letter, walk_to_end

SECRET = "rahasia-penerima-uji"


class Receiver(ThreadingHTTPServer):
	"""An integrator's endpoint: keeps what arrives and whether its signature holds."""

	def __init__(self, secret: str):
		super().__init__(("127.0.0.1", 0), ReceiverHandler)
		self.secret, self.deliveries = secret, []

	@property
	def url(self) -> str:
		return f"http://127.0.0.1:{self.server_address[1]}/kinerja"


class ReceiverHandler(BaseHTTPRequestHandler):
	def do_POST(self):
		body = self.rfile.read(int(self.headers["Content-Length"]))
		expected = base64.b64encode(hmac.new(self.server.secret.encode(), body, hashlib.sha256).digest())
		signature = self.headers.get("X-Frappe-Webhook-Signature", "").encode()
		self.server.deliveries.append(
			{
				"valid": hmac.compare_digest(expected, signature),
				"content_type": self.headers.get("Content-Type"),
				"payload": json.loads(body),
			}
		)
		self.send_response(200 if hmac.compare_digest(expected, signature) else 401)
		self.end_headers()

	def log_message(self, *args):
		pass


class TestWebhooks(IndonesianTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = make_office("WH")
		cls.receiver = Receiver(SECRET)
		cls.thread = threading.Thread(target=cls.receiver.serve_forever, daemon=True)
		cls.thread.start()

	@classmethod
	def tearDownClass(cls):
		cls.receiver.shutdown()
		cls.receiver.server_close()
		super().tearDownClass()

	def setUp(self):
		frappe.db.savepoint("webhooks")
		self.addCleanup(frappe.db.rollback, save_point="webhooks")
		self.addCleanup(frappe.cache.delete_value, "webhooks")
		self.receiver.deliveries.clear()

	def enable(self, name: str, secret: str = SECRET):
		webhook = frappe.get_doc("Webhook", f"{PREFIX}{name}")
		webhook.update(
			{"enabled": 1, "request_url": self.receiver.url, "enable_security": 1, "webhook_secret": secret}
		)
		webhook.save(ignore_permissions=True)

	def deliver(self):
		"""What happens at commit: Frappe queues the webhook jobs (run inline under tests)."""
		flush_webhook_execution_queue()
		frappe.db.after_commit.reset()
		return [d["payload"] for d in self.receiver.deliveries]

	def test_shipped_records_are_disabled_until_an_administrator_configures_them(self):
		shipped = frappe.get_all(
			"Webhook",
			filters={"name": ("like", f"{PREFIX}%")},
			fields=["webhook_doctype", "webhook_docevent", "enabled", "request_url", "request_structure"],
		)
		self.assertEqual(
			sorted((w.webhook_doctype, w.webhook_docevent) for w in shipped),
			sorted(
				[(d, "on_submit") for d in SIGNED_DOCUMENTS]
				+ [
					("Pengukuran Kinerja", "on_submit"),
					("Surat Keluar", "on_submit"),
					("Surat Keluar", "on_change"),
				]
			),
		)
		self.assertTrue(all(not w.enabled and w.request_url == PLACEHOLDER_URL for w in shipped))
		self.assertTrue(all(w.request_structure == "JSON" for w in shipped))

	def test_registration_and_delivery_of_a_letter_arrive_signed(self):
		self.enable("Surat Keluar terdaftar")
		self.enable("Surat Keluar diterima semua")
		with as_user(self.office.umum):
			letter = frappe.get_doc(
				{
					"doctype": "Surat Keluar",
					"unit_kerja": self.office.unit,
					"tanggal": "2027-03-01",
					"klasifikasi": "000.7.2.8",
					"perihal": "Laporan Kinerja Triwulan I",
				}
			).insert()
			letter = deliver_letter(letter.name, recipients=("Bupati Bandung",))
		payloads = self.deliver()
		self.assertEqual(len(self.receiver.deliveries), 2)
		self.assertTrue(all(d["valid"] for d in self.receiver.deliveries))
		self.assertEqual(self.receiver.deliveries[0]["content_type"], "application/json")
		registered, delivered = payloads
		self.assertEqual(registered["event"], "kinerja_sop.surat_keluar.registered")
		self.assertEqual(registered["schema"], 1)
		self.assertEqual(delivered["event"], "kinerja_sop.surat_keluar.delivered")
		self.assertEqual(delivered["nomor_surat"], letter.nomor_surat)
		self.assertEqual(delivered["status"], "Diterima Semua")
		self.assertEqual(delivered["unit_kerja"], self.office.unit)
		(recipient,) = delivered["penerima"]
		self.assertEqual(
			(recipient["nama_penerima"], recipient["diterima_oleh"]), ("Bupati Bandung", "Penerima 1")
		)
		logs = frappe.get_all(
			"Webhook Request Log", filters={"reference_document": letter.name}, pluck="error"
		)
		self.assertEqual(len(logs), 2)

	def test_a_wrong_secret_fails_the_receivers_check(self):
		self.enable("Surat Keluar terdaftar", secret="bukan-rahasianya")
		with as_user(self.office.umum):
			letter = frappe.get_doc(
				{
					"doctype": "Surat Keluar",
					"unit_kerja": self.office.unit,
					"tanggal": "2027-03-02",
					"klasifikasi": "000.7.2.8",
					"perihal": "Uji Rahasia",
					"penerima": [{"nama_penerima": "Camat Tetangga", "metode_pengiriman": "Pos"}],
				}
			).insert()
			from frappe.model.workflow import apply_workflow

			apply_workflow(letter, "Daftarkan")
		self.deliver()
		self.assertTrue(self.receiver.deliveries)
		self.assertFalse(any(d["valid"] for d in self.receiver.deliveries))

	def test_a_finished_measurement_and_a_signed_document_arrive_signed(self):
		self.enable("Pengukuran Kinerja selesai")
		self.enable("Renja ditandatangani")
		pengukuran, _ = walk_to_end(create_document("Pengukuran Kinerja", self.office), self.office)
		renja, _ = walk_to_end(create_document("Renja", self.office), self.office)
		payloads = {p["event"]: p for p in self.deliver()}
		self.assertTrue(all(d["valid"] for d in self.receiver.deliveries))
		measured = payloads["kinerja_sop.pengukuran.finished"]
		self.assertEqual((measured["doctype"], measured["name"]), ("Pengukuran Kinerja", pengukuran.name))
		self.assertEqual(measured["periode"], pengukuran.periode)
		self.assertEqual(len(measured["indikator"]), len(pengukuran.indikator))
		signed = payloads["kinerja_sop.document.signed"]
		self.assertEqual((signed["doctype"], signed["name"]), ("Renja", renja.name))
		self.assertEqual(signed["signed_by"], self.office.camat)
		self.assertTrue(signed["signed_at"])
		self.assertEqual(signed["unit_kerja"], self.office.unit)
