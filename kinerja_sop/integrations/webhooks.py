"""Signed webhooks for integrators: Frappe's own Webhook records, shipped disabled.

An administrator enables one, points it at the receiver and sets its secret;
Frappe then signs each delivery (`X-Frappe-Webhook-Signature`: base64 of the
HMAC-SHA256 of the body with the secret) and retries it three times, logging
every try in Webhook Request Log. The payloads below are the stable contract
(`schema` 1) that README "For integrators" documents: fields may be added,
never renamed or removed within a schema.

The records are created when missing (install, migrate) and never overwritten,
so an administrator's URL, secret and switch survive upgrades.
"""

import frappe

PREFIX = "Kinerja SOP: "
PLACEHOLDER_URL = "https://penerima.example.invalid/kinerja-sop"
SCHEMA = 1

_DOCUMENT = """
  "doctype": {{ doc.doctype | tojson }},
  "name": {{ doc.name | tojson }},
  "title": {{ doc.title | tojson }},
  "unit_kerja": {{ doc.unit_kerja | tojson }},
  "tahun": {{ doc.tahun | tojson }},
  "workflow_state": {{ doc.workflow_state | tojson }},
  "signed_by": {{ doc.signed_by | tojson }},
  "signed_at": {{ doc.signed_at | tojson }},
  "modified": {{ doc.modified | tojson }}"""

_INDICATORS = """,
  "periode": {{ doc.periode | tojson }},
  "capaian_keseluruhan": {{ doc.capaian_keseluruhan | tojson }},
  "predikat_keseluruhan": {{ doc.predikat_keseluruhan | tojson }},
  "indikator": [{% for row in doc.indikator %}
    {"indikator_kinerja": {{ row.indikator_kinerja | tojson }}, "indikator": {{ row.indikator | tojson }},
     "satuan": {{ row.satuan | tojson }}, "target": {{ row.target | tojson }},
     "realisasi": {{ row.realisasi | tojson }}, "capaian": {{ row.capaian | tojson }},
     "predikat": {{ row.predikat | tojson }}}{% if not loop.last %},{% endif %}{% endfor %}
  ]"""

_LETTER = """
  "name": {{ doc.name | tojson }},
  "unit_kerja": {{ doc.unit_kerja | tojson }},
  "nomor_surat": {{ doc.nomor_surat | tojson }},
  "tanggal": {{ doc.tanggal | tojson }},
  "klasifikasi": {{ doc.klasifikasi | tojson }},
  "perihal": {{ doc.perihal | tojson }},
  "sifat": {{ doc.sifat | tojson }},
  "status": {{ doc.status | tojson }},
  "penandatangan": {"jabatan": {{ doc.jabatan_penandatangan | tojson }}, "nama": {{ doc.nama_penandatangan | tojson }}, "nip": {{ doc.nip_penandatangan | tojson }}},
  "reference_doctype": {{ doc.reference_doctype | tojson }},
  "reference_name": {{ doc.reference_name | tojson }},
  "penerima": [{% for row in doc.penerima %}
    {"nama_penerima": {{ row.nama_penerima | tojson }}, "metode_pengiriman": {{ row.metode_pengiriman | tojson }},
     "status_penerimaan": {{ row.status_penerimaan | tojson }}, "dikirim_pada": {{ row.dikirim_pada | tojson }},
     "diterima_pada": {{ row.diterima_pada | tojson }}, "diterima_oleh": {{ row.diterima_oleh | tojson }}}{% if not loop.last %},{% endif %}{% endfor %}
  ],
  "modified": {{ doc.modified | tojson }}"""


def payload(event: str, body: str) -> str:
	"""The Jinja template of a webhook's JSON body: the event envelope, then the record."""
	return "{\n" + f'  "event": "{event}",\n  "schema": {SCHEMA},' + body + "\n}"


SIGNED = payload("kinerja_sop.document.signed", _DOCUMENT)
MEASURED = payload("kinerja_sop.pengukuran.finished", _DOCUMENT + _INDICATORS)
LETTER_REGISTERED = payload("kinerja_sop.surat_keluar.registered", _LETTER)
LETTER_DELIVERED = payload("kinerja_sop.surat_keluar.delivered", _LETTER)

# Documents whose SOP has a signature (Tanda Tangani submits them).
SIGNED_DOCUMENTS = ("Renja", "Data IKU", "Laporan Kinerja", "Evaluasi Kinerja")


def shipped_webhooks() -> list[dict]:
	"""The Webhook records the app ships, by name."""
	hooks = [
		{
			"name": f"{PREFIX}{doctype} ditandatangani",
			"webhook_doctype": doctype,
			"webhook_docevent": "on_submit",
			"webhook_json": SIGNED,
		}
		for doctype in SIGNED_DOCUMENTS
	]
	hooks += [
		{
			"name": f"{PREFIX}Pengukuran Kinerja selesai",
			"webhook_doctype": "Pengukuran Kinerja",
			"webhook_docevent": "on_submit",
			"webhook_json": MEASURED,
		},
		{
			"name": f"{PREFIX}Surat Keluar terdaftar",
			"webhook_doctype": "Surat Keluar",
			"webhook_docevent": "on_submit",
			"webhook_json": LETTER_REGISTERED,
		},
		{
			# Frappe's run_webhooks never fires on_update_after_submit; on_change runs on every save.
			"name": f"{PREFIX}Surat Keluar diterima semua",
			"webhook_doctype": "Surat Keluar",
			"webhook_docevent": "on_change",
			"condition": "doc.status == 'Diterima Semua' and doc.has_value_changed('status')",
			"webhook_json": LETTER_DELIVERED,
		},
	]
	return hooks


def install_webhooks():
	"""Create the shipped Webhooks that are missing, disabled; never touch an existing one."""
	for spec in shipped_webhooks():
		if frappe.db.exists("Webhook", spec["name"]):
			continue
		webhook = frappe.new_doc("Webhook")
		webhook.update(
			{
				**spec,
				"request_url": PLACEHOLDER_URL,
				"request_method": "POST",
				"request_structure": "JSON",
				"enabled": 0,
				"enable_security": 0,
				"webhook_headers": [{"key": "Content-Type", "value": "application/json"}],
			}
		)
		webhook.insert(ignore_permissions=True, set_name=spec["name"])


def delete_webhooks(doctypes: list[str]):
	"""Webhooks on our DocTypes would point at nothing once the app is gone."""
	for name in frappe.get_all("Webhook", filters={"webhook_doctype": ("in", doctypes)}, pluck="name"):
		frappe.db.delete("Webhook Request Log", {"webhook": name})
		frappe.delete_doc("Webhook", name, force=True, ignore_permissions=True)
