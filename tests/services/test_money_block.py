import pytest

from jixiao.core.errors import NotFoundError, ValidationError
from jixiao.core.model import BudgetLine
from jixiao.services import money_block as svc


def test_set_line_upserts(book, year_id):
    svc.set_money_line(book, year_id, BudgetLine("total", 600_000_000, 628_470_000, 616_040_000))
    svc.set_money_line(book, year_id, BudgetLine("total", 600_000_000, 628_470_000, 616_040_001))
    rows = book.db.execute("SELECT line, initial_fen, adjusted_fen, executed_fen FROM budget_line").fetchall()
    assert rows == [("total", 600_000_000, 628_470_000, 616_040_001)]


def test_set_line_refuses(book, year_id):
    with pytest.raises(ValidationError):
        svc.set_money_line(book, year_id, BudgetLine("bonus", 1, 1, 1))
    with pytest.raises(ValidationError) as error:
        svc.set_money_line(book, year_id, BudgetLine("total", -1, 0, 0))
    assert error.value.problems[0][0] == "initial_fen"
    with pytest.raises(ValidationError):
        svc.set_money_line(book, year_id, BudgetLine("total", 0, 1.5, 0))
    with pytest.raises(NotFoundError):
        svc.set_money_line(book, 999, BudgetLine("total", 0, 0, 0))
