"""A score table as aligned text (for the CLI) and as JSON-able data (``jixiao score --json``).

Text widths count East Asian wide and full-width characters as two columns
(``unicodedata.east_asian_width`` W/F); ambiguous ones (—, ≥) count as one, as Western terminals
show them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from decimal import Decimal

from jixiao.core.i18n import N_
from jixiao.core.money import fen_to_wan, quantize2
from jixiao.core.numbers import format_percent, format_wan
from jixiao.core.scoring import QUAL_BAND_LABELS, IndicatorRow, MoneyRow, ScoreTable

Gettext = Callable[[str], str]
DASH = "—"

TITLES = {
    "department": N_("Self-evaluation table of overall departmental expenditure"),  # 部门整体支出绩效自评表
    "project": N_("Self-evaluation table of project expenditure"),  # 项目支出绩效自评表
}
RULE_LABELS = {
    "standard": N_("Standard: execution rate 10 points + indicators 90 points"),
    "rate_as_score": N_("Execution rate as the score"),
}


def _identity(message: str) -> str:
    return message


def text_width(text: str) -> int:
    """Columns *text* takes in a terminal (wide and full-width characters count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(width - text_width(text), 0)
    return gap + text if right else text + gap


def _grid(header: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(text_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for n, row in enumerate([header, *rows]):
        cells = [_pad(cell, widths[i], i in right) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return lines


def _score(value: Decimal | None) -> str:
    return DASH if value is None else str(quantize2(value))


def _points(value: Decimal | None) -> str:
    if value is None:
        return DASH
    return str(int(value)) if value == value.to_integral_value() else str(quantize2(value))


def _with_unit(text: str, unit: str) -> str:
    if not text or not unit or text.endswith(unit) or text.endswith("%"):
        return text
    return text + unit


def _actual_shown(row: IndicatorRow, _: Gettext) -> str:
    if row.kind == "qual" and not row.actual_text and row.qual_band in QUAL_BAND_LABELS:
        return _(QUAL_BAND_LABELS[row.qual_band])
    return _with_unit(row.actual_text, row.unit)


def _remarks(row: IndicatorRow, _: Gettext) -> str:
    notes = []
    if not row.applicable:
        notes.append(_("not applicable"))
    if row.override is not None:
        notes.append(_("overridden (formula {formula})").format(formula=_score(row.computed_score)))
    if row.penalty:
        notes.append(
            _("−{penalty} for beating the target by 30% or more").format(penalty=_score(row.penalty))
        )
    if row.deviation_reason_required and not row.deviation_reason.strip():
        notes.append(_("deviation reason required"))
    for _code, message in row.issues:
        notes.append(message.translated(_))
    return "; ".join(notes)


def _money_label(row: MoneyRow, _: Gettext) -> str:
    label = _(row.label)
    return _("Of which: {label}").format(label=label) if row.is_sub else label


def render_text_table(table: ScoreTable, gettext: Gettext = _identity) -> str:
    """The table as aligned plain text, in the language of *gettext*."""
    _ = gettext
    lines = [_(TITLES[table.subject]), _("Year {year}").format(year=table.year)]
    if table.subject == "department":
        lines.append(_("Unit: {name}").format(name=table.name))
    else:
        lines.append(_("Project: {name}").format(name=table.name))
    rule = _(RULE_LABELS[table.rules.name])
    options = []
    if table.rules.cap_by_execution:
        options.append(_("total capped by execution rate"))
    if table.rules.beaten_penalty:
        options.append(_("−2 for a target beaten by 30% or more"))
    lines.append(_("Rule: {rule}").format(rule="; ".join([rule, *options])))
    lines.append("")
    money_header = [
        _("Funds (10k yuan)"),
        _("Initial budget"),
        _("Full-year budget"),
        _("Executed"),
        _("Points"),
        _("Execution rate"),
        _("Score"),
    ]
    money_rows = [
        [
            _money_label(row, _),
            format_wan(row.initial_fen),
            format_wan(row.adjusted_fen),
            format_wan(row.executed_fen),
            _points(row.points),
            format_percent(row.rate),
            _score(row.score),
        ]
        for row in table.money_rows
    ]
    lines += _grid(money_header, money_rows, right={1, 2, 3, 4, 5, 6})
    lines.append("")
    indicator_header = [
        _("Level 1 indicator"),
        _("Level 2 indicator"),
        _("Level 3 indicator"),
        _("Annual target"),
        _("Actual"),
        _("Points"),
        _("Score"),
        _("Remarks"),
    ]
    indicator_rows = [
        [
            row.level1,
            row.level2,
            row.level3,
            _with_unit(row.target, row.unit),
            _actual_shown(row, _),
            _points(row.effective_points if row.applicable else row.points),
            _score(row.score),
            _remarks(row, _),
        ]
        for row in table.indicator_rows
    ]
    lines += _grid(indicator_header, indicator_rows, right={5, 6})
    lines.append("")
    lines.append(
        _("Total: {total}  Grade: {grade}").format(total=_score(table.total), grade=_(table.grade.label))
    )
    if table.capped:
        lines.append(
            _("Capped at {cap} by the execution rate (uncapped {uncapped}).").format(
                cap=_points(table.cap), uncapped=_score(table.uncapped_total)
            )
        )
    if not table.complete:
        lines.append(_("Incomplete: some rows cannot be scored yet."))
    return "\n".join(lines) + "\n"


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(quantize2(value))


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else _points(value)


def _rate_percent(rate: Decimal | None) -> str | None:
    return None if rate is None else str(quantize2(rate * 100))


def table_to_json(table: ScoreTable, gettext: Gettext | None = None) -> dict:
    """Every row, the total and the grade as JSON-able data; Decimals as strings ("98.02").

    Labels and problem messages are translated when *gettext* is given, else left as msgids.
    Scores and rates have 2 places; rates are percentages; money is in fen plus 万元 text.
    """
    _ = gettext or _identity
    money = [
        {
            "line": row.line,
            "label": _(row.label),
            "sub_row": row.is_sub,
            "initial_fen": row.initial_fen,
            "adjusted_fen": row.adjusted_fen,
            "executed_fen": row.executed_fen,
            "initial_wan": str(fen_to_wan(row.initial_fen)),
            "adjusted_wan": str(fen_to_wan(row.adjusted_fen)),
            "executed_wan": str(fen_to_wan(row.executed_fen)),
            "rate_percent": _rate_percent(row.rate),
            "points": _plain(row.points),
            "score": _dec(row.score),
        }
        for row in table.money_rows
    ]
    indicators = [
        {
            "index": row.index,
            "id": row.indicator_id,
            "level1": row.level1,
            "level2": row.level2,
            "level3": row.level3,
            "kind": row.kind,
            "unit": row.unit,
            "target": row.target,
            "actual": row.actual_text,
            "actual_value": None if row.actual is None else str(row.actual),
            "actual_from_records": row.actual_from_records,
            "points": _plain(row.points),
            "effective_points": _plain(row.effective_points),
            "applicable": row.applicable,
            "qual_band": row.qual_band,
            "formula_score": _dec(row.formula_score),
            "penalty": _dec(row.penalty),
            "computed_score": _dec(row.computed_score),
            "override": _dec(row.override),
            "override_note": row.override_note,
            "score": _dec(row.score),
            "deviation": row.deviation,
            "deviation_reason_required": row.deviation_reason_required,
            "deviation_reason": row.deviation_reason,
            "issues": [{"code": code, "message": message.translated(_)} for code, message in row.issues],
        }
        for row in table.indicator_rows
    ]
    return {
        "subject": table.subject,
        "name": table.name,
        "year": table.year,
        "rule": table.rules.name,
        "options": table.rules.options(),
        "execution_rate_percent": _rate_percent(table.execution_rate),
        "money": money,
        "indicators": indicators,
        "indicator_points": _plain(table.indicator_points),
        "uncapped_total": _dec(table.uncapped_total),
        "cap": _plain(table.cap),
        "total": _dec(table.total),
        "grade": {"code": table.grade.code, "label": _(table.grade.label)},
        "complete": table.complete,
    }
