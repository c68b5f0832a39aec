import re
from decimal import Decimal, getcontext, localcontext

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kinerja_sop.domain import kpi
from kinerja_sop.domain.kpi import (
	DEFAULT_BANDS,
	Band,
	KpiError,
	TargetRange,
	achievement,
	active_siskamling_groups,
	average,
	change,
	count,
	document_score,
	ktp_completion_days,
	make_bands,
	measure,
	musrenbang_participation,
	percentage,
	predicate,
	ratio,
	realisation,
	round_half_up,
	to_decimal,
	weighted_average,
	year_over_year,
)

D = Decimal


def shown(value):
	return round_half_up(value)


# --- worked examples ---------------------------------------------------------


@pytest.mark.parametrize(
	"realisation, target, polarity, expected, label",
	[
		# A percentage indicator, higher is better: 72% against 80%.
		(72, 80, "higher", "90.00", "Baik"),
		(80, 80, "higher", "100.00", "Sangat Baik"),
		# KTP days, lower is better, against the SOP's 3 days.
		("2.5", 3, "lower", "116.67", "Sangat Baik"),
		(3, 3, "lower", "100.00", "Sangat Baik"),
		(4, 3, "lower", "66.67", "Cukup"),
		(0, 3, "lower", "200.00", "Sangat Baik"),
		# Missed by more than twice the target: reported raw, below zero.
		(7, 3, "lower", "-33.33", "Sangat Kurang"),
		# A range target of 60-80.
		(70, (60, 80), "range", "100.00", "Sangat Baik"),
		(60, (60, 80), "range", "100.00", "Sangat Baik"),
		(80, (60, 80), "range", "100.00", "Sangat Baik"),
		(45, (60, 80), "range", "75.00", "Cukup"),
		(100, (60, 80), "range", "75.00", "Cukup"),
		(0, (0, 10), "range", "100.00", "Sangat Baik"),
	],
)
def test_worked_examples(realisation, target, polarity, expected, label):
	value = achievement(realisation, target, polarity)
	assert shown(value) == D(expected)
	assert predicate(value) == label


def test_real_lkjip_count_indicator_above_target():
	"""LKjIP Dinas PMD Kabupaten Kediri 2019, indicator "Jumlah BUMDes yang aktif":
	target 32, realisation 66 villages, capaian 66 / 32 × 100% = 206,25%.
	(Published text as mirrored at
	https://123dok.com/article/analisa-capaian-kinerja-akuntabilitas-kinerja.yd8210jq)
	A count over target is reported uncapped.
	"""
	assert achievement(66, 32) == D("206.25")
	assert predicate(achievement(66, 32)) == "Sangat Baik"


def test_ninety_percent_is_exact_not_float_noise():
	assert achievement(72, 80) == D("90")
	assert achievement(0.72, 0.8) == D("90")  # 0.72 / 0.8 * 100 is 89.99999999999999 in floats


def test_range_target_accepts_the_dataclass_and_a_list():
	assert achievement(45, TargetRange(D(60), D(80)), "range") == D(75)
	assert achievement(45, [60, 80], "range") == D(75)


def test_polarity_is_read_leniently():
	assert achievement(72, 80, " Higher ") == D(90)


def test_inputs_from_forms():
	assert achievement("72,5", "80", "higher") == D("90.625")
	assert to_decimal(0.1) == D("0.1")
	assert to_decimal(" 3 ") == D(3)
	assert to_decimal(D("2.50")) == D("2.50")


# --- every error kind --------------------------------------------------------

