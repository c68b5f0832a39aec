""" "Not entered" is not 0: the KPI arithmetic grades None as a figure nobody
entered (no achievement, no predicate, skipped and counted by the averages),
and 0 as a figure someone entered."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja_sop.domain import kpi
from kinerja_sop.domain.kpi import (
	KpiError,
	aggregate_realisation,
	budget_absorption,
	document_score,
	efficiency,
	grade,
	is_entered,
	measure,
	overall_score,
	points_change,
)

D = Decimal


@pytest.mark.parametrize("value", [None, "", "   ", "\t"])
def test_none_and_blank_text_were_not_entered(value):
	assert not is_entered(value)


@pytest.mark.parametrize("value", [0, 0.0, D(0), "0", "0,0", 12.5, -1])
def test_zero_and_any_other_figure_were_entered(value):
	assert is_entered(value)


@pytest.mark.parametrize("polarity", ["higher", "lower", "range"])
def test_an_indicator_without_realisation_has_no_grade(polarity):
	target = (60, 80) if polarity == "range" else 3
	assert grade(target, None, polarity) is None
	assert grade(target, "", polarity) is None


def test_a_realisation_of_zero_is_graded_as_zero():
	"""The finding: 0 for a lower-is-better indicator is 200 %, Sangat Baik, which is
	right only if someone really measured 0; None must never get there."""
	lower = grade(3, 0, "lower")
	assert (lower.achievement, lower.predicate) == (D(200), "Sangat Baik")
	higher = grade(80, 0, "higher")
	assert (higher.achievement, higher.predicate) == (D(0), "Sangat Kurang")


def test_an_entered_realisation_without_target_is_still_an_error():
	with pytest.raises(KpiError) as error:
		grade(None, 5)
	assert error.value.kind == "missing_target"


def test_the_overall_score_skips_and_counts_indicators_not_entered():
	graded = [measure(80, 72), None, measure(3, "2.5", "lower"), None]
	score = overall_score(graded)
	assert (score.indicators, score.not_entered) == (2, 2)
	assert score.achievement == document_score([graded[0], graded[2]]).achievement
	assert score.predicate == "Sangat Baik"  # (90 + 116.67) / 2 = 103.33


def test_nothing_measured_has_no_overall_score():
	assert overall_score([None, None]) is None
	assert overall_score([]) is None


def test_points_change_needs_both_years():
	assert points_change(None, 95) is None
	assert points_change(90, None) is None
	assert points_change(90, "95.5") == D("5.5")
	assert points_change(0, 10) == D(10)  # 0 last year is a figure


def test_budget_absorption_of_spending_not_entered_is_none_and_of_zero_is_zero():
	assert budget_absorption(1_000_000, None) is None
	assert budget_absorption(1_000_000, 0) == D(0)
	assert budget_absorption(1_000_000, 250_000) == D(25)
	with pytest.raises(KpiError) as error:
		budget_absorption(0, 10)
	assert error.value.kind == "zero_budget"


def test_efficiency_waits_for_spending_and_achievement():
	assert efficiency(1_000_000, None, 90) is None
	assert efficiency(1_000_000, 500_000, None) is None
	assert efficiency(1_000_000, 0, 90) is None  # nothing spent: nothing to weigh
	result = efficiency(1_000_000, 500_000, 90)
	assert (result.absorption, result.index, result.efficient) == (D(50), D("1.8"), True)


def test_period_realisation_ignores_values_not_entered():
	assert aggregate_realisation("Count", [None, "", 2, 3]) == 5
	assert aggregate_realisation("Average", [None, 2, 4]) == D(3)
	assert aggregate_realisation("Count", [0, None]) == 0
	with pytest.raises(KpiError):
		aggregate_realisation("Average", [None, ""])


figures = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(st.one_of(st.none(), figures), max_size=8))
def test_overall_score_equals_the_score_of_the_measured_ones(realisations):
	graded = [grade(100, value) for value in realisations]
	measured = [m for m in graded if m is not None]
	score = overall_score(graded)
	if not measured:
		assert score is None
		return
	assert score.achievement == document_score(measured).achievement
	assert score.not_entered == realisations.count(None)
	assert score.indicators + score.not_entered == len(realisations)


@given(figures, figures)
def test_a_grade_is_never_made_up_from_nothing(target, realisation):
	if target == 0:
		return
	assert grade(target, None) is None
	assert grade(target, realisation) == kpi.measure(target, realisation)
