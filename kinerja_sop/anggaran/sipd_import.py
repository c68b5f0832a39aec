"""Writing a SIPD-RI export into the unit's budget records.

The file is read and checked by the pure parser (kinerja_sop.domain.sipd);
this module compares it with what is stored, and writes in one transaction:
either every row is written or, at the first error, none. Records are keyed on
SIPD's own keys, so importing the same file twice changes nothing and an
updated file updates in place.

- Renja/DPA: one Sub Kegiatan SIPD per (year, unit, sub-kegiatan code), with
  SIPD's ids (kode_sbl, id_sub_giat) and its indicators; the nomenclature tree
  (Nomenklatur SIPD) gains the codes it did not know.
- LRA: one Realisasi Anggaran SIPD per (year, period, unit, sub-kegiatan,
  account). Every line's sub-kegiatan must be in the unit's DPA of that year.
"""

import frappe
from frappe import _
from frappe.utils import flt, now_datetime

from kinerja_sop.anggaran.doctype.nomenklatur_sipd.nomenklatur_sipd import LEVEL_LABELS
from kinerja_sop.anggaran.doctype.realisasi_anggaran_sipd.realisasi_anggaran_sipd import (
	percentage,
	realisasi_name,
)
from kinerja_sop.anggaran.doctype.sub_kegiatan_sipd.sub_kegiatan_sipd import sub_kegiatan_name
from kinerja_sop.domain import sipd
from kinerja_sop.entered import flag_of

RENJA, LRA = "Renja/DPA", "LRA"
NOMENCLATURE = "Nomenklatur SIPD"
SUB_KEGIATAN = "Sub Kegiatan SIPD"
INDICATOR = "Indikator Sub Kegiatan SIPD"
REALISATION = "Realisasi Anggaran SIPD"
PROGRESS_STEP = 500
SQL_CHUNK = 1000


class SipdFileError(frappe.ValidationError):
	"""The file cannot be read as a SIPD export at all."""


def row_error_text(kind: str) -> str:
	"""A row error's kind, in the user's language."""
	texts = {
		"not_a_number": _("not a number"),
		"missing_value": _("empty"),
		"negative_value": _("negative"),
		"missing_code": _("the code is missing"),
		"bad_code": _("not a SIPD nomenclature code"),
		"bad_account": _("not an account code"),
		"inconsistent": _("does not agree with the rest of the row"),
		"duplicate": _("already in the file with other values"),
		"not_in_dpa": _("the sub-kegiatan is not in the unit's imported DPA for the year"),
	}
	return texts.get(kind) or _("invalid")


# --- reading -------------------------------------------------------------------


def read_rows(doc) -> list[list]:
	"""The rows of the attached file. A file the user may not read (another unit's export,
	named by its URL) is not found, as a file that does not exist. Files of the same content
	share their URL: the one the user may read is taken."""
	files = frappe.get_all("File", filters={"file_url": doc.berkas}, pluck="name", order_by="creation desc")
	file = next(
		(f for f in map(lambda n: frappe.get_doc("File", n), files) if f.has_permission("read")), None
	)
	if not file:
		frappe.throw(_("The attached file {0} was not found.").format(doc.berkas), exc=SipdFileError)
	content = file.get_content()
	if isinstance(content, str):
		content = content.encode("utf-8")
	try:
		return sipd.read_table(content, file.file_name or doc.berkas)
	except sipd.SipdError:
		frappe.throw(_("{0} is neither a CSV nor an XLSX file.").format(file.file_name), exc=SipdFileError)
	except Exception:
		frappe.throw(_("{0} cannot be read as a spreadsheet.").format(file.file_name), exc=SipdFileError)


def parse(doc) -> sipd.Parsed:
	"""The file's rows, read and checked; nothing is written."""
	rows = read_rows(doc)
	try:
		parsed = sipd.parse_sub_kegiatan(rows) if doc.jenis == RENJA else sipd.parse_lra(rows)
	except sipd.SipdError as error:
		if error.kind != "missing_columns":
			raise
		columns = sipd.SUB_KEGIATAN_REQUIRED if doc.jenis == RENJA else sipd.LRA_REQUIRED
		frappe.throw(
			_("The file has no header row with the SIPD columns {0}.").format(", ".join(columns)),
			exc=SipdFileError,
		)
	if doc.jenis == LRA:
		check_lra_against_dpa(doc, parsed)
	return parsed


