"""Auto-drafted narrative for a measure that has no text yet, from the activities recorded under it.

The draft is a starting point the clerk adopts and edits: it lists up to ``MAX_LISTED`` activities
(date and title) and then the totals, with the totals written as live figures so they stay right
when more activities are recorded.
"""

from __future__ import annotations

from jixiao.core.i18n import N_, Translator
from jixiao.core.livefigures import make_token
from jixiao.core.model import Activity, FiscalYear
from jixiao.core.numbers import format_date_cn

MAX_LISTED = 5


def measure_activities(fy: FiscalYear, task_position: int, measure_position: int) -> list[Activity]:
    """The year's activities recorded under a measure (positions are 1-based), by date."""
    task = fy.tasks[task_position - 1]
    measure = task.measures[measure_position - 1]
    found = [a for a in fy.activities if a.measure_id == measure.id and not a.deleted]
    return sorted(found, key=lambda a: (a.date, a.id or 0))


def draft_measure_text(fy: FiscalYear, task_position: int, measure_position: int, tr: Translator) -> str:
    """A draft paragraph for the measure, or "" when nothing is recorded under it."""
    activities = measure_activities(fy, task_position, measure_position)
    if not activities:
        return ""
    listed = [
        tr.format("{date}, {title}", date=format_date_cn(a.date, tr.lang), title=a.title.strip())
        for a in activities[:MAX_LISTED]
    ]
    text = tr.gettext("; ").join(listed)
    if len(activities) > MAX_LISTED:
        text += tr.gettext(", and more")
    text += tr.gettext(".")
    base = {"source": "activities", "task": task_position, "measure": measure_position}
    totals = [tr.format("{count} activities held in all", count=make_token(base, "exact"))]
    for field, message in (
        ("participants", N_("{value} participations")),
        ("enterprises", N_("{value} enterprises involved")),
        ("items", N_("{value} items")),
    ):
        if any(getattr(a, field) for a in activities):
            totals.append(tr.format(message, value=make_token({**base, "aggregate": field}, "exact")))
    if any(a.amount_fen for a in activities):
        totals.append(
            tr.format("{value} 10k yuan", value=make_token({**base, "aggregate": "amount_fen"}, "wan"))
        )
    text += tr.gettext("; ").join(totals) + tr.gettext(".")
    return text
