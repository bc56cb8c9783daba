"""Rules for a row of the money block (年度部门整体支出规模), pure Python.

Whether sub-rows add up to their parent is a readiness check (``core.readiness``), not a refusal: the
clerk fills the rows one at a time.
"""

from __future__ import annotations

from jixiao.core.fields import Problems, check_fen
from jixiao.core.i18n import N_
from jixiao.core.model import BUDGET_LINES, BudgetLine

AMOUNT_FIELDS = ("initial_fen", "adjusted_fen", "executed_fen")  # 年初预算数, 全年预算数, 全年执行数


def validate_budget_line(line: BudgetLine) -> Problems:
    """What makes *line* unusable: an unknown row, or an amount that is not whole fen within range."""
    if line.line not in BUDGET_LINES:
        return [("line", N_("Unknown budget line {line}."), {"line": line.line})]
    problems: Problems = []
    for name in AMOUNT_FIELDS:
        check_fen(problems, name, getattr(line, name))
    return problems