ERROR_CASES = [
	("missing_target", lambda: achievement(72, None)),
	("missing_target", lambda: achievement(72, "  ")),
	("missing_target", lambda: achievement(72, (None, 80), "range")),
	("missing_target", lambda: achievement(72, None, "range")),
	("missing_target", lambda: ktp_completion_days([2], None)),
	("missing_realisation", lambda: achievement(None, 80)),
	("missing_realisation", lambda: achievement("", 80, "lower")),
	("missing_realisation", lambda: achievement(None, (1, 2), "range")),
	("missing_value", lambda: ratio(None, 2)),
	("missing_value", lambda: average(None)),
	("missing_value", lambda: count(None)),
	("missing_value", lambda: active_siskamling_groups(None)),
	("missing_value", lambda: change(None, 1)),
	("zero_target", lambda: achievement(72, 0)),
	("zero_target", lambda: achievement(0, 0, "lower")),
	("zero_target", lambda: achievement(0, (0, 0), "range")),
	("zero_target", lambda: ktp_completion_days([2, 3], 0)),
	("zero_budget", lambda: kpi.program_efficiency(0, 5, 100)),
	("nothing_spent", lambda: kpi.program_efficiency(10, 0, 100)),
	("zero_denominator", lambda: ratio(3, 0)),
	("zero_denominator", lambda: percentage(3, 0)),
	("zero_denominator", lambda: musrenbang_participation(0, 0)),
	("negative_value", lambda: achievement(-1, 80)),
	("negative_value", lambda: achievement(72, -80)),
	("negative_value", lambda: achievement(5, (-1, 10), "range")),
	("negative_value", lambda: average([2, -1])),
	("negative_value", lambda: percentage(-1, 10)),
	("negative_value", lambda: musrenbang_participation(-5, 100)),
	("not_a_number", lambda: achievement("tujuh puluh", 80)),
	("not_a_number", lambda: achievement(float("nan"), 80)),
	("not_a_number", lambda: achievement(72, float("inf"))),
	("not_a_number", lambda: achievement(D("NaN"), 80)),
	("not_a_number", lambda: achievement(True, 80)),
	("not_a_number", lambda: achievement("1.234,5", 80)),
	("not_a_number", lambda: achievement([72], 80)),
	("not_a_number", lambda: round_half_up("abc")),
	("not_a_count", lambda: musrenbang_participation("12.5", 100)),
	("not_a_count", lambda: musrenbang_participation(12, 100.5)),
	("not_a_flag", lambda: active_siskamling_groups([1, 2])),
	("not_a_flag", lambda: active_siskamling_groups([True, "ya"])),
	("not_a_flag", lambda: active_siskamling_groups([1.0])),
	("part_exceeds_whole", lambda: musrenbang_participation(101, 100)),
	("bad_polarity", lambda: achievement(72, 80, "semakin tinggi")),
	("bad_polarity", lambda: achievement(72, 80, None)),
	("bad_range", lambda: achievement(72, (80, 60), "range")),
	("bad_range", lambda: achievement(72, 80, "range")),
	("bad_range", lambda: achievement(72, (1, 2, 3), "range")),
	("bad_range", lambda: achievement(72, (60, 80), "higher")),
	("bad_range", lambda: achievement(72, TargetRange(D(1), D(2)), "lower")),
	("bad_weight", lambda: weighted_average([1, 2], [1])),
	("bad_weight", lambda: weighted_average([1, 2], [1, -1])),
	("bad_weight", lambda: weighted_average([1, 2], [0, 0])),
	("bad_weight", lambda: measure(80, 72, weight=-1)),
	("bad_bands", lambda: make_bands([])),
	("bad_bands", lambda: predicate(50, [(50, "Atas"), (60, "Bawah"), (None, "Sisa")])),
	("empty_input", lambda: average([])),
	("empty_input", lambda: weighted_average([])),
	("empty_input", lambda: document_score([])),
	("empty_input", lambda: ktp_completion_days([], 3)),
	("bad_formula", lambda: realisation("median", [1, 2])),
	("bad_formula", lambda: realisation(None)),
]


@pytest.mark.parametrize("kind, call", ERROR_CASES)
def test_error_kinds(kind, call):
	with pytest.raises(KpiError) as raised:
		call()
	assert raised.value.kind == kind
	assert isinstance(raised.value, ValueError)


def test_every_documented_kind_is_exercised():
	documented = set(re.findall(r"[a-z_]+", kpi.KpiError.__doc__.split("Kinds:")[1].split(".")[0]))
	assert documented == {kind for kind, _ in ERROR_CASES}


def test_error_carries_context_for_the_desk():
	with pytest.raises(KpiError) as raised:
		achievement(72, -80)
	assert raised.value.context == {"field": "target", "value": -80}
	with pytest.raises(KpiError) as raised:
		musrenbang_participation(101, 100)
	assert raised.value.context["field"] == "attendees"


