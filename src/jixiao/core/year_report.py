"""A year's report settings and facts (``YearReport``) in the year package: the optional key ``report``.

``{"outline_key": "hunan-2020", "outline": {…outline…} | null, "expenditure_fen": 1, …,
"previous": {"expenditure_fen": 1}}``; every field optional. Older packages have no ``report`` and
import with the defaults. The outline is checked by ``core.outline.parse_outline``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from jixiao.core.errors import N_
from jixiao.core.model import PREVIOUS_FIGURES, REPORT_AMOUNTS, REPORT_COUNTS, YearReport
from jixiao.core.outline import SHIPPED, OutlineError, parse_outline

MSG_BAD_OUTLINE = N_("The report outline cannot be used: {detail}")
MSG_UNKNOWN_OUTLINE = N_("There is no shipped report outline “{key}”.")


def report_to_json(report: YearReport) -> dict:
    """The package form of *report* (defaults left out)."""
    out: dict[str, Any] = {}
    if report.outline_key:
        out["outline_key"] = report.outline_key
    if report.outline:
        out["outline"] = copy.deepcopy(report.outline)
    for key in ("opening", "closing"):
        if getattr(report, key):
            out[key] = getattr(report, key)
    for key in (*REPORT_AMOUNTS, *REPORT_COUNTS):
        value = getattr(report, key)
        if value is not None:
            out[key] = value
    if report.previous:
        out["previous"] = {k: report.previous[k] for k in PREVIOUS_FIGURES if k in report.previous}
    return out


def report_from_json(data: dict | None) -> YearReport:
    """A ``YearReport`` from the package's ``report`` (already validated; None → defaults)."""
    if not data:
        return YearReport()
    figures: dict[str, Any] = {key: data.get(key) for key in (*REPORT_AMOUNTS, *REPORT_COUNTS)}
    return YearReport(
        outline_key=data.get("outline_key", ""),
        outline=copy.deepcopy(data.get("outline")) or None,
        previous=dict(data.get("previous", {})),
        opening=data.get("opening", ""),
        closing=data.get("closing", ""),
        **figures,
    )


def report_problems(data: dict) -> Iterator[tuple[str, str, dict]]:
    """(path, message, params) for what the schema cannot check in the package's ``report``."""
    report = data.get("report")
    if not isinstance(report, dict):
        return
    key = report.get("outline_key")
    if isinstance(key, str) and key and key not in SHIPPED:
        yield "report.outline_key", MSG_UNKNOWN_OUTLINE, {"key": key}
    outline = report.get("outline")
    if isinstance(outline, dict):
        try:
            parse_outline(outline)
        except OutlineError as error:
            yield "report.outline", MSG_BAD_OUTLINE, {"detail": error.params.get("detail", "")}
