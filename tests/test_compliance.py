from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kinerja_sop.domain.compliance import next_month, split_by_whole_months


def test_a_calendar_year_is_twelve_whole_months():
	assert split_by_whole_months(date(2026, 1, 1), date(2027, 1, 1)) == (
		(date(2026, 1, 1), date(2027, 1, 1)),
		[],
	)


def test_partial_months_at_both_edges():
	whole, edges = split_by_whole_months(date(2026, 1, 15), date(2026, 12, 16))
	assert whole == (date(2026, 2, 1), date(2026, 12, 1))
	assert edges == [(date(2026, 1, 15), date(2026, 2, 1)), (date(2026, 12, 1), date(2026, 12, 16))]


def test_within_one_month_is_all_edge():
	assert split_by_whole_months(date(2026, 3, 2), date(2026, 3, 31)) == (
		None,
		[(date(2026, 3, 2), date(2026, 3, 31))],
	)


def test_an_empty_period_reads_nothing():
	assert split_by_whole_months(date(2026, 3, 2), date(2026, 3, 2)) == (None, [])
	assert split_by_whole_months(date(2026, 3, 2), date(2026, 2, 2)) == (None, [])


def test_next_month_crosses_the_year():
	assert next_month(date(2026, 12, 31)) == date(2027, 1, 1)
	assert next_month(date(2028, 1, 31)) == date(2028, 2, 1)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


@given(days, days)
def test_the_parts_cover_the_period_exactly_once(a, b):
	start, end = sorted((a, b))
	whole, edges = split_by_whole_months(start, end)
	parts = sorted(edges + ([whole] if whole else []))
	# contiguous and non-overlapping, from start to end
	cursor = start
	for low, high in parts:
		assert low == cursor and low < high
		cursor = high
	assert cursor == end
	if whole:
		assert whole[0].day == 1 and whole[1].day == 1
	for low, high in edges:
		if whole:
			assert high - low < timedelta(days=31)  # a partial month at either edge
		else:
			# no whole month inside: the period lies within two neighbouring calendar months
			assert (high - timedelta(days=1)).replace(day=1) <= next_month(low)
