"""The desk's words for why an indicator or a program cannot be computed
(the kinds of kinerja_sop.domain.kpi.KpiError)."""

from frappe import _

from kinerja_sop.domain.kpi import KpiError


def kpi_error_reason(error: KpiError) -> str:
	reasons = {
		"zero_target": _("the target is zero"),
		"missing_target": _("no target is set"),
		"missing_realisation": _("no realisation is given"),
		"missing_value": _("a value is missing"),
		"negative_value": _("a value is negative"),
		"not_a_number": _("a value is not a number"),
		"bad_range": _("the target does not fit the indicator's polarity"),
		"zero_budget": _("the budget ceiling is zero"),
	}
	return reasons.get(error.kind, error.kind)
