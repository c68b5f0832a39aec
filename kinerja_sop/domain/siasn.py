"""Reading BKN's SIASN "Export Data ASN" file (CSV or XLSX) into officials.

The export has snake_case headers (`pns_id, nip_baru, nama, gelar_depan, …`).
Its cells carry quirks: a leading apostrophe that kept a spreadsheet from
turning an NIP into a number, the literal string `null` for an empty value,
and dates as d-m-Y. A row is keyed on its NIP, checked with the app's NIP
rules. Nothing here imports frappe: the import DocType calls these functions.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from kinerja_sop.domain.catalogue import CAMAT, KASUBAG_EVAPOR, KASUBAG_UMUM, SEKRETARIS, STAF
from kinerja_sop.domain.officials import PANGKAT_GOLONGAN, NipError, parse_nip

# The columns the import reads; the export has more (they are ignored).
COLUMNS = (
	"pns_id",
	"nip_baru",
	"nama",
	"gelar_depan",
	"gelar_belakang",
	"tanggal_lahir",
	"jenis_kelamin",
	"gol_akhir_id",
	"gol_akhir_nama",
	"tmt_golongan",
	"jenis_jabatan_nama",
	"jabatan_nama",
	"tmt_jabatan",
	"unor_id",
	"unor_nama",
)
REQUIRED_COLUMNS = ("nip_baru", "nama", "jabatan_nama", "unor_id", "unor_nama")
# One of the two golongan columns must be there.
GOLONGAN_COLUMNS = ("gol_akhir_id", "gol_akhir_nama")

NULLS = {"", "null", "NULL", "Null", "-"}
ROMAN = ("I", "II", "III", "IV")
RUANG = "abcde"


def _golongan_ladder() -> dict[str, str]:
	"""'III/a' -> 'Penata Muda (III/a)', from the app's own pangkat options."""
	ladder = {}
	for option in PANGKAT_GOLONGAN:
		golongan = option[option.rindex("(") + 1 : -1]
		ladder[golongan] = option
	return ladder


# "III/a" -> "Penata Muda (III/a)"
PANGKAT_BY_GOLONGAN = _golongan_ladder()
# SIASN's numeric ids: tens digit the golongan (1-4), units digit the ruang (1=a … 5=e).
GOLONGAN_BY_ID = {
	f"{g}{r}": f"{ROMAN[g - 1]}/{RUANG[r - 1]}"
	for g in range(1, 5)
	for r in range(1, 6)
	if f"{ROMAN[g - 1]}/{RUANG[r - 1]}" in PANGKAT_BY_GOLONGAN
}

ACTING_PREFIX = re.compile(
	r"^\s*(?:(?P<plt>plt\.?|pelaksana\s+tugas)|(?P<plh>plh\.?|pelaksana\s+harian))\s+", re.IGNORECASE
)
DATE_PATTERN = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
ISO_DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T][\d:.]+)?$")
KASUBAG = re.compile(r"^(kepala\s+sub\s*bag(?:ian)?|kasubb?ag)\b", re.IGNORECASE)


class SiasnFileError(ValueError):
	"""The file as a whole cannot be read: `kind` says why (empty, columns)."""

	def __init__(self, kind: str, detail: str = ""):
		super().__init__(f"{kind}: {detail}")
		self.kind = kind
		self.detail = detail


@dataclass(frozen=True)
class RowError:
	"""One problem of one row; `kind` names it for a translated message."""

	kind: str  # nip | nip_duplicate | required | date | golongan | golongan_mismatch | birth_date_mismatch | gender
	column: str
	value: str = ""
	detail: str = ""


@dataclass(frozen=True)
class Official:
	"""One civil servant as the app keeps them."""

	line: int
	nip: str
	pns_id: str | None
	nama: str
	full_name: str
	birth_date: date
	gender: str  # "L" or "P"
	golongan: str | None  # "III/a"
	pangkat_golongan: str | None  # "Penata Muda (III/a)", an option of Pejabat Unit Kerja
	tmt_golongan: date | None
	jenis_jabatan: str | None
	position_title: str
	acting: str | None  # "Plt." | "Plh." | None
	tmt_jabatan: date | None
	unor_id: str
	unor_nama: str
	suggested_role: str


@dataclass
class ParsedRow:
	line: int
	nip: str
	official: Official | None = None
	errors: list[RowError] = field(default_factory=list)


