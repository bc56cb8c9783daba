"""The score table of a year (部门整体支出绩效自评表) or a project (项目支出绩效自评表), as pure functions.

Rules (design doc ``domain.md`` §3), all arithmetic in ``Decimal``:

- execution rate = 全年执行数 ÷ 全年预算数 (adjusted budget), kept unrounded;
- execution row (资金总额, 10 points) = min(rate, 100%) × 10; the sub-rows (财政拨款, 其他资金, 基本支出,
  项目支出) show their rate but no points or score;
- indicator formulas: ``>=`` (and ``=``) full points when actual ≥ target, else actual ÷ target × points;
  ``<=`` full points when actual ≤ target, else target ÷ actual × points; ``qual`` (定性) takes the top
  of the chosen band: achieved 100%, partial 80%, poor 50% (the clerk overrides to pick lower within
  the band);
- not-applicable indicators are left out and the applicable weights rescaled so they still total the
  declared indicator points (90); the rescaled weights are apportioned to 2 decimals by largest
  remainder, so the column adds up exactly;
- every row score is rounded ROUND_HALF_UP to 2 places once, from unrounded inputs (334.67 ÷ 861.46
  gives 3.88, not 3.89); the ``standard`` total is the sum of the row scores as shown, so the table
  adds up; ``rate_as_score`` total = min(rate, 100%) × 100 rounded once (616.04 ÷ 628.47 → 98.02);
- options: ``beaten_penalty`` takes 2 points (not below 0) from an indicator's formula score when
  its target is beaten by 30% or more; ``cap_by_execution`` caps the total by the execution rate band
  (< 50% → 59, < 60% → 69, < 70% → 79, < 80% → 89);
- the clerk's override replaces the formula score (penalty included) and is kept apart from it;
- grade: ≥ 90 优, ≥ 80 良, ≥ 60 中, else 差, from the total as printed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from jixiao.core.errors import N_, JixiaoError, Message
from jixiao.core.figures import FigureError, batch, compute_figure, figure_quantity
from jixiao.core.model import BUDGET_LINE_LABELS, SCORE_RULES, FiscalYear, Indicator, Project
from jixiao.core.money import quantize2
from jixiao.core.numbers import format_decimal2, format_number

RULE_OPTIONS = ("cap_by_execution", "beaten_penalty")
EXECUTION_POINTS = Decimal(10)
INDICATOR_POINTS = Decimal(90)
BEATEN_RATIO = Decimal("0.3")
BEATEN_PENALTY = Decimal(2)
CENT = Decimal("0.01")
ONE = Decimal(1)
HUNDRED = Decimal(100)

# Qualitative bands: (lowest, highest) fraction of the points; the formula takes the highest.
QUAL_BAND_RANGES: dict[str, tuple[Decimal, Decimal]] = {
    "achieved": (Decimal("0.8"), Decimal("1")),
    "partial": (Decimal("0.5"), Decimal("0.8")),
    "poor": (Decimal("0"), Decimal("0.5")),
}
QUAL_BAND_LABELS: dict[str, str] = {
    "achieved": N_("Target achieved"),  # 达成年度指标
    "partial": N_("Partly achieved, with some effect"),  # 部分达成并具有一定效果
    "poor": N_("Not achieved, poor effect"),  # 未达成且效果较差
}
# Total caps by execution rate: rate below the bound → total at most the cap (checked in order).
EXECUTION_CAPS: tuple[tuple[Decimal, Decimal], ...] = (
    (Decimal("0.5"), Decimal(59)),
    (Decimal("0.6"), Decimal(69)),
    (Decimal("0.7"), Decimal(79)),
    (Decimal("0.8"), Decimal(89)),
)

DEVIATION_NONE = "none"
DEVIATION_MISSED = "missed"
DEVIATION_BEATEN = "beaten"


class ScoreRuleError(JixiaoError):
    """A year's score rule or rule options that this version does not know."""

    message = N_("Unknown score rule {rule}.")


@dataclass(frozen=True)
class Grade:
    """A grade: ``code`` (stable, for JSON) and ``label`` (msgid: 优/良/中/差)."""

    code: str
    label: str
    minimum: Decimal


GRADES: tuple[Grade, ...] = (
    Grade("excellent", N_("Excellent"), Decimal(90)),  # 优
    Grade("good", N_("Good"), Decimal(80)),  # 良
    Grade("fair", N_("Fair"), Decimal(60)),  # 中
    Grade("poor", N_("Poor"), Decimal(0)),  # 差
)


