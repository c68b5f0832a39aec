"""How long the SIPD import takes for 10,000 sub-kegiatan rows.

Run on a bench, against a site with kinerja_sop installed:

    cd ~/frappe-bench/sites
    ../env/bin/python /path/to/kinerja_sop/benchmarks/import_sipd.py kinerja.test [rows]

Writes a CSV with SIPD's own headers (one output indicator per sub-kegiatan,
semicolons, thousands dots in pagu, as the sample files in tests/data),
attaches it to an Impor SIPD of a unit of its own, and times what the
background job does: preview (read, check, compare with what is stored),
then the import (read, check, write in one transaction, commit). Three runs:
the first import (every row new, the nomenclature tree built), the same file
again (nothing to write), and the file with every pagu changed (every record
updated through its document). Goal: the first import under 30 s.

The unit, its records, the nomenclature codes it created (program codes
7.01.51 and up, which no real kecamatan uses) and the file are removed at the
end, and at the start (a killed run may have left them).
"""

import csv
import io
import sys
import time

import frappe

UNIT = "Kecamatan Benchmark SIPD"
FIRST_PROGRAM = 51
GOAL_SECONDS = 30


def codes(rows: int):
	"""(program, kegiatan, sub-kegiatan) codes, 20 kegiatan of 50 sub-kegiatan per program."""
	for index in range(rows):
		program = f"7.01.{FIRST_PROGRAM + index // 1000:02d}"
		kegiatan = f"{program}.2.{(index // 50) % 20 + 1:02d}"
		yield program, kegiatan, f"{kegiatan}.{index % 50 + 1:04d}"


def export(rows: int, pagu_step: int = 0) -> bytes:
	buffer = io.StringIO()
	writer = csv.writer(buffer, delimiter=";")
	writer.writerow(
		["kode_urusan", "nama_urusan", "kode_bidang_urusan", "nama_bidang_urusan", "kode_program"]
		+ ["nama_program", "kode_giat", "nama_giat", "kode_sub_giat", "nama_sub_giat", "kode_skpd"]
		+ ["kode_sbl", "id_sub_giat", "pagu", "pagu_n_depan", "outputteks", "targetoutput", "satuanoutput"]
	)
	for index, (program, kegiatan, sub) in enumerate(codes(rows)):
		pagu = 10_000_000 + index * 1000 + pagu_step
		writer.writerow(
			["7", "UNSUR KEWILAYAHAN", "7.01", "KECAMATAN", program, f"PROGRAM UJI BEBAN {program}"]
			+ [kegiatan, f"Kegiatan Uji Beban {kegiatan}", sub, f"Sub Kegiatan Uji Beban {sub}"]
			+ ["7.01.0.00.0.00.06.0000", f"529.529.797.{index}.{20000 + index}", str(20000 + index)]
			+ [f"{pagu:,}".replace(",", "."), str(pagu + 500_000), f"Jumlah Laporan {sub}", "4", "Laporan"]
		)
	return buffer.getvalue().encode("utf-8-sig")


def clean_up():
	frappe.db.delete("Impor SIPD", {"unit_kerja": UNIT})
	names = frappe.get_all("Sub Kegiatan SIPD", filters={"unit_kerja": UNIT}, pluck="name")
	for chunk in range(0, len(names), 1000):
		frappe.db.delete("Indikator Sub Kegiatan SIPD", {"parent": ("in", names[chunk : chunk + 1000])})
	frappe.db.delete("Sub Kegiatan SIPD", {"unit_kerja": UNIT})
	frappe.db.delete("Version", {"ref_doctype": "Sub Kegiatan SIPD", "docname": ("like", f"%-{UNIT}-%")})
	frappe.db.sql(
		"delete from `tabNomenklatur SIPD` where substring(name, 1, 7) between %s and '7.01.99'",
		f"7.01.{FIRST_PROGRAM}",
	)
	frappe.db.delete("File", {"file_name": ("like", "benchmark-sipd-%")})
	if frappe.db.exists("Unit Kerja", UNIT):
		frappe.delete_doc("Unit Kerja", UNIT, force=True, ignore_permissions=True)
	frappe.db.commit()


def timed_import(content: bytes, label: str) -> float:
	file = frappe.get_doc(
		{"doctype": "File", "file_name": f"benchmark-sipd-{label}.csv", "content": content, "is_private": 1}
	).insert(ignore_permissions=True)
	doc = frappe.get_doc(
		{
			"doctype": "Impor SIPD",
			"jenis": "Renja/DPA",
			"unit_kerja": UNIT,
			"tahun": 2026,
			"berkas": file.file_url,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	started = time.perf_counter()
	doc.preview()
	previewed = time.perf_counter()
	doc.execute()
	frappe.db.commit()
	finished = time.perf_counter()
	assert doc.status == "Completed", (doc.status, doc.pesan, doc.galat[:3])
	print(
		f"{label:<10} rows={doc.jumlah_baris} new={doc.jumlah_baru} changed={doc.jumlah_berubah} "
		f"unchanged={doc.jumlah_sama}  preview {previewed - started:6.2f} s  "
		f"import {finished - previewed:6.2f} s  total {finished - started:6.2f} s"
	)
	return finished - started


def main(site: str, rows: int):
	frappe.init(site=site)
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		clean_up()
		frappe.get_doc(
			{
				"doctype": "Unit Kerja",
				"unit_name": UNIT,
				"unit_code": "BENCH.SIPD",
				"regency_city": "Kabupaten Uji",
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		first = timed_import(export(rows), "first")
		timed_import(export(rows), "same")
		timed_import(export(rows, pagu_step=1), "changed")
		verdict = "meets" if first < GOAL_SECONDS else "MISSES"
		print(f"{rows} sub-kegiatan imported in {first:.2f} s: {verdict} the {GOAL_SECONDS} s goal")
		return first < GOAL_SECONDS
	finally:
		clean_up()
		frappe.destroy()


if __name__ == "__main__":
	sys.exit(0 if main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10_000) else 1)
