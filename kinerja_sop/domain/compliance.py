"""Periods of the SOP compliance summary.

The compliance report reads whole calendar months from a monthly summary and
only the partial months at the edges of the asked period from the step log
itself, so its cost does not grow with the size of the log.
"""

from datetime import date, timedelta


def month_start(day: date) -> date:
	return day.replace(day=1)


def next_month(day: date) -> date:
	return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def split_by_whole_months(start: date, end: date) -> tuple[tuple[date, date] | None, list[tuple[date, date]]]:
	"""Split the half-open period [start, end) into the whole months it covers,
	as a half-open range of month starts (or None), and the leftover partial
	ranges at either edge.

	>>> split_by_whole_months(date(2026, 1, 15), date(2026, 4, 10))
	((datetime.date(2026, 2, 1), datetime.date(2026, 4, 1)), [(datetime.date(2026, 1, 15), datetime.date(2026, 2, 1)), (datetime.date(2026, 4, 1), datetime.date(2026, 4, 10))])
	"""
	if end <= start:
		return None, []
	first_whole = start if start.day == 1 else next_month(start)
	after_last_whole = month_start(end)
	if first_whole >= after_last_whole:
		return None, [(start, end)]
	edges = []
	if start < first_whole:
		edges.append((start, first_whole))
	if after_last_whole < end:
		edges.append((after_last_whole, end))
	return (first_whole, after_last_whole), edges
