"""e-SAKIP export: what a kecamatan hands the SAKIP evaluator for one year.

- the Perjanjian Kinerja (print format "Perjanjian Kinerja") and the LKjIP
  (print format "Laporan Kinerja Resmi") of the unit's Laporan Kinerja, as PDFs;
- an XLSX of the IKU: target, realisation per quarter from the signed quarterly
  Pengukuran Kinerja, final realisation, capaian and predikat
  (kinerja_sop.domain.esakip).

A signed Laporan Kinerja is taken when there is one; otherwise the latest draft,
printed with its KONSEP watermark and named so.
"""

import io
import zipfile

import frappe
from frappe import _
from frappe.utils import cint
from frappe.utils.xlsxutils import make_xlsx

from kinerja_sop.domain import esakip, indonesian
from kinerja_sop.domain.kpi import TargetRange

POLARITY = {"Higher is Better": "higher", "Lower is Better": "lower", "Within a Range": "range"}
FILES = ("zip", "pk", "lkjip", "iku")


class NoReport(frappe.ValidationError):
	pass


def laporan_for(unit_kerja: str, tahun: int) -> str:
	for docstatus in (1, 0):
		name = frappe.db.get_value(
			"Laporan Kinerja",
			{"unit_kerja": unit_kerja, "tahun": tahun, "docstatus": docstatus},
			"name",
			order_by="modified desc",
		)
		if name:
			return name
	frappe.throw(
		_("{0} has no Laporan Kinerja for {1}: nothing to export to e-SAKIP.").format(unit_kerja, tahun),
		exc=NoReport,
	)


def shown_target(target) -> str:
	if target is None:
		return ""
	if isinstance(target, TargetRange):
		return f"{indonesian.angka(target.low, 2)} – {indonesian.angka(target.high, 2)}"
	return indonesian.angka(target, 2)


def ikus(unit_kerja: str, tahun: int) -> list[esakip.Iku]:
	"""Each indicator measured in the unit's signed Pengukuran Kinerja of the year,
	with its measurement of each period."""
	measurements = {
		row.name: row.periode
		for row in frappe.get_all(
			"Pengukuran Kinerja",
			filters={"unit_kerja": unit_kerja, "tahun": tahun, "docstatus": 1},
			fields=["name", "periode"],
		)
	}
	rows = frappe.get_all(
		"Indikator Pengukuran",
		filters={
			"parenttype": "Pengukuran Kinerja",
			"parent": ("in", list(measurements) or [""]),
			"indikator_kinerja": ("is", "set"),
		},
		fields=["parent", "indikator_kinerja", "realisasi", "capaian", "predikat"],
	)
	by_indicator: dict[str, dict[str, esakip.Measured]] = {}
	for row in rows:
		period = measurements.get(row.parent)
		if period:
			by_indicator.setdefault(row.indikator_kinerja, {})[period] = esakip.Measured(
				row.realisasi, row.capaian, row.predikat
			)
	result = []
	for name in sorted(
		by_indicator, key=lambda n: (frappe.db.get_value("Indikator Kinerja", n, "kode") or "", n)
	):
		master = frappe.get_cached_doc("Indikator Kinerja", name)
		responsible = master.penanggung_jawab
		result.append(
			esakip.Iku(
				kode=master.kode or "",
				indikator=master.indicator_name,
				formulasi=master.definisi_operasional or "",
				sumber_data=master.sumber_data or "",
				penanggung_jawab=frappe.db.get_value("User", responsible, "full_name") if responsible else "",
				satuan=master.satuan or "",
				target=shown_target(master.target_for(tahun)),
				polaritas=POLARITY.get(master.polaritas, "higher"),
				periods=by_indicator[name],
			)
		)
	return result


def iku_xlsx(unit_kerja: str, tahun: int) -> bytes:
	rows = [[_("IKU {0} {1}").format(unit_kerja, tahun)], *esakip.sheet_rows(ikus(unit_kerja, tahun))]
	widths = [5, 12, 45, 35, 20, 22, 10, 12, 12, 12, 12, 12, 12, 12, 14, 14]
	return make_xlsx(rows, "IKU", column_widths=widths).getvalue()


def export_files(unit_kerja: str, tahun: int, which: str = "zip") -> list[tuple[str, bytes]]:
	laporan = frappe.get_doc("Laporan Kinerja", laporan_for(unit_kerja, tahun))
	laporan.check_permission("read")
	suffix = "" if laporan.docstatus == 1 else "-KONSEP"
	stem = frappe.scrub(unit_kerja).replace("_", "-")
	files = []
	if which in ("zip", "pk"):
		pdf = frappe.get_print(laporan.doctype, laporan.name, "Perjanjian Kinerja", doc=laporan, as_pdf=True)
		files.append((f"perjanjian-kinerja-{stem}-{tahun}{suffix}.pdf", pdf))
	if which in ("zip", "lkjip"):
		pdf = frappe.get_print(
			laporan.doctype, laporan.name, "Laporan Kinerja Resmi", doc=laporan, as_pdf=True
		)
		files.append((f"lkjip-{stem}-{tahun}{suffix}.pdf", pdf))
	if which in ("zip", "iku"):
		files.append((f"iku-{stem}-{tahun}.xlsx", iku_xlsx(unit_kerja, tahun)))
	return files


def zipped(files: list[tuple[str, bytes]]) -> bytes:
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
		for name, content in files:
			archive.writestr(name, content)
	return buffer.getvalue()


@frappe.whitelist()
def download(unit_kerja: str, tahun: int | str, berkas: str = "zip"):
	"""The unit's e-SAKIP files for the year: a ZIP of all, or one of them
	(berkas = pk | lkjip | iku). Only the unit's own users may download."""
	tahun = cint(tahun)
	if berkas not in FILES:
		frappe.throw(_("Choose one of {0}.").format(", ".join(FILES)))
	frappe.has_permission("Unit Kerja", "read", doc=unit_kerja, throw=True)
	files = export_files(unit_kerja, tahun, berkas)
	if berkas == "zip":
		name = f"e-sakip-{frappe.scrub(unit_kerja).replace('_', '-')}-{tahun}.zip"
		content = zipped(files)
	else:
		name, content = files[0]
	frappe.local.response.filename = name
	frappe.local.response.filecontent = content
	frappe.local.response.type = "download"
