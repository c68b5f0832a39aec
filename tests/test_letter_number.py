"""Letter-number templates, rendering, reading back, and the per-unit, per-year counter."""

import ast
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_sop.domain import letter_number
from kinerja_sop.domain.letter_number import (
	DEFAULT_FORMAT,
	INCOMING_PREFIX,
	SAFE_CHARACTERS,
	LetterNumberError,
	LetterNumberFormatError,
	parse_format,
	parse_number,
	sequence_key,
	to_roman,
)

DAY = date(2024, 3, 5)
YEARLESS = "{klasifikasi}/{nomor}/{kode_unit}"
ROMAN = "{klasifikasi}/{nomor}/{kode_unit}/{bulan_romawi}/{tahun}"


def render(template, nomor=7, klasifikasi="000.8.3.3", kode_unit="KEC.SKM", day=DAY):
	return parse_format(template).render(nomor, klasifikasi, kode_unit, day)


# Formats


@pytest.mark.parametrize(
	"template, expected",
	[
		(DEFAULT_FORMAT, "000.8.3.3/7/KEC.SKM/2024"),
		(YEARLESS, "000.8.3.3/7/KEC.SKM"),
		(ROMAN, "000.8.3.3/7/KEC.SKM/III/2024"),
		("{klasifikasi}/{nomor:3}/{kode_unit}/{tahun}", "000.8.3.3/007/KEC.SKM/2024"),
		("{klasifikasi}/{nomor}/{kode_unit}/{bulan}/{tahun}", "000.8.3.3/7/KEC.SKM/03/2024"),
		("B-{nomor}/{kode_unit}/{klasifikasi}/{tahun}", "B-7/KEC.SKM/000.8.3.3/2024"),
		("{nomor}", "7"),
		("{nomor:10}", "0000000007"),
		("No {nomor} - {kode_unit} {tahun}", "No 7 - KEC.SKM 2024"),
	],
)
def test_renders_each_format_variant(template, expected):
	assert render(template) == expected


def test_padding_is_a_minimum_width_never_a_cut():
	assert render("{klasifikasi}/{nomor:3}/{kode_unit}/{tahun}", nomor=1234) == "000.8.3.3/1234/KEC.SKM/2024"


@pytest.mark.parametrize("template", ["{nomor:1}", "{nomor:03}", "{nomor:10}"])
def test_padding_widths_one_to_ten_are_accepted(template):
	assert parse_format(template).parts[0].width == int(template[7:-1])


@pytest.mark.parametrize(
	"template, uses_year, prints_year",
	[
		(DEFAULT_FORMAT, True, True),
		(YEARLESS, False, False),
		("{klasifikasi}/{nomor}/{kode_unit}/{bulan}", True, False),
		("{klasifikasi}/{nomor}/{kode_unit}/{bulan_romawi}", True, False),
		(ROMAN, True, True),
	],
)
def test_uses_year_and_prints_year(template, uses_year, prints_year):
	fmt = parse_format(template)
	assert fmt.uses_year is uses_year
	assert fmt.prints_year is prints_year


def test_placeholders_in_template_order():
	assert parse_format(ROMAN).placeholders == ("klasifikasi", "nomor", "kode_unit", "bulan_romawi", "tahun")


def test_a_format_is_a_value():
	assert parse_format(DEFAULT_FORMAT) == parse_format(DEFAULT_FORMAT)
	assert hash(parse_format(DEFAULT_FORMAT)) == hash(parse_format(DEFAULT_FORMAT))


def test_the_date_is_not_needed_when_the_format_prints_none_of_it():
	assert parse_format(YEARLESS).render(7, "000.8.3.3", "KEC.SKM", None) == "000.8.3.3/7/KEC.SKM"


def test_values_the_format_does_not_print_are_not_checked():
	assert parse_format("{nomor}/{tahun}").render(7, "", None, DAY) == "7/2024"


