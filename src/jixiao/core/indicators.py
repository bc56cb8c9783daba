"""Rules for a performance indicator (绩效指标), pure Python.

What is checked is what makes an indicator unusable (no name, bad kind, a non-numeric target for a
quantitative one). Whether a deviation reason is missing depends on the score and is a readiness
problem shown beside the row, not a refusal: the clerk fills a row in several steps.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.fields import Problems, check_decimal, require_text
from jixiao.core.i18n import N_
from jixiao.core.model import INDICATOR_KINDS, QUAL_BANDS, Indicator
from jixiao.core.scoring import parse_number


def validate_indicator(indicator: Indicator) -> Problems:
    """What makes *indicator* unusable (empty list: it may be saved); see the module docstring."""
    problems: Problems = []
    require_text(problems, "level1", indicator.level1, N_("Choose the first-level indicator."))
    require_text(problems, "level2", indicator.level2, N_("Choose the second-level indicator."))
    require_text(problems, "level3", indicator.level3, N_("Enter the indicator's name."))
    if indicator.kind not in INDICATOR_KINDS:
        problems.append(("kind", N_("Choose how the indicator is measured."), {}))
    check_decimal(problems, "points", indicator.points)
    if isinstance(indicator.points, Decimal) and indicator.points.is_finite() and indicator.points > 100:
        problems.append(("points", N_("An indicator is worth at most 100 points."), {}))
    if (
        indicator.kind in (">=", "<=", "=")
        and indicator.target.strip()
        and parse_number(indicator.target, indicator.unit) is None
    ):
        problems.append(("target", N_("A quantitative target must be a number."), {}))
    if (
        indicator.kind in (">=", "<=", "=")
        and indicator.actual not in (None, "")
        and parse_number(indicator.actual, indicator.unit) is None
    ):
        problems.append(("actual", N_("The actual value must be a number."), {}))
    if indicator.qual_band is not None and indicator.qual_band not in QUAL_BANDS:
        problems.append(("qual_band", N_("Choose a band."), {}))
    if indicator.score_override is not None:
        check_decimal(problems, "score_override", indicator.score_override)
        if (
            isinstance(indicator.score_override, Decimal)
            and isinstance(indicator.points, Decimal)
            and indicator.score_override.is_finite()
            and indicator.score_override > indicator.points
        ):
            problems.append(("score_override", N_("The score cannot exceed the indicator's points."), {}))
    return problems


def owner_problems(year_id: int, project_year_id: int | None) -> Problems:
    """Why an indicator of year *year_id* cannot go to a project of year *project_year_id* (None: the
    department's table, always fine)."""
    if project_year_id is not None and project_year_id != year_id:
        return [("project_id", N_("The project belongs to another year."), {})]
    return []


def normalise_indicator(indicator: Indicator) -> None:
    """Strip the spaces around its texts (an actual of only spaces is no actual)."""
    for name in ("level1", "level2", "level3", "target", "unit", "override_note", "deviation_reason"):
        setattr(indicator, name, getattr(indicator, name).strip())
    if indicator.actual is not None:
        indicator.actual = indicator.actual.strip() or None