@pytest.mark.parametrize(
	"bands",
	[
		[(None, "Semua"), (50, "Atas")],  # open band not last
		[(91, "A"), (76, "B")],  # nothing below 76
		[(76, "A"), (76, "B"), (None, "C")],  # equal bounds: an empty band
		[(76, "A"), (91, "B"), (None, "C")],  # ascending: overlapping
		[(76, "A"), (None, "A")],  # repeated label
		[(76, ""), (None, "B")],  # blank label
		[(76, "A", "x"), (None, "B")],  # not a pair
		[("x", "A"), (None, "B")],  # bound not a number
	],
)
def test_rejects_malformed_scales(bands):
	with pytest.raises(KpiError) as raised:
		make_bands(bands)
	assert raised.value.kind in {"bad_bands", "not_a_number"}


def test_no_zero_division_on_zeros_anywhere():
	for call in (
		lambda: achievement(0, 0),
		lambda: achievement(0, (0, 0), "range"),
		lambda: ratio(0, 0),
		lambda: percentage(0, 0),
		lambda: weighted_average([0], [0]),
	):
		with pytest.raises(KpiError):
			call()
	assert change(0, 0).percent is None


# --- predicate bands ---------------------------------------------------------


@pytest.mark.parametrize(
	"value, label",
	[
		(-20, "Sangat Kurang"),
		(0, "Sangat Kurang"),
		(50, "Sangat Kurang"),
		("50.01", "Sangat Kurang"),  # the published scale's gap 50-51 goes down
		("50.994", "Sangat Kurang"),
		("50.995", "Kurang"),  # displays as 51.00
		(51, "Kurang"),
		(65, "Kurang"),
		("65.5", "Kurang"),
		(66, "Cukup"),
		(75, "Cukup"),
		("75.99", "Cukup"),
		(76, "Baik"),
		(90, "Baik"),
		("90.5", "Baik"),
		("90.994", "Baik"),
		("90.995", "Sangat Baik"),  # displays as 91.00
		(91, "Sangat Baik"),
		(100, "Sangat Baik"),
		("206.25", "Sangat Baik"),
	],
)
def test_default_predicate_bands(value, label):
	assert predicate(value) == label


def test_default_bands_are_the_published_scale():
	assert DEFAULT_BANDS == (
		Band(D(91), "Sangat Baik"),
		Band(D(76), "Baik"),
		Band(D(66), "Cukup"),
		Band(D(51), "Kurang"),
		Band(None, "Sangat Kurang"),
	)


def test_custom_scale():
	scale = [(100, "Tercapai"), ("80,5", "Hampir"), (None, "Belum")]
	assert predicate(100, scale) == "Tercapai"
	assert predicate("80.5", scale) == "Hampir"
	assert predicate("80.49", scale) == "Belum"
	assert predicate(90, make_bands(scale)) == "Hampir"
	assert make_bands(make_bands(scale)) == make_bands(scale)
	assert predicate(5, [(None, "Satu-satunya")]) == "Satu-satunya"


# --- rounding ----------------------------------------------------------------


@pytest.mark.parametrize(
	"value, expected",
	[
		("0.125", "0.13"),  # round() would give 0.12
		(2.675, "2.68"),  # round(2.675, 2) == 2.67: the float is below 2.675
		("116.665", "116.67"),
		("116.6649", "116.66"),
		("-0.125", "-0.13"),  # halves away from zero
		(90, "90.00"),
		("1E+30", "1000000000000000000000000000000.00"),
	],
)
def test_round_half_up(value, expected):
	result = round_half_up(value)
	assert result == D(expected)
	assert str(result) == expected


def test_round_half_up_other_places():
	assert round_half_up("2.5", 0) == D(3)
	assert round_half_up("0.0005", 3) == D("0.001")


def test_ignores_the_callers_decimal_context():
	with localcontext() as ctx:
		ctx.prec = 3
		assert achievement(2, 3) == D("66.66666666666666666666666667")
	assert getcontext().prec == 28


# --- realisation formulas ----------------------------------------------------


