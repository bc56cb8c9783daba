"""Rules for a year's metrics (named figures that are not activities: 会员人数 3782 人), pure Python."""

from __future__ import annotations

from jixiao.core.fields import Problems, check_decimal, require_text
from jixiao.core.i18n import N_
from jixiao.core.model import Metric


def validate_metric(metric: Metric, name_taken: bool) -> Problems:
    """What makes *metric* unusable; *name_taken*: another metric of its year has its (stripped) name."""
    problems: Problems = []
    require_text(problems, "name", metric.name, N_("Enter a name."))
    check_decimal(problems, "value", metric.value, allow_negative=True)
    if metric.name.strip() and name_taken:
        problems.append(("name", N_("The figure {name} already exists."), {"name": metric.name.strip()}))
    return problems
