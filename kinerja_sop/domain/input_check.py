"""Checking one value sent for one field, before it reaches the controller or the database.

A field is described by the column the database keeps it in (Frappe's type map:
varchar(140), text, longtext, int(11), decimal(21,9), date, datetime(6), time(6));
`check_value` answers the value to store (numeric strings become numbers, dates
their ISO form) or the problem with it. No Frappe here: the glue builds the
`Column` from the DocType meta and turns a `Problem` into a translated message.
"""

import datetime
import math
import re
from dataclasses import dataclass

TEXT_BYTES = 65_535  # MariaDB TEXT
LONGTEXT_BYTES = 16 * 1024 * 1024  # far below LONGTEXT; what one request may carry in one field
INT_RANGE = (-(2**31), 2**31 - 1)
BIGINT_RANGE = (-(2**63), 2**63 - 1)

_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?")
_DATETIME = re.compile(
	r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(?:Z|[+-]\d{2}:?\d{2})?"
)

STRUCTURES = (dict, list, tuple, set)


@dataclass(frozen=True)
class Column:
	"""Where a field's value is kept: the column type and its size ("140", "21,9", "")."""

	kind: str
	size: str = ""
	non_negative: bool = False
	options: tuple[str, ...] = ()  # a Select field: the only values it takes


@dataclass(frozen=True)
class Problem:
	"""Why a value cannot be stored: `kind` names the rule, `limit` the bound broken."""

	kind: str  # structure, not_whole_number, not_number, not_finite, out_of_range, negative,
	# not_date, not_datetime, not_time, too_long, not_text, not_option
	limit: str = ""


@dataclass(frozen=True)
class Checked:
	value: object = None
	problem: Problem | None = None


def check_value(column: Column, value) -> Checked:
	"""The value to store for `column`, or the problem with `value`."""
	if value is None or (isinstance(value, str) and value == "" and column.kind != "json"):
		return Checked(value)
	if column.kind == "json":
		return Checked(value)  # Frappe serialises structures itself
	if isinstance(value, STRUCTURES):
		return Checked(problem=Problem("structure"))
	checker = _CHECKERS.get(column.kind, _check_text)
	return checker(column, value)


def _check_integer(column: Column, value) -> Checked:
	low, high = BIGINT_RANGE if column.kind == "bigint" else INT_RANGE
	if isinstance(value, bool):
		number = int(value)
	elif isinstance(value, int):
		number = value
	elif isinstance(value, float):
		if not math.isfinite(value):
			return Checked(problem=Problem("not_finite"))
		if not value.is_integer():
			return Checked(problem=Problem("not_whole_number"))
		number = int(value)
	elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
		number = int(value.strip())
	elif isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
		return _check_integer(column, _to_float(value))
	else:
		return Checked(problem=Problem("not_whole_number"))
	if column.size == "1":  # Check
		return Checked(problem=Problem("out_of_range", "0, 1")) if number not in (0, 1) else Checked(number)
	if not low <= number <= high:
		return Checked(problem=Problem("out_of_range", f"{low} .. {high}"))
	return _non_negative(column, number)


def _check_decimal(column: Column, value) -> Checked:
	if isinstance(value, bool):
		number = float(value)
	elif isinstance(value, int | float):
		number = float(value)
	elif isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
		number = _to_float(value)
	else:
		return Checked(problem=Problem("not_number"))
	if not math.isfinite(number):
		return Checked(problem=Problem("not_finite"))
	precision, _, scale = (column.size or "21,9").partition(",")
	bound = 10 ** (int(precision) - int(scale or 0))
	if abs(number) >= bound:
		return Checked(problem=Problem("out_of_range", f"{bound:.0e}"))
	return _non_negative(column, number)


def _to_float(text: str) -> float:
	try:
		return float(text.strip())
	except OverflowError:  # pragma: no cover - float() gives inf rather than raising
		return math.inf


def _non_negative(column: Column, number):
	if column.non_negative and number < 0:
		return Checked(problem=Problem("negative"))
	return Checked(number)


