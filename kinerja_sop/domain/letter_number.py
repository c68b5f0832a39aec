"""Outgoing-letter numbers (nomor surat keluar) and the counter behind them.

A unit writes its numbering rule as a template, by default
`{klasifikasi}/{nomor}/{kode_unit}/{tahun}`, e.g. `000.8.3.3/7/KEC.SKM/2024`.
A template is accepted only if every number it renders can be read back into
the same parts, so a stored number can always be checked against its letter.
The running number is per unit and per calendar year (DESIGN.md, Outgoing-mail
register) whatever the template prints; see `sequence_key`.
"""

import re
from dataclasses import dataclass
from datetime import date as Date
from functools import cached_property

DEFAULT_FORMAT = "{klasifikasi}/{nomor}/{kode_unit}/{tahun}"
PLACEHOLDERS = ("klasifikasi", "nomor", "kode_unit", "tahun", "bulan", "bulan_romawi")
# Free text: its extent in a number is found only by the separators around it.
TEXT_PLACEHOLDERS = ("klasifikasi", "kode_unit")
DATE_PLACEHOLDERS = ("tahun", "bulan", "bulan_romawi")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
MAX_PADDING = 10
# What may appear in a letter number, in the template's own text and in values.
SAFE_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/.-_ ")
# A variable-width part must not run on into the text after it.
CANNOT_FOLLOW = {"nomor": frozenset("0123456789"), "bulan_romawi": frozenset("IVX")}
PART_PATTERNS = {"nomor": "[0-9]+", "tahun": "[0-9]{4}", "bulan": "[0-9]{2}", "bulan_romawi": "[IVX]+"}

SEQUENCE_PREFIX = "SK"
INCOMING_PREFIX = "SM"
# Frappe keeps counters in `tabSeries`, whose name column is varchar(100).
MAX_KEY_LENGTH = 100
UNIT_CODE_PATTERN = re.compile(r"[A-Za-z0-9._-]+")
PLACEHOLDER_SPLIT = re.compile(r"(\{[^{}]*\})")
PADDING_PATTERN = re.compile(r"[0-9]{1,2}")


class LetterNumberError(ValueError):
	"""A letter number that cannot be rendered or read; `kind` says why.

	kind: bad_nomor | bad_value | mismatch, and the template kinds of
	LetterNumberFormatError. `field` names the offending argument or part.
	"""

	def __init__(self, kind: str, text: str, detail: str = "", field: str | None = None):
		super().__init__(f"{text!r}: {kind}" + (f" ({detail})" if detail else ""))
		self.kind = kind
		self.text = text
		self.detail = detail
		self.field = field


class LetterNumberFormatError(LetterNumberError):
	"""A template that cannot number letters unambiguously.

	kind: empty | unbalanced_braces | unknown_placeholder | bad_padding |
	duplicate_placeholder | missing_nomor | adjacent_placeholders |
	ambiguous_separator | bad_character
	"""

	def __init__(self, kind: str, template: str, detail: str = ""):
		super().__init__(kind, template, detail)
		self.template = template


@dataclass(frozen=True)
class Placeholder:
	name: str
	width: int | None = None  # zero padding, only for nomor


