"""SIPD-RI exports read without Frappe: nomenclature codes, the unit's
sub-kegiatan list (Renja/DPA) and the budget realisation report (LRA).

SIPD-RI (Kemendagri) has no server-to-server API; a kecamatan exports files.
The column names are SIPD's own, as the community tools that save its data
keep them (agusnurwanto/wp-sipd `data_sub_keg_bl`, `data_sub_keg_indikator`;
sipd-ri-penatausahaan-chrome-extension `aklap/lra.js`):

- sub-kegiatan: ``kode_urusan, kode_bidang_urusan, nama_bidang_urusan,
  kode_program, nama_program, kode_giat, nama_giat, kode_sub_giat,
  nama_sub_giat, kode_skpd, nama_skpd, kode_sbl, id_sub_giat, pagu,
  pagu_n_depan, nama_dana`` and, flattened one indicator per row,
  ``outputteks, targetoutput, satuanoutput, hasilteks, targethasil, satuanhasil``;
- LRA: ``kode_rekening, level, nama_rekening, nominal`` (the budget; also
  accepted as ``anggaran``), ``realisasi, presentase`` (or ``persentase``),
  ``previous_realisasi``, with the sub-kegiatan in ``kode_sub_giat`` or as the
  prefix of ``kode_rekening`` (``7.01.02.2.01.0001.5.1.02.01.01.0024``).

Nomenclature codes split on "." into urusan (1 segment), bidang (2),
program (3), kegiatan (5: "2.01" is one kegiatan) and sub-kegiatan (6).
The sub-kegiatan's last segment occurs with two digits (``…2.01.01``) and
with four (``…2.01.0001``); both are one code, written here with four.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

URUSAN, BIDANG, PROGRAM, KEGIATAN, SUB_KEGIATAN = "urusan", "bidang", "program", "kegiatan", "sub_kegiatan"
LEVELS = (URUSAN, BIDANG, PROGRAM, KEGIATAN, SUB_KEGIATAN)
# How many dot-separated segments each level's code has.
LEVEL_SEGMENTS = {URUSAN: 1, BIDANG: 2, PROGRAM: 3, KEGIATAN: 5, SUB_KEGIATAN: 6}
SEGMENTS_LEVEL = {count: level for level, count in LEVEL_SEGMENTS.items()}
# The width each segment is written with (the sub-kegiatan's in four digits).
SEGMENT_WIDTHS = (1, 2, 2, 1, 2, 4)
# A budget account (kode rekening belanja) has six segments: 5.1.02.01.01.0024.
ACCOUNT_SEGMENTS = 6
ACCOUNT_WIDTHS = (1, 1, 2, 2, 2, 4)

EMPTY_MARKERS = {"", "null", "none", "-", "nan"}


class SipdError(ValueError):
	"""A value from a SIPD export that cannot be read; `kind` says why."""

	def __init__(self, kind: str, message: str, **context):
		super().__init__(message)
		self.kind = kind
		self.context = context


# --- cells -------------------------------------------------------------------


def clean(value) -> str | None:
	"""A cell as text: trimmed, the spreadsheet's leading apostrophe (which keeps
	"7.01" from becoming a number) removed, and SIPD's empty markers ("null",
	"-") read as nothing."""
	if value is None:
		return None
	if isinstance(value, float) and value.is_integer():
		value = int(value)
	text = str(value).replace("\u00a0", " ").strip()
	if text.startswith("'"):
		text = text[1:].strip()
	return None if text.lower() in EMPTY_MARKERS else text


def parse_amount(value, field: str = "nilai") -> Decimal | None:
	"""A rupiah amount as SIPD files write it: 1250000, "1.250.000", "1.250.000,50",
	"1,250,000.50", "Rp 1.250.000". Nothing written is None, never 0."""
	if isinstance(value, bool):
		raise SipdError("not_a_number", f"{field}: {value!r} is not a number", field=field, value=value)
	if isinstance(value, (int, Decimal)):
		return Decimal(value)
	if isinstance(value, float):
		return Decimal(repr(value))
	text = clean(value)
	if text is None:
		return None
	text = re.sub(r"^(rp\.?)\s*", "", text, flags=re.IGNORECASE).replace(" ", "")
	negative = text.startswith("(") and text.endswith(")")
	if negative:
		text = text[1:-1]
	text = _canonical_number(text)
	try:
		number = Decimal(text)
	except InvalidOperation:
		raise SipdError(
			"not_a_number", f"{field}: {value!r} is not a number", field=field, value=value
		) from None
	if not number.is_finite():
		raise SipdError("not_a_number", f"{field}: {value!r} is not a number", field=field, value=value)
	return -number if negative else number


def _canonical_number(text: str) -> str:
	"""Thousands separators out, the decimal separator as "."."""
	if "," in text and "." in text:
		decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
		thousands = "." if decimal_mark == "," else ","
		return text.replace(thousands, "").replace(decimal_mark, ".")
	for mark in (".", ","):
		if mark in text:
			parts = text.split(mark)
			grouped = len(parts) > 2 or (len(parts[-1]) == 3 and parts[0].lstrip("-") not in ("", "0"))
			if grouped and all(len(p) == 3 for p in parts[1:]):
				return text.replace(mark, "")
			if len(parts) == 2:
				return text.replace(mark, ".")
	return text


# --- nomenclature codes ------------------------------------------------------


def normalise_code(code) -> str:
	"""One spelling of a nomenclature code: segments zero-padded to SIPD's widths,
	the sub-kegiatan in four digits (7.1.2.2.1.1 and 7.01.02.2.01.01 are
	7.01.02.2.01.0001). The cross-cutting urusan "X.XX" stays as it is."""
	text = clean(code)
	if not text:
		raise SipdError("missing_code", "the code is empty")
	parts = [p.strip() for p in text.strip(".").split(".")]
	if len(parts) not in SEGMENTS_LEVEL:
		raise SipdError(
			"bad_code",
			f"{text!r} has {len(parts)} segments; a nomenclature code has 1, 2, 3, 5 or 6",
			value=text,
		)
	result = []
	for index, part in enumerate(parts):
		width = SEGMENT_WIDTHS[index]
		if index < 2 and part and set(part.upper()) == {"X"}:
			result.append("X" * width)
			continue
		if not part.isdigit() or len(part) > width:
			raise SipdError("bad_code", f"{text!r}: segment {index + 1} {part!r} is not a code", value=text)
		result.append(part.zfill(width))
	return ".".join(result)


def level_of(code: str) -> str:
	"""urusan | bidang | program | kegiatan | sub_kegiatan, from a normalised code."""
	return SEGMENTS_LEVEL[len(code.split("."))]


def parent_code(code: str) -> str | None:
	"""The code one level up (a sub-kegiatan's kegiatan, a kegiatan's program, …)."""
	parts = code.split(".")
	index = LEVELS.index(SEGMENTS_LEVEL[len(parts)])
	if index == 0:
		return None
	return ".".join(parts[: LEVEL_SEGMENTS[LEVELS[index - 1]]])


def hierarchy(code) -> list[tuple[str, str]]:
	"""(level, code) from the urusan down to the code itself."""
	normal = normalise_code(code)
	parts = normal.split(".")
	return [
		(level, ".".join(parts[:count])) for level, count in LEVEL_SEGMENTS.items() if count <= len(parts)
	]


def ancestor(code: str, level: str) -> str:
	"""The code of `code`'s ancestor at `level` (itself if it is at that level)."""
	parts = code.split(".")
	count = LEVEL_SEGMENTS[level]
	if count > len(parts):
		raise SipdError("bad_level", f"{code} has no {level}", value=code)
	return ".".join(parts[:count])


