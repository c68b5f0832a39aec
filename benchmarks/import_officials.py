"""How long the SIASN import takes for a kabupaten-sized export: 5,000 officials.

Run on a bench, against a site with kinerja_sop installed:

    cd ~/frappe-bench/sites
    ../env/bin/python /path/to/kinerja_sop/benchmarks/import_officials.py <site> [officials]

Generates an "Export Data ASN" CSV the way SIASN writes it (snake_case headers,
`'` before NIPs and ids, `null`, d-m-Y dates, golongan id and name, titles,
a few Plt./Plh.): 40 kecamatan of a kabupaten, four unors each (the
kecamatan, its two subbagian and a seksi), mapped to 40 Unit Kerja. Then, as
the background jobs do (in this process): the preview, the import (committed),
and the same file once more (nothing to change). Prints the time of each step.
Goal: the import of 5,000 officials in under 20 s.

Everything the run creates (units, mappings, import records, the file) carries
the "Bench SIASN" prefix and is deleted at the start and at the end.
"""

import csv
import io
import random
import sys
import time

import frappe

from kinerja_sop.kinerja.doctype.impor_pegawai_siasn.impor_pegawai_siasn import run_import, run_preview

PREFIX = "Kecamatan Bench SIASN"
UNITS = 40
HEADERS = (
	"pns_id,nip_baru,nama,gelar_depan,gelar_belakang,tanggal_lahir,jenis_kelamin,gol_akhir_id,"
	"gol_akhir_nama,tmt_golongan,jenis_jabatan_nama,jabatan_nama,tmt_jabatan,unor_id,unor_nama,"
	"satuan_kerja_kerja_nama,kedudukan_hukum_nama"
).split(",")
FIRST = "Asep Dedi Ujang Agus Yusuf Endang Budi Cecep Dadang Iwan Rina Neng Siti Imas Fitri Sri Tati Lilis Euis Dewi".split()
LAST = "Saepudin Kurniawan Sobari Rahmat Maulana Suhendar Santoso Supriatna Hidayat Setiawan Marlina Nurhayati Amalia Masriah Wahyuni Sumiati Rohaeti Kurniasih Lestari Sari".split()
BACK = ("S.Sos.", "S.IP.", "S.E.", "S.H.", "S.Kom.", "A.Md.", "S.AP., M.Si.", "null", "null", "null")
GOLONGAN = {11: "I/a", 21: "II/a", 22: "II/b", 23: "II/c", 24: "II/d", 31: "III/a", 32: "III/b", 33: "III/c", 34: "III/d", 41: "IV/a", 42: "IV/b"}  # fmt: skip
STAFF_TITLES = (
	"Pengadministrasi Umum",
	"Pengelola Data Perencanaan",
	"Penyusun Laporan Keuangan",
	"Analis Kebijakan Ahli Pertama",
	"Pranata Komputer Ahli Pertama",
	"Penelaah Teknis Kebijakan",
	"Pengemudi",
)


def unors(k: int) -> list[tuple[str, str]]:
	name = f"{PREFIX} {k:02d}"
	return [
		(f"BENCHUNOR{k:02d}{i}", label)
		for i, label in enumerate(
			(
				name,
				f"Subbagian Umum dan Kepegawaian {name}",
				f"Subbagian Program, Evaluasi dan Pelaporan {name}",
				f"Seksi Pemerintahan {name}",
			)
		)
	]


def generate(count: int, rng: random.Random) -> bytes:
	out = io.StringIO()
	writer = csv.writer(out, lineterminator="\r\n")
	writer.writerow(HEADERS)
	for n in range(count):
		k = n % UNITS
		slot = n // UNITS
		unit_unors = unors(k)
		birth_year = rng.randint(1966, 1999)
		birth = (birth_year, rng.randint(1, 12), rng.randint(1, 28))
		cpns = (min(birth_year + rng.randint(22, 30), 2024), rng.randint(1, 12))
		gender = rng.choice((1, 2))
		nip = f"{birth[0]:04d}{birth[1]:02d}{birth[2]:02d}{cpns[0]:04d}{cpns[1]:02d}{gender}{n % 1000:03d}"
		gol_id = rng.choice(list(GOLONGAN))
		if slot == 0:
			title, unor, gol_id = f"Camat {PREFIX} {k:02d}", unit_unors[0], 41
		elif slot == 1:
			title, unor, gol_id = f"Sekretaris {PREFIX} {k:02d}", unit_unors[0], 34
		elif slot == 2:
			acting = "Plt. " if k % 5 == 0 else ""
			title, unor = f"{acting}Kepala Subbagian Umum dan Kepegawaian", unit_unors[1]
		elif slot == 3:
			title, unor = "Kepala Subbagian Program, Evaluasi dan Pelaporan", unit_unors[2]
		else:
			title, unor = rng.choice(STAFF_TITLES), rng.choice(unit_unors)
		writer.writerow(
			(
				f"'BENCHPNS{n:06d}",
				f"'{nip}",
				f"{rng.choice(FIRST)} {rng.choice(LAST)}".upper(),
				rng.choice(("null", "null", "Drs.", "H.", "Dra. Hj.")),
				rng.choice(BACK),
				f"{birth[2]:02d}-{birth[1]:02d}-{birth[0]:04d}",
				"M" if gender == 1 else "F",
				gol_id,
				GOLONGAN[gol_id],
				f"01-04-{rng.randint(cpns[0], 2024)}",
				"Struktural" if slot < 4 else rng.choice(("Pelaksana", "Fungsional")),
				title,
				rng.choice(("null", f"02-01-{rng.randint(2015, 2024)}")),
				f"'{unor[0]}",
				unor[1],
				"Pemerintah Kab. Bench",
				"Aktif",
			)
		)
	return out.getvalue().encode()


