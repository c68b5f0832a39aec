import datetime
import math

import pytest

from kinerja_sop.domain.input_check import Column, Problem, check_value, same_value

INT, FLOAT, CHECK = Column("int", "11"), Column("decimal", "21,9"), Column("int", "1")
DATA, TEXT, LONG = Column("varchar", "140"), Column("text"), Column("longtext")
DATE, DATETIME, TIME = Column("date"), Column("datetime", "6"), Column("time", "6")


def problem(column, value):
	return check_value(column, value).problem


@pytest.mark.parametrize("value", [None, ""])
def test_empty_is_left_as_sent(value):
	for column in (INT, FLOAT, DATA, DATE, DATETIME, TIME):
		assert check_value(column, value).value == value
		assert problem(column, value) is None


def test_numeric_strings_become_numbers():
	assert check_value(INT, "2026").value == 2026
	assert check_value(INT, " 2026 ").value == 2026
	assert check_value(INT, "2026.0").value == 2026
	assert check_value(FLOAT, "12.5").value == 12.5
	assert check_value(FLOAT, "-3").value == -3.0
	assert check_value(FLOAT, 7).value == 7.0


@pytest.mark.parametrize("value", ["abc", "12abc", "1,5", "jam sembilan", "0x10"])
def test_words_are_not_numbers(value):
	assert problem(INT, value) == Problem("not_whole_number")
	assert problem(FLOAT, value) == Problem("not_number")


def test_a_fraction_is_not_a_whole_number():
	assert problem(INT, 2.5) == Problem("not_whole_number")
	assert problem(INT, "2.5") == Problem("not_whole_number")


@pytest.mark.parametrize("value", ["NaN", "nan", "Infinity", "-inf", "1e999", math.nan, math.inf])
def test_non_finite_numbers_are_refused(value):
	assert problem(FLOAT, value) in (Problem("not_finite"), Problem("not_number"))
	assert problem(INT, value) is not None


def test_numbers_that_do_not_fit_the_column():
	assert problem(INT, 2**31).kind == "out_of_range"
	assert problem(FLOAT, "1e12").kind == "out_of_range"
	assert problem(FLOAT, 999_999_999_999.5) is None
	assert problem(CHECK, 2).kind == "out_of_range"
	assert check_value(CHECK, True).value == 1


def test_negative_where_the_domain_forbids_it():
	target = Column("decimal", "21,9", non_negative=True)
	assert problem(target, -3) == Problem("negative")
	assert problem(target, "-0.5") == Problem("negative")
	assert check_value(target, 0).value == 0.0


@pytest.mark.parametrize("value", [{"a": 1}, [1, 2], ("x",), {1}])
def test_structures_where_a_scalar_goes(value):
	for column in (INT, FLOAT, DATA, TEXT, DATE, DATETIME, TIME, CHECK):
		assert problem(column, value) == Problem("structure")


def test_structures_are_fine_in_json():
	assert check_value(Column("json"), {"a": 1}).value == {"a": 1}


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "kemarin", "30-01-2026", 20260101, "2026-1-1"])
def test_impossible_dates(value):
	assert problem(DATE, value) == Problem("not_date")


def test_dates():
	assert check_value(DATE, "2026-02-28").value == "2026-02-28"
	assert check_value(DATE, datetime.date(2026, 2, 28)).value == "2026-02-28"
	assert check_value(DATE, "2026-02-28 10:00:00").value == "2026-02-28"


@pytest.mark.parametrize(
	"value", ["2026-13-45 25:61:00", "kemarin sore", "2026-02-30 10:00", "2026-01-01 24:00:00", 1700000000]
)
def test_impossible_datetimes(value):
	assert problem(DATETIME, value) == Problem("not_datetime")


def test_datetimes():
	assert check_value(DATETIME, "2026-01-02 03:04:05").value == "2026-01-02 03:04:05"
	assert check_value(DATETIME, "2026-01-02T03:04").value == "2026-01-02 03:04:00"
	assert check_value(DATETIME, "2026-01-02 03:04:05.5").value == "2026-01-02 03:04:05.500000"
	assert check_value(DATETIME, "2026-01-02").value == "2026-01-02 00:00:00"


@pytest.mark.parametrize("value", ["jam sembilan", "25:00", "07:61", "7", 9, "09:00:99"])
def test_impossible_times(value):
	assert problem(TIME, value) == Problem("not_time")


def test_times():
	assert check_value(TIME, "7:30").value == "07:30:00"
	assert check_value(TIME, datetime.timedelta(hours=16)).value == datetime.timedelta(hours=16)


def test_text_too_long_for_its_column():
	assert problem(DATA, "x" * 141) == Problem("too_long", "140")
	assert problem(Column("varchar", "21"), "1" * 22) == Problem("too_long", "21")
	assert problem(DATA, "x" * 140) is None
	assert problem(TEXT, "x" * 70_000) == Problem("too_long", "65535")
	assert problem(TEXT, "é" * 40_000).kind == "too_long"  # bytes, not characters
	assert problem(LONG, "x" * 1_000_000) is None


def test_numbers_in_text_fields_become_text():
	assert check_value(DATA, 198001012005011001).value == "198001012005011001"
	assert problem(DATA, True) == Problem("not_text")
	assert problem(DATA, math.nan) == Problem("not_finite")


def test_same_value_once_stored():
	assert same_value(INT, "3", 3)
	assert same_value(INT, None, 0)
	assert not same_value(INT, 3, 4)
	assert same_value(DATA, None, "")
	assert same_value(DATETIME, "2026-01-02 03:04:05", datetime.datetime(2026, 1, 2, 3, 4, 5))
	assert not same_value(DATETIME, "2026-01-02 03:04:06", datetime.datetime(2026, 1, 2, 3, 4, 5))
	assert same_value(TIME, "07:30:00", datetime.timedelta(hours=7, minutes=30))
	assert not same_value(DATA, {"a": 1}, "a")


def test_a_select_takes_only_its_options():
	weekday = Column("varchar", "140", options=("Monday", "Tuesday"))
	assert problem(weekday, "Caturday") == Problem("not_option", "Monday, Tuesday")
	assert check_value(weekday, "Monday").value == "Monday"
	assert problem(weekday, "") is None