def test_musrenbang_participation():
	result = musrenbang_participation(150, 1200)
	assert (result.attendees, result.population) == (150, 1200)
	assert result.ratio == D("0.125")
	assert result.percent == D("12.5")
	assert musrenbang_participation("0", 10).percent == 0
	assert musrenbang_participation(D("150"), 150.0).ratio == 1


def test_ktp_completion_days():
	result = ktp_completion_days([2, 3, "2,5"], 3)
	assert result.average_days == D("2.5")
	assert result.standard_days == 3
	assert shown(result.ratio) == D("0.83")
	assert shown(result.achievement) == D("116.67")
	slow = ktp_completion_days([4, 4], 3)
	assert shown(slow.achievement) == D("66.67")
	assert predicate(slow.achievement) == "Cukup"


def test_active_siskamling_groups():
	assert active_siskamling_groups([True, False, 1, 0, 1]) == 3
	assert active_siskamling_groups([]) == 0  # no group registered: a real zero
	assert active_siskamling_groups(iter([True])) == 1


def test_generic_formulas():
	assert ratio(3, 4) == D("0.75")
	assert ratio(0, 4) == 0
	assert percentage(3, 4) == D(75)
	assert percentage(5, 4) == D(125)
	assert average([1, 2, "3"]) == 2
	assert average([1, 2]) == D("1.5")
	assert count(["RT 01", "RT 02"]) == 2
	assert count([]) == 0
	assert count(x for x in range(5)) == 5


def test_realisation_dispatch():
	assert realisation("ratio", 1, 4) == D("0.25")
	assert realisation("Percentage", 1, 4) == D(25)
	assert realisation("average", [2, 4]) == 3
	assert realisation("count", ["a", "b", "c"]) == 3
	assert set(kpi.REALISATION_FORMULAS) == {"ratio", "percentage", "average", "count"}


# --- measurement and document ------------------------------------------------


def test_measure_normalises_and_scores():
	m = measure(80, 72.0, unit="%")
	assert m.target == D(80) and m.realisation == D(72)
	assert (m.polarity, m.unit, m.weight) == ("higher", "%", D(1))
	assert m.achievement == D(90)
	assert m.predicate == "Baik"
	r = measure((60, "80"), 45, " RANGE ")
	assert r.polarity == "range"
	assert r.target == TargetRange(D(60), D(80))
	assert r.achievement == D(75)


def test_measurement_is_frozen():
	m = measure(80, 72)
	with pytest.raises(AttributeError):
		m.achievement = D(100)


def test_document_score_plain_and_weighted():
	measurements = [
		measure(80, 72, weight=1),  # 90
		measure(3, 4, "lower", weight=3),  # 66.67
		measure(32, 66, weight=0),  # 206.25
	]
	plain = document_score(measurements)
	assert shown(plain.achievement) == D("120.97")  # (90 + 66.666.. + 206.25) / 3
	assert plain.predicate == "Sangat Baik"
	assert plain.indicators == 3
	weighted = document_score(measurements, weighted=True)
	assert shown(weighted.achievement) == D("72.50")  # (90 + 3 × 66.666..) / 4
	assert weighted.predicate == "Cukup"


def test_document_score_with_own_bands():
	score = document_score([measure(100, 95)], bands=[(100, "Tercapai"), (None, "Belum")])
	assert score.predicate == "Belum"


def test_weighted_average_exact():
	assert weighted_average([90, 60]) == 75
	assert weighted_average([90, 60], [2, 1]) == 80
	assert weighted_average(["-10", 10]) == 0  # achievements may be negative


# --- year over year ----------------------------------------------------------


def test_change():
	result = change(80, 90)
	assert (result.previous, result.current) == (80, 90)
	assert result.absolute == 10
	assert result.percent == D("12.5")
	assert change(90, 72).percent == -20
	assert change(0, 5).percent is None
	assert change(0, 5).absolute == 5
	assert change(-20, 10).percent == 150  # up from a negative achievement is up
	assert change(5, 5).percent == 0


def test_year_over_year_of_a_lower_is_better_indicator():
	last = measure(3, 4, "lower")  # 66.67
	this = measure(3, "2.5", "lower")  # 116.67
	yoy = year_over_year(last, this)
	assert yoy.realisation.absolute == D("-1.5")
	assert yoy.realisation.percent == D("-37.5")
	assert shown(yoy.achievement.absolute) == D("50.00")  # percentage points
	assert shown(yoy.achievement.percent) == D("75.00")