def normalise_account(code) -> str:
	"""A six-segment budget account code, segments padded: 5.1.2.1.1.24 → 5.1.02.01.01.0024."""
	text = clean(code)
	parts = (text or "").strip(".").split(".")
	if len(parts) != ACCOUNT_SEGMENTS or not all(
		p.isdigit() and len(p) <= w for p, w in zip(parts, ACCOUNT_WIDTHS, strict=True)
	):
		raise SipdError("bad_account", f"{text!r} is not a six-segment account code", value=text)
	return ".".join(p.zfill(w) for p, w in zip(parts, ACCOUNT_WIDTHS, strict=True))


def split_lra_code(kode_rekening, kode_sub_giat=None) -> tuple[str | None, str | None]:
	"""(sub-kegiatan, account) of one LRA row.

	An LRA per sub-kegiatan writes the sub-kegiatan code before the account
	(``7.01.02.2.01.0001.5.1.02.01.01.0024``: 6 + 6 segments); an LRA with its own
	``kode_sub_giat`` column writes the account alone. The account is None for a
	heading row (fewer than six account segments: 5, 5.1, 5.1.02, …), which the
	roll-up leaves out so that nothing is counted twice."""
	text = clean(kode_rekening)
	if not text:
		raise SipdError("missing_code", "kode_rekening is empty")
	parts = text.strip(".").split(".")
	sub = normalise_code(kode_sub_giat) if clean(kode_sub_giat) else None
	if len(parts) > LEVEL_SEGMENTS[SUB_KEGIATAN] and _is_nomenclature(parts):
		sub = normalise_code(".".join(parts[: LEVEL_SEGMENTS[SUB_KEGIATAN]]))
		parts = parts[LEVEL_SEGMENTS[SUB_KEGIATAN] :]
	elif _is_nomenclature(parts):  # a program, kegiatan or sub-kegiatan heading
		normalise_code(text)
		return sub, None
	if sub is not None and level_of(sub) != SUB_KEGIATAN:
		raise SipdError("bad_code", f"{sub} is not a sub-kegiatan code", value=sub)
	if len(parts) < ACCOUNT_SEGMENTS:
		if not all(p.isdigit() for p in parts):
			raise SipdError("bad_account", f"{text!r} is not an account code", value=text)
		return sub, None
	return sub, normalise_account(".".join(parts))


