"""Tell "not entered" from 0 in figures stored before the entered flags existed.

Until now an empty figure was stored as 0 (Frappe keeps Float, Currency and
Percent columns NOT NULL DEFAULT 0), and a document saved again graded it: a
realisation nobody entered became capaian 0 %, Sangat Kurang. The stored data
cannot tell an empty figure from a zero someone typed, so the rule is:

1. A stored figure other than 0 was entered.
2. A stored 0 was not entered, with one exception backed by the data itself: the
   lower bound of a range target ("Within a Range" indicator) whose upper bound is
   set, where 0 is the natural lower bound. Targets and budget ceilings of 0 were
   refused by the arithmetic anyway (zero_target, zero_budget). A genuine 0
   realisation or Data IKU value is rare; it is shown as "-" until someone enters
   it again, which is safer than keeping a grade nobody can vouch for. Every
   document changed is named in the migrate log, so its officials can check it.
3. Computed figures follow what is now entered: an indicator's achievement and
   predicate are kept only where its realisation was entered; last year's
   achievement only where it is not 0; the change only where both are there; the
   overall achievement of a Pengukuran is averaged again (kinerja_sop.domain.kpi)
   over the indicators that keep a grade, or cleared; a program's absorption only
   where its spending was entered, its efficiency only where its performance
   achievement was entered too.

Figures and grades are changed in place, as the signed document would have shown
them had "not entered" existed; nothing else of a signed document changes.
"""

import frappe

from kinerja_sop.domain.kpi import predicate, round_half_up, weighted_average
from kinerja_sop.entered import entered_fields, flag_of

GRADED_ROWS = ("Indikator Pengukuran", "Analisis Capaian Indikator")


def execute():
	for doctype in (
		"Indikator Pengukuran",
		"Analisis Capaian Indikator",
		"Data Kinerja IKU",
		"Realisasi Program",
		"Program Kegiatan Renja",
		"Temuan Pemantauan",
		"Target Indikator Kinerja",
		"Pengukuran Kinerja",
	):
		mark_non_zero_as_entered(doctype)
	keep_zero_lower_bounds_of_ranges()
	for doctype in GRADED_ROWS:
		ungrade_rows_without_realisation(doctype)
	recompute_overall_achievements()
	ungrade_programs_without_figures()
	log_documents_with_figures_not_entered()


def mark_non_zero_as_entered(doctype: str):
	table = f"tab{doctype}"
	for fieldname in entered_fields(doctype):
		frappe.db.sql(
			f"update `{table}` set `{flag_of(fieldname)}` = if(`{fieldname}` != 0, 1, 0)"  # noqa: S608
		)


def keep_zero_lower_bounds_of_ranges():
	frappe.db.sql(
		"""update `tabTarget Indikator Kinerja` t
		join `tabIndikator Kinerja` i on t.parent = i.name and t.parenttype = 'Indikator Kinerja'
		set t.target_bawah_diisi = 1
		where i.polaritas = 'Within a Range' and t.target_atas_diisi = 1"""
	)


def ungrade_rows_without_realisation(doctype: str):
	table = f"tab{doctype}"
	frappe.db.sql(
		f"""update `{table}` set capaian = 0, predikat = null
		where realisasi_diisi = 0"""  # noqa: S608
	)
	frappe.db.sql(
		f"""update `{table}` set capaian_diisi = if(realisasi_diisi = 1 and ifnull(predikat, '') != '', 1, 0)"""  # noqa: S608
	)
	if doctype == "Indikator Pengukuran":
		frappe.db.sql(
			"""update `tabIndikator Pengukuran`
			set perubahan_capaian_diisi = if(capaian_diisi = 1 and capaian_tahun_lalu_diisi = 1, 1, 0),
				perubahan_capaian = if(capaian_diisi = 1 and capaian_tahun_lalu_diisi = 1,
					capaian - capaian_tahun_lalu, 0)"""
		)


def recompute_overall_achievements():
	for pengukuran in frappe.get_all(
		"Pengukuran Kinerja", fields=["name", "capaian_keseluruhan_tahun_lalu"], order_by="name"
	):
		rows = frappe.get_all(
			"Indikator Pengukuran",
			filters={"parenttype": "Pengukuran Kinerja", "parent": pengukuran.name},
			fields=["indikator_kinerja", "capaian", "capaian_diisi"],
		)
		graded = [row.capaian for row in rows if row.indikator_kinerja and row.capaian_diisi]
		last_year = pengukuran.capaian_keseluruhan_tahun_lalu
		values = {"capaian_keseluruhan_tahun_lalu_diisi": 1 if last_year else 0}
		if not graded:
			values |= {"capaian_keseluruhan": 0, "capaian_keseluruhan_diisi": 0, "predikat_keseluruhan": None}
		else:
			overall = weighted_average(graded)
			values |= {
				"capaian_keseluruhan": float(round_half_up(overall)),
				"capaian_keseluruhan_diisi": 1,
				"predikat_keseluruhan": predicate(overall),
			}
		both = bool(graded) and bool(last_year)
		values |= {
			"perubahan_keseluruhan_diisi": 1 if both else 0,
			"perubahan_keseluruhan": float(round_half_up(values["capaian_keseluruhan"] - last_year))
			if both
			else 0,
		}
		frappe.db.set_value("Pengukuran Kinerja", pengukuran.name, values, update_modified=False)


def ungrade_programs_without_figures():
	frappe.db.sql(
		"""update `tabRealisasi Program`
		set serapan_anggaran_diisi = if(realisasi_anggaran_diisi = 1 and pagu_anggaran != 0, 1, 0)"""
	)
	frappe.db.sql(
		"""update `tabRealisasi Program`
		set indeks_efisiensi_diisi = if(serapan_anggaran_diisi = 1 and capaian_kinerja_diisi = 1
			and realisasi_anggaran != 0, 1, 0)"""
	)
	frappe.db.sql(
		"""update `tabRealisasi Program`
		set serapan_anggaran = if(serapan_anggaran_diisi = 1, serapan_anggaran, 0),
			indeks_efisiensi = if(indeks_efisiensi_diisi = 1, indeks_efisiensi, 0),
			kategori_efisiensi = if(indeks_efisiensi_diisi = 1, kategori_efisiensi, null)"""
	)


def log_documents_with_figures_not_entered():
	for doctype in ("Indikator Pengukuran", "Data Kinerja IKU", "Realisasi Program"):
		flag = (
			"nilai_diisi"
			if doctype == "Data Kinerja IKU"
			else ("realisasi_anggaran_diisi" if doctype == "Realisasi Program" else "realisasi_diisi")
		)
		for parenttype, parent in frappe.db.sql(
			f"select distinct parenttype, parent from `tab{doctype}` where `{flag}` = 0 order by parent"  # noqa: S608
		):
			print(
				f"kinerja_sop: {parenttype} {parent}: a figure stored as 0 is now 'not entered' ({doctype})"
			)