def test_year_over_year_from_zero():
	yoy = year_over_year(measure(5, 0), measure(5, 4))
	assert yoy.realisation.percent is None
	assert yoy.achievement.percent is None
	assert yoy.achievement.absolute == 80


# --- properties --------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False)
positive = amounts.filter(lambda d: d > 0)
scores = st.decimals(min_value=-500, max_value=500, places=4, allow_nan=False, allow_infinity=False)


@given(target=positive, a=amounts, b=amounts)
def test_higher_is_non_decreasing_in_realisation(target, a, b):
	low, high = sorted((a, b))
	assert achievement(low, target, "higher") <= achievement(high, target, "higher")


@given(target=positive, a=amounts, b=amounts)
def test_lower_is_non_increasing_in_realisation(target, a, b):
	low, high = sorted((a, b))
	assert achievement(low, target, "lower") >= achievement(high, target, "lower")


@given(bound_a=amounts, bound_b=positive, a=amounts, b=amounts)
def test_range_rises_to_the_interval_then_falls(bound_a, bound_b, a, b):
	low, high = sorted((bound_a, bound_b))
	first, second = sorted((a, b))
	before, after = achievement(first, (low, high), "range"), achievement(second, (low, high), "range")
	assert before <= 100 and after <= 100
	if second <= high:
		assert before <= after
	if first >= low:
		assert before >= after


@given(target=positive, polarity=st.sampled_from(["higher", "lower"]))
def test_on_target_is_exactly_100(target, polarity):
	assert achievement(target, target, polarity) == D(100)


@given(bound_a=amounts, bound_b=positive, share=st.fractions(min_value=0, max_value=1))
def test_anywhere_inside_the_range_is_exactly_100(bound_a, bound_b, share):
	low, high = sorted((bound_a, bound_b))
	inside = low + (high - low) * D(share.numerator) / D(share.denominator)
	assume(low <= inside <= high)
	assert achievement(inside, (low, high), "range") == D(100)


@given(target=positive, value=amounts)
def test_point_range_is_the_worse_of_higher_and_lower(target, value):
	both = min(achievement(value, target, "higher"), achievement(value, target, "lower"))
	assert achievement(value, (target, target), "range") == both


@given(target=positive, value=amounts)
def test_lower_mirrors_higher_around_100(target, value):
	higher = achievement(value, target, "higher")
	lower = achievement(value, target, "lower")
	assert abs((higher - 100) + (lower - 100)) <= D("1e-20")


@given(values=st.lists(scores, min_size=1, max_size=20), data=st.data())
def test_aggregate_lies_between_min_and_max(values, data):
	assert min(values) <= weighted_average(values) <= max(values)
	weights = data.draw(st.lists(amounts, min_size=len(values), max_size=len(values)))
	assume(sum(weights) > 0)
	assert min(values) <= weighted_average(values, weights) <= max(values)


@given(values=st.lists(scores, min_size=1, max_size=10))
def test_equal_weights_are_the_plain_mean(values):
	assert weighted_average(values, [7] * len(values)) == weighted_average(values)


@given(value=scores)
def test_every_figure_has_a_predicate_consistent_with_its_display(value):
	label = predicate(value)
	assert label == predicate(shown(value))
	assert label in {band.label for band in DEFAULT_BANDS}


@given(a=scores, b=scores)
def test_predicate_is_monotonic(a, b):
	order = [band.label for band in DEFAULT_BANDS]
	low, high = sorted((a, b))
	assert order.index(predicate(low)) >= order.index(predicate(high))


@given(
	value=st.one_of(
		st.none(), st.integers(-5, 5), st.floats(allow_nan=True), st.text(max_size=5), st.booleans()
	),
	target=st.one_of(st.none(), st.integers(-5, 5), st.floats(allow_nan=True), st.text(max_size=5)),
	polarity=st.sampled_from(["higher", "lower", "range", "x"]),
)
def test_never_anything_but_kpi_error(value, target, polarity):
	if polarity == "range" and target is not None:
		target = (target, target)
	try:
		result = achievement(value, target, polarity)
	except KpiError:
		return
	assert result.is_finite()