def clean(value) -> str | None:
	"""A cell as text: strip spaces and the leading apostrophe; `null` is empty."""
	if value is None:
		return None
	if isinstance(value, datetime):
		return value.date().strftime("%d-%m-%Y")
	if isinstance(value, date):
		return value.strftime("%d-%m-%Y")
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	text = str(value).strip()
	if text.startswith("'"):
		text = text[1:].strip()
	return None if text in NULLS else text


def parse_date(value: str | None) -> date | None:
	"""SIASN dates are d-m-Y (also d/m/Y); an XLSX cell may already be a date."""
	if value is None:
		return None
	if m := DATE_PATTERN.match(value):
		day, month, year = (int(g) for g in m.groups())
	elif m := ISO_DATE_PATTERN.match(value):
		year, month, day = (int(g) for g in m.groups())
	else:
		raise ValueError(value)
	return date(year, month, day)


def normalise_golongan(name: str) -> str | None:
	"""'III/a', 'III / A', 'iii-a', 'Penata Muda (III/a)' -> 'III/a'; None when it is not one."""
	m = re.match(r"^\s*(IV|III|II|I)\s*[/\-]?\s*([A-E])\s*$", name.upper()) or re.search(
		r"\((IV|III|II|I)\s*/\s*([A-E])\)", name.upper()
	)
	if not m:
		return None
	golongan = f"{m.group(1)}/{m.group(2).lower()}"
	return golongan if golongan in PANGKAT_BY_GOLONGAN else None


def golongan_from(gol_id: str | None, gol_nama: str | None) -> str | None:
	"""The golongan from SIASN's id (31) and/or name (III/a); ValueError when they disagree or are unknown."""
	by_id = by_name = None
	if gol_id is not None:
		by_id = GOLONGAN_BY_ID.get(gol_id)
		if by_id is None:
			raise ValueError("golongan", "gol_akhir_id", gol_id)
	if gol_nama is not None:
		by_name = normalise_golongan(gol_nama)
		if by_name is None:
			raise ValueError("golongan", "gol_akhir_nama", gol_nama)
	if by_id and by_name and by_id != by_name:
		raise ValueError("golongan_mismatch", "gol_akhir_id", f"{gol_id} / {gol_nama}")
	return by_id or by_name


def full_name(nama: str, gelar_depan: str | None, gelar_belakang: str | None) -> str:
	"""'Dr. H. Ahmad Fauzi, S.Sos., M.Si.': front titles, the name, a comma, back titles."""
	name = " ".join(nama.split())
	if gelar_depan:
		name = f"{' '.join(gelar_depan.split())} {name}"
	if gelar_belakang:
		name = f"{name}, {' '.join(gelar_belakang.split()).lstrip(', ')}"
	return name


def split_acting(jabatan: str) -> tuple[str | None, str]:
	"""'Plt. Camat Sukamaju' -> ('Plt.', 'Camat Sukamaju'); 'Pelaksana Harian …' is Plh."""
	m = ACTING_PREFIX.match(jabatan)
	if not m:
		return None, " ".join(jabatan.split())
	return ("Plt." if m.group("plt") else "Plh."), " ".join(jabatan[m.end() :].split())


def suggest_role(position_title: str) -> str:
	"""The SOP role a new official starts with, read from the position title.

	Only a suggestion for a new row: an administrator's choice is never overwritten.
	"""
	title = position_title.lower()
	if title.startswith("camat"):
		return CAMAT
	if title.startswith(("sekretaris kecamatan", "sekretaris camat", "sekcam")):
		return SEKRETARIS
	if KASUBAG.match(title):
		if "umum" in title:
			return KASUBAG_UMUM
		if any(word in title for word in ("perencanaan", "program", "evaluasi", "pelaporan", "evapor")):
			return KASUBAG_EVAPOR
	return STAF


def parse_gender(value: str | None) -> str | None:
	if value is None:
		return None
	return {
		"M": "L",
		"L": "L",
		"LAKI-LAKI": "L",
		"PRIA": "L",
		"F": "P",
		"P": "P",
		"PEREMPUAN": "P",
		"WANITA": "P",
	}.get(value.upper())


