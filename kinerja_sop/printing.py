"""What the print formats need from the database, exposed to Jinja (hooks.py: jinja).

The official look (kop surat, signature block, QR) lives in the templates
under templates/print/; these functions only fetch and shape the facts.
"""

import base64
import hashlib
import hmac
import io
from urllib.parse import urlencode

import frappe
from frappe.utils import cint, flt, get_datetime, get_datetime_str, get_url, getdate

from kinerja_sop.domain import indonesian
from kinerja_sop.domain.catalogue import (
	CAMAT,
	DOCUMENT_TITLES,
	SOP_DOCUMENTS,
	SOP_ROLES,
	TEAM_ROLE,
	UNIT_DOCUMENTS,
)
from kinerja_sop.domain.kpi import TargetRange, is_entered
from kinerja_sop.domain.officials import NipError, parse_nip
from kinerja_sop.domain.workflow_builder import step_kind
from kinerja_sop.kinerja.doctype.laporan_kinerja.laporan_kinerja import agreed_targets

# The documents a printed QR code may point at.
VERIFIABLE = UNIT_DOCUMENTS
# Frappe keeps a standard DocType's default print format in a Property Setter
# (Customize Form), not in the DocType itself.
DEFAULT_PRINT_FORMATS = {
	**{doctype: f"{doctype} Resmi" for doctype in SOP_DOCUMENTS},
	"SOP Kinerja": "Lembar SOP",
	"Surat Keluar": "Surat Keluar Resmi",
	"Surat Masuk": "Lembar Disposisi",
}
# The SOP sheet's actor columns as the seed names them, read as roles.
ACTOR_COLUMN_ROLES = {"Tim": TEAM_ROLE, "Kasubag Renvapor": "Kasubag Evapor"}


def set_default_print_formats():
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	for doctype, print_format in DEFAULT_PRINT_FORMATS.items():
		if frappe.get_meta(doctype).default_print_format != print_format:
			make_property_setter(
				doctype,
				None,
				"default_print_format",
				print_format,
				"Data",
				for_doctype=True,
				validate_fields_for_doctype=False,
			)


def tanggal_indonesia(value, with_day: bool = False) -> str:
	return indonesian.tanggal_panjang(getdate(value), with_day) if value else ""


# What a print shows for a figure nobody entered (kinerja_sop.entered): never 0.
NOT_ENTERED = "-"


def angka_indonesia(value, decimals: int = 0) -> str:
	return indonesian.angka(value, decimals) if is_entered(value) else NOT_ENTERED


def rupiah(value) -> str:
	return indonesian.rupiah(value) if is_entered(value) else NOT_ENTERED


def nilai_satuan(value, satuan: str | None = "", decimals: int = 2) -> str:
	"""A figure with its unit of measure ("2,80 persen"), or "-" alone when not entered."""
	if not is_entered(value):
		return NOT_ENTERED
	return f"{indonesian.angka(value, decimals)} {satuan or ''}".strip()


def indikator_belum_diisi(rows) -> int:
	"""How many measured indicators of a table have no realisation entered (and no grade)."""
	return sum(
		1 for row in rows or [] if row.get("indikator_kinerja") and not is_entered(row.get("realisasi"))
	)


def judul_dokumen(doctype: str) -> str:
	"""The printed heading of a document, as the SOP catalogue names it."""
	return DOCUMENT_TITLES.get(doctype) or doctype.upper()


def kop_unit(unit_name: str) -> dict:
	"""The letterhead facts of a unit: names, address line, logo."""
	unit = frappe.get_cached_doc("Unit Kerja", unit_name)
	contacts = " · ".join(
		part
		for part in (
			f"Telp. {unit.phone}" if unit.phone else "",
			unit.email or "",
			unit.website or "",
		)
		if part
	)
	return {
		"pemerintah": f"PEMERINTAH {unit.regency_city}".upper(),
		"unit": unit.unit_name.upper(),
		"alamat": " ".join(part for part in (unit.address or "", unit.postal_code or "") if part),
		"kontak": contacts,
		"logo": unit.logo,
		"tempat": unit.unit_name.removeprefix("Kecamatan ").strip(),
	}


def penandatangan(unit_name: str, position: str = CAMAT) -> dict:
	"""The active holder of a position, as a signature block prints them."""
	unit = frappe.get_cached_doc("Unit Kerja", unit_name)
	row = next((r for r in unit.get_active_officials() if r.sop_role == position), None)
	if not row:
		return {"jabatan": position.upper(), "nama": "", "pangkat": "", "nip": ""}
	try:
		nip = parse_nip(row.nip).formatted if row.nip else ""
	except NipError:
		nip = row.nip
	jabatan = (row.position_title or f"{position} {kop_unit(unit_name)['tempat']}").upper()
	if row.get("acting"):  # Plt. / Plh. sign in the position they act in: "Plt. CAMAT CILEUNYI"
		jabatan = f"{row.acting} {jabatan}"
	return {
		"jabatan": jabatan,
		"nama": row.full_name,
		"pangkat": row.pangkat_golongan or "",
		"nip": nip,
	}


# What a signature covers: the document's content as it stood when it was signed.
# Fields the SOP keeps writing after that (state, current step, step log, letter
# number, delivery status, disposition, receipts) are left out, so a genuine paper
# printed at any step still verifies; the page shows the number beside it.
SIGNATURE_FIELDS = ("paraf_by", "paraf_at", "signed_by", "signed_at")
AFTER_SIGNING_FIELDS = ("workflow_state", "status", "disposisi")
NO_VALUE_TYPES = frozenset(
	("Section Break", "Column Break", "Tab Break", "HTML", "Button", "Fold", "Heading")
)


