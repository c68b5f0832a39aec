"""Static tier: every user-facing string of the app has its Indonesian translation."""

import ast
import csv
import json
import re
import runpy
from pathlib import Path

import pytest

from kinerja_sop.domain.catalogue import APP_ROLES, UNIT_DOCUMENTS
from kinerja_sop.domain.officials import PANGKAT_GOLONGAN

APP = Path(__file__).resolve().parent.parent / "kinerja_sop"
TRANSLATIONS = APP / "translations" / "id.csv"
# The domain's own words read the same in both languages (DESIGN.md: they stay Indonesian).
SAME_IN_BOTH = {
	*APP_ROLES,
	*PANGKAT_GOLONGAN,
	"NIP", "Kegiatan", "Kelengkapan", "Waktu", "Output", "Keterangan", "Nomor SOP", "Dasar Hukum",
	"Keterkaitan", "Kualifikasi Pelaksana", "Peringatan", "Pencatatan dan Pendataan",
	"Peralatan / Perlengkapan", "Pangkat / Golongan", "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura",
	"Unit Kerja", "Disposisi", "DPA", "Laporan Realisasi Anggaran", "Realisasi Fisik", "Dokumentasi Kegiatan",
	"Ikhtisar Eksekutif", "Program", "Sub Kegiatan", "Target", "Tahunan", "Semester I", "Semester II",
	"Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "APBD Kabupaten/Kota", "APBD Provinsi",
	"APBN", "Dana Desa", "Lainnya", "Belum", "Proses", "Selesai", "Draft", "Workflow State", "Amended From",
	"Belum Dikirim", "Biasa", "Diantar Langsung", "Dibatalkan", "Dikirim", "Diterima", "Diterima Semua",
	"Elektronik", "Konsep", "Plh.", "Plt.", "Pos", "Rahasia", "Sangat Segera", "Segera", "Terdaftar",
	"a.n.", "u.b.", "Surat Keluar", "Left", "Right", "Old Parent", "Mutu Baku", "Nama SOP", "Paraf",
	"Pelaksana", "ya", "tidak",
}  # fmt: skip
# Chapter headings of the Renja and the LKjIP are the documents' own Indonesian titles.
SAME_PREFIXES = ("Bab ",)


def python_messages() -> set[str]:
	"""Literal first arguments of _() calls in the app's Python files."""
	found = set()
	for path in APP.rglob("*.py"):
		if path.name.startswith("test_"):
			continue
		for node in ast.walk(ast.parse(path.read_text())):
			if (
				isinstance(node, ast.Call)
				and isinstance(node.func, ast.Name)
				and node.func.id == "_"
				and node.args
				and isinstance(node.args[0], ast.Constant)
				and isinstance(node.args[0].value, str)
			):
				found.add(node.args[0].value)
	return found


def javascript_messages() -> set[str]:
	"""Literal first arguments of __() calls in the app's JavaScript."""
	found = set()
	for path in APP.rglob("*.js"):
		for match in re.finditer(r"""__\(\s*(["'])((?:\\.|(?!\1).)*)\1""", path.read_text()):
			found.add(match.group(2).replace("\\'", "'").replace('\\"', '"'))
	return found


def template_messages() -> set[str]:
	"""Literal arguments of _() in the app's Jinja templates (print formats, pages)."""
	found = set()
	for path in [*APP.rglob("*.html")]:
		for match in re.finditer(r"""_\(\s*"((?:[^"\\]|\\.)*)"\s*\)""", path.read_text()):
			found.add(match.group(1))
	return found


def doctype_strings() -> set[str]:
	found = set()
	for path in APP.glob("*/doctype/*/*.json"):
		doc = json.loads(path.read_text())
		if doc.get("doctype") != "DocType":
			continue
		# DocType names are the domain's Indonesian names (Unit Kerja, SOP Kinerja): not translated.
		for field in doc["fields"]:
			for key in ("label", "description"):
				if field.get(key):
					found.add(field[key])
			if field["fieldtype"] == "Select":
				found.update(option for option in field.get("options", "").split("\n") if option)
	return found


def shipped_translations() -> dict[str, str]:
	with TRANSLATIONS.open(encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if row}


def test_python_messages_are_positional_format_strings():
	for message in python_messages():
		assert "{}" not in message, f"use numbered placeholders: {message}"


@pytest.mark.parametrize(
	"source", sorted(python_messages() | javascript_messages() | template_messages() | doctype_strings())
)
def test_has_indonesian_translation(source):
	translations = shipped_translations()
	if source in SAME_IN_BOTH or source.startswith(SAME_PREFIXES):
		return
	assert translations.get(source, "").strip(), f"missing in translations/id.csv: {source!r}"


def test_translations_keep_placeholders():
	for source, target in shipped_translations().items():
		for n in range(10):
			assert (f"{{{n}}}" in source) == (f"{{{n}}}" in target), (source, target)


def test_the_timeline_names_table_fields_of_unit_documents_in_indonesian():
	"""Frappe's timeline line for a changed table row takes the child field's label without
	translating it; timeline_labels.js translates this app's, loaded with every unit
	document's form: each of those labels needs its Indonesian."""
	hooks = runpy.run_path(str(APP / "hooks.py"))
	doctypes = {
		doc["name"]: doc
		for doc in (json.loads(p.read_text()) for p in APP.glob("*/doctype/*/*.json"))
		if doc.get("doctype") == "DocType"
	}
	translations = shipped_translations()
	for doctype in UNIT_DOCUMENTS:
		assert "public/js/timeline_labels.js" in hooks["doctype_js"][doctype], doctype
		for table in (f for f in doctypes[doctype]["fields"] if f["fieldtype"] == "Table"):
			for field in doctypes[table["options"]]["fields"]:
				label = field.get("label")
				if label and label not in SAME_IN_BOTH:
					assert translations.get(label, "").strip(), (table["options"], label)