def check_lra_against_dpa(doc, parsed: sipd.Parsed) -> None:
	known = set(
		frappe.get_all(
			SUB_KEGIATAN, filters={"unit_kerja": doc.unit_kerja, "tahun": doc.tahun}, pluck="kode_sub_giat"
		)
	)
	kept = []
	for line in parsed.items:
		if line.kode_sub_giat in known:
			kept.append(line)
		else:
			parsed.errors.append(
				sipd.RowError(
					line.line,
					"kode_rekening",
					f"{line.kode_sub_giat} is not in the DPA",
					"not_in_dpa",
					line.kode_sub_giat,
				)
			)
	parsed.items = kept


# --- comparing with what is stored ------------------------------------------------


def sub_kegiatan_values(doc, item: sipd.SubKegiatan) -> dict:
	return {
		"nama_sub_giat": item.nama_sub_giat,
		"pagu": item.pagu,
		# Not given by the export is not 0: stored as 0 with its entered flag off (kinerja_sop.entered).
		"pagu_n_depan": item.pagu_n_depan or 0,
		flag_of("pagu_n_depan"): int(item.pagu_n_depan is not None),
		"kode_sbl": item.kode_sbl,
		"id_sub_giat": item.id_sub_giat,
		"kode_skpd": item.kode_skpd,
		"sumber_dana": item.nama_dana,
		"indikator": [
			(i.jenis, i.tolok_ukur, flt(i.target), int(i.target is not None), i.satuan or "")
			for i in item.indicators
		],
	}


def stored_sub_kegiatan(unit_kerja: str, tahun: int) -> dict[str, dict]:
	fields = ["name", "nama_sub_giat", "pagu", "pagu_n_depan", flag_of("pagu_n_depan"), "kode_sbl"]
	fields += ["id_sub_giat", "kode_skpd", "sumber_dana"]
	stored = {
		row.pop("name"): {**row, "indikator": []}
		for row in frappe.get_all(
			SUB_KEGIATAN, filters={"unit_kerja": unit_kerja, "tahun": tahun}, fields=fields
		)
	}
	if stored:
		for row in frappe.get_all(
			INDICATOR,
			filters={"parenttype": SUB_KEGIATAN, "parent": ("in", list(stored))},
			fields=["parent", "jenis", "tolok_ukur", "target", flag_of("target"), "satuan"],
			order_by="parent, idx",
		):
			stored[row.parent]["indikator"].append(
				(row.jenis, row.tolok_ukur, flt(row.target), row.get(flag_of("target")), row.satuan or "")
			)
	return stored


def lra_values(line: sipd.LraLine) -> dict:
	return {"nama_rekening": line.nama_rekening, "anggaran": line.anggaran, "realisasi": line.realisasi}


def stored_lra(unit_kerja: str, tahun: int, periode: str) -> dict[str, dict]:
	return {
		row.pop("name"): row
		for row in frappe.get_all(
			REALISATION,
			filters={"unit_kerja": unit_kerja, "tahun": tahun, "periode": periode},
			fields=["name", "nama_rekening", "anggaran", "realisasi"],
		)
	}


def incoming(doc, parsed: sipd.Parsed) -> dict[str, tuple]:
	"""name → (values to compare, the parsed item)."""
	if doc.jenis == RENJA:
		return {
			sub_kegiatan_name(doc.unit_kerja, doc.tahun, item.kode_sub_giat): (
				sub_kegiatan_values(doc, item),
				item,
			)
			for item in parsed.items
		}
	return {
		realisasi_name(doc.unit_kerja, doc.tahun, doc.periode, line.kode_sub_giat, line.kode_rekening): (
			lra_values(line),
			line,
		)
		for line in parsed.items
	}


def plan(doc, parsed: sipd.Parsed) -> tuple[sipd.Plan, dict, dict]:
	"""What is new, changed, unchanged; the incoming records; the stored ones."""
	records = incoming(doc, parsed)
	stored = (
		stored_sub_kegiatan(doc.unit_kerja, doc.tahun)
		if doc.jenis == RENJA
		else stored_lra(doc.unit_kerja, doc.tahun, doc.periode)
	)
	upsert_plan = sipd.plan_upsert(stored, {name: values for name, (values, _item) in records.items()})
	return upsert_plan, records, stored


# --- writing -------------------------------------------------------------------