def _is_nomenclature(parts: Sequence[str]) -> bool:
	"""Nomenclature codes have a two-character second segment (7.01, X.XX);
	account codes a one-digit one (5.1)."""
	return len(parts) >= 2 and len(parts[1]) == 2


# --- reading files -----------------------------------------------------------


def header_key(name) -> str:
	"""A column name as a key: lower case, BOM and spaces out (\"Kode Sub Giat\" → kode_sub_giat)."""
	text = clean(name) or ""
	return re.sub(r"[^a-z0-9]+", "_", text.lstrip("\ufeff").lower()).strip("_")


def read_csv(content: bytes | str) -> list[list[str]]:
	"""Rows of a CSV export: UTF-8 with or without BOM (Windows-1252 as a fallback),
	comma, semicolon (Excel in an Indonesian locale) or tab separated."""
	if isinstance(content, bytes):
		try:
			content = content.decode("utf-8-sig")
		except UnicodeDecodeError:
			content = content.decode("cp1252")
	content = content.lstrip("\ufeff")
	first_line = content.split("\n", 1)[0]
	delimiter = max((";", ",", "\t"), key=first_line.count)
	return [row for row in csv.reader(io.StringIO(content), delimiter=delimiter)]


def read_xlsx(content: bytes) -> list[list]:
	"""Rows of the first sheet of an XLSX export (openpyxl, which Frappe ships)."""
	from openpyxl import load_workbook

	workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
	try:
		return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
	finally:
		workbook.close()


def read_table(content: bytes, filename: str) -> list[list]:
	name = (filename or "").lower()
	if name.endswith((".xlsx", ".xlsm")):
		return read_xlsx(content)
	if name.endswith((".csv", ".txt")):
		return read_csv(content)
	raise SipdError("bad_file", f"{filename!r} is neither CSV nor XLSX", value=filename)


def records(rows: Sequence[Sequence], required: Iterable[str], aliases: Mapping[str, str] | None = None):
	"""(line number, {column: cell}) for each non-empty row under the header row.

	The header is the first row that names every required column (exports often
	carry a title and the unit's name above it). Line numbers are the file's,
	from 1, as a spreadsheet shows them."""
	required = list(required)
	aliases = aliases or {}
	for index, row in enumerate(rows):
		keys = [aliases.get(header_key(cell), header_key(cell)) for cell in row]
		if all(column in keys for column in required):
			header_index = index
			break
	else:
		raise SipdError(
			"missing_columns",
			"no header row with the columns " + ", ".join(required),
			columns=required,
		)
	result = []
	for number, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
		if not any(clean(cell) for cell in row):
			continue
		result.append((number, {key: row[i] if i < len(row) else None for i, key in enumerate(keys) if key}))
	return result


# --- results -----------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
	"""One bad cell: where (file line, column), why (`kind`), the value as written
	(`value`), and an English `message` for logs; the desk words `kind` itself."""

	line: int
	column: str
	message: str
	kind: str = "invalid"
	value: str | None = None


def row_error(line: int, column: str, error: Exception) -> RowError:
	context = getattr(error, "context", {})
	value = context.get("value")
	return RowError(
		line, column, str(error), getattr(error, "kind", "invalid"), None if value is None else str(value)
	)