def _check_date(column: Column, value) -> Checked:
	if isinstance(value, datetime.datetime):
		return Checked(value.date().isoformat())
	if isinstance(value, datetime.date):
		return Checked(value.isoformat())
	if not isinstance(value, str):
		return Checked(problem=Problem("not_date"))
	match = _DATETIME.fullmatch(value.strip())
	if not match or not _real_datetime(match):
		return Checked(problem=Problem("not_date"))
	return Checked(value.strip()[:10])


def _check_datetime(column: Column, value) -> Checked:
	if isinstance(value, datetime.datetime):
		return Checked(value.isoformat(sep=" "))
	if isinstance(value, datetime.date):
		return Checked(f"{value.isoformat()} 00:00:00")
	if not isinstance(value, str):
		return Checked(problem=Problem("not_datetime"))
	match = _DATETIME.fullmatch(value.strip())
	moment = match and _real_datetime(match)
	if not moment:
		return Checked(problem=Problem("not_datetime"))
	return Checked(moment.isoformat(sep=" "))


def _real_datetime(match: re.Match) -> datetime.datetime | None:
	year, month, day, hour, minute, second, fraction = (
		int((part or "0").ljust(6, "0")) if i == 6 else int(part or 0)
		for i, part in enumerate(match.groups())
	)
	try:
		return datetime.datetime(year, month, day, hour, minute, second, fraction)
	except ValueError:
		return None


def _check_time(column: Column, value) -> Checked:
	if isinstance(value, datetime.time):
		return Checked(value.isoformat())
	if isinstance(value, datetime.timedelta):
		if datetime.timedelta(0) <= value < datetime.timedelta(days=1):
			return Checked(value)
		return Checked(problem=Problem("not_time"))
	if not isinstance(value, str):
		return Checked(problem=Problem("not_time"))
	match = _TIME.fullmatch(value.strip())
	if not match:
		return Checked(problem=Problem("not_time"))
	hour, minute, second, fraction = (int(part or 0) for part in match.groups())
	try:
		moment = datetime.time(hour, minute, second, int(str(fraction).ljust(6, "0")) if fraction else 0)
	except ValueError:
		return Checked(problem=Problem("not_time"))
	return Checked(moment.isoformat())


def _check_text(column: Column, value) -> Checked:
	if isinstance(value, bool):
		return Checked(problem=Problem("not_text"))
	if isinstance(value, int):
		value = str(value)
	elif isinstance(value, float):
		if not math.isfinite(value):
			return Checked(problem=Problem("not_finite"))
		value = str(value)
	elif not isinstance(value, str):
		return Checked(problem=Problem("not_text"))
	if column.options and value not in column.options:
		return Checked(problem=Problem("not_option", ", ".join(o for o in column.options if o)))
	if column.kind == "varchar":
		limit = int(column.size or 140)
		if len(value) > limit:
			return Checked(problem=Problem("too_long", str(limit)))
	else:
		limit = LONGTEXT_BYTES if column.kind == "longtext" else TEXT_BYTES
		if len(value) > limit or len(value.encode("utf-8")) > limit:
			return Checked(problem=Problem("too_long", str(limit)))
	return Checked(value)


_CHECKERS = {
	"int": _check_integer,
	"bigint": _check_integer,
	"decimal": _check_decimal,
	"date": _check_date,
	"datetime": _check_datetime,
	"time": _check_time,
	"varchar": _check_text,
	"text": _check_text,
	"longtext": _check_text,
}


def same_value(column: Column, a, b) -> bool:
	"""Whether two values of one field are the same once stored (None, "" and 0 as Frappe keeps them)."""
	a, b = (_stored(column, v) for v in (a, b))
	return a == b


def _stored(column: Column, value):
	checked = check_value(column, value)
	value = value if checked.problem else checked.value
	if column.kind in ("int", "bigint", "decimal"):
		return float(value or 0) if not isinstance(value, str | dict | list) else value
	if column.kind == "time" and isinstance(value, datetime.timedelta):
		return (datetime.datetime.min + value).time().isoformat()
	if column.kind == "datetime" and isinstance(value, str) and value.endswith(".000000"):
		return value[:-7]
	return value or None
