import pytest

from jixiao.core.errors import NotFoundError, ValidationError
from jixiao.services import texts as svc
from jixiao.store import texts as store


def test_set_text_replaces(book, year_id):
    svc.set_text(book, year_id, "work_overview", "第一稿")
    svc.set_text(book, year_id, "work_overview", " 第二稿 ")
    assert store.get_text(book.db, year_id, "work_overview") == "第二稿"
    with pytest.raises(ValidationError):
        svc.set_text(book, year_id, "preface", "x")
    with pytest.raises(NotFoundError):
        svc.set_text(book, 999, "work_overview", "x")


def test_lists_keep_order(book, year_id):
    svc.set_list(book, year_id, "problems", ["预算编制不够细化", "绩效目标设置不够量化"])
    svc.set_list(book, year_id, "improvements", ["加强预算管理"])
    svc.set_list(book, year_id, "problems", ["绩效目标设置不够量化", "预算编制不够细化"])
    assert store.get_list(book.db, year_id, "problem") == ["绩效目标设置不够量化", "预算编制不够细化"]
    assert store.get_list(book.db, year_id, "improvement") == ["加强预算管理"]
    with pytest.raises(ValidationError):
        svc.set_list(book, year_id, "problems", ["ok", ""])
    assert len(store.get_list(book.db, year_id, "problem")) == 2
