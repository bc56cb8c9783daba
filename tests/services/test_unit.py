import pytest

from jixiao.core.errors import NotFoundError, ValidationError
from jixiao.core.model import Unit
from jixiao.services import unit as svc


def test_create_unit_with_first_year_and_lists(book):
    unit = Unit(full_name="广州市花都区工商业联合会", short_name="区工商联", self_name="我会")
    unit_id, year_id = svc.create_unit(book, unit, 2022)
    svc.set_duties(book, unit_id, ["贯彻执行党的路线", " 协助调研 "])
    svc.set_departments(book, unit_id, ["会员服务科"])
    loaded = svc.get_unit(book)
    assert loaded.full_name == "广州市花都区工商业联合会"
    assert loaded.self_name == "我会"
    assert loaded.duties == ["贯彻执行党的路线", "协助调研"]
    assert loaded.departments == ["会员服务科"]
    assert book.db.execute("SELECT year, unit_id FROM fiscal_year WHERE id = ?", [year_id]).fetchone() == (
        2022,
        unit_id,
    )


def test_create_unit_refuses_empty_name_and_bad_year(book):
    with pytest.raises(ValidationError) as error:
        svc.create_unit(book, Unit(full_name="  "), 2022)
    assert error.value.problems[0][0] == "full_name"
    with pytest.raises(ValidationError) as error:
        svc.create_unit(book, Unit(full_name="某局"), 1800)
    assert error.value.problems[0][0] == "year"
    assert svc.get_unit(book) is None


def test_update_unit_and_empty_list_item(book):
    unit_id, _ = svc.create_unit(book, Unit(full_name="某局"), 2023)
    unit = svc.get_unit(book)
    unit.contact_person = "张三"
    svc.update_unit(book, unit)
    assert svc.get_unit(book).contact_person == "张三"
    with pytest.raises(ValidationError):
        svc.set_duties(book, unit_id, ["a", " "])
    with pytest.raises(NotFoundError):
        svc.set_duties(book, 999, ["a"])


def test_new_unit_starts_with_default_activity_types(book):
    from jixiao.services import years

    _, year_id = svc.create_unit(book, Unit(full_name="某局"), 2024)
    outline = years.load_outline(book, year_id)
    assert outline.year == 2024
    assert [(t.name, t.measure_word, t.counts) for t in outline.activity_types] == [
        (t.name, t.measure_word, t.counts) for t in svc.default_activity_types()
    ]
    assert years.list_years(book) == [(year_id, "某局", 2024)]
    indicators = book.db.execute(
        "SELECT level1, points FROM indicator WHERE year_id = ?", [year_id]
    ).fetchall()
    assert indicators and sum(float(points) for _, points in indicators) == 90


def test_the_unit_kind_decides_what_a_new_year_starts_with(book):
    from jixiao.services import years

    women = Unit(full_name="某区妇女联合会", self_name="我会", kind="mass_org")
    unit_id, year_id = svc.create_unit(book, women, 2024)
    names = [t.name for t in years.load_outline(book, year_id).activity_types]
    assert "调解纠纷" in names and "走访企业" not in names and "商会指导" not in names
    training = next(t for t in years.load_outline(book, year_id).activity_types if t.name == "培训")
    assert (training.measure_word, training.counts) == ("期", ("participants", "amount_fen"))
    level3 = {r[0] for r in book.db.execute("SELECT level3 FROM indicator WHERE year_id = ?", [year_id])}
    assert "营商环境持续优化" not in level3 and "服务群众满意度" in level3
    # Changeable later: the next new year starts from the new kind; the old year keeps its types.
    unit = svc.get_unit(book)
    unit.kind = "institution"
    svc.update_unit(book, unit)
    assert svc.get_unit(book).kind == "institution"
    next_year = years.add_year(book, unit_id, 2025)
    next_names = [t.name for t in years.load_outline(book, next_year).activity_types]
    assert "业务办理" in next_names and "调解纠纷" not in next_names
    assert [t.name for t in years.load_outline(book, year_id).activity_types] == names
    unit.kind = "club"
    with pytest.raises(ValidationError):
        svc.update_unit(book, unit)
