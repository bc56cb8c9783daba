"""Rows ↔ dataclasses: a whole year in and out of a real book file, fast."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from yeardata import TASK_INTRO, UNIT_NAME, fiscal_years, sample_year

from jixiao.core.errors import JixiaoError, NotFoundError
from jixiao.core.model import Activity, ActivityType, Attachment, FiscalYear, Task, Unit
from jixiao.core.yearpackage import from_package, package_json
from jixiao.store import repos
from jixiao.store.database import open_book

YEAR_TABLES = (
    "fiscal_year",
    "budget_line",
    "year_text",
    "year_list_item",
    "task",
    "measure",
    "activity_type",
    "activity",
    "attachment",
    "project",
    "payment",
    "indicator",
    "metric",
)


def insert(db, fy: FiscalYear) -> int:
    with db.atomic():
        return repos.insert_year(db, fy)


def counts(db) -> dict[str, int]:
    return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in YEAR_TABLES}


def test_sample_year_round_trips_with_ids(book):
    fy = sample_year()
    year_id = insert(book.db, fy)
    loaded = repos.load_year(book.db, year_id)
    assert package_json(loaded) == package_json(fy)
    assert loaded.id == year_id and loaded.unit.id is not None
    # Every id is filled in and references point at the loaded rows.
    task_ids = {t.id for t in loaded.tasks}
    measure_ids = {m.id for t in loaded.tasks for m in t.measures}
    type_ids = {t.id for t in loaded.activity_types}
    assert None not in task_ids | measure_ids | type_ids
    for a in loaded.activities:
        assert a.id is not None and a.type_id in type_ids
        assert a.task_id is None or a.task_id in task_ids
        assert a.measure_id is None or a.measure_id in measure_ids
        assert all(att.id is not None for att in a.attachments)
    assert all(p.id is not None for p in loaded.all_projects())
    assert all(i.id is not None for i in loaded.indicators + loaded.projects[0].indicators)
    assert all(m.id is not None for m in loaded.metrics)
    # The input was not changed.
    assert [t.id for t in fy.tasks] == [7, 9]


def test_loaded_values_are_those_inserted(book):
    loaded = repos.load_year(book.db, insert(book.db, sample_year()))
    assert [(a.date, a.title) for a in loaded.activities] == [
        (dt.date(2022, 1, 10), "走访会员企业"),
        (dt.date(2022, 3, 15), "党史学习教育宣讲"),
        (dt.date(2022, 3, 15), "非公党建培训"),
        (dt.date(2022, 6, 1), "无任务的宣讲"),
    ]
    visit = loaded.activities[0]
    assert visit.enterprises == 12 and visit.place == "新华街"
    assert [(a.filename, a.media_type, a.data) for a in visit.attachments] == [
        ("签到表.pdf", "application/pdf", b"%PDF-1.4 \x00\xff"),
        ("现场照片.jpg", "image/jpeg", bytes(range(256))),
    ]
    task_of = {t.id: t for t in loaded.tasks}
    measure_of = {m.id: m for t in loaded.tasks for m in t.measures}
    assert task_of[visit.task_id].title == "助力民营企业纾困解难"
    assert [(t.goal_text, t.intro) for t in loaded.tasks] == [("全面加强思想政治引领", ""), ("", TASK_INTRO)]
    assert book.db.execute("SELECT intro FROM task ORDER BY position").fetchall() == [("",), (TASK_INTRO,)]
    assert measure_of[visit.measure_id].title == "走访企业"
    training = loaded.activities[2]
    assert (training.sessions, training.items, training.amount_fen, training.measure_id) == (
        2,
        2,
        80_000_000,
        None,
    )
    assert {t.id: t.name for t in loaded.activity_types}[training.type_id] == "培训 <A&B>"
    assert loaded.unit.duties == sample_year().unit.duties and loaded.unit.departments == ["会员服务科"]
    assert loaded.budget["basic"].adjusted_fen == 509_740_000 and "other" not in loaded.budget
    assert loaded.rule_options == {"cap_by_execution": True}
    assert loaded.goals == ["加强思想政治引领。", "优化营商环境。"] and loaded.problems == [
        "预算编制的精准度有待提高。"
    ]
    parent, other = loaded.projects
    assert parent.children[0].executed_fen == 800_000 and parent.is_key is True
    assert other.payments[0].amount_fen == -1_000 and other.funding_source == "other"
    assert parent.children[0].indicators[0].qual_band == "achieved"
    assert loaded.indicators[0].points == Decimal("10.0") and str(loaded.indicators[0].points) == "10.0"
    assert loaded.indicators[1].score_override == Decimal("9.50") and loaded.indicators[1].applicable is False
    assert loaded.indicators[0].actual_source == {"count": "sessions", "type": "宣讲会"}
    assert [(m.name, m.value) for m in loaded.metrics] == [
        ("会员人数", Decimal("3782")),
        ("捐款", Decimal("1180.5")),
    ]


def test_deleted_activities_are_stored_but_not_loaded(book):
    fy = sample_year()
    fy.activities[0].deleted = True
    year_id = insert(book.db, fy)
    assert book.db.execute("SELECT count(*) FROM activity WHERE deleted_at IS NOT NULL").fetchone() == (1,)
    titles = [a.title for a in repos.load_year(book.db, year_id).activities]
    assert titles == ["走访会员企业", "非公党建培训", "无任务的宣讲"]


def test_units_are_shared_by_name_and_years_are_found(book):
    db = book.db
    first = insert(db, sample_year(2022))
    later = sample_year(2023)
    later.unit.contact_person = "李四"
    later.unit.duties = ["新职责"]
    second = insert(db, later)
    assert db.execute("SELECT count(*) FROM unit").fetchone() == (1,)
    # The unit's profile is the newest one, for both years.
    assert repos.load_year(db, first).unit.contact_person == "李四"
    assert repos.load_year(db, first).unit.duties == ["新职责"]
    other = FiscalYear(year=2022, unit=Unit(full_name="区工商联商会"))
    third = insert(db, other)
    unit_id = repos.find_unit_id(db, UNIT_NAME)
    assert repos.find_year_id(db, 2022, unit_id) == first
    assert repos.find_year_id(db, 2023) == second
    assert repos.find_year_id(db, 2024) is None
    assert repos.find_year_id(db, 2023, repos.find_unit_id(db, "区工商联商会")) is None
    with pytest.raises(JixiaoError) as caught:
        repos.find_year_id(db, 2022)
    assert caught.value.message == repos.MSG_SEVERAL_UNITS
    assert repos.list_years(db) == [
        (third, "区工商联商会", 2022),
        (first, UNIT_NAME, 2022),
        (second, UNIT_NAME, 2023),
    ]


def test_delete_year_removes_everything_of_it(book):
    db = book.db
    empty = counts(db)
    keep = insert(db, sample_year(2021))
    after_one = counts(db)
    gone = insert(db, sample_year(2022))
    with db.atomic():
        repos.delete_year(db, gone)
    assert counts(db) == after_one
    assert package_json(repos.load_year(db, keep)) == package_json(sample_year(2021))
    with db.atomic():
        repos.delete_year(db, keep)
    assert counts(db) == empty
    assert db.execute("SELECT count(*) FROM unit").fetchone() == (1,)  # the unit stays
    with pytest.raises(NotFoundError), db.atomic():
        repos.delete_year(db, keep)
    with pytest.raises(NotFoundError):
        repos.load_year(db, keep)


def test_writers_refuse_to_run_outside_a_transaction(book):
    with pytest.raises(RuntimeError):
        repos.insert_year(book.db, sample_year())
    year_id = insert(book.db, sample_year())
    with pytest.raises(RuntimeError):
        repos.delete_year(book.db, year_id)
    assert repos.list_years(book.db) == [(year_id, UNIT_NAME, 2022)]


@pytest.mark.parametrize(
    "change",
    [
        lambda fy: setattr(fy.activities[3], "task_id", 12345),  # late in the insert: everything rolls back
        lambda fy: setattr(fy.activities[0], "type_id", 12345),
        lambda fy: fy.projects[0].children[0].children.append(fy.projects[1]),
        lambda fy: setattr(fy.tasks[1], "title", " "),  # breaks a CHECK constraint
    ],
)
def test_a_failed_insert_writes_nothing(book, change):
    empty = counts(book.db)
    fy = sample_year()
    change(fy)
    with pytest.raises(Exception) as caught:
        insert(book.db, fy)
    assert caught.type.__name__ in ("ValueError", "IntegrityError")
    assert counts(book.db) == empty
    assert book.db.execute("SELECT count(*) FROM unit").fetchone() == (0,)


def test_the_same_unit_year_twice_is_refused_by_the_schema(book):
    insert(book.db, sample_year())
    with pytest.raises(Exception, match="UNIQUE"):
        insert(book.db, sample_year())


def test_written_year_survives_closing_the_file(tmp_path):
    path = tmp_path / "x.sqlite3"
    with open_book(path, create=True) as book:
        year_id = insert(book.db, sample_year())
    with open_book(path) as book:
        assert package_json(repos.load_year(book.db, year_id)) == package_json(sample_year())


@pytest.fixture(scope="module")
def shared_book(tmp_path_factory):
    with open_book(tmp_path_factory.mktemp("repos") / "x.sqlite3", create=True) as opened:
        yield opened


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fiscal_years())
def test_any_year_round_trips_through_the_database(shared_book, fy):
    """FiscalYear → package JSON → FiscalYear → DB → load → JSON: identical text."""
    db = shared_book.db
    text = package_json(fy)
    year_id = insert(db, from_package(json.loads(text)))
    try:
        assert package_json(repos.load_year(db, year_id)) == text
        # The original (unsorted activities, arbitrary ids) inserts to the same rows as well.
        with db.atomic():
            repos.delete_year(db, year_id)
        year_id = insert(db, fy)
        assert package_json(repos.load_year(db, year_id)) == text
    finally:
        with db.atomic():
            repos.delete_year(db, year_id)


def big_year(n: int, with_attachments: int) -> FiscalYear:
    types = [ActivityType(f"类型{i}", "场", id=i + 1) for i in range(20)]
    tasks = [Task(f"任务{i}", id=i + 1) for i in range(6)]
    start = dt.date(2022, 1, 1)
    activities = [
        Activity(
            start + dt.timedelta(days=i % 365),
            type_id=(i % 20) + 1,
            title=f"活动 {i} 走访企业并开展宣讲",
            task_id=(i % 6) + 1,
            notes="备注" * 10,
            participants=i % 300,
            attachments=[Attachment("照片.jpg", b"x" * 2000, "image/jpeg")] if i < with_attachments else [],
        )
        for i in range(n)
    ]
    return FiscalYear(
        year=2022, unit=Unit(full_name=UNIT_NAME), tasks=tasks, activity_types=types, activities=activities
    )


def test_a_year_of_100000_activities_loads_completely_and_in_order(book):
    fy = big_year(100_000, with_attachments=2_000)
    year_id = insert(book.db, fy)
    loaded = repos.load_year(book.db, year_id)  # speed: bench/bench_core.py
    assert len(loaded.activities) == 100_000
    assert sum(len(a.attachments) for a in loaded.activities) == 2_000
    dates = [(a.date, a.id) for a in loaded.activities]
    assert dates == sorted(dates)


def test_every_codec_builds_the_same_object_positionally_and_by_keyword():
    from jixiao.store.rows import ACTIVITY, CODECS

    sample = sample_year()
    objects = {
        "budget_line": list(sample.budget.values()),
        "task": sample.tasks,
        "measure": [m for t in sample.tasks for m in t.measures],
        "activity_type": sample.activity_types,
        "activity": sample.activities,
        "project": sample.all_projects(),
        "payment": [p for project in sample.all_projects() for p in project.payments],
        "indicator": sample.indicators,
        "metric": sample.metrics,
    }
    assert {codec.table for codec in CODECS if codec._positional} <= set(objects)
    for codec in CODECS:
        for obj in objects.get(codec.table, [])[:30]:
            extra = {"id": obj.id} if hasattr(obj, "id") else {}
            built = codec.build(codec.values(obj), **extra)
            by_keyword = codec.cls(**{name: getattr(obj, name) for name in codec.fields}, **extra)
            assert built == by_keyword, codec.table
    with pytest.raises(ValueError):
        ACTIVITY.build([1, 2, 3])  # a row of the wrong length is refused, not half-built