@dataclass
class Parsed:
	items: list = field(default_factory=list)
	errors: list[RowError] = field(default_factory=list)
	skipped: int = 0

	@property
	def ok(self) -> bool:
		return not self.errors


# --- sub-kegiatan (Renja / DPA) ----------------------------------------------

SUB_KEGIATAN_REQUIRED = ("kode_sub_giat", "nama_sub_giat", "pagu")
SUB_KEGIATAN_ALIASES = {"pagu_n_plus_1": "pagu_n_depan", "pagu_tahun_depan": "pagu_n_depan"}


@dataclass(frozen=True)
class Indicator:
	jenis: str  # "Keluaran" (output) | "Hasil" (outcome)
	tolok_ukur: str
	target: Decimal | None
	satuan: str


@dataclass
class SubKegiatan:
	kode_sub_giat: str
	nama_sub_giat: str
	pagu: Decimal
	pagu_n_depan: Decimal | None
	kode_sbl: str | None
	id_sub_giat: str | None
	kode_skpd: str | None
	nama_dana: str | None
	names: dict[str, str]  # nomenclature code → name, for every level the row names
	indicators: list[Indicator]
	lines: list[int]

	@property
	def kode_program(self) -> str:
		return ancestor(self.kode_sub_giat, PROGRAM)

	@property
	def kode_giat(self) -> str:
		return ancestor(self.kode_sub_giat, KEGIATAN)


# Which export column names which level: (code column, name column).
LEVEL_COLUMNS = {
	URUSAN: ("kode_urusan", "nama_urusan"),
	BIDANG: ("kode_bidang_urusan", "nama_bidang_urusan"),
	PROGRAM: ("kode_program", "nama_program"),
	KEGIATAN: ("kode_giat", "nama_giat"),
	SUB_KEGIATAN: ("kode_sub_giat", "nama_sub_giat"),
}
INDICATOR_COLUMNS = (
	("Keluaran", "outputteks", "targetoutput", "satuanoutput"),
	("Hasil", "hasilteks", "targethasil", "satuanhasil"),
)


def parse_sub_kegiatan(rows: Sequence[Sequence]) -> Parsed:
	"""The unit's sub-kegiatan with their pagu and indicators.

	A sub-kegiatan with several indicators comes on several rows (same code,
	same pagu). Every row error is collected, so that a preview lists them all."""
	parsed = Parsed()
	by_code: dict[str, SubKegiatan] = {}
	for line, cells in records(rows, SUB_KEGIATAN_REQUIRED, SUB_KEGIATAN_ALIASES):
		errors = []
		item = _sub_kegiatan_row(line, cells, errors)
		if errors:
			parsed.errors += errors
			continue
		known = by_code.get(item.kode_sub_giat)
		if known is None:
			by_code[item.kode_sub_giat] = item
			continue
		conflict = _conflict(known, item)
		if conflict:
			parsed.errors.append(
				RowError(
					line,
					conflict,
					f"{item.kode_sub_giat} already came on line {known.lines[0]} with another {conflict}",
					"duplicate",
					item.kode_sub_giat,
				)
			)
			continue
		known.lines.append(line)
		known.indicators += [i for i in item.indicators if i not in known.indicators]
	parsed.items = list(by_code.values())
	return parsed


def _sub_kegiatan_row(line: int, cells: Mapping, errors: list) -> SubKegiatan | None:
	def fail(column, error):
		errors.append(row_error(line, column, error))

	try:
		code = normalise_code(cells.get("kode_sub_giat"))
		if level_of(code) != SUB_KEGIATAN:
			raise SipdError(
				"bad_code",
				f"{code} is a {level_of(code)} code, not a sub-kegiatan",
				value=clean(cells.get("kode_sub_giat")),
			)
	except SipdError as error:
		fail("kode_sub_giat", error)
		return None
	names = {}
	for level, (code_column, name_column) in LEVEL_COLUMNS.items():
		given = clean(cells.get(code_column))
		if given is not None and level != SUB_KEGIATAN:
			try:
				if normalise_code(given) != ancestor(code, level):
					raise SipdError("inconsistent", f"{given} is not the {level} of {code}", value=given)
			except SipdError as error:
				fail(code_column, error)
		name = clean(cells.get(name_column))
		if name:
			names[ancestor(code, level)] = _strip_code_prefix(name)
	name = names.get(code)
	if not name:
		fail("nama_sub_giat", SipdError("missing_value", "nama_sub_giat is empty"))
	pagu = _amount(cells, "pagu", fail, required=True)
	pagu_n_depan = _amount(cells, "pagu_n_depan", fail)
	indicators = []
	for jenis, text_column, target_column, unit_column in INDICATOR_COLUMNS:
		text = clean(cells.get(text_column))
		target = _amount(cells, target_column, fail, negative_ok=False)
		if text is None:
			if target is not None:
				fail(text_column, SipdError("missing_value", f"{target_column} has no {text_column}"))
			continue
		indicators.append(Indicator(jenis, text, target, clean(cells.get(unit_column)) or ""))
	if errors:
		return None
	return SubKegiatan(
		kode_sub_giat=code,
		nama_sub_giat=name,
		pagu=pagu,
		pagu_n_depan=pagu_n_depan,
		kode_sbl=clean(cells.get("kode_sbl")),
		id_sub_giat=clean(cells.get("id_sub_giat")),
		kode_skpd=clean(cells.get("kode_skpd")),
		nama_dana=clean(cells.get("nama_dana")),
		names=names,
		indicators=indicators,
		lines=[line],
	)