def test_a_datetime_is_a_date():
	assert render(DEFAULT_FORMAT, day=datetime(2024, 12, 31, 23, 59)) == "000.8.3.3/7/KEC.SKM/2024"


def test_an_early_year_is_written_with_four_digits():
	assert render(DEFAULT_FORMAT, day=date(987, 1, 1)) == "000.8.3.3/7/KEC.SKM/0987"


@pytest.mark.parametrize(
	"template, kode_unit",
	[
		(DEFAULT_FORMAT, "KEC-SKM"),  # '-' is only a separator when the format uses it next to the value
		("{klasifikasi}-{nomor}-{kode_unit}", "KEC/SKM"),
		(DEFAULT_FORMAT, "KEC SKM"),
	],
)
def test_a_value_may_hold_characters_that_do_not_separate_it(template, kode_unit):
	text = render(template, kode_unit=kode_unit)
	assert parse_number(parse_format(template), text)["kode_unit"] == kode_unit


# Template errors


@pytest.mark.parametrize(
	"template, kind",
	[
		("", "empty"),
		("   ", "empty"),
		(None, "empty"),
		("{klasifikasi}/{nomor/{kode_unit}", "unbalanced_braces"),
		("{klasifikasi}/{nomor}/{kode_unit", "unbalanced_braces"),
		("{klasifikasi}/nomor}/{kode_unit}", "unbalanced_braces"),
		("{{nomor}}", "unbalanced_braces"),
		("{nomor}/{tahun}}", "unbalanced_braces"),
		("{klasifikasi}/{nomor}/{unit}/{tahun}", "unknown_placeholder"),
		("{klasifikasi}/{Nomor}/{kode_unit}", "unknown_placeholder"),
		("{ nomor }", "unknown_placeholder"),
		("{}/{nomor}", "unknown_placeholder"),
		("{nomer:3}/{nomor}", "unknown_placeholder"),
		("{klasifikasi}/{kode_unit}/{tahun}", "missing_nomor"),
		("SK/2024", "missing_nomor"),
		("{klasifikasi}/{nomor}/{klasifikasi}", "duplicate_placeholder"),
		("{nomor}/{nomor:3}", "duplicate_placeholder"),
		("{tahun}/{nomor}/{tahun}", "duplicate_placeholder"),
		("{nomor:0}", "bad_padding"),
		("{nomor:11}", "bad_padding"),
		("{nomor:}", "bad_padding"),
		("{nomor:x}", "bad_padding"),
		("{nomor:-3}", "bad_padding"),
		("{nomor:3.0}", "bad_padding"),
		("{nomor:100}", "bad_padding"),
		("{nomor:\u0663}", "bad_padding"),  # an Arabic-Indic three
		("{tahun:4}/{nomor}", "bad_padding"),
		("{kode_unit:5}/{nomor}", "bad_padding"),
		("{nomor}{tahun}", "adjacent_placeholders"),
		("{klasifikasi}{nomor}/{kode_unit}", "adjacent_placeholders"),
		("{klasifikasi}/{nomor}/{kode_unit}{tahun}", "adjacent_placeholders"),
		("{nomor}0/{kode_unit}", "ambiguous_separator"),
		("{nomor}1", "ambiguous_separator"),
		("{nomor}/{bulan_romawi}I/{tahun}", "ambiguous_separator"),
		("{nomor}/{bulan_romawi}X", "ambiguous_separator"),
		("{klasifikasi}:{nomor}/{kode_unit}", "bad_character"),
		("{klasifikasi}/{nomor}\\{kode_unit}", "bad_character"),
		("{klasifikasi}/{nomor}/{kode_unit}/{tahun}\n", "bad_character"),
		("Nº {nomor}", "bad_character"),
		("{nomor}/Kecamatan\u00a0Sukamaju", "bad_character"),
		(" {nomor}/{tahun}", "bad_character"),
		("{nomor}/{tahun} ", "bad_character"),
	],
)
def test_rejects_bad_templates(template, kind):
	with pytest.raises(LetterNumberFormatError) as raised:
		parse_format(template)
	assert raised.value.kind == kind
	assert raised.value.template == (template or "")