@dataclass(frozen=True)
class LetterNumberFormat:
	"""A checked template; build it with `parse_format`."""

	template: str
	parts: tuple[str | Placeholder, ...]  # literal text and placeholders, in order

	@property
	def placeholders(self) -> tuple[str, ...]:
		return tuple(part.name for part in self.parts if isinstance(part, Placeholder))

	@property
	def uses_year(self) -> bool:
		"""Whether the number shows any part of the letter's date.

		The counter restarts on 1 January whether or not it does (see
		`sequence_key`).
		"""
		return any(name in DATE_PLACEHOLDERS for name in self.placeholders)

	@property
	def prints_year(self) -> bool:
		"""Whether the number text is unique across years on its own.

		Without `{tahun}` the counter still restarts every year, so the same text
		comes back a year later: a register must then treat (number, year) as the
		unique pair, not the number alone.
		"""
		return "tahun" in self.placeholders

	@cached_property
	def _separators(self) -> dict[str, frozenset[str]]:
		"""The characters touching each free-text part: they may not occur in its value."""
		touching: dict[str, set[str]] = {}
		for i, part in enumerate(self.parts):
			if isinstance(part, Placeholder) and part.name in TEXT_PLACEHOLDERS:
				before = self.parts[i - 1] if i > 0 else ""
				after = self.parts[i + 1] if i + 1 < len(self.parts) else ""
				touching[part.name] = {text for text in (before[-1:], after[:1]) if text}
		return {name: frozenset(chars) for name, chars in touching.items()}

	@cached_property
	def _pattern(self) -> re.Pattern:
		pieces = []
		for i, part in enumerate(self.parts):
			if not isinstance(part, Placeholder):
				pieces.append(re.escape(part))
				continue
			if part.name in TEXT_PLACEHOLDERS:
				after = self.parts[i + 1] if i + 1 < len(self.parts) else ""
				body = f"[^{re.escape(after[0])}\\n]+" if after else ".+"
			else:
				body = PART_PATTERNS[part.name]
			pieces.append(f"(?P<{part.name}>{body})")
		return re.compile("".join(pieces))

	def render(self, nomor: int, klasifikasi: str, kode_unit: str, date: Date) -> str:
		"""The letter number; values the template does not print are not checked."""
		if isinstance(nomor, bool) or not isinstance(nomor, int) or nomor < 1:
			raise LetterNumberError(
				"bad_nomor", str(nomor), "the number must be a whole number from 1", "nomor"
			)
		used = self.placeholders
		if any(name in DATE_PLACEHOLDERS for name in used) and not isinstance(date, Date):
			raise LetterNumberError("bad_value", str(date), "the letter has no date", "date")
		values = {"klasifikasi": klasifikasi, "kode_unit": kode_unit}
		for name in TEXT_PLACEHOLDERS:
			if name in used:
				self._check_text(name, values[name], "bad_value")
		rendered = []
		for part in self.parts:
			if not isinstance(part, Placeholder):
				rendered.append(part)
			elif part.name == "nomor":
				rendered.append(f"{nomor:0{part.width or 1}d}")
			elif part.name == "tahun":
				rendered.append(f"{date.year:04d}")
			elif part.name == "bulan":
				rendered.append(f"{date.month:02d}")
			elif part.name == "bulan_romawi":
				rendered.append(to_roman(date.month))
			else:
				rendered.append(values[part.name])
		return "".join(rendered)

	def _check_text(self, name: str, value: str, kind: str, text: str | None = None) -> None:
		shown = value if text is None else text
		if not isinstance(value, str) or not value.strip():
			raise LetterNumberError(kind, str(shown), f"{name} is empty", name)
		if value != value.strip():
			raise LetterNumberError(kind, shown, f"{name} starts or ends with a space", name)
		unsafe = sorted(set(value) - SAFE_CHARACTERS)
		if unsafe:
			raise LetterNumberError(kind, shown, f"{name} contains {''.join(unsafe)!r}", name)
		clashing = sorted(self._separators[name] & set(value))
		if clashing:
			raise LetterNumberError(
				kind, shown, f"{name} contains {''.join(clashing)!r}, which separates it in the format", name
			)


def parse_format(template: str | None) -> LetterNumberFormat:
	"""Check a template and split it into literal text and placeholders."""
	template = template or ""
	if not template.strip():
		raise LetterNumberFormatError("empty", template)
	pieces = PLACEHOLDER_SPLIT.split(template)
	parts: list[str | Placeholder] = []
	for i, piece in enumerate(pieces):
		if i % 2 == 0:
			if "{" in piece or "}" in piece:
				raise LetterNumberFormatError("unbalanced_braces", template, f"stray brace in {piece!r}")
			parts.append(piece)
		else:
			parts.append(_placeholder(template, piece[1:-1], parts))
	names = [part.name for part in parts if isinstance(part, Placeholder)]
	if "nomor" not in names:
		raise LetterNumberFormatError("missing_nomor", template, "the template has no {nomor}")
	# split() alternates literal, placeholder, literal, ...: each placeholder
	# (odd index) has the literal after it at the next index.
	for i in range(1, len(parts), 2):
		placeholder, literal = parts[i], parts[i + 1]
		if not literal and i + 2 < len(parts):
			raise LetterNumberFormatError(
				"adjacent_placeholders",
				template,
				f"nothing separates {{{placeholder.name}}} from {{{parts[i + 2].name}}}",
			)
		if literal[:1] in CANNOT_FOLLOW.get(placeholder.name, ()):
			raise LetterNumberFormatError(
				"ambiguous_separator",
				template,
				f"{literal!r} after {{{placeholder.name}}} reads as part of it",
			)
	literal_text = "".join(part for part in parts if isinstance(part, str))
	unsafe = sorted(set(literal_text) - SAFE_CHARACTERS)
	if unsafe:
		raise LetterNumberFormatError("bad_character", template, f"not allowed: {''.join(unsafe)!r}")
	if template != template.strip():
		raise LetterNumberFormatError("bad_character", template, "starts or ends with a space")
	# Literals are kept only where they have text; placeholders are never adjacent.
	return LetterNumberFormat(template=template, parts=tuple(part for part in parts if part != ""))