def _strip_code_prefix(name: str) -> str:
	"""SIPD writes some names with their code in front ("7.01.02 PROGRAM …")."""
	return re.sub(r"^[0-9X]+(\.[0-9X]+)*\s+", "", name).strip()


def _amount(cells, column, fail, required=False, negative_ok=False) -> Decimal | None:
	try:
		value = parse_amount(cells.get(column), column)
	except SipdError as error:
		fail(column, error)
		return None
	if value is None and required:
		fail(column, SipdError("missing_value", f"{column} is empty"))
	elif value is not None and value < 0 and not negative_ok:
		fail(column, SipdError("negative_value", f"{column} {value} is negative", value=value))
	return value


def _conflict(known: SubKegiatan, item: SubKegiatan) -> str | None:
	for column in ("nama_sub_giat", "pagu", "pagu_n_depan", "kode_sbl", "id_sub_giat"):
		if getattr(item, column) != getattr(known, column):
			return column
	return None


# --- LRA ---------------------------------------------------------------------

LRA_REQUIRED = ("kode_rekening", "nama_rekening", "nominal", "realisasi")
LRA_ALIASES = {
	"anggaran": "nominal",
	"pagu": "nominal",
	"persentase": "presentase",
	"kode_sub_kegiatan": "kode_sub_giat",
}


@dataclass(frozen=True)
class LraLine:
	line: int
	kode_sub_giat: str
	kode_rekening: str
	nama_rekening: str
	anggaran: Decimal
	realisasi: Decimal


def parse_lra(rows: Sequence[Sequence]) -> Parsed:
	"""The account-level (level 6) lines of an LRA, each with its sub-kegiatan.

	Heading rows (sub-kegiatan, account levels 1-5) are left out (`skipped`):
	their figures are sums of the lines below them. A line whose sub-kegiatan
	cannot be told, a missing budget or realisation, a negative figure or the
	same account twice under one sub-kegiatan is an error. The report's own
	percentage (presentase) is checked against realisasi ÷ anggaran."""
	parsed = Parsed()
	seen: dict[tuple[str, str], int] = {}
	for line, cells in records(rows, LRA_REQUIRED, LRA_ALIASES):
		try:
			sub, account = split_lra_code(cells.get("kode_rekening"), cells.get("kode_sub_giat"))
		except SipdError as error:
			parsed.errors.append(row_error(line, "kode_rekening", error))
			continue
		if account is None:
			parsed.skipped += 1
			continue
		if sub is None:
			parsed.errors.append(
				RowError(
					line,
					"kode_rekening",
					f"{account}: the sub-kegiatan is not given",
					"missing_code",
					account,
				)
			)
			continue
		errors = []

		def fail(column, error, errors=errors, line=line):
			errors.append(row_error(line, column, error))

		budget = _amount(cells, "nominal", fail, required=True)
		spent = _amount(cells, "realisasi", fail, required=True)
		name = clean(cells.get("nama_rekening"))
		if not name:
			fail("nama_rekening", SipdError("missing_value", "nama_rekening is empty"))
		if not errors:
			_check_percentage(cells, budget, spent, fail)
		if (sub, account) in seen:
			fail(
				"kode_rekening",
				SipdError(
					"duplicate",
					f"{sub} {account} already came on line {seen[(sub, account)]}",
					value=f"{sub} {account}",
				),
			)
		if errors:
			parsed.errors += errors
			continue
		seen[(sub, account)] = line
		parsed.items.append(LraLine(line, sub, account, name, budget, spent))
	return parsed


