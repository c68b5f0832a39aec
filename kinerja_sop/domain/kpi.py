"""Performance-indicator arithmetic of the SOP Pengukuran Kinerja.

Achievement (capaian) of an indicator against its target, the predicate
(predikat) band it falls in, the realisation formulas of the seed's three
indicators and the generic formula types, the whole-document average and the
year-over-year change.

Every figure is a Decimal. Arithmetic is exact (fractions) and rounded once,
correctly, to 28 significant digits at the end, so that equal inputs give exactly
100 and a larger realisation never gives a smaller achievement through rounding
noise. Rounding for display is `round_half_up`, never the builtin round(),
which rounds half to even.

Kecamatan indicators are counts, amounts, days and percentages: a negative
target or realisation is a data-entry error here, not a signed quantity.

"Not entered" is not 0. None (or blank text) is a figure nobody entered: it has
no achievement, no predicate and no efficiency, and whole-document averages skip
it and count it (`grade`, `overall_score`, `points_change`, `budget_absorption`,
`efficiency`). 0 is a figure someone entered, graded like any other.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from fractions import Fraction

HIGHER, LOWER, RANGE = "higher", "lower", "range"
POLARITIES = (HIGHER, LOWER, RANGE)

# Independent of whatever decimal context the caller has set.
PRECISION = Context(prec=28, rounding=ROUND_HALF_EVEN)


class KpiError(ValueError):
	"""An indicator that cannot be computed; `kind` says why, `context` with what.

	Kinds: missing_target | missing_realisation | missing_value | zero_target |
	zero_denominator | negative_value | not_a_number | not_a_count | not_a_flag |
	part_exceeds_whole | bad_polarity | bad_range | bad_weight | bad_bands |
	empty_input | bad_formula | zero_budget | nothing_spent. The desk words each kind in Indonesian.
	"""

	def __init__(self, kind: str, message: str, **context):
		super().__init__(f"{kind}: {message}")
		self.kind = kind
		self.context = context


Number = Decimal | int | float | str


def is_entered(value) -> bool:
	"""Whether a figure was entered: None and blank text were not; 0 was."""
	return not (value is None or (isinstance(value, str) and not value.strip()))


# --- numbers -----------------------------------------------------------------


def to_decimal(value: Number | None, field: str = "value", missing: str = "missing_value") -> Decimal:
	"""A finite Decimal from what a form sends: Decimal, int, float or text.

	Floats go through their shortest repr (0.1 → Decimal("0.1"), not the binary
	expansion); text may use the Indonesian decimal comma ("72,5"). None and blank
	text are missing, raised with the `missing` kind the caller names.
	"""
	if value is None or (isinstance(value, str) and not value.strip()):
		raise KpiError(missing, f"{field} is missing", field=field)
	if isinstance(value, bool):
		raise KpiError("not_a_number", f"{field} {value!r} is not a number", field=field, value=value)
	try:
		if isinstance(value, Decimal):
			number = value
		elif isinstance(value, int):
			number = Decimal(value)
		elif isinstance(value, float):
			number = Decimal(repr(value))
		elif isinstance(value, str):
			text = value.strip()
			if "," in text:
				if "." in text:  # "1.234,5" or "1,234.5": ambiguous, refuse rather than guess
					raise InvalidOperation
				text = text.replace(",", ".")
			number = Decimal(text)
		else:
			raise InvalidOperation
	except InvalidOperation:
		raise KpiError(
			"not_a_number", f"{field} {value!r} is not a number", field=field, value=value
		) from None
	if not number.is_finite():
		raise KpiError("not_a_number", f"{field} {value!r} is not a finite number", field=field, value=value)
	return number


def round_half_up(value: Number, places: int = 2) -> Decimal:
	"""Round for display as people do: halves away from zero (2.675 → 2.68).

	round() rounds half to even (round(0.125, 2) == 0.12) and works on the binary
	float, so a printed table would disagree with a hand calculation.
	"""
	number = to_decimal(value)
	with localcontext() as ctx:
		ctx.prec = max(28, number.adjusted() + places + 2)
		return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _exact(value: Number | None, field: str, missing: str = "missing_value") -> Fraction:
	return Fraction(to_decimal(value, field, missing))


def _non_negative(value: Number | None, field: str, missing: str = "missing_value") -> Fraction:
	number = _exact(value, field, missing)
	if number < 0:
		raise KpiError("negative_value", f"{field} {value!r} is negative", field=field, value=value)
	return number


def _decimal(number: Fraction) -> Decimal:
	"""The one rounding step: exact fraction to a correctly rounded Decimal."""
	with localcontext(PRECISION):
		return Decimal(number.numerator) / Decimal(number.denominator)


# --- achievement (capaian) ---------------------------------------------------


@dataclass(frozen=True)
class TargetRange:
	"""A target interval [low, high]: any realisation inside it is on target."""

	low: Decimal
	high: Decimal


def _polarity(polarity: str | None) -> str:
	key = (polarity or "").strip().lower()
	if key not in POLARITIES:
		raise KpiError("bad_polarity", f"polarity {polarity!r} is not one of {POLARITIES}", value=polarity)
	return key


def _target_range(target) -> tuple[Fraction, Fraction]:
	if target is None:
		raise KpiError("missing_target", "target is missing", field="target")
	if isinstance(target, TargetRange):
		low, high = target.low, target.high
	elif isinstance(target, (tuple, list)) and len(target) == 2:
		low, high = target
	else:
		raise KpiError("bad_range", f"a 'range' target needs (low, high), got {target!r}", value=target)
	low = _non_negative(low, "target_low", "missing_target")
	high = _non_negative(high, "target_high", "missing_target")
	if low > high:
		raise KpiError("bad_range", f"target range {target!r} has low above high", value=target)
	if high == 0:  # [0, 0]: nothing to measure an excess against
		raise KpiError("zero_target", "target range is [0, 0]", field="target")
	return low, high


def _single_target(target) -> Fraction:
	if isinstance(target, (TargetRange, tuple, list)):
		raise KpiError("bad_range", f"target {target!r} is an interval: use polarity 'range'", value=target)
	number = _non_negative(target, "target", "missing_target")
	if number == 0:
		raise KpiError("zero_target", "target is zero", field="target")
	return number


def _achievement(realisation: Number | None, target, polarity: str) -> Fraction:
	polarity = _polarity(polarity)
	real = _non_negative(realisation, "realisation", "missing_realisation")
	if polarity == RANGE:
		low, high = _target_range(target)
		if real < low:
			return real * 100 / low
		if real > high:
			return (2 * high - real) * 100 / high
		return Fraction(100)
	goal = _single_target(target)
	if polarity == HIGHER:
		return real * 100 / goal
	return (2 * goal - real) * 100 / goal


def achievement(realisation: Number | None, target, polarity: str = HIGHER) -> Decimal:
	"""Capaian in percent, unrounded.

	higher: realisation ÷ target × 100. lower: (2 × target − realisation) ÷
	target × 100, the mirror image around 100 so that beating a lower-is-better
	target by x% scores like beating a higher-is-better one by x%. range (target
	(low, high) or TargetRange): 100 inside; below low, realisation ÷ low × 100;
	above high, (2 × high − realisation) ÷ high × 100. Nothing is capped: LKjIP
	tables report 206.25% and, for a lower-is-better indicator missed by more than
	twice its target, a negative figure, and so do we.
	"""
	return _decimal(_achievement(realisation, target, polarity))


@dataclass(frozen=True)
class Measurement:
	"""One indicator's target and realisation for a year, with its achievement."""

	target: Decimal | TargetRange
	realisation: Decimal
	polarity: str
	achievement: Decimal
	weight: Decimal = Decimal(1)
	unit: str = ""

	@property
	def predicate(self) -> str:
		return predicate(self.achievement)