def write(doc, parsed: sipd.Parsed) -> sipd.Plan:
	"""Upsert every parsed record; the caller holds the transaction."""
	upsert_plan, records, stored = plan(doc, parsed)
	total = len(upsert_plan.new) + len(upsert_plan.changed)
	progress = Progress(doc, total)
	if doc.jenis == RENJA:
		ensure_nomenclature(parsed.items)
		insert_sub_kegiatan(doc, [records[name] for name in upsert_plan.new], progress)
		update_records(
			doc, SUB_KEGIATAN, [(name, *records[name]) for name in upsert_plan.changed], stored, progress
		)
	else:
		insert_lra(doc, [records[name] for name in upsert_plan.new], progress)
		changed = [(name, *records[name]) for name in upsert_plan.changed]
		for _name, values, line in changed:
			values["persentase"] = percentage(float(line.anggaran), float(line.realisasi)) or 0
		update_records(doc, REALISATION, changed, stored, progress)
	return upsert_plan


class Progress:
	"""The desk's progress bar for a running import (frappe.publish_progress)."""

	def __init__(self, doc, total: int):
		self.doc, self.total, self.done, self.shown = doc, total, 0, -PROGRESS_STEP

	def advance(self, count: int = 1):
		self.done += count
		if self.done - self.shown >= PROGRESS_STEP or self.done == self.total:
			self.shown = self.done
			frappe.publish_progress(
				self.done * 100 / (self.total or 1),
				title=_("Importing from SIPD"),
				doctype=self.doc.doctype,
				docname=self.doc.name,
				description=_("{0} of {1} records written").format(self.done, self.total),
			)


def ensure_nomenclature(items: list[sipd.SubKegiatan]) -> None:
	"""Every code the export uses is in the nomenclature tree, under its parent,
	with the name the export gives it. New nodes are inserted together and the
	tree's nested-set numbers computed once (kinerja_sop.domain.sipd.nested_set)."""
	names: dict[str, str | None] = {}
	for item in items:
		for _level, code in sipd.hierarchy(item.kode_sub_giat):
			names.setdefault(code, None)
			if item.names.get(code):
				names[code] = item.names[code]
	stored = {
		row.name: row
		for row in frappe.get_all(
			NOMENCLATURE, fields=["name", "nama", "parent_nomenklatur_sipd", "lft", "rgt"]
		)
	}
	for code, name in names.items():
		if code in stored and name and stored[code].nama != name:
			frappe.db.set_value(NOMENCLATURE, code, "nama", name)
	new = sorted(code for code in names if code not in stored)
	if not new:
		return
	now, user = now_datetime(), frappe.session.user
	frappe.db.bulk_insert(
		NOMENCLATURE,
		["name", "kode", "nama", "tingkat", "parent_nomenklatur_sipd", "is_group", "lft", "rgt"]
		+ ["owner", "modified_by", "creation", "modified", "docstatus", "idx"],
		[
			(
				code,
				code,
				names[code] or code,
				LEVEL_LABELS[sipd.level_of(code)],
				sipd.parent_code(code),
				int(sipd.level_of(code) != sipd.SUB_KEGIATAN),
				0,
				0,
				user,
				user,
				now,
				now,
				0,
				0,
			)
			for code in new
		],
	)
	parents = {name: row.parent_nomenklatur_sipd for name, row in stored.items()}
	parents.update({code: sipd.parent_code(code) for code in new})
	numbers = sipd.nested_set(parents)
	moved = [
		(name, lft, rgt)
		for name, (lft, rgt) in numbers.items()
		if name not in stored or (stored[name].lft, stored[name].rgt) != (lft, rgt)
	]
	for chunk in sipd.iter_chunks(moved, SQL_CHUNK):
		cases_lft = " ".join("when %s then %s" for _row in chunk)
		params = [v for name, lft, _rgt in chunk for v in (name, lft)]
		params += [v for name, _lft, rgt in chunk for v in (name, rgt)]
		params += [name for name, _lft, _rgt in chunk]
		frappe.db.sql(
			f"""update `tabNomenklatur SIPD`
			set lft = case name {cases_lft} end, rgt = case name {cases_lft} end
			where name in ({", ".join(["%s"] * len(chunk))})""",
			params,
		)


def _standard_columns(now, user):
	return {"owner": user, "modified_by": user, "creation": now, "modified": now, "docstatus": 0}