def test_a_template_error_is_a_letter_number_error_and_a_value_error():
	with pytest.raises(LetterNumberFormatError) as raised:
		parse_format("{nomor}{tahun}")
	assert isinstance(raised.value, LetterNumberError)
	assert isinstance(raised.value, ValueError)
	assert "nomor" in raised.value.detail and "tahun" in raised.value.detail


def test_text_after_a_fixed_width_part_may_start_with_a_digit():
	assert render("{nomor}/{tahun}1") == "7/20241"
	assert render("{nomor}/{bulan}1") == "7/031"


def test_lowercase_roman_letters_may_follow_the_roman_month():
	assert render("{nomor}/{bulan_romawi}i") == "7/IIIi"


# Render errors


@pytest.mark.parametrize("nomor", [0, -1, True, 7.0, "7", None])
def test_rejects_a_number_that_is_not_a_whole_number_from_one(nomor):
	with pytest.raises(LetterNumberError) as raised:
		render(DEFAULT_FORMAT, nomor=nomor)
	assert (raised.value.kind, raised.value.field) == ("bad_nomor", "nomor")


@pytest.mark.parametrize(
	"field, value",
	[
		("klasifikasi", ""),
		("klasifikasi", "   "),
		("klasifikasi", None),
		("klasifikasi", " 000.8"),
		("klasifikasi", "000.8 "),
		("klasifikasi", "000/8"),
		("klasifikasi", "000;8"),
		("klasifikasi", "000.8\n"),
		("kode_unit", ""),
		("kode_unit", "KEC/SKM"),
		("kode_unit", "KEC{SKM}"),
		("kode_unit", "KÉC"),
	],
)
def test_rejects_a_value_that_would_not_read_back(field, value):
	with pytest.raises(LetterNumberError) as raised:
		render(DEFAULT_FORMAT, **{field: value})
	assert (raised.value.kind, raised.value.field) == ("bad_value", field)


@pytest.mark.parametrize(
	"template, kode_unit",
	[
		("{klasifikasi}-{nomor}-{kode_unit}", "KEC-SKM"),
		("{nomor}.{kode_unit}.{tahun}", "KEC.SKM"),
		("{nomor} {kode_unit}", "KEC SKM"),
		("{nomor}/{kode_unit}", "KEC/SKM"),  # the separator before the value counts too
	],
)
def test_a_value_may_not_hold_its_own_separator(template, kode_unit):
	with pytest.raises(LetterNumberError) as raised:
		render(template, kode_unit=kode_unit)
	assert (raised.value.kind, raised.value.field) == ("bad_value", "kode_unit")


@pytest.mark.parametrize("day", [None, "2024-03-05", 2024])
def test_rejects_a_missing_date_when_the_format_prints_it(day):
	with pytest.raises(LetterNumberError) as raised:
		render(ROMAN, day=day)
	assert (raised.value.kind, raised.value.field) == ("bad_value", "date")


# Reading a number back