def grade_for(total: Decimal) -> Grade:
    """The grade of a total score (≥ 90 优, ≥ 80 良, ≥ 60 中, else 差)."""
    for grade in GRADES:
        if total >= grade.minimum:
            return grade
    return GRADES[-1]


@dataclass(frozen=True)
class ScoreRules:
    """How a year is scored: the rule name and its two switches (stored with the year)."""

    name: str = "standard"
    cap_by_execution: bool = False
    beaten_penalty: bool = False

    @classmethod
    def parse(cls, name: str, options: dict | None = None) -> ScoreRules:
        """Rules from a rule name and an options dict; ``ScoreRuleError`` for anything unknown."""
        if name not in SCORE_RULES:
            raise ScoreRuleError(rule=str(name))
        options = {} if options is None else options
        if not isinstance(options, dict):
            raise ScoreRuleError(N_("The score rule options must be an object."))
        for key, value in options.items():
            if key not in RULE_OPTIONS:
                raise ScoreRuleError(N_("Unknown score rule option {option}."), option=str(key))
            if not isinstance(value, bool):
                raise ScoreRuleError(N_("The score rule option {option} must be true or false."), option=key)
        return cls(name, bool(options.get("cap_by_execution")), bool(options.get("beaten_penalty")))

    @classmethod
    def problems(cls, name: str, options: dict | None = None) -> list[tuple[str, str, dict]]:
        """Why *name* with *options* cannot be a year's score rule: the ``parse`` refusal as a field
        problem (``score_rule`` or ``rule_options``); empty when it can."""
        try:
            cls.parse(name, options)
        except ScoreRuleError as error:
            field = "score_rule" if error.message == ScoreRuleError.message else "rule_options"
            return [(field, error.message, dict(error.params))]
        return []

    @classmethod
    def of_year(cls, fy: FiscalYear) -> ScoreRules:
        """The rules stored with *fy* (``score_rule`` + ``rule_options``)."""
        return cls.parse(fy.score_rule, fy.rule_options)

    def options(self) -> dict[str, bool]:
        """The options as stored in ``FiscalYear.rule_options``."""
        return {"cap_by_execution": self.cap_by_execution, "beaten_penalty": self.beaten_penalty}


@dataclass(frozen=True)
class MoneyRow:
    """A row of the money block (amounts in fen). Sub-rows have ``points``/``score`` None ("—")."""

    line: str  # BUDGET_LINE_LABELS key
    label: str  # msgid
    initial_fen: int
    adjusted_fen: int
    executed_fen: int
    rate: Decimal | None  # executed ÷ adjusted, unrounded; None when adjusted is 0
    points: Decimal | None
    score: Decimal | None  # 2 places
    is_sub: bool


@dataclass(frozen=True)
class IndicatorRow:
    """A row of the indicator grid.

    ``formula_score`` is the formula's result (2 places), ``penalty`` what the beaten rule takes
    from it, ``computed_score`` = max(formula − penalty, 0), ``override`` the clerk's score and
    ``score`` the one that counts (override when present). ``points`` is the stated weight,
    ``effective_points`` the weight after rescaling for not-applicable rows. A row that cannot be
    computed has ``issues`` (``(code, Message)`` pairs) and no formula score.
    """

    index: int  # 0-based position in its indicator list
    indicator_id: int | None
    level1: str
    level2: str
    level3: str
    kind: str
    unit: str
    target: str
    actual: Decimal | None  # the numeric actual used (None for qual or unknown)
    actual_text: str  # 实际完成值 as shown
    actual_from_records: bool
    points: Decimal
    effective_points: Decimal
    applicable: bool
    qual_band: str | None
    formula_score: Decimal | None
    penalty: Decimal
    computed_score: Decimal | None
    override: Decimal | None
    override_note: str
    score: Decimal | None
    deviation: str  # DEVIATION_*
    deviation_reason: str
    issues: tuple[tuple[str, Message], ...] = ()

    @property
    def issue(self) -> str | None:
        """The first issue's code, or None when the row could be computed."""
        return self.issues[0][0] if self.issues else None

    @property
    def deviation_reason_required(self) -> bool:
        """A reason (偏差原因分析及改进措施) is due: target missed, or beaten by ≥ 30%."""
        return self.applicable and self.deviation != DEVIATION_NONE

    @property
    def overridden(self) -> bool:
        return self.override is not None