@given(
	value=st.decimals(min_value=-(10**6), max_value=10**6, places=6, allow_nan=False, allow_infinity=False)
)
def test_round_half_up_is_within_half_a_cent(value):
	rounded = round_half_up(value)
	assert rounded.as_tuple().exponent == -2
	assert abs(rounded - value) <= D("0.005")


def test_collection_period_ends():
	from datetime import date

	from kinerja_sop.domain.kpi import period_end

	assert period_end(date(2026, 2, 10), "Monthly") == date(2026, 2, 28)
	assert period_end(date(2024, 2, 10), "Monthly") == date(2024, 2, 29)
	assert period_end(date(2026, 5, 1), "Quarterly") == date(2026, 6, 30)
	assert period_end(date(2026, 7, 1), "Semiannual") == date(2026, 12, 31)
	assert period_end(date(2026, 1, 1), "Annual") == date(2026, 12, 31)
	with pytest.raises(KpiError):
		period_end(date(2026, 1, 1), "Weekly")


def test_period_realisation_by_formula():
	from kinerja_sop.domain.kpi import aggregate_realisation

	assert aggregate_realisation("Count", [7, 8, 6]) == 21
	assert aggregate_realisation("Average", [2, 3]) == Decimal("2.5")
	assert aggregate_realisation("Percentage", [2.5, 3.1, None]) == Decimal("2.8")
	with pytest.raises(KpiError):
		aggregate_realisation("Average", [None])


# --- program efficiency ------------------------------------------------------


def test_program_efficiency_worked_example():
	# A kecamatan program with a ceiling of Rp 250.000.000, Rp 231.250.000 spent
	# (92.5% absorbed) and 100% of its targets reached: 100 / 92.5 = 1.08 → efficient.
	result = kpi.program_efficiency(250_000_000, 231_250_000, 100)
	assert result.absorption == D("92.5")
	assert shown(result.index) == D("1.08")
	assert result.efficient


def test_program_efficiency_below_pace_is_not_efficient():
	# Everything spent, 80% of the targets reached.
	result = kpi.program_efficiency("150000000", "150000000", "80")
	assert result.absorption == 100 and result.index == D("0.8")
	assert not result.efficient


def test_overspending_is_measured_not_refused():
	result = kpi.program_efficiency(100, 110, 100)
	assert shown(result.absorption) == D("110.00")
	assert not result.efficient


@pytest.mark.parametrize(
	"ceiling, spent, achieved, kind",
	[
		(0, 10, 100, "zero_budget"),
		(100, 0, 100, "nothing_spent"),
		(None, 10, 100, "missing_value"),
		(100, -1, 100, "negative_value"),
		(100, 50, None, "missing_value"),
	],
)
def test_program_efficiency_refuses_what_it_cannot_compute(ceiling, spent, achieved, kind):
	with pytest.raises(KpiError) as raised:
		kpi.program_efficiency(ceiling, spent, achieved)
	assert raised.value.kind == kind


@given(
	ceiling=st.integers(1, 10**12),
	spent_a=st.integers(1, 10**12),
	spent_b=st.integers(1, 10**12),
	achieved=st.decimals(0, 200, places=2),
)
def test_spending_more_for_the_same_achievement_is_never_more_efficient(ceiling, spent_a, spent_b, achieved):
	low, high = sorted((spent_a, spent_b))
	assert (
		kpi.program_efficiency(ceiling, high, achieved).index
		<= kpi.program_efficiency(ceiling, low, achieved).index
	)


@given(ceiling=st.integers(1, 10**12), spent=st.integers(1, 10**12))
def test_achievement_equal_to_absorption_is_exactly_on_pace(ceiling, spent):
	absorption = kpi.program_efficiency(ceiling, spent, 1).absorption
	assume(absorption == kpi.program_efficiency(ceiling, spent, absorption).absorption)
	result = kpi.program_efficiency(ceiling, spent, absorption)
	assert abs(result.index - 1) < D("1e-20") and (result.efficient or result.index < 1)
