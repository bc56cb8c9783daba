"""Score tables (部门整体支出绩效自评表, 项目支出绩效自评表) as report ``Table`` data. No reportlab here.

The numbers come from ``core.scoring`` (the same ``ScoreTable`` the GUI and the CLI show), so the
attachment can never disagree with the screen. Layout per ``domain.md`` §2: 8 columns.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from jixiao.core import livefigures
from jixiao.core.i18n import Translator
from jixiao.core.model import FiscalYear, Project
from jixiao.core.money import fen_to_wan, quantize2
from jixiao.core.numbers import format_decimal2, format_percent, format_wan
from jixiao.core.scoring import QUAL_BAND_LABELS, IndicatorRow, MoneyRow, ScoreTable
from jixiao.report.build_document import punctuate_list
from jixiao.report.document import Table, TableCell

COLUMNS = 8
COL_WIDTHS = [1.3, 1.3, 2.2, 1.3, 1.3, 0.8, 0.9, 2.6]
DASH = "—"


def _c(
    text: str,
    colspan: int = 1,
    rowspan: int = 1,
    align: str = "center",
    bold: bool = False,
    **number,
) -> TableCell:
    return TableCell(text, colspan=colspan, rowspan=rowspan, align=align, bold=bold, **number)


TWO_PLACES = "0.00"
PERCENT = "0.00%"


def _wan(fen: int) -> TableCell:
    """An amount in 万元, right-aligned, with its number."""
    return _c(format_wan(fen), align="right", value=fen_to_wan(fen), number_format=TWO_PLACES)


def _rate(rate) -> TableCell:
    """A percentage ("98.02%") with its ratio rounded as shown (0.9802)."""
    if rate is None:
        return _c(format_percent(rate))
    shown = (rate * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) / 100
    return _c(format_percent(rate), value=shown, number_format=PERCENT)


def _points_cell(value, tag: str = "") -> TableCell:
    if value is None:
        return _c(DASH)
    integral = value == value.to_integral_value()
    return _c(_points(value), value=value, number_format="0" if integral else TWO_PLACES, tag=tag)


def _score_cell(value, tag: str = "score", bold: bool = False) -> TableCell:
    if value is None:
        return _c(DASH)
    value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return _c(format_decimal2(value), value=value, number_format=TWO_PLACES, tag=tag, bold=bold)


def _number(value) -> str:
    return DASH if value is None else format_decimal2(value)


def _points(value) -> str:
    if value is None:
        return DASH
    return str(int(value)) if value == value.to_integral_value() else format_decimal2(value)


def _money_rows(rows: tuple[MoneyRow, ...], tr: Translator, label: str) -> list[list[TableCell]]:
    """The money block under its *label* (the department's 年度部门整体支出规模, a project's 项目资金)."""
    _ = tr.gettext
    out = [
        [
            _c(label, rowspan=len(rows) + 1, bold=True),
            _c(""),
            _c(_("Initial budget")),
            _c(_("Full-year budget")),
            _c(_("Full-year execution")),
            _c(_("Points")),
            _c(_("Execution rate")),
            _c(_("Score")),
        ]
    ]
    for row in rows:
        label = _(row.label)
        if row.is_sub:
            label = _("Of which: {label}").format(label=label) if row.line == "fiscal" else label
        out.append(
            [
                _c(label, align="left"),
                _wan(row.initial_fen),
                _wan(row.adjusted_fen),
                _wan(row.executed_fen),
                _points_cell(row.points, "points") if not row.is_sub else _c(DASH),
                _rate(row.rate),
                _score_cell(row.score) if not row.is_sub else _c(DASH),
            ]
        )
    return out


def _actual(row: IndicatorRow, tr: Translator) -> str:
    if row.kind == "qual" and not row.actual_text and row.qual_band in QUAL_BAND_LABELS:
        return tr.gettext(QUAL_BAND_LABELS[row.qual_band])
    text = row.actual_text
    if text and row.unit and not text.endswith(row.unit) and not text.endswith("%"):
        text += row.unit
    return text


_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.(\d+))?(%?)")


def _maybe_number(text: str, align: str = "center") -> TableCell:
    """A cell for *text*; a plain number ("3782", "96.5%") also carries its value and a format that
    shows it the same way (a spreadsheet stores it as a number, not as text)."""
    match = _PLAIN_NUMBER.fullmatch(text.strip())
    if not match:
        return _c(text, align=align)
    places = len(match.group(1) or "")
    number_format = "0" + ("." + "0" * places if places else "")
    value = Decimal(text.strip().rstrip("%"))
    if match.group(2):
        value, number_format = value / 100, number_format + "%"
    return _c(text, align=align, value=value, number_format=number_format)


def _target(row: IndicatorRow) -> str:
    kind = {">=": "≥", "<=": "≤", "=": "", "qual": ""}[row.kind]
    text = row.target
    if text and row.unit and row.kind != "qual" and not text.endswith(row.unit) and not text.endswith("%"):
        text += row.unit
    return kind + text if text else ""


def _indicator_rows(rows: tuple[IndicatorRow, ...], tr: Translator, fy: FiscalYear) -> list[list[TableCell]]:
    _ = tr.gettext
    out = [
        [
            _c(_("Level-1 indicator"), bold=True),
            _c(_("Level-2 indicator"), bold=True),
            _c(_("Level-3 indicator"), bold=True),
            _c(_("Annual target"), bold=True),
            _c(_("Actual"), bold=True),
            _c(_("Points"), bold=True),
            _c(_("Score"), bold=True),
            _c(_("Deviation reasons and improvements"), bold=True),
        ]
    ]
    # Merge repeated level-1 / level-2 names down the column, as the printed forms do.
    spans1 = _runs([r.level1 for r in rows])
    spans2 = _runs([(r.level1, r.level2) for r in rows])
    for index, row in enumerate(rows):
        cells = []
        if index in spans1:
            cells.append(_c(row.level1, rowspan=spans1[index]))
        if index in spans2:
            cells.append(_c(row.level2, rowspan=spans2[index]))
        remark = _live(fy, row.deviation_reason)
        if row.overridden and row.override_note.strip():
            remark = (remark + " " if remark else "") + _live(fy, row.override_note)
        if row.applicable:
            points = _points_cell(row.effective_points, "points")
            score = _score_cell(row.score) if row.score is not None else _c(_number(row.score))
        else:
            # left out of the score: its points went to the applicable rows (the column adds up)
            points = _c(DASH)
            score = _c(tr.format("Not applicable (was {points})", points=_points(row.points)))
        cells += [
            _c(row.level3, align="left"),
            _maybe_number(_target(row)),
            _maybe_number(_actual(row, tr)),
            points,
            score,
            _c(remark, align="left"),
        ]
        out.append(cells)
    return out


def _runs(keys: list) -> dict[int, int]:
    """Start index → length of each run of equal consecutive keys."""
    runs: dict[int, int] = {}
    start = 0
    for index in range(1, len(keys) + 1):
        if index == len(keys) or keys[index] != keys[start]:
            runs[start] = index - start
            start = index
    return runs


def _live(fy: FiscalYear, text: str, total=None) -> str:
    """*text* with its live figures written out (【?】 where one fails; readiness lists those)."""
    return livefigures.render(text or "", fy, total)[0].strip()


def _goals_text(goals: list[str], tr: Translator) -> str:
    """The numbered goals, one a line, each ending in ； and the last in 。."""
    goals = punctuate_list([g for g in goals if g.strip()], tr)
    return "\n".join(f"{i}.{g}" for i, g in enumerate(goals, start=1))


def department_table(
    fy: FiscalYear, table: ScoreTable, tr: Translator, label: str | None = None
) -> list[Table]:
    """The 部门整体支出绩效自评表 of *fy* from its score *table*, as two consecutive parts (the
    unit and money block, then the indicator grid whose header repeats on continuation pages).
    *label* is the attachment label over its title (default "附件")."""
    _ = tr.gettext
    unit = fy.unit
    rows: list[list[TableCell]] = [
        [
            _c(_("Unit name"), bold=True),
            _c(unit.full_name, colspan=3, align="left"),
            _c(_("Supervising department"), bold=True),
            _c(unit.supervisor or unit.full_name, colspan=3, align="left"),
        ],
    ]
    if unit.contact_person or unit.contact_phone:
        rows.append(
            [
                _c(_("Contact person"), bold=True),
                _c(unit.contact_person, colspan=3, align="left"),
                _c(_("Telephone"), bold=True),
                _c(unit.contact_phone, colspan=3, align="left"),
            ]
        )
    goals = fy.goals or [t.goal_text or t.title for t in fy.tasks]
    rows.append(
        [
            _c(_("Overall annual performance goals"), bold=True),
            _c(_goals_text([_live(fy, g, table.total) for g in goals], tr), colspan=7, align="left"),
        ]
    )
    rows.append(
        [
            _c(_("Achievement of the overall goals"), bold=True),
            _c(_live(fy, fy.texts.get("goals_completion", ""), table.total), colspan=3, align="left"),
            _c(_("Reasons for shortfalls"), bold=True),
            _c(
                _live(fy, fy.texts.get("goals_shortfall", ""), table.total) or _("None"),
                colspan=3,
                align="left",
            ),
        ]
    )
    rows += _money_rows(table.money_rows, tr, _("Annual expenditure (10k yuan)"))
    title = _("Overall Departmental Expenditure Performance Self-Evaluation Table")
    return _form(title, rows, label if label is not None else _("Attachment"), table, tr, fy)


def _form(
    title: str, rows: list[list[TableCell]], label: str, table: ScoreTable, tr: Translator, fy: FiscalYear
) -> list[Table]:
    """A form of *title*: its head part of *rows* (row labels repeated on a continuation page, under
    the attachment *label*), then the indicator grid of *table*."""
    head = Table(
        title=[title, tr.format("({year})", year=fy.year)],
        rows=rows,
        col_widths=list(COL_WIDTHS),
        header_rows=0,
        label=label,
        label_columns=1,
        continued_mark=tr.gettext("(continued)"),
    )
    return [head, _indicator_part(table, tr, fy)]


def _indicator_part(table: ScoreTable, tr: Translator, fy: FiscalYear) -> Table:
    """The indicator grid and the total, continuing the form; its header row repeats on each page,
    and the 一级/二级/三级 labels of rows continued from the previous page are repeated there."""
    rows = _indicator_rows(table.indicator_rows, tr, fy)
    rows.append(_total_row(table, tr))
    return Table(
        title=[],
        rows=rows,
        col_widths=list(COL_WIDTHS),
        header_rows=1,
        note=_rule_note(table, tr),
        new_page=False,
        label_columns=3,
        continued_mark=tr.gettext("(continued)"),
    )


def project_table(
    fy: FiscalYear, project: Project, table: ScoreTable, tr: Translator, label: str = ""
) -> list[Table]:
    """The 项目支出绩效自评表 of *project* from its score *table*, in two parts like the department's.

    Only a project with indicators of its own has a table (a 一级 project whose indicators sit on its
    二级 projects, or a project without any, would print an empty grid scored on money alone): for
    others the list is empty.
    """
    _ = tr.gettext
    if not project.indicators:
        return []
    unit = fy.unit
    rows: list[list[TableCell]] = [
        [_c(_("Project name"), bold=True), _c(project.name, colspan=7, align="left")],
        [
            _c(_("Supervising department"), bold=True),
            _c(unit.supervisor or unit.full_name, colspan=3, align="left"),
            _c(_("Implementing unit"), bold=True),
            _c(project.implementer or unit.full_name, colspan=3, align="left"),
        ],
    ]
    rows += _money_rows(table.money_rows, tr, _("Project funds (10k yuan)"))
    rows.append(
        [
            _c(_("Overall annual goals"), rowspan=2, bold=True),
            _c(_("Expected goals"), colspan=3, bold=True),
            _c(_("Actual results"), colspan=4, bold=True),
        ]
    )
    rows.append(
        [
            _c(_live(fy, project.expected_goal), colspan=3, align="left"),
            _c(_live(fy, project.actual_result), colspan=4, align="left"),
        ]
    )
    return _form(_("Project Expenditure Performance Self-Evaluation Table"), rows, label, table, tr, fy)


def _total_row(table: ScoreTable, tr: Translator) -> list[TableCell]:
    """总分, with how it arises written in the row itself (so the page can be checked by hand).

    Where the rule makes the total the sum of the scores shown (``standard``, not capped) the total
    cell says so (``sum_of``), and a spreadsheet writes it as a SUM formula."""
    _ = tr.gettext
    summed = table.rules.name == "standard" and table.total == table.uncapped_total
    return [
        _c(_("Total score") + tr.gettext(": ") + total_explanation(table, tr), colspan=5, bold=True),
        _c("100", value=Decimal(100), number_format="0", sum_of="points"),
        _c(
            format_decimal2(table.total),
            bold=True,
            value=table.total,
            number_format=TWO_PLACES,
            sum_of="score" if summed else "",
        ),
        _c(tr.format("Grade: {grade}", grade=_(table.grade.label)), bold=True),
    ]


def total_explanation(table: ScoreTable, tr: Translator) -> str:
    """How the total of *table* is reached, in figures on the page: "执行率得分9.80＋指标得分90.00＝
    99.80", or under ``rate_as_score`` "预算执行率98.02%×100＝98.02（各项得分合计99.80，按本年度评分规则
    不计入）", then a binding cap ("执行率60%至70%，总分不超过79分")."""
    execution = table.execution_row.score or Decimal(0)
    indicators = quantize2(
        sum((row.score or Decimal(0) for row in table.indicator_rows if row.applicable), Decimal(0))
    )
    summed = quantize2(execution + indicators)
    if table.rules.name == "rate_as_score":
        text = tr.format(
            "budget execution rate {rate} × 100 = {total} (the scores above add up to {sum}; under this "
            "year's rule they do not count)",
            rate=format_percent(table.execution_rate),
            total=format_decimal2(table.uncapped_total),
            sum=format_decimal2(summed),
        )
    else:
        text = tr.format(
            "execution score {execution} + indicator scores {indicators} = {total}",
            execution=format_decimal2(execution),
            indicators=format_decimal2(indicators),
            total=format_decimal2(summed),
        )
    if table.capped and table.cap is not None:
        text += tr.format(
            "; with a budget execution rate of {rate} the total is capped at {cap}",
            rate=format_percent(table.execution_rate),
            cap=_points(table.cap),
        )
    return text


def _rule_note(table: ScoreTable, tr: Translator) -> str:
    if table.rules.name == "rate_as_score":
        note = tr.gettext("Score rule: the total equals the budget execution rate × 100.")
    else:
        note = tr.gettext("Score rule: execution 10 points + indicators 90 points.")
    if any(not row.applicable for row in table.indicator_rows):
        note += tr.gettext(
            " Indicators marked not applicable are left out; the points of the others are rescaled to "
            "add up to the same total."
        )
    return note