def _placeholder(template: str, body: str, parts: list) -> Placeholder:
	name, colon, width = body.partition(":")
	if name not in PLACEHOLDERS:
		raise LetterNumberFormatError("unknown_placeholder", template, f"{{{body}}}")
	padding = None
	if colon:
		if name != "nomor":
			raise LetterNumberFormatError(
				"bad_padding", template, f"only {{nomor}} takes a width, not {{{body}}}"
			)
		if not PADDING_PATTERN.fullmatch(width) or not 1 <= int(width) <= MAX_PADDING:
			raise LetterNumberFormatError("bad_padding", template, f"width {width!r} is not 1..{MAX_PADDING}")
		padding = int(width)
	if any(isinstance(part, Placeholder) and part.name == name for part in parts):
		raise LetterNumberFormatError("duplicate_placeholder", template, f"{{{name}}} appears twice")
	return Placeholder(name=name, width=padding)


def parse_number(fmt: LetterNumberFormat, text: str) -> dict[str, int | str]:
	"""Read a number back into its parts; it must be exactly what `render` makes.

	Returns the template's parts: `nomor` and `tahun` as int, `bulan` as the
	month number (from `{bulan}` or `{bulan_romawi}`), free text as str.
	"""
	match = fmt._pattern.fullmatch(text) if isinstance(text, str) else None
	if match is None:
		raise LetterNumberError("mismatch", str(text), f"does not fit {fmt.template!r}")
	found = match.groupdict()
	parts: dict[str, int | str] = {}
	for name in TEXT_PLACEHOLDERS:
		if name in found:
			fmt._check_text(name, found[name], "mismatch", text)
			parts[name] = found[name]
	nomor = int(found["nomor"])
	width = next(part.width for part in fmt.parts if isinstance(part, Placeholder) and part.name == "nomor")
	if nomor < 1 or f"{nomor:0{width or 1}d}" != found["nomor"]:
		detail = f"{found['nomor']!r} is not a number as the format writes it"
		raise LetterNumberError("mismatch", text, detail, "nomor")
	parts["nomor"] = nomor
	if "tahun" in found:
		if int(found["tahun"]) < 1:
			raise LetterNumberError("mismatch", text, "year 0000", "tahun")
		parts["tahun"] = int(found["tahun"])
	months = set()
	if "bulan" in found:
		months.add(int(found["bulan"]))
	if "bulan_romawi" in found:
		if found["bulan_romawi"] not in ROMAN_MONTHS:
			raise LetterNumberError(
				"mismatch", text, f"{found['bulan_romawi']!r} is not a month", "bulan_romawi"
			)
		months.add(ROMAN_MONTHS.index(found["bulan_romawi"]) + 1)
	if len(months) > 1 or not months <= set(range(1, 13)):
		raise LetterNumberError(
			"mismatch", text, "the month is not 1..12, or its two forms disagree", "bulan"
		)
	if months:
		parts["bulan"] = months.pop()
	return parts


def sequence_key(
	unit_code: str, date: Date, fmt: LetterNumberFormat | None = None, prefix: str = SEQUENCE_PREFIX
) -> str:
	"""The counter a letter's number is drawn from: `SK:<UNIT CODE>:<year>`.

	`prefix` keeps other registers apart: incoming letters' agenda numbers use "SM".

	Always per unit and per calendar year, even when the format prints no year:
	DESIGN.md restarts numbering on 1 January. The format is deliberately not
	part of the key, so changing a unit's format mid-year continues its numbers
	instead of repeating them. A unit code has no ':', so distinct (unit, year)
	pairs give distinct keys; nor may a Frappe naming series, so a key never
	shares a `tabSeries` row with a DocType's series. The code is upper-cased
	because MariaDB compares keys case-insensitively anyway: Postgres then agrees.
	"""
	if not isinstance(unit_code, str) or not UNIT_CODE_PATTERN.fullmatch(unit_code):
		detail = "unit code is not letters, digits, '.', '-', '_'"
		raise LetterNumberError("bad_value", str(unit_code), detail, "unit_code")
	if not isinstance(date, Date):
		raise LetterNumberError("bad_value", str(date), "the letter has no date", "date")
	key = f"{prefix}:{unit_code.upper()}:{date.year:04d}"
	if len(key) > MAX_KEY_LENGTH:
		raise LetterNumberError(
			"bad_value", unit_code, "unit code is too long for a counter key", "unit_code"
		)
	return key


def to_roman(month: int) -> str:
	"""A month as letters write it: 3 -> "III"."""
	if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
		raise LetterNumberError("bad_value", str(month), "a month is 1..12", "bulan")
	return ROMAN_MONTHS[month - 1]