def measure(
	target, realisation: Number | None, polarity: str = HIGHER, weight: Number = 1, unit: str = ""
) -> Measurement:
	"""Check and compute once, so a Measurement is always a valid one."""
	score = achievement(realisation, target, polarity)
	polarity = _polarity(polarity)
	if polarity == RANGE:
		low, high = _target_range(target)
		target = TargetRange(_decimal(low), _decimal(high))
	else:
		target = to_decimal(target, "target", "missing_target")
	weight = to_decimal(weight, "weight")
	if weight < 0:
		raise KpiError("bad_weight", f"weight {weight} is negative", value=weight)
	real = to_decimal(realisation, "realisation", "missing_realisation")
	return Measurement(
		target=target, realisation=real, polarity=polarity, achievement=score, weight=weight, unit=unit
	)


def grade(
	target, realisation: Number | None, polarity: str = HIGHER, weight: Number = 1, unit: str = ""
) -> Measurement | None:
	"""measure(), or None when the realisation was not entered: an indicator nobody
	measured has no achievement and no predicate (never 0 %, never Sangat Kurang, and
	for a lower-is-better indicator never 200 %). A missing target for an entered
	realisation is still an error."""
	if not is_entered(realisation):
		return None
	return measure(target, realisation, polarity, weight, unit)