def _check_percentage(cells, budget: Decimal, spent: Decimal, fail) -> None:
	try:
		stated = parse_amount(cells.get("presentase"), "presentase")
	except SipdError as error:
		fail("presentase", error)
		return
	if stated is None or budget == 0:
		return
	computed = spent * 100 / budget
	if abs(computed - stated) > Decimal("0.01") + abs(stated) * Decimal("0.0001"):
		fail(
			"presentase",
			SipdError(
				"inconsistent",
				f"presentase {stated} is not realisasi ÷ nominal ({computed:.2f})",
				value=cells.get("presentase"),
			),
		)


@dataclass(frozen=True)
class Totals:
	code: str
	anggaran: Decimal
	realisasi: Decimal
	lines: int

	@property
	def serapan(self) -> Decimal | None:
		"""Absorption in percent; none for a zero budget."""
		return None if not self.anggaran else self.realisasi * 100 / self.anggaran


def rollup(lines: Iterable[LraLine], level: str = PROGRAM) -> list[Totals]:
	"""Budget and realisation summed to each program (or kegiatan, sub-kegiatan)
	by the sub-kegiatan code's prefix, in code order."""
	if level not in (PROGRAM, KEGIATAN, SUB_KEGIATAN):
		raise SipdError("bad_level", f"cannot roll up to {level!r}", value=level)
	sums: dict[str, list] = {}
	for item in lines:
		code = ancestor(item.kode_sub_giat, level)
		entry = sums.setdefault(code, [Decimal(0), Decimal(0), 0])
		entry[0] += item.anggaran
		entry[1] += item.realisasi
		entry[2] += 1
	return [Totals(code, *sums[code]) for code in sorted(sums)]


# --- upsert planning -----------------------------------------------------------


@dataclass
class Plan:
	new: list = field(default_factory=list)
	changed: list = field(default_factory=list)
	unchanged: list = field(default_factory=list)


def plan_upsert(existing: Mapping[str, Mapping], incoming: Mapping[str, Mapping]) -> Plan:
	"""Which incoming records are new, which differ from what is stored (by the
	values the import writes), which are the same. Keys are the source's keys."""
	plan = Plan()
	for key, values in incoming.items():
		stored = existing.get(key)
		if stored is None:
			plan.new.append(key)
		elif any(_differs(stored.get(column), value) for column, value in values.items()):
			plan.changed.append(key)
		else:
			plan.unchanged.append(key)
	return plan


def _differs(stored, value) -> bool:
	if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
		try:
			return Decimal(str(stored or 0)).quantize(Decimal("0.01")) != Decimal(str(value)).quantize(
				Decimal("0.01")
			)
		except InvalidOperation:
			return True
	if isinstance(value, (list, tuple)):
		return list(stored or []) != list(value)
	return (stored or None) != (value or None)


def iter_chunks(items: Sequence, size: int) -> Iterator[Sequence]:
	for start in range(0, len(items), size):
		yield items[start : start + size]


def nested_set(parents: Mapping[str, str | None]) -> dict[str, tuple[int, int]]:
	"""(lft, rgt) of every node of a tree given as node → parent, children in name
	order: what Frappe's nested set keeps, computed at once for a whole import
	instead of node by node. A parent that is not itself a node is a root's parent."""
	children: dict[str | None, list[str]] = {}
	for node, parent in parents.items():
		children.setdefault(parent if parent in parents else None, []).append(node)
	numbers: dict[str, tuple[int, int]] = {}
	counter = 1
	# iterative depth-first walk: a deep or wide tree never hits the recursion limit
	stack: list[tuple[str, bool]] = [(node, False) for node in sorted(children.get(None, []), reverse=True)]
	left: dict[str, int] = {}
	while stack:
		node, closing = stack.pop()
		if closing:
			numbers[node] = (left[node], counter)
			counter += 1
			continue
		if node in left:
			raise SipdError("cycle", f"{node} is its own ancestor", value=node)
		left[node] = counter
		counter += 1
		stack.append((node, True))
		stack += [(child, False) for child in sorted(children.get(node, []), reverse=True)]
	if len(numbers) != len(parents):
		missing = sorted(set(parents) - set(numbers))
		raise SipdError("cycle", f"{missing[0]} is not under any root", value=missing[0])
	return numbers
