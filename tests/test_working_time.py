from datetime import date, datetime, time

import pytest

from kinerja_sop.domain.working_time import (
	CalendarError,
	WorkingCalendar,
	office_hours_from_rows,
	to_unit_time,
)

# 2026-11-23 is a Monday; 2026-12-25 (Friday) is Christmas.
MON = date(2026, 11, 23)
CAL = WorkingCalendar()


def at(day, hh, mm=0):
	return datetime.combine(day, time(hh, mm))


def day(n):
	return date(2026, 11, 23 + n) if n < 8 else date.fromordinal(MON.toordinal() + n)


def test_default_week_is_37_and_a_half_hours():
	assert CAL.minutes_per_day == 450
	week = CAL.working_minutes_between(at(MON, 0), at(day(7), 0))
	assert week == 37.5 * 60


def test_minutes_within_a_morning():
	assert CAL.add_working_minutes(at(MON, 8), 20) == at(MON, 8, 20)


def test_minutes_cross_the_midday_break():
	assert CAL.add_working_minutes(at(MON, 11, 50), 30) == at(MON, 13, 20)


def test_friday_break_starts_earlier():
	friday = day(4)
	assert CAL.add_working_minutes(at(friday, 11, 20), 30) == at(friday, 13, 20)


def test_one_day_started_mid_morning_is_due_next_day_same_time():
	assert CAL.add_working_minutes(at(MON, 10), 450) == at(day(1), 10)


def test_start_after_hours_counts_from_next_opening():
	assert CAL.next_working_instant(at(MON, 17)) == at(day(1), 7, 30)
	assert CAL.add_working_minutes(at(MON, 17), 20) == at(day(1), 7, 50)


def test_start_before_opening():
	assert CAL.add_working_minutes(at(MON, 6), 30) == at(MON, 8)


def test_across_the_weekend():
	friday = day(4)
	# Friday 16:00 + 60 min: 30 min on Friday, 30 on Monday.
	assert CAL.add_working_minutes(at(friday, 16), 60) == at(day(7), 8)
	assert CAL.add_working_minutes(at(day(5), 10), 10) == at(day(7), 7, 40)


def test_across_public_holidays_and_collective_leave():
	calendar = WorkingCalendar()
	# 25 Dec 2025 is Christmas and the 26th collective leave (cuti bersama), then the weekend.
	assert calendar.holiday_name(date(2025, 12, 26)) == "Cuti Bersama Hari Raya Natal"
	assert calendar.add_working_minutes(at(date(2025, 12, 24), 15, 30), 60) == at(date(2025, 12, 29), 8)
	# Nyepi and Idul Fitri 2025: 28 March to 7 April are off, so two days from Thu 27 end on Wed 9 April.
	assert calendar.add_working_minutes(at(date(2025, 3, 27), 10), 2 * 450) == at(date(2025, 4, 9), 10)
	# Independence Day 2026 is a Monday: a Friday-afternoon step resumes on Tuesday.
	assert calendar.add_working_minutes(at(date(2026, 8, 14), 16, 30), 30) == at(date(2026, 8, 18), 8)


def test_national_holidays_can_be_ignored():
	assert not WorkingCalendar(national_holidays=False).is_day_off(date(2026, 8, 17))


def test_unit_extra_days_off():
	calendar = WorkingCalendar(extra_days_off=frozenset({day(1)}))
	assert calendar.add_working_minutes(at(MON, 15, 30), 60) == at(day(2), 8)


def test_zero_minutes_is_the_next_working_instant():
	assert CAL.add_working_minutes(at(MON, 10), 0) == at(MON, 10)
	assert CAL.add_working_minutes(at(day(5), 10), 0) == at(day(7), 7, 30)


def test_negative_duration_is_refused():
	with pytest.raises(CalendarError):
		CAL.add_working_minutes(at(MON, 10), -5)


def test_spent_time_skips_breaks_nights_and_weekends():
	assert CAL.working_minutes_between(at(MON, 11, 30), at(MON, 13, 30)) == 60
	assert CAL.working_minutes_between(at(MON, 12, 10), at(MON, 12, 50)) == 0
	assert CAL.working_minutes_between(at(day(4), 16), at(day(7), 8)) == 60


def test_spent_time_in_reverse_is_refused():
	with pytest.raises(CalendarError):
		CAL.working_minutes_between(at(MON, 10), at(MON, 9))


def test_time_step_on_time_and_late():
	timing = CAL.time_step(at(MON, 10), 30, finished=at(MON, 10, 25))
	assert timing.due == at(MON, 10, 30) and timing.on_time and timing.spent_minutes == 25
	late = CAL.time_step(at(MON, 10), 30, finished=at(MON, 13, 5))
	assert late.on_time is False and late.spent_minutes == 125
	open_step = CAL.time_step(at(MON, 10), 30)
	assert open_step.on_time is None and open_step.spent_minutes is None


def test_custom_six_day_office():
	hours = office_hours_from_rows([(d, time(8), time(14)) for d in range(6)])
	calendar = WorkingCalendar(hours=hours, national_holidays=False)
	assert calendar.minutes_per_day == 360
	assert calendar.add_working_minutes(at(day(5), 13), 120) == at(day(7), 9)


def test_overlapping_rows_are_refused():
	with pytest.raises(CalendarError):
		office_hours_from_rows([(0, time(8), time(12)), (0, time(11), time(15))])


@pytest.mark.parametrize(
	"hours",
	[{}, {0: ()}, {0: ((time(12), time(8)),)}, {7: ((time(8), time(12)),)}],
)
def test_unusable_office_hours_are_refused(hours):
	with pytest.raises(CalendarError):
		WorkingCalendar(hours=hours)


def test_calendar_closed_for_years_fails_instead_of_spinning():
	calendar = WorkingCalendar(
		hours={0: ((time(8), time(9)),)},
		extra_days_off=frozenset(date.fromordinal(MON.toordinal() + 7 * w) for w in range(200)),
		national_holidays=False,
	)
	with pytest.raises(CalendarError):
		calendar.add_working_minutes(at(MON, 8), 10)


def test_site_time_converts_to_unit_time():
	assert to_unit_time(at(MON, 8), "Asia/Jakarta", "Asia/Makassar") == at(MON, 9)
	assert to_unit_time(at(MON, 1), "UTC", "Asia/Jayapura") == at(MON, 10)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(
	start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
	minutes=st.integers(min_value=0, max_value=5 * 450),
)
def test_due_time_is_exactly_the_standard_in_working_time(start, minutes):
	due = CAL.add_working_minutes(start, minutes)
	assert due >= start
	assert CAL.working_minutes_between(start, due) == pytest.approx(minutes)
	if minutes:
		assert not CAL.is_day_off(due.date())