@pytest.mark.parametrize(
	"template, text, parts",
	[
		(
			DEFAULT_FORMAT,
			"000.8.3.3/7/KEC.SKM/2024",
			{"klasifikasi": "000.8.3.3", "nomor": 7, "kode_unit": "KEC.SKM", "tahun": 2024},
		),
		(YEARLESS, "000.8.3.3/12/KEC.SKM", {"klasifikasi": "000.8.3.3", "nomor": 12, "kode_unit": "KEC.SKM"}),
		(
			ROMAN,
			"000.8.3.3/7/KEC.SKM/XII/2024",
			{"klasifikasi": "000.8.3.3", "nomor": 7, "kode_unit": "KEC.SKM", "bulan": 12, "tahun": 2024},
		),
		("{nomor:3}/{bulan}/{tahun}", "042/09/2025", {"nomor": 42, "bulan": 9, "tahun": 2025}),
		("{nomor:3}/{tahun}", "1234/2025", {"nomor": 1234, "tahun": 2025}),
		("{nomor}/{bulan}/{bulan_romawi}", "7/04/IV", {"nomor": 7, "bulan": 4}),
		("B-{nomor}/{kode_unit}", "B-7/KEC.SKM", {"nomor": 7, "kode_unit": "KEC.SKM"}),
	],
)
def test_reads_a_number_back(template, text, parts):
	assert parse_number(parse_format(template), text) == parts


@pytest.mark.parametrize(
	"template, text",
	[
		(DEFAULT_FORMAT, ""),
		(DEFAULT_FORMAT, None),
		(DEFAULT_FORMAT, "000.8.3.3/7/KEC.SKM"),  # no year
		(DEFAULT_FORMAT, "000.8.3.3/7/KEC.SKM/2024/"),
		(DEFAULT_FORMAT, "000.8.3.3/7/KEC/SKM/2024"),  # one segment too many
		(DEFAULT_FORMAT, "000.8.3.3-7-KEC.SKM-2024"),
		(DEFAULT_FORMAT, "000.8.3.3/7/KEC.SKM/24"),
		(DEFAULT_FORMAT, "000.8.3.3/7/KEC.SKM/0000"),
		(DEFAULT_FORMAT, " 000.8.3.3/7/KEC.SKM/2024"),
		(DEFAULT_FORMAT, "000.8.3.3/7/KEC.SKM/2024 "),
		(DEFAULT_FORMAT, "000.8.3.3/7/KEC.SKM /2024"),
		(DEFAULT_FORMAT, "000;8/7/KEC.SKM/2024"),
		(DEFAULT_FORMAT, "000.8.3.3/0/KEC.SKM/2024"),  # numbers start at 1
		(DEFAULT_FORMAT, "000.8.3.3/007/KEC.SKM/2024"),  # not padded in this format
		(DEFAULT_FORMAT, "000.8.3.3/x/KEC.SKM/2024"),
		(DEFAULT_FORMAT, "000.8.3.3/\u0667/KEC.SKM/2024"),  # an Arabic-Indic seven
		("{nomor:3}/{tahun}", "07/2024"),
		("{nomor:3}/{tahun}", "0007/2024"),
		(ROMAN, "000.8.3.3/7/KEC.SKM/IIII/2024"),
		(ROMAN, "000.8.3.3/7/KEC.SKM/XIII/2024"),
		(ROMAN, "000.8.3.3/7/KEC.SKM/iii/2024"),
		(ROMAN, "000.8.3.3/7/KEC.SKM/3/2024"),
		("{nomor}/{bulan}/{tahun}", "7/13/2024"),
		("{nomor}/{bulan}/{tahun}", "7/00/2024"),
		("{nomor}/{bulan}/{tahun}", "7/3/2024"),
		("{nomor}/{bulan}/{bulan_romawi}", "7/04/V"),  # the two months disagree
	],
)
def test_rejects_text_that_render_would_not_make(template, text):
	with pytest.raises(LetterNumberError) as raised:
		parse_number(parse_format(template), text)
	assert raised.value.kind == "mismatch"
	assert not isinstance(raised.value, LetterNumberFormatError)


# Round trip, over generated formats and values

SEPARATORS = sorted(SAFE_CHARACTERS)
EDGE_CHARACTERS = [c for c in SEPARATORS if c != " "]
OPTIONAL = ["klasifikasi", "kode_unit", "tahun", "bulan", "bulan_romawi"]


