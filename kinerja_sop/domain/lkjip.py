"""Whether a Laporan Kinerja (LKjIP) is complete enough to be initialled and signed.

An LKjIP reports the year's budget against its Perjanjian Kinerja (the performance
agreement): a report whose budget table has no realisation entered, or whose
agreement has no target for an indicator, would be signed with "-" where the
figures belong. What is missing is decided here, from plain rows in which a
figure not entered is None (0 entered is a figure: nothing was spent).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from kinerja_sop.domain.kpi import TargetRange, is_entered


@dataclass(frozen=True)
class BudgetRow:
	"""A row of the Realisasi Anggaran table: its number in the table, the program, what was spent."""

	no: int
	program: str
	realisasi_anggaran: float | None


@dataclass(frozen=True)
class AgreementRow:
	"""An indicator of the Perjanjian Kinerja and the year's target its master sets (None: none set)."""

	no: int
	indikator: str
	target: float | TargetRange | None


@dataclass(frozen=True)
class LkjipGaps:
	"""What keeps an LKjIP from being signed; empty when it is complete."""

	budget_empty: bool = False
	budget_not_entered: tuple[BudgetRow, ...] = ()
	agreement_empty: bool = False
	agreement_without_target: tuple[AgreementRow, ...] = ()

	@property
	def budget_incomplete(self) -> bool:
		return self.budget_empty or bool(self.budget_not_entered)

	@property
	def agreement_incomplete(self) -> bool:
		return self.agreement_empty or bool(self.agreement_without_target)

	@property
	def complete(self) -> bool:
		return not (self.budget_incomplete or self.agreement_incomplete)


def has_target(target: float | TargetRange | None) -> bool:
	"""A single target entered, or a range with both of its bounds entered."""
	if isinstance(target, TargetRange):
		return is_entered(target.low) and is_entered(target.high)
	return is_entered(target)


def lkjip_gaps(budget: Iterable[BudgetRow], agreement: Iterable[AgreementRow]) -> LkjipGaps:
	"""The tables an LKjIP still lacks: a budget table with no rows or with rows whose
	realisation was not entered; a Perjanjian Kinerja with no indicator or with an
	indicator that has no target for the year."""
	budget, agreement = list(budget), list(agreement)
	return LkjipGaps(
		budget_empty=not budget,
		budget_not_entered=tuple(row for row in budget if not is_entered(row.realisasi_anggaran)),
		agreement_empty=not agreement,
		agreement_without_target=tuple(row for row in agreement if not has_target(row.target)),
	)