def insert_sub_kegiatan(doc, records: list[tuple], progress: Progress) -> None:
	"""New sub-kegiatan, inserted together (frappe.db.bulk_insert): the parser and
	ensure_nomenclature have already checked every value and every link."""
	if not records:
		return
	now, user = now_datetime(), frappe.session.user
	standard = _standard_columns(now, user)
	parent_fields = [
		"name",
		"unit_kerja",
		"tahun",
		"kode_sub_giat",
		"kode_program",
		"kode_giat",
		"impor_sipd",
	]
	value_fields = [f for f in records[0][0] if f != "indikator"]
	child_fields = ["name", "parent", "parenttype", "parentfield", "idx"]
	child_fields += ["jenis", "tolok_ukur", "target", flag_of("target"), "satuan"]
	parents, children = [], []
	for values, item in records:
		name = sub_kegiatan_name(doc.unit_kerja, doc.tahun, item.kode_sub_giat)
		parents.append(
			[name, doc.unit_kerja, doc.tahun, item.kode_sub_giat, item.kode_program, item.kode_giat, doc.name]
			+ [values[f] for f in value_fields]
			+ list(standard.values())
		)
		for idx, indicator in enumerate(values["indikator"], start=1):
			children.append(
				[frappe.generate_hash(length=10), name, SUB_KEGIATAN, "indikator", idx, *indicator]
				+ list(standard.values())
			)
	for chunk in sipd.iter_chunks(parents, PROGRESS_STEP):
		frappe.db.bulk_insert(SUB_KEGIATAN, parent_fields + value_fields + list(standard), chunk)
		progress.advance(len(chunk))
	if children:
		frappe.db.bulk_insert(INDICATOR, child_fields + list(standard), children)


def insert_lra(doc, records: list[tuple], progress: Progress) -> None:
	if not records:
		return
	now, user = now_datetime(), frappe.session.user
	standard = _standard_columns(now, user)
	fields = ["name", "unit_kerja", "tahun", "periode", "kode_sub_giat", "kode_program", "kode_giat"]
	fields += ["kode_rekening", "nama_rekening", "anggaran", "realisasi", "persentase", "impor_sipd"]
	rows = []
	for _values, line in records:
		rows.append(
			[
				realisasi_name(
					doc.unit_kerja, doc.tahun, doc.periode, line.kode_sub_giat, line.kode_rekening
				),
				doc.unit_kerja,
				doc.tahun,
				doc.periode,
				line.kode_sub_giat,
				sipd.ancestor(line.kode_sub_giat, sipd.PROGRAM),
				sipd.ancestor(line.kode_sub_giat, sipd.KEGIATAN),
				line.kode_rekening,
				line.nama_rekening,
				line.anggaran,
				line.realisasi,
				percentage(float(line.anggaran), float(line.realisasi)) or 0,
				doc.name,
			]
			+ list(standard.values())
		)
	for chunk in sipd.iter_chunks(rows, PROGRESS_STEP):
		frappe.db.bulk_insert(REALISATION, fields + list(standard), chunk)
		progress.advance(len(chunk))


def update_records(doc, doctype: str, records: list[tuple], stored: dict, progress: Progress) -> None:
	"""Changed records are updated in place: their values (and `modified`) with one
	UPDATE each, their indicator rows replaced only when they differ. A document
	save per record (validation, version, hooks) costs about 50 ms, which an
	updated export of thousands of rows cannot afford; the parser has checked
	every value already."""
	now, user = now_datetime(), frappe.session.user
	standard = _standard_columns(now, user)
	children = []
	for name, values, _item in records:
		scalars = {f: v for f, v in values.items() if f != "indikator"}
		frappe.db.set_value(
			doctype, name, {**scalars, "impor_sipd": doc.name}, modified=now, modified_by=user
		)
		if "indikator" in values and values["indikator"] != stored[name]["indikator"]:
			frappe.db.delete(INDICATOR, {"parenttype": doctype, "parent": name})
			children += [
				[frappe.generate_hash(length=10), name, doctype, "indikator", idx, *row, *standard.values()]
				for idx, row in enumerate(values["indikator"], start=1)
			]
		progress.advance()
	if children:
		fields = ["name", "parent", "parenttype", "parentfield", "idx"]
		fields += ["jenis", "tolok_ukur", "target", flag_of("target"), "satuan"]
		frappe.db.bulk_insert(INDICATOR, fields + list(standard), children)