@st.composite
def formats(draw):
	"""A valid template: nomor, any other placeholders in any order, safe text between."""
	names = draw(st.permutations(["nomor", *draw(st.lists(st.sampled_from(OPTIONAL), unique=True))]))
	literals = [draw(st.text(EDGE_CHARACTERS, max_size=3))]
	for i, name in enumerate(names):
		last = i == len(names) - 1
		alphabet = EDGE_CHARACTERS if last else SEPARATORS
		first = [c for c in alphabet if c not in letter_number.CANNOT_FOLLOW.get(name, ())]
		head = draw(st.sampled_from(first)) if not last or draw(st.booleans()) else ""
		tail = draw(st.text(alphabet, max_size=3)) if head else ""
		if last and tail.endswith(" "):
			tail = tail.rstrip()
		literals.append(head + tail)
	width = draw(st.none() | st.integers(1, 10))
	body = [f"{{nomor:{width}}}" if name == "nomor" and width else f"{{{name}}}" for name in names]
	template = literals[0] + "".join(p + lit for p, lit in zip(body, literals[1:], strict=True))
	return template, names, literals


def value_for(draw, name, names, literals):
	i = names.index(name)
	touching = {literals[i][-1:], literals[i + 1][:1]} - {""}
	alphabet = [c for c in SEPARATORS if c not in touching]
	return draw(st.text(alphabet, min_size=1, max_size=12).map(str.strip).filter(bool))


@st.composite
def letters(draw):
	template, names, literals = draw(formats())
	klasifikasi = value_for(draw, "klasifikasi", names, literals) if "klasifikasi" in names else "-"
	kode_unit = value_for(draw, "kode_unit", names, literals) if "kode_unit" in names else "-"
	return template, draw(st.integers(1, 10**9)), klasifikasi, kode_unit, draw(st.dates())


@given(letters())
def test_render_then_parse_gives_the_parts_back(letter):
	template, nomor, klasifikasi, kode_unit, day = letter
	fmt = parse_format(template)
	names = fmt.placeholders
	expected = {"nomor": nomor, "klasifikasi": klasifikasi, "kode_unit": kode_unit, "tahun": day.year}
	expected = {name: value for name, value in expected.items() if name in names}
	if "bulan" in names or "bulan_romawi" in names:
		expected["bulan"] = day.month
	assert parse_number(fmt, fmt.render(nomor, klasifikasi, kode_unit, day)) == expected


@given(letters(), st.integers(1, 10**9))
def test_different_numbers_render_differently(letter, other):
	template, nomor, klasifikasi, kode_unit, day = letter
	fmt = parse_format(template)
	same = fmt.render(nomor, klasifikasi, kode_unit, day) == fmt.render(other, klasifikasi, kode_unit, day)
	assert same == (nomor == other)


@given(st.text(max_size=40) | st.text("{}:/.-_ abnomrtuhkl0123456789", max_size=40))
def test_any_template_is_either_accepted_or_refused_with_a_kind(template):
	try:
		fmt = parse_format(template)
	except LetterNumberFormatError as error:
		assert error.kind in {
			"empty",
			"unbalanced_braces",
			"unknown_placeholder",
			"missing_nomor",
			"duplicate_placeholder",
			"bad_padding",
			"adjacent_placeholders",
			"ambiguous_separator",
			"bad_character",
		}
	else:
		assert fmt.placeholders.count("nomor") == 1


@given(st.text(max_size=40))
def test_any_text_is_either_read_or_refused_as_a_mismatch(text):
	try:
		parts = parse_number(parse_format(ROMAN), text)
	except LetterNumberError as error:
		assert error.kind == "mismatch"
	else:
		day = date(parts["tahun"], parts["bulan"], 1)
		assert (
			parse_format(ROMAN).render(parts["nomor"], parts["klasifikasi"], parts["kode_unit"], day) == text
		)


# The counter


def test_sequence_key_names_the_unit_and_the_year():
	assert sequence_key("KEC.SKM", DAY) == "SK:KEC.SKM:2024"