def signed_fields(meta) -> list:
	"""The fields of a document that its signature covers."""
	return [
		df
		for df in meta.fields
		if df.fieldtype not in NO_VALUE_TYPES
		and not df.is_virtual
		and df.fieldname not in AFTER_SIGNING_FIELDS
		and (df.fieldname in SIGNATURE_FIELDS or not df.allow_on_submit)
	]


def signed_content(doc) -> dict:
	"""The signed content of a document, child rows by their own signed fields, each
	value in one canonical form (a document in memory and the same one read back
	from the database give the same content)."""
	content = {"doctype": doc.doctype, "name": doc.name}
	for df in signed_fields(doc.meta):
		value = doc.get(df.fieldname)
		if df.fieldtype in ("Table", "Table MultiSelect"):
			child_fields = signed_fields(frappe.get_meta(df.options))
			value = [
				{"name": row.name, **{f.fieldname: canonical(f, row.get(f.fieldname)) for f in child_fields}}
				for row in value or []
			]
		else:
			value = canonical(df, value)
		content[df.fieldname] = value
	return content


def canonical(df, value):
	if value is None or value == "":
		return None
	if df.fieldtype in ("Float", "Currency", "Percent"):
		return flt(value)
	if df.fieldtype in ("Int", "Check"):
		return cint(value)
	if df.fieldtype == "Date":
		return getdate(value).isoformat()
	if df.fieldtype == "Datetime":
		return get_datetime_str(get_datetime(value))
	return value if isinstance(value, str) else str(value)


def sidik(doc) -> str:
	"""A short fingerprint of a document's signed content: any change to it changes
	this, while the steps after the signature do not."""
	content = frappe.as_json(signed_content(doc), indent=None)
	return hashlib.sha256(content.encode()).hexdigest()[:12].upper()


def verification_token(doctype: str, name: str) -> str:
	"""The unguessable key printed in the QR code: an HMAC of the document's name
	under the site's own secret, so only a paper (or a user who may print it) has it."""
	from frappe.utils.password import get_encryption_key

	message = f"kinerja_sop.verifikasi\n{doctype}\n{name}".encode()
	digest = hmac.new(get_encryption_key().encode(), message, hashlib.sha256).digest()
	return base64.b32encode(digest[:15]).decode()


def valid_verification_token(doctype: str, name: str, token) -> bool:
	if not isinstance(token, str) or not token:
		return False
	return hmac.compare_digest(token.strip().upper().encode(), verification_token(doctype, name).encode())


def verification_url(doc) -> str:
	query = urlencode(
		{
			"dokumen": doc.doctype,
			"nomor": doc.name,
			"kunci": verification_token(doc.doctype, doc.name),
			"sidik": sidik(doc),
		}
	)
	return get_url(f"/verifikasi?{query}")


def qr_verifikasi(doc) -> str:
	"""A data URI of the QR code pointing at the public verification page."""
	from pyqrcode import create  # Frappe's own dependency (two-factor login)

	buffer = io.BytesIO()
	create(verification_url(doc), error="M").svg(buffer, scale=3, quiet_zone=2, xmldecl=False)
	return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def sop_sheet_rows(sop_name: str) -> dict:
	"""The SOP sheet: actor columns, and per step the column its symbol goes in."""
	sop_doc = frappe.get_cached_doc("SOP Kinerja", sop_name)
	sop = sop_doc.as_sop()
	columns = [c for c in (sop_doc.actor_columns or "").split("\n") if c] or [
		"Tim" if role == TEAM_ROLE else role for role in SOP_ROLES
	]
	roles = [ACTOR_COLUMN_ROLES.get(column, column) for column in columns]
	rows = []
	last = len(sop.steps)
	for step in sop.steps:
		kind = step_kind(step)
		rows.append(
			{
				"step": step,
				"column": roles.index(step.role) if step.role in roles else None,
				"symbol": "terminator"
				if step.no in (1, last)
				else ("decision" if kind == "check" else "process"),
			}
		)
	return {"columns": columns, "rows": rows}


def perjanjian_kinerja(doc) -> list[dict]:
	"""The performance agreement's targets for the report's year: each indicator of
	the report's analysis rows (taken from its Pengukuran), with the target its
	master sets for that year."""
	rows = []
	for row, master, target in agreed_targets(doc):
		if isinstance(target, TargetRange):
			shown = f"{angka_indonesia(target.low, 2)} – {angka_indonesia(target.high, 2)}"
		else:
			shown = angka_indonesia(target, 2)
		rows.append({"indikator": row.indikator, "satuan": master.satuan or "", "target": shown})
	return rows


def lampiran(doc) -> list[str]:
	"""The report's annexes: what it was assembled from, and the attached annex."""
	annexes = []
	if doc.get("renja"):
		annexes.append(f"Renja {doc.renja}")
	if doc.get("pengukuran"):
		annexes.append(f"Pengukuran Kinerja {doc.pengukuran}")
	data_iku = frappe.get_all(
		"Data IKU",
		filters={"unit_kerja": doc.unit_kerja, "tahun": doc.tahun, "docstatus": 1},
		pluck="name",
		order_by="name",
	)
	annexes += [f"Data IKU {name}" for name in data_iku]
	if doc.get("lampiran_laporan"):
		annexes.append(doc.lampiran_laporan.rsplit("/", 1)[-1])
	return annexes