# --- predicate (predikat) ----------------------------------------------------


@dataclass(frozen=True)
class Band:
	"""A predicate from `lower` (inclusive) up to the next band; None: no floor."""

	lower: Decimal | None
	label: str


def make_bands(bands: Iterable[tuple[Number | None, str] | Band]) -> tuple[Band, ...]:
	"""Validate a scale given as (lower_bound, label), best band first.

	Lower bounds strictly descending (so bands never overlap and none is empty);
	only the last band has lower bound None and catches everything below, so the
	scale covers every figure, negative ones included.
	"""
	pairs = [(b.lower, b.label) if isinstance(b, Band) else tuple(b) for b in bands]
	if not pairs:
		raise KpiError("bad_bands", "a predicate scale needs at least one band")
	result = []
	for index, pair in enumerate(pairs):
		if len(pair) != 2:
			raise KpiError("bad_bands", f"band {pair!r} is not (lower_bound, label)", index=index)
		lower, label = pair
		if not isinstance(label, str) or not label.strip():
			raise KpiError("bad_bands", f"band {index} has no label", index=index)
		last = index == len(pairs) - 1
		if lower is None:
			if not last:
				raise KpiError("bad_bands", "only the last band may be open below", index=index)
		else:
			if last:
				raise KpiError(
					"bad_bands", "the last band must be open below (None) to cover everything", index=index
				)
			lower = to_decimal(lower, "lower_bound")
			if result and lower >= result[-1].lower:
				raise KpiError("bad_bands", "lower bounds must strictly descend", index=index, value=lower)
		result.append(Band(lower=lower, label=label.strip()))
	labels = [band.label for band in result]
	if len(set(labels)) != len(labels):
		raise KpiError("bad_bands", "labels repeat", value=labels)
	return tuple(result)


# PermenPANRB practice, as in e.g. LKjIP Inspektorat Kab. Sampang 2019 Tabel 3.1:
# 91–100 Sangat Baik, 76–90 Baik, 66–75 Cukup, 51–65 Kurang, ≤ 50 Sangat Kurang.
# The published scale leaves gaps (90.5?); lower bounds close them: 90.5 is Baik.
DEFAULT_BANDS = make_bands(
	[(91, "Sangat Baik"), (76, "Baik"), (66, "Cukup"), (51, "Kurang"), (None, "Sangat Kurang")]
)


def predicate(value: Number, bands: Iterable = DEFAULT_BANDS) -> str:
	"""The band of an achievement, judged on its displayed (2-decimal) figure.

	Judging the rounded figure keeps label and number consistent: 90.996 prints as
	91.00 and is Sangat Baik, never "91.00 Baik".
	"""
	scale = (
		bands if isinstance(bands, tuple) and all(isinstance(b, Band) for b in bands) else make_bands(bands)
	)
	shown = round_half_up(value)
	for band in scale:
		if band.lower is None or shown >= band.lower:
			return band.label
	raise AssertionError("make_bands guarantees an open last band")  # pragma: no cover


