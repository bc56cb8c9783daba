"""The write path for the year's money block (年度部门整体支出规模): its rows (``BudgetLine``).

The projects' budgets are ``services.projects``; see ``core.model.BudgetLine`` for the terms.
"""

from __future__ import annotations

from jixiao.core.errors import N_
from jixiao.core.model import BudgetLine
from jixiao.core.money_block import validate_budget_line
from jixiao.services._checks import found, raise_if
from jixiao.store import money_block as store
from jixiao.store import years as years_store
from jixiao.store.database import Book


def set_money_line(book: Book, year_id: int, line: BudgetLine) -> None:
    """Save one row of the money block (年初预算数, 全年预算数, 全年执行数, in fen); the rules are
    ``core.money_block``."""
    raise_if(validate_budget_line(line))
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        store.set_line(book.db, year_id, line.line, line.initial_fen, line.adjusted_fen, line.executed_fen)
