"""How long Frappe's PDF path takes for a 20-page Laporan Kinerja (LKjIP).

Run on a bench whose site is being served (wkhtmltopdf fetches the print
stylesheets from the site's own URL, `host_name` in site_config.json):

    cd ~/frappe-bench/sites
    ../env/bin/python /path/to/kinerja_sop/benchmarks/laporan_pdf.py <site> [pages] [rounds]

A Laporan Kinerja is walked through its SOP by the office's real users, its
chapters filled with enough text for the wanted page count; the print format
"Laporan Kinerja Resmi" is rendered to PDF `rounds` times. Prints the page
count and the median and worst time. Nothing is kept (rolled back).
"""

import io
import statistics
import sys
import time

import frappe
from pypdf import PdfReader

PARAGRAPH = (
	"<p>Capaian kinerja Kecamatan pada tahun anggaran ini diukur dari indikator kinerja utama yang "
	"ditetapkan dalam perjanjian kinerja. Realisasi setiap indikator dibandingkan dengan target, "
	"dianalisis penyebab keberhasilan dan kegagalannya, serta dirumuskan langkah perbaikan untuk tahun "
	"berikutnya, termasuk efisiensi penggunaan sumber daya dan keselarasan dengan rencana strategis.</p>"
)


def main(site: str, pages: int = 20, rounds: int = 5):
	frappe.init(site=site)
	frappe.connect()
	frappe.local.lang = "id"
	from kinerja_sop.tests.sop_walk import create_document, make_office
	from kinerja_sop.walk import walk_to_end

	try:
		office = make_office("PDF")
		laporan, _actors = walk_to_end(create_document("Laporan Kinerja", office), office)
		paragraphs = 10
		while True:
			chapters = PARAGRAPH * paragraphs
			for field in (
				"ikhtisar_eksekutif",
				"bab_i_pendahuluan",
				"bab_ii_perencanaan_kinerja",
				"bab_iii_akuntabilitas_kinerja",
				"bab_iv_penutup",
			):
				frappe.db.set_value("Laporan Kinerja", laporan.name, field, chapters, update_modified=False)
			pdf = frappe.get_print("Laporan Kinerja", laporan.name, "Laporan Kinerja Resmi", as_pdf=True)
			count = len(PdfReader(io.BytesIO(pdf)).pages)
			if count >= pages:
				break
			paragraphs = int(paragraphs * pages / max(count, 1)) + 1
		times = []
		for _ in range(rounds):
			started = time.perf_counter()
			frappe.get_print("Laporan Kinerja", laporan.name, "Laporan Kinerja Resmi", as_pdf=True)
			times.append(time.perf_counter() - started)
	finally:
		frappe.db.rollback()
		frappe.destroy()
	print(f"Laporan Kinerja PDF: {count} pages, {len(pdf) // 1024} KiB")
	print(
		f"render to PDF over {rounds} rounds: median {statistics.median(times):.2f} s, worst {max(times):.2f} s"
	)


if __name__ == "__main__":
	main(sys.argv[1], *(int(a) for a in sys.argv[2:4]))