def clean_up():
	for name in frappe.get_all(
		"Impor Pegawai SIASN", filters={"import_file": ("like", "%bench-siasn%")}, pluck="name"
	):
		frappe.delete_doc("Impor Pegawai SIASN", name, force=True, ignore_permissions=True)
	for name in frappe.get_all("File", filters={"file_name": ("like", "bench-siasn%")}, pluck="name"):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	frappe.db.delete("Pemetaan Unor SIASN", {"unor_id": ("like", "BENCHUNOR%")})
	for name in frappe.get_all("Unit Kerja", filters={"name": ("like", f"{PREFIX}%")}, pluck="name"):
		frappe.delete_doc("Unit Kerja", name, force=True, ignore_permissions=True)
	frappe.db.commit()


def set_up(count: int) -> str:
	for k in range(UNITS):
		name = f"{PREFIX} {k:02d}"
		frappe.get_doc(
			{
				"doctype": "Unit Kerja",
				"unit_name": name,
				"unit_code": f"BENCH.{k:02d}",
				"regency_city": "Kabupaten Bench",
			}
		).insert(ignore_permissions=True)
		for unor_id, unor_nama in unors(k):
			frappe.get_doc(
				{
					"doctype": "Pemetaan Unor SIASN",
					"unor_id": unor_id,
					"unor_nama": unor_nama,
					"unit_kerja": name,
				}
			).insert(ignore_permissions=True)
	content = generate(count, random.Random(20261127))
	file = frappe.get_doc(
		{"doctype": "File", "file_name": f"bench-siasn-{count}.csv", "content": content, "is_private": 1}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return file.file_url


def timed(label: str, fn):
	started = time.perf_counter()
	result = fn()
	elapsed = time.perf_counter() - started
	print(f"{label}: {elapsed:.2f} s")
	return result, elapsed


def import_once(file_url: str, label: str):
	doc = frappe.get_doc({"doctype": "Impor Pegawai SIASN", "import_file": file_url}).insert()
	frappe.db.commit()
	_, preview = timed(f"{label} preview", lambda: run_preview(doc.name))
	frappe.db.commit()
	doc.reload()
	assert doc.status == "Ready", doc.error_log
	doc.db_set("status", "Importing")  # what start_import does before queueing the job
	_, imported = timed(f"{label} import", lambda: (run_import(doc.name), frappe.db.commit()))
	doc.reload()
	assert doc.status == "Imported", doc.error_log
	print(
		f"  rows {doc.total_rows}, new {doc.new_officials}, updated {doc.updated_officials}, "
		f"unchanged {doc.unchanged_officials}, skipped {doc.skipped_rows}, errors {doc.error_rows}"
	)
	return doc, preview, imported


def main(site: str, count: int):
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		clean_up()
		file_url = set_up(count)
		print(f"{count} officials, {UNITS} units, {UNITS * 4} unors")
		first, _, imported = import_once(file_url, "first")
		stored = frappe.db.count("Pejabat Unit Kerja", {"parent": ("like", f"{PREFIX}%")})
		print(f"  officials stored: {stored}")
		again, _, _ = import_once(file_url, "same file again")
		assert again.new_officials == again.updated_officials == 0
		print(f"RESULT: {count} officials imported in {imported:.2f} s (goal < 20 s)")
	finally:
		frappe.db.rollback()
		clean_up()
		frappe.destroy()


if __name__ == "__main__":
	main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5000)
