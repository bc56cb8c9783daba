from decimal import Decimal

import pytest

from jixiao.core.errors import ValidationError
from jixiao.core.model import Indicator, Project, Unit
from jixiao.services import indicators as svc
from jixiao.services import projects as projects_svc
from jixiao.services import unit as unit_svc


@pytest.fixture
def year_id(book):
    return unit_svc.create_unit(book, Unit(full_name="某局"), 2022, indicators=False)[1]


def _indicator(**changes):
    values = dict(
        level1="产出指标",
        level2="数量指标",
        level3="走访企业数",
        kind=">=",
        points=Decimal(10),
        target="200",
        unit="家",
    )
    values.update(changes)
    return Indicator(**values)


def test_add_update_reorder(book, year_id):
    first = svc.add_indicator(book, year_id, _indicator())
    second = svc.add_indicator(
        book, year_id, _indicator(level3="满意度", kind="qual", target="满意", qual_band="achieved")
    )
    project = projects_svc.add_project(book, year_id, Project("培训"))
    svc.add_indicator(
        book, year_id, _indicator(level3="培训人次", target="≥1000人次", unit="人次"), project_id=project
    )
    svc.update_indicator(
        book, _indicator(actual=" 213家 ", score_override=Decimal("9.5"), override_note="抽查", id=first)
    )
    svc.reorder_indicators(book, year_id, None, [second, first])
    rows = book.db.execute(
        "SELECT level3, actual, score_override, project_id FROM indicator ORDER BY project_id IS NOT NULL, position"
    ).fetchall()
    assert rows == [
        ("满意度", None, None, None),
        ("走访企业数", "213家", "9.5", None),
        ("培训人次", None, None, project),
    ]


def test_refusals(book, year_id):
    with pytest.raises(ValidationError) as error:
        svc.add_indicator(book, year_id, _indicator(level3="", kind="~", points=Decimal(-1)))
    assert {p[0] for p in error.value.problems} == {"level3", "kind", "points"}
    with pytest.raises(ValidationError) as error:
        svc.add_indicator(book, year_id, _indicator(target="很多"))
    assert error.value.problems[0][0] == "target"
    with pytest.raises(ValidationError) as error:
        svc.add_indicator(book, year_id, _indicator(score_override=Decimal(11)))
    assert error.value.problems[0][0] == "score_override"
    other_year = unit_svc.create_unit(book, Unit(full_name="另一局"), 2022)[1]
    project = projects_svc.add_project(book, other_year, Project("别处"))
    with pytest.raises(ValidationError):
        svc.add_indicator(book, year_id, _indicator(), project_id=project)


def test_several_indicators_from_the_library_are_one_step(book, year_id):
    from jixiao.services import history

    depth = book.history.depth("undo")
    chosen = [_indicator(level3=f"指标{n}") for n in range(3)]
    ids = svc.add_indicators(book, year_id, chosen)
    assert ids == [i.id for i in chosen] and len(set(ids)) == 3
    assert book.history.depth("undo") == depth + 1
    history.undo(book)
    assert book.db.execute("SELECT count(*) FROM indicator").fetchone()[0] == 0
    with pytest.raises(ValidationError):  # one refused: none is added
        svc.add_indicators(book, year_id, [_indicator(level3="好的"), _indicator(target="很多")])
    assert book.db.execute("SELECT count(*) FROM indicator").fetchone()[0] == 0