# --- realisation formulas ----------------------------------------------------


def ratio(numerator: Number, denominator: Number) -> Decimal:
	"""numerator ÷ denominator, e.g. two counts or average days ÷ standard days."""
	top = _non_negative(numerator, "numerator")
	bottom = _non_negative(denominator, "denominator")
	if bottom == 0:
		raise KpiError("zero_denominator", "denominator is zero", field="denominator")
	return _decimal(top / bottom)


def percentage(part: Number, whole: Number) -> Decimal:
	"""part ÷ whole × 100."""
	top = _non_negative(part, "part")
	bottom = _non_negative(whole, "whole")
	if bottom == 0:
		raise KpiError("zero_denominator", "whole is zero", field="whole")
	return _decimal(top * 100 / bottom)


def average(values: Iterable[Number] | None) -> Decimal:
	"""Arithmetic mean of non-negative values; no values, no average."""
	if values is None:
		raise KpiError("missing_value", "values are missing", field="values")
	numbers = [_non_negative(v, "value") for v in values]
	if not numbers:
		raise KpiError("empty_input", "cannot average no values", field="values")
	return _decimal(sum(numbers) / len(numbers))


def count(items: Iterable | None) -> int:
	"""How many items. None is missing data; an empty list is a real zero."""
	if items is None:
		raise KpiError("missing_value", "items are missing", field="items")
	return sum(1 for _ in items)


REALISATION_FORMULAS = {"ratio": ratio, "percentage": percentage, "average": average, "count": count}


def realisation(formula: str, *args) -> Decimal | int:
	"""Dispatch on an indicator's formula type (ratio, percentage, average, count)."""
	function = REALISATION_FORMULAS.get((formula or "").strip().lower())
	if function is None:
		raise KpiError(
			"bad_formula", f"formula {formula!r} is not one of {tuple(REALISATION_FORMULAS)}", value=formula
		)
	return function(*args)


def _count_value(value: Number, field: str) -> int:
	number = _non_negative(value, field)
	if number.denominator != 1:
		raise KpiError("not_a_count", f"{field} {value!r} is not a whole number", field=field, value=value)
	return int(number)


# --- the seed's three indicators (SOP Pengukuran, step 5 remark) -------------


@dataclass(frozen=True)
class Participation:
	attendees: int
	population: int
	ratio: Decimal
	percent: Decimal


def musrenbang_participation(attendees: Number, population: Number) -> Participation:
	"""Persons attending the Musrenbang ÷ population, as a ratio and a percent."""
	people = _count_value(attendees, "attendees")
	total = _count_value(population, "population")
	if total == 0:
		raise KpiError("zero_denominator", "population is zero", field="population")
	if people > total:
		raise KpiError(
			"part_exceeds_whole", f"{people} attendees exceed a population of {total}", field="attendees"
		)
	share = Fraction(people, total)
	return Participation(people, total, ratio=_decimal(share), percent=_decimal(share * 100))


@dataclass(frozen=True)
class KtpDays:
	average_days: Decimal
	standard_days: Decimal
	ratio: Decimal  # average ÷ standard: below 1 is faster than the SOP
	achievement: Decimal  # lower is better, against the standard as target


def ktp_completion_days(completion_days: Iterable[Number] | None, standard_days: Number) -> KtpDays:
	"""Average days to complete an ID card (KTP) ÷ the SOP's standard days."""
	standard = _non_negative(standard_days, "standard_days", "missing_target")
	if standard == 0:
		raise KpiError("zero_target", "the SOP's standard days are zero", field="standard_days")
	mean = average(completion_days)
	return KtpDays(
		average_days=mean,
		standard_days=_decimal(standard),
		ratio=_decimal(Fraction(mean) / standard),
		achievement=achievement(mean, _decimal(standard), LOWER),
	)