def parse_row(raw: Mapping[str, object], line: int) -> ParsedRow:
	"""Check one row and turn it into an Official, or collect every error it has."""
	cells = {column: clean(raw.get(column)) for column in COLUMNS}
	nip_text = cells["nip_baru"] or ""
	row = ParsedRow(line=line, nip=nip_text)
	errors = row.errors

	for column in REQUIRED_COLUMNS:
		if not cells[column]:
			errors.append(RowError("required", column))

	nip = None
	if nip_text:
		try:
			nip = parse_nip(nip_text)
			row.nip = nip.value
		except NipError as error:
			errors.append(RowError("nip", "nip_baru", nip_text, error.kind))

	dates = {}
	for column in ("tanggal_lahir", "tmt_golongan", "tmt_jabatan"):
		try:
			dates[column] = parse_date(cells[column])
		except ValueError:
			errors.append(RowError("date", column, cells[column] or ""))
			dates[column] = None
	if nip and dates["tanggal_lahir"] and dates["tanggal_lahir"] != nip.birth_date:
		errors.append(
			RowError("birth_date_mismatch", "tanggal_lahir", cells["tanggal_lahir"] or "", nip.value)
		)

	gender = parse_gender(cells["jenis_kelamin"])
	if cells["jenis_kelamin"] and gender is None:
		errors.append(RowError("gender", "jenis_kelamin", cells["jenis_kelamin"]))

	golongan = None
	try:
		golongan = golongan_from(cells["gol_akhir_id"], cells["gol_akhir_nama"])
	except ValueError as error:
		errors.append(RowError(*error.args))

	if errors or nip is None:
		return row

	acting, position_title = split_acting(cells["jabatan_nama"])
	row.official = Official(
		line=line,
		nip=nip.value,
		pns_id=cells["pns_id"],
		nama=cells["nama"],
		full_name=full_name(cells["nama"], cells["gelar_depan"], cells["gelar_belakang"]),
		birth_date=nip.birth_date,
		gender=gender or nip.gender,
		golongan=golongan,
		pangkat_golongan=PANGKAT_BY_GOLONGAN.get(golongan) if golongan else None,
		tmt_golongan=dates["tmt_golongan"],
		jenis_jabatan=cells["jenis_jabatan_nama"],
		position_title=position_title,
		acting=acting,
		tmt_jabatan=dates["tmt_jabatan"],
		unor_id=cells["unor_id"],
		unor_nama=" ".join(cells["unor_nama"].split()),
		suggested_role=suggest_role(position_title),
	)
	return row


def check_columns(headers: Iterable[str]) -> list[str]:
	"""The normalised headers; SiasnFileError when a needed column is missing."""
	names = [normalise_header(h) for h in headers]
	missing = [c for c in REQUIRED_COLUMNS if c not in names]
	if not any(c in names for c in GOLONGAN_COLUMNS):
		missing.append(" / ".join(GOLONGAN_COLUMNS))
	if missing:
		raise SiasnFileError("columns", ", ".join(missing))
	return names


def normalise_header(header) -> str:
	return (clean(header) or "").lstrip("\ufeff").strip().lower().replace(" ", "_")


def parse_rows(rows: Iterable[Iterable[object]]) -> list[ParsedRow]:
	"""Rows of cells, the header row first (as CSV and XLSX readers give them).

	Line numbers are the file's: the header is line 1. An NIP seen twice is an
	error on its second row. Blank rows are skipped.
	"""
	iterator = iter(rows)
	try:
		headers = check_columns(next(iterator))
	except StopIteration:
		raise SiasnFileError("empty") from None
	parsed: list[ParsedRow] = []
	seen: dict[str, int] = {}
	for line, cells in enumerate(iterator, start=2):
		cells = list(cells)
		if all(clean(c) is None for c in cells):
			continue
		row = parse_row(dict(zip(headers, cells, strict=False)), line)
		if row.official and row.official.nip in seen:
			row.errors.append(
				RowError("nip_duplicate", "nip_baru", row.official.nip, str(seen[row.official.nip]))
			)
			row.official = None
		elif row.official:
			seen[row.official.nip] = line
		parsed.append(row)
	if not parsed:
		raise SiasnFileError("empty")
	return parsed


def read_csv(content: bytes | str) -> Iterator[list[str]]:
	"""CSV rows; SIASN and spreadsheets write commas or semicolons, with or without a BOM."""
	if isinstance(content, bytes):
		content = content.decode("utf-8-sig", errors="replace")
	content = content.lstrip("\ufeff")
	first_line = content.split("\n", 1)[0]
	delimiter = max((",", ";", "\t"), key=first_line.count)
	return csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)


def parse_csv(content: bytes | str) -> list[ParsedRow]:
	return parse_rows(read_csv(content))
