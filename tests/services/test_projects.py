import datetime as dt

import pytest

from jixiao.core.errors import ValidationError
from jixiao.core.model import Payment, Project
from jixiao.services import projects as svc


def test_project_tree_and_payments(book, year_id):
    parent = svc.add_project(book, year_id, Project("工商联工作经费"))
    child = svc.add_project(
        book, year_id, Project("非公经济人士培训", adjusted_fen=798_800), parent_id=parent
    )
    with pytest.raises(ValidationError):
        svc.add_project(book, year_id, Project("三级"), parent_id=child)
    pay = svc.add_payment(book, child, Payment(dt.date(2022, 6, 30), 500_000, "第一笔"))
    svc.add_payment(book, child, Payment(dt.date(2022, 9, 30), -1_000, "退回"))
    with pytest.raises(ValidationError) as error:
        svc.add_payment(book, parent, Payment(dt.date(2022, 6, 30), 1))
    assert error.value.problems[0][0] == "project_id"
    with pytest.raises(ValidationError) as error:
        svc.add_payment(book, child, Payment(dt.date(2023, 1, 1), 1))
    assert error.value.problems[0][0] == "date"
    with pytest.raises(ValidationError):
        svc.add_payment(book, child, Payment(dt.date(2022, 1, 1), 0))
    svc.update_payment(book, Payment(dt.date(2022, 7, 1), 600_000, "改", id=pay))
    total = book.db.execute("SELECT sum(amount_fen) FROM payment WHERE project_id = ?", [child]).fetchone()[0]
    assert total == 599_000
    svc.delete_project(book, parent)
    assert book.db.execute("SELECT count(*) FROM payment").fetchone() == (0,)


def test_project_validation_and_order(book, year_id):
    with pytest.raises(ValidationError) as error:
        svc.add_project(book, year_id, Project(" ", funding_source="lottery", adjusted_fen=-5))
    assert {p[0] for p in error.value.problems} == {"name", "funding_source", "adjusted_fen"}
    a = svc.add_project(book, year_id, Project("甲"))
    b = svc.add_project(book, year_id, Project("乙"))
    svc.reorder_projects(book, year_id, None, [b, a])
    names = [r[0] for r in book.db.execute("SELECT name FROM project ORDER BY position")]
    assert names == ["乙", "甲"]
    payment_target = svc.add_project(book, year_id, Project("丙"))
    svc.add_payment(book, payment_target, Payment(dt.date(2022, 2, 1), 100))
    with pytest.raises(ValidationError):
        svc.add_project(book, year_id, Project("丙-1"), parent_id=payment_target)
    project = Project("甲（改）", is_key=True, performance_text="完成", id=a)
    svc.update_project(book, project)
    assert book.db.execute("SELECT name, is_key FROM project WHERE id = ?", [a]).fetchone() == ("甲（改）", 1)
