"""The Evaluasi and LKjIP budget tables (Realisasi Program) from the imported LRA.

An LRA line belongs to a sub-kegiatan; its code's prefix names the kegiatan
and the program (7.01.02.2.01.0001 → 7.01.02.2.01 → 7.01.02). The table gets
one row per program (or kegiatan) with the budget and realisation summed from
the lines (kinerja_sop.domain.sipd.rollup); what people entered per row
(performance achievement, physical realisation, remarks) is kept for the
same code. Absorption and efficiency then follow from the imported figures
(Realisasi Program's compute_efficiency).
"""

from decimal import Decimal

import frappe
from frappe import _

from kinerja_sop.domain import sipd

REALISATION = "Realisasi Anggaran SIPD"
BUDGET_TABLES = {"Evaluasi Kinerja": "efisiensi_program", "Laporan Kinerja": "realisasi_anggaran"}
ROLLUP_LEVELS = {"Program": sipd.PROGRAM, "Kegiatan": sipd.KEGIATAN}
KEPT_FIELDS = ("capaian_kinerja", "realisasi_fisik", "keterangan")


class NoLraImported(frappe.ValidationError):
	pass


def lra_totals(unit_kerja: str, tahun: int, periode: str, level: str = sipd.PROGRAM) -> list[sipd.Totals]:
	lines = [
		sipd.LraLine(
			0,
			row.kode_sub_giat,
			row.kode_rekening,
			row.nama_rekening,
			Decimal(str(row.anggaran)),
			Decimal(str(row.realisasi)),
		)
		for row in frappe.get_all(
			REALISATION,
			filters={"unit_kerja": unit_kerja, "tahun": tahun, "periode": periode},
			fields=["kode_sub_giat", "kode_rekening", "nama_rekening", "anggaran", "realisasi"],
		)
	]
	return sipd.rollup(lines, level)


def budget_rows(unit_kerja: str, tahun: int, periode: str, tingkat: str = "Program") -> list[dict]:
	level = ROLLUP_LEVELS.get(tingkat)
	if not level:
		frappe.throw(_("Roll up to Program or Kegiatan, not {0}.").format(tingkat))
	totals = lra_totals(unit_kerja, tahun, periode, level)
	if not totals:
		frappe.throw(
			_("No LRA of {0} for {1} {2} has been imported.").format(unit_kerja, periode, tahun),
			exc=NoLraImported,
		)
	names = dict(
		frappe.get_all(
			"Nomenklatur SIPD",
			filters={"name": ("in", [t.code for t in totals])},
			fields=["name", "nama"],
			as_list=True,
		)
	)
	source = _("LRA SIPD {0} {1}").format(periode, tahun)
	return [
		{
			"kode_nomenklatur": total.code,
			"program": f"{total.code} {names.get(total.code) or ''}".strip(),
			"pagu_anggaran": float(total.anggaran),
			"realisasi_anggaran": float(total.realisasi),
			"sumber_anggaran": source,
		}
		for total in totals
	]


def apply_budget_rows(doc, rows: list[dict]) -> None:
	"""Replace the budget table with the LRA's rows, keeping what people entered
	per program (matched by code)."""
	fieldname = BUDGET_TABLES[doc.doctype]
	entered = {
		row.kode_nomenklatur: {f: row.get(f) for f in KEPT_FIELDS}
		for row in doc.get(fieldname)
		if row.kode_nomenklatur
	}
	doc.set(fieldname, [])
	for row in rows:
		doc.append(fieldname, {**row, **entered.get(row["kode_nomenklatur"], {})})


@frappe.whitelist()
def fill_budget_table(doctype: str, name: str, periode: str, tingkat: str = "Program") -> dict:
	"""Fill an Evaluasi Kinerja's or Laporan Kinerja's budget table from the
	unit's imported LRA of the document's year and the given period."""
	if doctype not in BUDGET_TABLES:
		frappe.throw(_("{0} has no budget table to fill from the LRA.").format(doctype))
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("write")
	apply_budget_rows(doc, budget_rows(doc.unit_kerja, doc.tahun, periode, tingkat))
	doc.save()
	return doc.as_dict()
