"""A Renja's programme table (Program Kegiatan Renja) from the unit's imported
SIPD sub-kegiatan of the Renja's year: one row per sub-kegiatan, linked to its
nomenclature code, with its first output indicator, pagu and next-year pagu.
Rows typed by hand (no SIPD code) are kept; rows with a code are replaced."""

import frappe
from frappe import _

from kinerja_sop.domain import sipd
from kinerja_sop.entered import get_entered_rows

DATA_LENGTH = 140  # Frappe's Data column


class NoSubKegiatanImported(frappe.ValidationError):
	pass


def fits(text: str | None) -> str:
	"""A Data field takes 140 characters; the full text stays in Sub Kegiatan SIPD."""
	text = text or ""
	return text if len(text) <= DATA_LENGTH else text[: DATA_LENGTH - 1].rstrip() + "…"


def renja_rows(unit_kerja: str, tahun: int) -> list[dict]:
	records = get_entered_rows(
		"Sub Kegiatan SIPD",
		filters={"unit_kerja": unit_kerja, "tahun": tahun},
		fields=["name", "kode_sub_giat", "nama_sub_giat", "pagu", "pagu_n_depan"],
		order_by="kode_sub_giat",
	)
	if not records:
		frappe.throw(
			_("No SIPD sub-kegiatan of {0} for {1} have been imported.").format(unit_kerja, tahun),
			exc=NoSubKegiatanImported,
		)
	codes = {
		sipd.ancestor(r.kode_sub_giat, level) for r in records for level in (sipd.PROGRAM, sipd.KEGIATAN)
	}
	names = dict(
		frappe.get_all(
			"Nomenklatur SIPD", filters={"name": ("in", list(codes))}, fields=["name", "nama"], as_list=True
		)
	)
	outputs = {}
	for row in get_entered_rows(
		"Indikator Sub Kegiatan SIPD",
		filters={
			"parenttype": "Sub Kegiatan SIPD",
			"parent": ("in", [r.name for r in records]),
			"jenis": "Keluaran",
		},
		fields=["parent", "tolok_ukur", "target", "satuan"],
		order_by="idx",
	):
		outputs.setdefault(row.parent, row)
	rows = []
	for record in records:
		program = sipd.ancestor(record.kode_sub_giat, sipd.PROGRAM)
		kegiatan = sipd.ancestor(record.kode_sub_giat, sipd.KEGIATAN)
		output = outputs.get(record.name)
		rows.append(
			{
				"program": fits(f"{program} {names.get(program, '')}".strip()),
				"kegiatan": fits(f"{kegiatan} {names.get(kegiatan, '')}".strip()),
				"sub_kegiatan": fits(record.nama_sub_giat),
				"kode_sub_kegiatan": record.kode_sub_giat,
				"indikator_kinerja": fits(output.tolok_ukur) if output else None,
				"target": output.target if output else None,
				"satuan": output.satuan if output else None,
				"pagu_indikatif": record.pagu,
				"pagu_n_plus_1": record.pagu_n_depan,  # None where SIPD gave none
			}
		)
	return rows


@frappe.whitelist()
def fill_renja(name: str) -> dict:
	"""Fill the Renja's programme table from SIPD (the unit's imported sub-kegiatan)."""
	doc = frappe.get_doc("Renja", name)
	doc.check_permission("write")
	kept = [row.as_dict() for row in doc.program_kegiatan if not row.kode_sub_kegiatan]
	doc.set("program_kegiatan", [])
	for row in renja_rows(doc.unit_kerja, doc.tahun) + kept:
		doc.append("program_kegiatan", row)
	doc.save()
	return doc.as_dict()
