"""Working time of a kecamatan office: when a step's time standard falls due,
and how much working time a step really took.

Datetimes are naive wall-clock times in the unit's own time zone (WIB, WITA or
WIT); `to_unit_time` converts from the site's time zone. Non-working time is
outside the office hours of the weekday, on national public holidays and
collective leave (the `holidays` library's "public" and "government"
categories for Indonesia) and on the unit's own extra days off.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

import holidays as holidays_lib

Window = tuple[time, time]

# Monday..Friday office hours with the midday break, 37.5 hours a week:
# Mon-Thu 07:30-16:00 (break 12:00-13:00), Fri 07:30-16:30 (break 11:30-13:00).
DEFAULT_OFFICE_HOURS: dict[int, tuple[Window, ...]] = {
	**{day: ((time(7, 30), time(12, 0)), (time(13, 0), time(16, 0))) for day in range(4)},
	4: ((time(7, 30), time(11, 30)), (time(13, 0), time(16, 30))),
}
DEFAULT_TIME_ZONE = "Asia/Jakarta"
HOLIDAY_CATEGORIES = ("public", "government")
# No office is closed this long; a calendar with no working time must fail, not spin.
MAX_DAYS_SCANNED = 3 * 366


class CalendarError(ValueError):
	"""The calendar cannot answer: no working hours at all, or bad arguments."""


@dataclass(frozen=True)
class StepTiming:
	due: datetime
	spent_minutes: float | None
	on_time: bool | None


@dataclass(frozen=True)
class WorkingCalendar:
	hours: Mapping[int, tuple[Window, ...]] = field(default_factory=lambda: DEFAULT_OFFICE_HOURS)
	extra_days_off: frozenset[date] = frozenset()
	national_holidays: bool = True

	def __post_init__(self):
		for weekday, windows in self.hours.items():
			if weekday not in range(7):
				raise CalendarError(f"weekday {weekday} is not 0 (Monday) .. 6 (Sunday)")
			for start, end in windows:
				if not start < end:
					raise CalendarError(f"office hours {start}-{end} end before they start")
		if not any(self.hours.values()):
			raise CalendarError("the calendar has no office hours on any weekday")

	@cached_property
	def _holidays(self):
		return holidays_lib.country_holidays("ID", categories=HOLIDAY_CATEGORIES, language="id")

	@property
	def minutes_per_day(self) -> int:
		"""Working minutes of an average working day: what "1 hari" is worth."""
		days = [w for w in self.hours.values() if w]
		total = sum(_minutes(a, b) for windows in days for a, b in windows)
		return round(total / len(days))

	def is_day_off(self, day: date) -> bool:
		if not self.hours.get(day.weekday()) or day in self.extra_days_off:
			return True
		return self.national_holidays and day in self._holidays

	def holiday_name(self, day: date) -> str | None:
		return self._holidays.get(day) if self.national_holidays else None

	def windows_on(self, day: date) -> list[tuple[datetime, datetime]]:
		if self.is_day_off(day):
			return []
		return [
			(datetime.combine(day, start), datetime.combine(day, end))
			for start, end in sorted(self.hours.get(day.weekday(), ()))
		]

	def _windows_from(self, moment: datetime):
		"""Working windows from `moment` on, the first one clipped to it."""
		day, days_without_work = moment.date(), 0
		while days_without_work < MAX_DAYS_SCANNED:
			windows = [(start, end) for start, end in self.windows_on(day) if end > moment]
			days_without_work = 0 if windows else days_without_work + 1
			for start, end in windows:
				yield max(start, moment), end
			day += timedelta(days=1)
		raise CalendarError(f"no working time within {MAX_DAYS_SCANNED} days after {moment}")

	def next_working_instant(self, moment: datetime) -> datetime:
		return next(self._windows_from(moment))[0]

	def add_working_minutes(self, start: datetime, minutes: float) -> datetime:
		"""The moment `minutes` of working time after `start`."""
		if minutes < 0:
			raise CalendarError(f"a duration cannot be negative ({minutes} minutes)")
		remaining = timedelta(minutes=minutes)
		for window_start, window_end in self._windows_from(start):
			if remaining <= window_end - window_start:
				return window_start + remaining
			remaining -= window_end - window_start
		raise AssertionError("unreachable")  # pragma: no cover

	def working_minutes_between(self, start: datetime, end: datetime) -> float:
		"""Working minutes from `start` to `end` (0 when they are in one break)."""
		if end < start:
			raise CalendarError(f"{end} is before {start}")
		spent = timedelta()
		day = start.date()
		while day <= end.date():
			for window_start, window_end in self.windows_on(day):
				overlap = min(window_end, end) - max(window_start, start)
				if overlap > timedelta():
					spent += overlap
			day += timedelta(days=1)
		return spent.total_seconds() / 60

	def time_step(
		self, started: datetime, standard_minutes: int, finished: datetime | None = None
	) -> StepTiming:
		"""Due time of a step started at `started`, and once finished, whether it kept the standard."""
		due = self.add_working_minutes(started, standard_minutes)
		if finished is None:
			return StepTiming(due=due, spent_minutes=None, on_time=None)
		spent = self.working_minutes_between(started, finished)
		return StepTiming(due=due, spent_minutes=spent, on_time=finished <= due)


def _minutes(start: time, end: time) -> float:
	return (datetime.combine(date.min, end) - datetime.combine(date.min, start)).total_seconds() / 60


def office_hours_from_rows(rows: Iterable[tuple[int, time, time]]) -> dict[int, tuple[Window, ...]]:
	"""Group (weekday, start, end) rows, as a unit's settings hold them, by weekday."""
	grouped: dict[int, list[Window]] = {}
	for weekday, start, end in rows:
		grouped.setdefault(weekday, []).append((start, end))
	hours = {day: tuple(sorted(windows)) for day, windows in grouped.items()}
	for day, windows in hours.items():
		for (_, first_end), (second_start, _) in zip(windows, windows[1:], strict=False):
			if second_start < first_end:
				raise CalendarError(f"office hours of weekday {day} overlap")
	return hours


def to_unit_time(moment: datetime, site_time_zone: str, unit_time_zone: str) -> datetime:
	"""Convert a naive site-time datetime into the unit's naive wall-clock time."""
	aware = moment.replace(tzinfo=ZoneInfo(site_time_zone))
	return aware.astimezone(ZoneInfo(unit_time_zone)).replace(tzinfo=None)