def active_siskamling_groups(active_flags: Iterable[bool | int] | None) -> int:
	"""Number of active siskamling groups, from each group's active flag (Check: 0/1)."""
	if active_flags is None:
		raise KpiError("missing_value", "groups are missing", field="groups")
	total = 0
	for index, flag in enumerate(active_flags):
		if not isinstance(flag, int) or flag not in (0, 1):  # bool is an int
			raise KpiError(
				"not_a_flag", f"group {index} active flag {flag!r} is not 0/1", index=index, value=flag
			)
		total += bool(flag)
	return total


# --- whole document ----------------------------------------------------------


def weighted_average(values: Sequence[Number], weights: Sequence[Number] | None = None) -> Decimal:
	"""Σ wᵢvᵢ ÷ Σ wᵢ, exact then rounded once, so it never leaves [min, max]."""
	numbers = [_exact(v, "value") for v in values]
	if not numbers:
		raise KpiError("empty_input", "cannot average no indicators", field="values")
	if weights is None:
		return _decimal(sum(numbers) / len(numbers))
	if len(weights) != len(numbers):
		raise KpiError("bad_weight", f"{len(weights)} weights for {len(numbers)} values")
	factors = [_exact(w, "weight") for w in weights]
	if any(w < 0 for w in factors):
		raise KpiError("bad_weight", "a weight is negative")
	total = sum(factors)
	if total == 0:
		raise KpiError("bad_weight", "the weights add up to zero")
	return _decimal(sum(w * v for w, v in zip(factors, numbers, strict=True)) / total)


@dataclass(frozen=True)
class DocumentScore:
	"""A performance document's average achievement and its predicate: `indicators`
	measured ones went into it, `not_entered` ones had no realisation and did not."""

	achievement: Decimal
	predicate: str
	indicators: int
	not_entered: int = 0


def document_score(
	measurements: Sequence[Measurement], weighted: bool = False, bands: Iterable = DEFAULT_BANDS
) -> DocumentScore:
	"""Average of the indicators' raw achievements (weighted by Measurement.weight)."""
	values = [m.achievement for m in measurements]
	weights = [m.weight for m in measurements] if weighted else None
	mean = weighted_average(values, weights)
	return DocumentScore(achievement=mean, predicate=predicate(mean, bands), indicators=len(values))


def overall_score(
	measurements: Sequence[Measurement | None], weighted: bool = False, bands: Iterable = DEFAULT_BANDS
) -> DocumentScore | None:
	"""document_score over the indicators that were measured (None: not entered),
	saying how many were left out; None when no indicator was measured at all."""
	measured = [m for m in measurements if m is not None]
	if not measured:
		return None
	score = document_score(measured, weighted, bands)
	return DocumentScore(
		achievement=score.achievement,
		predicate=score.predicate,
		indicators=score.indicators,
		not_entered=len(measurements) - len(measured),
	)


@dataclass(frozen=True)
class Change:
	"""From previous to current: absolute, and percent of |previous|.

	percent is None when previous is 0: growth from nothing has no percentage, so
	the report shows the absolute change only. Dividing by |previous| keeps the
	sign meaning "went up" even for a negative previous achievement.
	"""

	previous: Decimal
	current: Decimal
	absolute: Decimal
	percent: Decimal | None


def change(previous: Number, current: Number) -> Change:
	before = _exact(previous, "previous")
	after = _exact(current, "current")
	percent = None if before == 0 else _decimal((after - before) * 100 / abs(before))
	return Change(_decimal(before), _decimal(after), absolute=_decimal(after - before), percent=percent)


def points_change(previous: Number | None, current: Number | None) -> Decimal | None:
	"""current − previous (percentage points for achievements); None when either
	figure is missing: no last year, or nothing measured this year, is no change."""
	if not (is_entered(previous) and is_entered(current)):
		return None
	return change(previous, current).absolute


