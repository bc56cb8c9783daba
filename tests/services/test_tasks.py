import pytest

from jixiao.core.errors import NotFoundError, ValidationError
from jixiao.services import tasks as svc


def _titles(book, year_id):
    return [
        r[0] for r in book.db.execute("SELECT title FROM task WHERE year_id = ? ORDER BY position", [year_id])
    ]


def test_tasks_ordered_rename_reorder_delete(book, year_id):
    a = svc.add_task(book, year_id, "加强思想政治引导")
    b = svc.add_task(book, year_id, "助力企业高质量发展")
    c = svc.add_task(book, year_id, "深化企业法律服务")
    svc.reorder_tasks(book, year_id, [c, a, b])
    assert _titles(book, year_id) == ["深化企业法律服务", "加强思想政治引导", "助力企业高质量发展"]
    svc.update_task(book, a, "加强思想政治引领", "做好统战工作")
    assert book.db.execute("SELECT title, goal_text FROM task WHERE id = ?", [a]).fetchone() == (
        "加强思想政治引领",
        "做好统战工作",
    )
    with pytest.raises(ValidationError):
        svc.reorder_tasks(book, year_id, [c, a])
    with pytest.raises(ValidationError):
        svc.update_task(book, a, "")
    svc.delete_task(book, b)
    assert _titles(book, year_id) == ["深化企业法律服务", "加强思想政治引领"]
    with pytest.raises(NotFoundError):
        svc.delete_task(book, b)


def test_measures(book, year_id):
    task = svc.add_task(book, year_id, "加强思想政治引导")
    m1 = svc.add_measure(book, task, "组织理论学习")
    m2 = svc.add_measure(book, task, "开展宣讲")
    svc.update_measure(book, m1, "组织理论学习", "举办宣讲会 3 场")
    svc.reorder_measures(book, task, [m2, m1])
    rows = book.db.execute(
        "SELECT title, text FROM measure WHERE task_id = ? ORDER BY position", [task]
    ).fetchall()
    assert rows == [("开展宣讲", ""), ("组织理论学习", "举办宣讲会 3 场")]
    svc.delete_measure(book, m2)
    with pytest.raises(NotFoundError):
        svc.add_measure(book, 999, "x")
    with pytest.raises(ValidationError):
        svc.add_measure(book, task, " ")


INTRO = (
    '2022年深入调研{{{"source": "activities", "aggregate": "enterprises", "task": 1} | approx:10:余}}家企业。'
)


def test_task_intro_is_saved_with_the_task_and_loaded_in_the_outline_and_the_year(book, year_id):
    from jixiao.services import years

    a = svc.add_task(book, year_id, "创新非公党建", intro=INTRO)
    b = svc.add_task(book, year_id, "加强思想政治引导")
    assert [t.intro for t in years.load_outline(book, year_id).tasks] == [INTRO, ""]
    svc.update_task(book, b, "加强思想政治引领", "", "  概述。\n")  # kept as typed, like a measure's text
    svc.update_task(book, a, "创新非公党建工作", "做好非公党建")  # no intro given: it stays
    assert [(t.title, t.goal_text, t.intro) for t in years.load_year(book, year_id).tasks] == [
        ("创新非公党建工作", "做好非公党建", INTRO),
        ("加强思想政治引领", "", "  概述。\n"),
    ]
    svc.update_task(book, a, "创新非公党建工作", "做好非公党建", "")
    assert years.load_outline(book, year_id).tasks[0].intro == ""


def test_a_refused_task_update_changes_nothing(book, year_id):
    a = svc.add_task(book, year_id, "创新非公党建", intro=INTRO)
    with pytest.raises(ValidationError):
        svc.update_task(book, a, " ", "", "新的引言")
    with pytest.raises(NotFoundError):
        svc.update_task(book, 999, "标题", "", "新的引言")
    assert book.db.execute("SELECT title, intro FROM task WHERE id = ?", [a]).fetchone() == (
        "创新非公党建",
        INTRO,
    )
