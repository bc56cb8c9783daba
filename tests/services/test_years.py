import pytest

from jixiao.core.errors import NotFoundError, ValidationError
from jixiao.core.model import Unit
from jixiao.services import unit as unit_svc
from jixiao.services import years as svc


@pytest.fixture
def ids(book):
    return unit_svc.create_unit(book, Unit(full_name="某局"), 2022)


def _row(book, year_id):
    return book.db.execute(
        "SELECT score_rule, rule_options, layout_profile, budget_income_fen, final_income_fen FROM fiscal_year WHERE id = ?",
        [year_id],
    ).fetchone()


def test_add_year_once(book, ids):
    unit_id, _ = ids
    new_id = svc.add_year(book, unit_id, 2023)
    assert book.db.execute("SELECT year FROM fiscal_year WHERE id = ?", [new_id]).fetchone() == (2023,)
    with pytest.raises(ValidationError) as error:
        svc.add_year(book, unit_id, 2023)
    assert error.value.problems[0][1] == "The year {year} already exists."
    with pytest.raises(NotFoundError):
        svc.add_year(book, 42, 2024)


def test_rules_layout_incomes(book, ids):
    _, year_id = ids
    svc.set_score_rule(book, year_id, "rate_as_score", {"cap_by_execution": True})
    svc.set_layout_profile(book, year_id, "word")
    svc.set_incomes(book, year_id, 628_470_000, 616_040_000)
    assert _row(book, year_id) == (
        "rate_as_score",
        '{"cap_by_execution": true}',
        "word",
        628_470_000,
        616_040_000,
    )
    with pytest.raises(ValidationError):
        svc.set_score_rule(book, year_id, "best_of")
    with pytest.raises(ValidationError):
        svc.set_score_rule(book, year_id, "standard", {"bonus": True})
    with pytest.raises(ValidationError):
        svc.set_incomes(book, year_id, -1, 0)
    with pytest.raises(ValidationError):
        svc.set_layout_profile(book, year_id, "a3")
    assert _row(book, year_id)[0] == "rate_as_score"


def test_delete_year_backs_up_first(book, ids, tmp_path):
    _, year_id = ids
    svc.delete_year(book, year_id)
    assert book.db.execute("SELECT count(*) FROM fiscal_year").fetchone() == (0,)
    assert any("before-delete-year" in p.name for p in (tmp_path / "book-backups").iterdir())
