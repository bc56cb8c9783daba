"""The write path for the year's money block (年度部门整体支出规模): its rows (``BudgetLine``).

The projects' budgets are ``services.projects``; see ``core.model.BudgetLine`` for the terms.
"""

from __future__ import annotations

from jixiao.core.errors import N_, ValidationError
from jixiao.core.model import BUDGET_LINES, BudgetLine
from jixiao.services._checks import check_fen, found, raise_if
from jixiao.store import money_block as store
from jixiao.store import years as years_store
from jixiao.store.database import Book


def set_money_line(book: Book, year_id: int, line: BudgetLine) -> None:
    """Save one row of the money block (年初预算数, 全年预算数, 全年执行数, in fen).

    Whether sub-rows add up to their parent is a readiness check, not a refusal: the clerk fills
    the rows one at a time.
    """
    if line.line not in BUDGET_LINES:
        raise ValidationError([("line", N_("Unknown budget line {line}."), {"line": line.line})])
    problems: list = []
    for name in ("initial_fen", "adjusted_fen", "executed_fen"):
        check_fen(problems, name, getattr(line, name))
    raise_if(problems)
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        store.set_line(book.db, year_id, line.line, line.initial_fen, line.adjusted_fen, line.executed_fen)