@dataclass(frozen=True)
class ScoreTable:
    """A whole score table: money rows, indicator rows, total and grade."""

    subject: str  # "department" | "project"
    name: str  # unit full name or project name
    year: int
    rules: ScoreRules
    money_rows: tuple[MoneyRow, ...]
    indicator_rows: tuple[IndicatorRow, ...]
    execution_rate: Decimal | None  # unrounded ratio
    indicator_points: Decimal  # the declared indicator weights (normally 90)
    uncapped_total: Decimal
    cap: Decimal | None  # the execution-rate cap that applies (cap_by_execution), binding or not
    total: Decimal  # 2 places
    grade: Grade
    complete: bool  # every scored row could be computed

    @property
    def execution_row(self) -> MoneyRow:
        return self.money_rows[0]

    @property
    def capped(self) -> bool:
        return self.total < self.uncapped_total


# -- numbers ---------------------------------------------------------------------------------------


_PREFIXES = (">=", "<=", "≥", "≤", "=", ">", "<")


def parse_number(text: str | None, unit: str = "") -> Decimal | None:
    """A number typed as a target or actual: "200", "≥200", "95%", "１,０２４", "200家" (with unit 家).

    None when *text* is empty or not a number. Full-width forms are folded (NFKC); a leading
    comparison sign, a trailing "%" and a trailing *unit* are ignored.
    """
    if text is None:
        return None
    folded = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            folded = folded[len(prefix) :].strip()
            break
    unit = unicodedata.normalize("NFKC", unit).strip()
    if unit and folded.endswith(unit):
        folded = folded[: -len(unit)].strip()
    if folded.endswith("%"):
        folded = folded[:-1].strip()
    if not folded:
        return None
    try:
        value = Decimal(folded)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _clamp01(value: Decimal) -> Decimal:
    return max(Decimal(0), min(ONE, value))


def formula_fraction(kind: str, target: Decimal, actual: Decimal) -> Decimal:
    """The unrounded share of the points a quantitative indicator earns, in [0, 1].

    ``>=``/``=``: 1 when actual ≥ target, else actual ÷ target; ``<=``: 1 when actual ≤ target,
    else target ÷ actual. A target ≤ 0 that is not met earns 0.
    """
    if kind in (">=", "="):
        if actual >= target:
            return ONE
        return _clamp01(actual / target) if target > 0 else Decimal(0)
    if kind == "<=":
        if actual <= target:
            return ONE
        return _clamp01(target / actual) if target > 0 else Decimal(0)
    raise ValueError(f"not a quantitative kind: {kind}")


def deviation_of(kind: str, target: Decimal, actual: Decimal) -> str:
    """``missed`` when the target is not met, ``beaten`` when beaten by ≥ 30% (target > 0), else ``none``."""
    if kind in (">=", "="):
        if actual < target:
            return DEVIATION_MISSED
        if target > 0 and actual - target >= BEATEN_RATIO * target:
            return DEVIATION_BEATEN
        return DEVIATION_NONE
    if actual > target:
        return DEVIATION_MISSED
    if target > 0 and target - actual >= BEATEN_RATIO * target:
        return DEVIATION_BEATEN
    return DEVIATION_NONE


def execution_score(rate: Decimal | None, points: Decimal = EXECUTION_POINTS) -> Decimal | None:
    """min(rate, 100%) × points, rounded once (0.98022… → 9.80; 0.388492… → 3.88)."""
    if rate is None:
        return None
    return quantize2(_clamp01(rate) * points)


def execution_cap(rate: Decimal | None) -> Decimal | None:
    """The total's cap for an execution rate (< 50% → 59 … < 80% → 89), or None at 80% and above."""
    if rate is None:
        return None
    for bound, cap in EXECUTION_CAPS:
        if rate < bound:
            return cap
    return None


def apportion(weights: list[Decimal], total: Decimal) -> list[Decimal]:
    """*weights* scaled to sum to *total*, each at 2 places, by largest remainder (ties: first first)."""
    weight_sum = sum(weights, Decimal(0))
    if not weights or weight_sum <= 0:
        return [Decimal(0) for _ in weights]
    exact = [w * total / weight_sum for w in weights]
    floors = [e.quantize(CENT, rounding=ROUND_FLOOR) for e in exact]
    missing = int(((total - sum(floors, Decimal(0))) / CENT).to_integral_value(rounding=ROUND_HALF_UP))
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[: max(missing, 0)]:
        floors[i] += CENT
    return floors


# -- indicator rows --------------------------------------------------------------------------------


def _actual_text(value: Decimal, spec: dict) -> str:
    quantity = figure_quantity(spec)
    if quantity in ("wan", "percent"):
        return format_decimal2(value)
    return format_number(value)


