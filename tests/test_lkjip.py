"""Pure tier: when a Laporan Kinerja (LKjIP) is complete enough to be initialled and signed."""

from decimal import Decimal

import pytest

from kinerja_sop.domain.catalogue import load_catalogue
from kinerja_sop.domain.kpi import TargetRange
from kinerja_sop.domain.lkjip import AgreementRow, BudgetRow, has_target, lkjip_gaps
from kinerja_sop.domain.workflow_builder import step_kind

BUDGET = [BudgetRow(1, "Program Pelayanan", 90_000_000), BudgetRow(2, "Program Siskamling", 25_000_000)]
AGREEMENT = [AgreementRow(1, "Partisipasi Musrenbang", 2.5), AgreementRow(2, "Lama KTP", 3)]


def test_complete_tables_can_be_signed():
	gaps = lkjip_gaps(BUDGET, AGREEMENT)
	assert gaps.complete
	assert (gaps.budget_incomplete, gaps.agreement_incomplete) == (False, False)


def test_an_empty_budget_table_is_incomplete():
	gaps = lkjip_gaps([], AGREEMENT)
	assert (gaps.complete, gaps.budget_empty, gaps.budget_not_entered) == (False, True, ())
	assert not gaps.agreement_incomplete


def test_the_budget_rows_without_a_realisation_are_named():
	budget = [BudgetRow(1, "A", None), BudgetRow(2, "B", 10.0), BudgetRow(3, "C", None)]
	gaps = lkjip_gaps(budget, AGREEMENT)
	assert not gaps.complete
	assert [(row.no, row.program) for row in gaps.budget_not_entered] == [(1, "A"), (3, "C")]
	assert not gaps.budget_empty


@pytest.mark.parametrize("spent", [0, 0.0, Decimal("0")])
def test_nothing_spent_entered_as_zero_is_a_realisation(spent):
	gaps = lkjip_gaps([BudgetRow(1, "A", spent)], AGREEMENT)
	assert gaps.complete


def test_an_agreement_without_indicators_is_incomplete():
	gaps = lkjip_gaps(BUDGET, [])
	assert (gaps.complete, gaps.agreement_empty, gaps.budget_incomplete) == (False, True, False)


def test_the_indicators_without_a_target_are_named():
	agreement = [AgreementRow(1, "A", 2.5), AgreementRow(2, "B", None), AgreementRow(3, "C", 0)]
	gaps = lkjip_gaps(BUDGET, agreement)
	assert [(row.no, row.indikator) for row in gaps.agreement_without_target] == [(2, "B")]
	assert not gaps.complete


def test_a_target_range_needs_both_bounds():
	assert has_target(TargetRange(Decimal("80"), Decimal("90")))
	assert has_target(TargetRange(Decimal("0"), Decimal("5")))
	assert not has_target(TargetRange(None, Decimal("90")))
	assert not has_target(TargetRange(Decimal("80"), None))
	assert not has_target(None)
	assert has_target(0)


def test_both_tables_are_reported_at_once():
	gaps = lkjip_gaps([BudgetRow(1, "A", None)], [AgreementRow(1, "B", None)])
	assert gaps.budget_incomplete and gaps.agreement_incomplete


def test_the_laporan_kinerja_is_checked_before_its_paraf_and_its_signature():
	catalogue = load_catalogue()
	(sop,) = [sop for sop in catalogue if sop.document_type == "Laporan Kinerja"]
	checked = {step_kind(step) for step in sop.steps if "lkjip_lengkap" in step.requires}
	assert checked == {"paraf", "sign"}
	others = [step for other in catalogue if other is not sop for step in other.steps]
	assert not [step for step in others if "lkjip_lengkap" in step.requires]