def test_the_year_in_the_key_always_has_four_digits():
	assert sequence_key("KEC.SKM", date(987, 1, 1)) == "SK:KEC.SKM:0987"


def test_two_units_in_one_year_count_apart():
	assert sequence_key("KEC.SKM", DAY) != sequence_key("KEC.SKJ", DAY)


def test_one_unit_counts_afresh_each_year():
	assert sequence_key("KEC.SKM", date(2024, 12, 31)) != sequence_key("KEC.SKM", date(2025, 1, 1))


def test_one_unit_keeps_one_counter_through_the_year():
	assert sequence_key("KEC.SKM", date(2024, 1, 1)) == sequence_key(
		"KEC.SKM", datetime(2024, 12, 31, 23, 59)
	)


def test_a_format_without_the_year_still_counts_per_year():
	fmt = parse_format(YEARLESS)
	assert sequence_key("KEC.SKM", date(2024, 6, 1), fmt) == "SK:KEC.SKM:2024"
	assert sequence_key("KEC.SKM", date(2025, 6, 1), fmt) == "SK:KEC.SKM:2025"


def test_changing_the_format_mid_year_keeps_counting():
	keys = {sequence_key("KEC.SKM", DAY, parse_format(t)) for t in (DEFAULT_FORMAT, YEARLESS, ROMAN)}
	assert keys == {sequence_key("KEC.SKM", DAY)}


def test_unit_codes_differing_only_in_case_share_a_counter_as_the_database_would():
	assert sequence_key("kec.skm", DAY) == sequence_key("KEC.SKM", DAY)


@pytest.mark.parametrize(
	"unit_code", ["", " ", None, "KEC SKM", " KEC.SKM", "KEC/SKM", "KEC:SKM", "KÉC", "K" * 93]
)
def test_rejects_a_unit_code_unfit_for_a_key(unit_code):
	with pytest.raises(LetterNumberError) as raised:
		sequence_key(unit_code, DAY)
	assert (raised.value.kind, raised.value.field) == ("bad_value", "unit_code")


def test_the_longest_unit_code_fits_frappes_series_column():
	assert len(sequence_key("K" * 92, DAY)) == 100


@pytest.mark.parametrize("day", [None, "2024-03-05"])
def test_sequence_key_needs_a_date(day):
	with pytest.raises(LetterNumberError) as raised:
		sequence_key("KEC.SKM", day)
	assert (raised.value.kind, raised.value.field) == ("bad_value", "date")


unit_codes = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_", min_size=1, max_size=20)


@given(unit_codes, st.dates(), unit_codes, st.dates())
def test_distinct_units_or_years_never_share_a_key(unit_a, day_a, unit_b, day_b):
	same_counter = (unit_a, day_a.year) == (unit_b, day_b.year)
	assert (sequence_key(unit_a, day_a) == sequence_key(unit_b, day_b)) == same_counter


# Roman months


@pytest.mark.parametrize(
	"month, roman",
	list(enumerate(("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"), start=1)),
)
def test_roman_months(month, roman):
	assert to_roman(month) == roman


@pytest.mark.parametrize("month", [0, 13, -1, True, 3.0, "3", None])
def test_roman_months_are_one_to_twelve(month):
	with pytest.raises(LetterNumberError) as raised:
		to_roman(month)
	assert raised.value.kind == "bad_value"


# The module stays pure


def test_needs_only_the_standard_library():
	tree = ast.parse(Path(letter_number.__file__).read_text())
	imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
	imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
	assert {name.split(".")[0] for name in imported} <= sys.stdlib_module_names


def test_incoming_register_has_its_own_counter():
	day = date(2026, 3, 1)
	assert sequence_key("KEC.SKM", day, prefix=INCOMING_PREFIX) == "SM:KEC.SKM:2026"
	assert sequence_key("KEC.SKM", day) != sequence_key("KEC.SKM", day, prefix=INCOMING_PREFIX)