@dataclass(frozen=True)
class YearOverYear:
	realisation: Change
	achievement: Change  # absolute is in percentage points


def year_over_year(previous: Measurement, current: Measurement) -> YearOverYear:
	"""An indicator's change from last year's measurement to this year's."""
	return YearOverYear(
		realisation=change(previous.realisation, current.realisation),
		achievement=change(previous.achievement, current.achievement),
	)


# --- efficiency of a program (Evaluasi, LKjIP Bab III) -------------------------


@dataclass(frozen=True)
class ProgramEfficiency:
	"""How much performance a program bought with the budget it absorbed.

	absorption is the share of the budget ceiling (pagu) spent, in percent;
	index is achievement ÷ absorption: 1 means performance kept pace with
	spending, above 1 the program reached its targets with less money than planned.
	"""

	absorption: Decimal
	achievement: Decimal
	index: Decimal

	@property
	def efficient(self) -> bool:
		return self.index >= 1


def program_efficiency(
	ceiling: Number | None, spent: Number | None, achievement_percent: Number | None
) -> ProgramEfficiency:
	"""Efficiency of one program from its budget ceiling, the amount spent and
	its performance achievement (percent). Spending over the ceiling is allowed
	(absorption above 100); a program that spent nothing has no efficiency."""
	pagu = _non_negative(ceiling, "ceiling", "missing_value")
	if pagu == 0:
		raise KpiError("zero_budget", "the budget ceiling is zero", field="ceiling")
	used = _non_negative(spent, "spent", "missing_value")
	if used == 0:
		raise KpiError("nothing_spent", "nothing of the budget was spent", field="spent")
	performance = _non_negative(achievement_percent, "achievement", "missing_value")
	absorption = used * 100 / pagu
	return ProgramEfficiency(
		absorption=_decimal(absorption),
		achievement=_decimal(performance),
		index=_decimal(performance / absorption),
	)


def budget_absorption(ceiling: Number | None, spent: Number | None) -> Decimal | None:
	"""spent ÷ ceiling × 100; None when the amount spent was not entered (0 spent
	is 0 %). A zero or missing ceiling is an error."""
	if not is_entered(spent):
		return None
	pagu = _non_negative(ceiling, "ceiling", "missing_value")
	if pagu == 0:
		raise KpiError("zero_budget", "the budget ceiling is zero", field="ceiling")
	return _decimal(_non_negative(spent, "spent", "missing_value") * 100 / pagu)


def efficiency(
	ceiling: Number | None, spent: Number | None, achievement_percent: Number | None
) -> ProgramEfficiency | None:
	"""program_efficiency(), or None while the amount spent or the performance
	achievement is not entered, or nothing was spent: there is nothing to weigh yet."""
	if not (is_entered(spent) and is_entered(achievement_percent)):
		return None
	if budget_absorption(ceiling, spent) == 0:
		return None
	return program_efficiency(ceiling, spent, achievement_percent)


# --- collection periods --------------------------------------------------------

FREQUENCY_MONTHS = {"Monthly": 1, "Quarterly": 3, "Semiannual": 6, "Annual": 12}


def period_end(day, frequency: str):
	"""The last day of the collection period `day` falls in (months counted from January)."""
	import calendar
	from datetime import date

	months = FREQUENCY_MONTHS.get(frequency)
	if not months:
		raise KpiError("bad_formula", f"unknown collection frequency {frequency!r}", value=frequency)
	last_month = ((day.month - 1) // months + 1) * months
	return date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def aggregate_realisation(formula_type: str, values) -> Decimal | int:
	"""One period's realisation from the values the Data IKU recorded for it:
	counts add up; averages, ratios and percentages are averaged."""
	values = [v for v in values if is_entered(v)]
	if not values:
		raise KpiError("empty_input", "no values recorded for the period")
	if formula_type == "Count":
		return sum(_count_value(v, "value") for v in values)
	return average(values)
