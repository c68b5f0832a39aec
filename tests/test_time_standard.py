from decimal import Decimal

import pytest

from kinerja_sop.domain.time_standard import TimeStandardError, parse_time_standard


@pytest.mark.parametrize(
	"text, amount, unit, minutes",
	[
		("20 menit", 20, "menit", 20),
		("5 menit", 5, "menit", 5),
		("1 hari", 1, "hari", 450),
		("2 hari", 2, "hari", 900),
		("2 jam", 2, "jam", 120),
		("1,5 jam", Decimal("1.5"), "jam", 90),
		("  30   Menit ", 30, "menit", 30),
		("1 hari kerja", 1, "hari", 450),
		("15mnt", 15, "menit", 15),
	],
)
def test_parses_the_seed_forms(text, amount, unit, minutes):
	standard = parse_time_standard(text)
	assert standard.amount == amount
	assert standard.unit == unit
	assert standard.working_minutes() == minutes


def test_a_day_is_worth_the_units_working_day():
	assert parse_time_standard("1 hari").working_minutes(minutes_per_day=480) == 480


@pytest.mark.parametrize(
	"text", ["", None, "menit", "20", "dua hari", "0 menit", "3 minggu", "-1 hari", "1/2 hari"]
)
def test_rejects_malformed_and_zero(text):
	with pytest.raises(TimeStandardError) as raised:
		parse_time_standard(text)
	assert raised.value.text == (text or "")
