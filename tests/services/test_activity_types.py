import datetime as dt

import pytest

from jixiao.core.errors import ValidationError
from jixiao.core.model import Activity, Unit
from jixiao.services import activities as activities_svc
from jixiao.services import activity_types as svc
from jixiao.services import unit as unit_svc


@pytest.fixture
def year_id(book):
    return unit_svc.create_unit(book, Unit(full_name="某局"), 2022, activity_types=())[1]


def test_types_crud_and_order(book, year_id):
    talk = svc.add_type(book, year_id, "宣讲会", "场")
    train = svc.add_type(book, year_id, "培训", "期")
    with pytest.raises(ValidationError) as error:
        svc.add_type(book, year_id, "宣讲会", "次")
    assert error.value.problems[0][0] == "name"
    svc.update_type(book, train, "培训班", "期")
    svc.reorder_types(book, year_id, [train, talk])
    assert [(t.name, t.measure_word) for t in svc.list_types(book, year_id)] == [
        ("培训班", "期"),
        ("宣讲会", "场"),
    ]
    with pytest.raises(ValidationError):
        svc.update_type(book, talk, "宣讲会", "")


def test_type_in_use_cannot_go(book, year_id):
    talk = svc.add_type(book, year_id, "宣讲会", "场")
    activity_id = activities_svc.add_activity(
        book, year_id, Activity(date=dt.date(2022, 3, 1), type_id=talk, title="宣讲")
    )
    activities_svc.delete_activity(book, activity_id)  # in the 回收站 still counts
    with pytest.raises(ValidationError) as error:
        svc.delete_type(book, talk)
    assert error.value.problems[0][2] == {"count": 1}
    activities_svc.purge_activity(book, activity_id)
    svc.delete_type(book, talk)
    assert svc.list_types(book, year_id) == []