def score_indicator(
    indicator: Indicator,
    fy: FiscalYear,
    rules: ScoreRules,
    *,
    index: int = 0,
    effective_points: Decimal | None = None,
) -> IndicatorRow:
    """One indicator's row. *effective_points* is its weight after rescaling (default: its points)."""
    points = effective_points if effective_points is not None else indicator.points
    name = indicator.level3
    actual: Decimal | None = None
    actual_text = indicator.actual or ""
    from_records = False
    fraction: Decimal | None = None
    deviation = DEVIATION_NONE
    issues: list[tuple[str, Message]] = []

    def fail(code: str, message: str, **params: object) -> None:
        issues.append((code, Message(message, name=name, **params)))

    if not indicator.applicable:
        pass
    elif indicator.kind == "qual":
        band = indicator.qual_band
        if band in QUAL_BAND_RANGES:
            fraction = QUAL_BAND_RANGES[band][1]
            deviation = DEVIATION_NONE if band == "achieved" else DEVIATION_MISSED
        elif band is None:
            fail("band_missing", N_("Choose how far the qualitative indicator {name} was achieved."))
        else:
            fail("band_unknown", N_("Unknown achievement band {band} of {name}."), band=band)
    elif indicator.kind in (">=", "<=", "="):
        target = parse_number(indicator.target, indicator.unit)
        if indicator.actual_source is not None:
            from_records = True
            try:
                actual = compute_figure(indicator.actual_source, fy)
                actual_text = _actual_text(actual, indicator.actual_source)
            except FigureError as exc:
                fail(
                    "figure",
                    N_("The actual value of {name} cannot be computed: {reason}"),
                    reason=Message(exc.message, **exc.params),
                )
        elif not (indicator.actual or "").strip():
            fail("actual_missing", N_("The actual value of {name} is missing."))
        else:
            actual = parse_number(indicator.actual, indicator.unit)
            if actual is None:
                fail(
                    "actual_not_number",
                    N_("The actual value {value} of {name} is not a number."),
                    value=indicator.actual,
                )
        if not indicator.target.strip():
            fail("target_missing", N_("The target of {name} is missing."))
        elif target is None:
            fail(
                "target_not_number",
                N_("The target {value} of {name} is not a number."),
                value=indicator.target,
            )
        if not issues and target is not None and actual is not None:
            fraction = formula_fraction(indicator.kind, target, actual)
            deviation = deviation_of(indicator.kind, target, actual)
    else:
        fail("kind_unknown", N_("Unknown indicator kind {kind} of {name}."), kind=indicator.kind)

    formula_score = quantize2(fraction * points) if fraction is not None else None
    penalty = Decimal(0)
    if formula_score is not None and rules.beaten_penalty and deviation == DEVIATION_BEATEN:
        penalty = min(BEATEN_PENALTY, formula_score)
    computed = formula_score - penalty if formula_score is not None else None
    override = indicator.score_override if indicator.applicable else None
    score = override if override is not None else computed
    return IndicatorRow(
        index=index,
        indicator_id=indicator.id,
        level1=indicator.level1,
        level2=indicator.level2,
        level3=indicator.level3,
        kind=indicator.kind,
        unit=indicator.unit,
        target=indicator.target,
        actual=actual,
        actual_text=actual_text,
        actual_from_records=from_records,
        points=indicator.points,
        effective_points=points,
        applicable=indicator.applicable,
        qual_band=indicator.qual_band,
        formula_score=formula_score,
        penalty=penalty,
        computed_score=computed,
        override=override,
        override_note=indicator.override_note,
        score=score if indicator.applicable else None,
        deviation=deviation if indicator.applicable else DEVIATION_NONE,
        deviation_reason=indicator.deviation_reason,
        issues=tuple(issues),
    )


def effective_weights(indicators: list[Indicator]) -> list[Decimal]:
    """Each indicator's weight after leaving out the not-applicable ones (0 for those).

    When every indicator applies the weights are the stated points; otherwise the applicable
    points are rescaled to the declared total and apportioned to 2 places.
    """
    if all(ind.applicable for ind in indicators):
        return [ind.points for ind in indicators]
    declared = sum((ind.points for ind in indicators), Decimal(0))
    applicable = [i for i, ind in enumerate(indicators) if ind.applicable]
    scaled = apportion([indicators[i].points for i in applicable], declared)
    weights = [Decimal(0)] * len(indicators)
    for i, weight in zip(applicable, scaled, strict=True):
        weights[i] = weight
    return weights


def score_indicators(
    indicators: list[Indicator], fy: FiscalYear, rules: ScoreRules
) -> tuple[IndicatorRow, ...]:
    """The rows of an indicator grid, rescaled for not-applicable rows."""
    weights = effective_weights(indicators)
    return tuple(
        score_indicator(ind, fy, rules, index=i, effective_points=weights[i])
        for i, ind in enumerate(indicators)
    )


