"""The time standard ("Waktu") of a Mutu Baku, as the SOPs write it.

The seed writes it as a number and a unit: "20 menit", "1 hari", "2 hari".
Minutes and hours are working time; a day (hari) is one working day, counted
as a fixed amount of working time so that "1 hari" started at 10:00 on a
Monday falls due at 10:00 on Tuesday in an office with equal days.
"""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# A 37.5-hour, five-day week (Perpres 21/2023): 7.5 working hours a day.
DEFAULT_MINUTES_PER_DAY = 450

UNIT_ALIASES = {
	"menit": "menit",
	"mnt": "menit",
	"jam": "jam",
	"hari": "hari",
	"hari kerja": "hari",
}
PATTERN = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-zA-Z ]+?)\s*$")


class TimeStandardError(ValueError):
	"""A time standard that is empty, not a number and unit, or not positive."""

	def __init__(self, text: str):
		super().__init__(f"time standard {text!r} is not '<number> menit|jam|hari'")
		self.text = text


@dataclass(frozen=True)
class TimeStandard:
	amount: Decimal
	unit: str  # "menit", "jam" or "hari"
	text: str

	def working_minutes(self, minutes_per_day: int = DEFAULT_MINUTES_PER_DAY) -> int:
		per_unit = {"menit": 1, "jam": 60, "hari": minutes_per_day}[self.unit]
		return int((self.amount * per_unit).to_integral_value())


def parse_time_standard(text: str | None) -> TimeStandard:
	"""Parse "20 menit", "1 hari", "1,5 jam"; raise TimeStandardError otherwise."""
	match = PATTERN.match(text or "")
	if not match:
		raise TimeStandardError(text or "")
	number, unit = match.groups()
	unit = UNIT_ALIASES.get(unit.strip().lower())
	try:
		amount = Decimal(number.replace(",", "."))
	except InvalidOperation:  # pragma: no cover - the pattern admits only digits
		raise TimeStandardError(text) from None
	if unit is None or amount <= 0:
		raise TimeStandardError(text)
	return TimeStandard(amount=amount, unit=unit, text=text.strip())