# -- money rows ------------------------------------------------------------------------------------


def _money_row(line: str, initial: int, adjusted: int, executed: int, scored: bool) -> MoneyRow:
    rate = Decimal(executed) / Decimal(adjusted) if adjusted else None
    return MoneyRow(
        line=line,
        label=BUDGET_LINE_LABELS[line],
        initial_fen=initial,
        adjusted_fen=adjusted,
        executed_fen=executed,
        rate=rate,
        points=EXECUTION_POINTS if scored else None,
        score=execution_score(rate) if scored else None,
        is_sub=not scored,
    )


def year_money_rows(fy: FiscalYear) -> tuple[MoneyRow, ...]:
    """资金总额 (scored) then 财政拨款, 其他资金, 基本支出, 项目支出 from the year's money block."""
    rows = []
    for line in ("total", "fiscal", "other", "basic", "project"):
        b = fy.budget_line(line)
        rows.append(_money_row(line, b.initial_fen, b.adjusted_fen, b.executed_fen, scored=line == "total"))
    return tuple(rows)


def project_money_rows(project: Project) -> tuple[MoneyRow, ...]:
    """资金总额 (scored) then 财政拨款 and 其他资金, split by the funding source of each 二级 project."""
    parts = {"fiscal": [0, 0, 0], "other": [0, 0, 0]}

    def add(source: str, initial: int, adjusted: int, executed: int) -> None:
        bucket = parts["other" if source == "other" else "fiscal"]
        bucket[0] += initial
        bucket[1] += adjusted
        bucket[2] += executed

    if project.children:
        own_paid = sum(p.amount_fen for p in project.payments)
        add(project.funding_source, 0, 0, own_paid)
        for child in project.children:
            add(child.funding_source, child.total_initial_fen, child.total_adjusted_fen, child.executed_fen)
    else:
        add(project.funding_source, project.initial_fen, project.adjusted_fen, project.executed_fen)
    total = _money_row(
        "total", project.total_initial_fen, project.total_adjusted_fen, project.executed_fen, True
    )
    return (total,) + tuple(
        _money_row(line, parts[line][0], parts[line][1], parts[line][2], scored=False)
        for line in ("fiscal", "other")
    )


# -- tables ----------------------------------------------------------------------------------------


def _table(
    subject: str,
    name: str,
    fy: FiscalYear,
    rules: ScoreRules,
    money: tuple[MoneyRow, ...],
    indicators: list[Indicator],
) -> ScoreTable:
    rows = score_indicators(indicators, fy, rules)
    rate = money[0].rate
    applicable = [row for row in rows if row.applicable]
    complete = money[0].score is not None and all(row.score is not None for row in applicable)
    if rules.name == "rate_as_score":
        uncapped = quantize2(_clamp01(rate) * HUNDRED) if rate is not None else Decimal("0.00")
    else:
        complete = complete and bool(applicable)
        uncapped = (money[0].score or Decimal(0)) + sum(
            (row.score or Decimal(0) for row in applicable), Decimal(0)
        )
        uncapped = quantize2(uncapped)
    cap = execution_cap(rate) if rules.cap_by_execution else None
    total = min(uncapped, cap) if cap is not None else uncapped
    total = quantize2(total)
    return ScoreTable(
        subject=subject,
        name=name,
        year=fy.year,
        rules=rules,
        money_rows=money,
        indicator_rows=rows,
        execution_rate=rate,
        indicator_points=sum((ind.points for ind in indicators), Decimal(0)),
        uncapped_total=uncapped,
        cap=cap,
        total=total,
        grade=grade_for(total),
        complete=complete,
    )


def score_year(fy: FiscalYear, rules: ScoreRules | None = None) -> ScoreTable:
    """The department's table (部门整体支出绩效自评表); *rules* default to the year's own."""
    rules = rules or ScoreRules.of_year(fy)
    with batch(fy):  # every indicator's figure in one pass over the activities
        return _table("department", fy.unit.full_name, fy, rules, year_money_rows(fy), fy.indicators)


def score_project(project: Project, fy: FiscalYear, rules: ScoreRules | None = None) -> ScoreTable:
    """A project's table (项目支出绩效自评表) from its own money and indicators; rules as the year's."""
    rules = rules or ScoreRules.of_year(fy)
    with batch(fy):
        return _table("project", project.name, fy, rules, project_money_rows(project), project.indicators)
