"""store.activities: rows ↔ Activity, attachments, and the filtered listing."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from jixiao.core.model import Activity, Attachment
from jixiao.store import activities as store
from jixiao.store.activities import LIST_COLUMNS, ActivityQuery


def _activity(year, **fields) -> Activity:
    values = {"date": dt.date(2022, 3, 15), "type_id": year.types["宣讲会"], "title": "党史学习教育宣讲会"}
    values.update(fields)
    return Activity(**values)


def _insert(book, year, **fields) -> int:
    with book.db.atomic():
        return store.insert_activity(book.db, year.year_id, _activity(year, **fields))


def _ids(rows) -> list[int]:
    return [row[0] for row in rows]


def test_insert_get_update_round_trip(book, year):
    task = year.tasks[1]
    activity = _activity(
        year,
        task_id=task,
        measure_id=year.measures[task][1],
        notes="为企业化解合同纠纷",
        place="市工商联调解室",
        sessions=2,
        participants=35,
        enterprises=4,
        items=6,
        amount_fen=123_456,
        attachments=[
            Attachment("调解书.pdf", b"%PDF-1.7 \x00\xff", "application/pdf"),
            Attachment("照片.jpg", b"\xff\xd8"),
        ],
    )
    with book.db.atomic():
        activity_id = store.insert_activity(book.db, year.year_id, activity)
    got = store.get_activity(book.db, activity_id)
    assert got.id == activity_id and not got.deleted
    for name in ("date", "type_id", "title", "task_id", "measure_id", "notes", "place", "sessions"):
        assert getattr(got, name) == getattr(activity, name)
    assert (got.participants, got.enterprises, got.items, got.amount_fen) == (35, 4, 6, 123_456)
    assert [(a.filename, a.data, a.media_type) for a in got.attachments] == [
        ("调解书.pdf", b"%PDF-1.7 \x00\xff", "application/pdf"),
        ("照片.jpg", b"\xff\xd8", "application/octet-stream"),
    ]
    row = book.db.execute("SELECT size, sha256 FROM attachment WHERE filename = '调解书.pdf'").fetchone()
    assert row == (11, hashlib.sha256(b"%PDF-1.7 \x00\xff").hexdigest())
    assert [a.data for a in store.get_activity(book.db, activity_id, with_data=False).attachments] == [
        b"",
        b"",
    ]

    got.title, got.date, got.measure_id = "调解涉企纠纷", dt.date(2022, 12, 31), None
    with book.db.atomic():
        assert store.update_activity(book.db, got)
    again = store.get_activity(book.db, activity_id)
    assert (again.title, again.date, again.measure_id) == ("调解涉企纠纷", dt.date(2022, 12, 31), None)
    assert len(again.attachments) == 2  # update leaves attachments alone
    created, updated = book.db.execute("SELECT created_at, updated_at FROM activity").fetchone()
    assert updated >= created
    got.id = 9999
    assert not store.update_activity(book.db, got)
    assert store.get_activity(book.db, 9999) is None


def test_a_datetime_is_stored_as_its_day(book, year):
    activity_id = _insert(book, year, date=dt.datetime(2022, 5, 4, 15, 30))
    assert store.get_activity(book.db, activity_id).date == dt.date(2022, 5, 4)


def test_delete_restore_purge_and_attachment_cascade(book, year):
    activity_id = _insert(book, year, attachments=[Attachment("签到表.png", b"png")])
    assert store.set_deleted(book.db, activity_id, True)
    assert store.get_activity(book.db, activity_id).deleted
    assert _ids(store.list_activities(book.db, year.year_id)) == []
    assert _ids(store.list_activities(book.db, year.year_id, ActivityQuery(deleted=True))) == [activity_id]
    assert store.set_deleted(book.db, activity_id, False)
    assert _ids(store.list_activities(book.db, year.year_id)) == [activity_id]
    assert not store.set_deleted(book.db, 4242, True)
    assert store.purge_activity(book.db, activity_id)
    assert book.db.execute("SELECT count(*) FROM attachment").fetchone()[0] == 0
    assert not store.purge_activity(book.db, activity_id)


def test_many_at_once_and_the_missing_ids_named(book, year):
    a, b, c = (_insert(book, year, attachments=[Attachment("签到表.png", b"png")]) for _ in range(3))
    with book.db.atomic():
        assert store.set_deleted_many(book.db, [a, c, 4242], True) == [4242]
    assert _ids(store.list_activities(book.db, year.year_id)) == [b]
    assert _ids(store.list_activities(book.db, year.year_id, ActivityQuery(deleted=True))) == [a, c]
    with book.db.atomic():
        assert store.set_deleted_many(book.db, [c], False) == []
        assert store.purge_activities(book.db, [a, b, 4243]) == [4243]
    assert _ids(store.list_activities(book.db, year.year_id)) == [c]
    assert book.db.execute("SELECT count(*) FROM attachment").fetchone()[0] == 1
    assert store.set_deleted_many(book.db, [], True) == [] and store.purge_activities(book.db, []) == []


def test_attachments_are_appended_in_order_and_removable(book, year):
    activity_id = _insert(book, year)
    first = store.insert_attachment(book.db, activity_id, Attachment("a.png", b"1"))
    store.insert_attachment(book.db, activity_id, Attachment("b.png", b"2"))
    assert [a.filename for a in store.get_activity(book.db, activity_id).attachments] == ["a.png", "b.png"]
    assert store.delete_attachment(book.db, first)
    assert not store.delete_attachment(book.db, first)
    third = store.insert_attachment(book.db, activity_id, Attachment("c.png", b"3"))
    assert [a.id for a in store.get_activity(book.db, activity_id).attachments][-1] == third


@pytest.fixture
def listed(book, year):
    """A spread of activities to filter."""
    t0, t1 = year.tasks
    ids = {
        "travel": _insert(
            book, year, title="差旅费报销培训", type_id=year.types["培训"], date=dt.date(2022, 1, 10)
        ),
        "lecture": _insert(book, year, title="党史学习教育宣讲会", task_id=t0, date=dt.date(2022, 3, 15)),
        "percent": _insert(
            book, year, title="满意度 100% 调查", type_id=year.types["走访调研"], date=dt.date(2022, 3, 31)
        ),
        "underscore": _insert(
            book, year, title="file_name 规范培训", type_id=year.types["培训"], date=dt.date(2022, 4, 1)
        ),
        "notes": _insert(
            book,
            year,
            title="座谈",
            notes="讨论差旅标准",
            type_id=year.types["座谈会"],
            task_id=t1,
            date=dt.date(2022, 6, 1),
        ),
        "place": _insert(
            book,
            year,
            title="普法讲座",
            place="差旅服务中心",
            task_id=t1,
            measure_id=year.measures[t1][0],
            date=dt.date(2022, 6, 1),
        ),
        "english": _insert(book, year, title="Legal Aid Day", date=dt.date(2022, 12, 31)),
    }
    return ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ActivityQuery(), ["travel", "lecture", "percent", "underscore", "notes", "place", "english"]),
        (ActivityQuery(text="差旅"), ["travel", "notes", "place"]),  # a short Chinese substring, in any field
        (ActivityQuery(text="  差旅费  "), ["travel"]),
        (ActivityQuery(text="%"), ["percent"]),  # literal, not a wildcard
        (ActivityQuery(text="_"), ["underscore"]),
        (ActivityQuery(text="100%"), ["percent"]),
        (ActivityQuery(text="legal aid"), ["english"]),  # ASCII case-insensitive
        (ActivityQuery(text="\\"), []),
        (ActivityQuery(text="不存在"), []),
    ],
)
def test_filter_by_text(book, year, listed, query, expected):
    assert _ids(store.list_activities(book.db, year.year_id, query)) == [listed[name] for name in expected]


def test_filter_by_type_task_measure_and_dates(book, year, listed):
    def names(query):
        by_id = {v: k for k, v in listed.items()}
        return [by_id[i] for i in _ids(store.list_activities(book.db, year.year_id, query))]

    t0, t1 = year.tasks
    assert names(ActivityQuery(type_ids=(year.types["培训"],))) == ["travel", "underscore"]
    assert names(ActivityQuery(type_ids=(year.types["培训"], year.types["座谈会"]))) == [
        "travel",
        "underscore",
        "notes",
    ]
    assert names(ActivityQuery(task_id=t1)) == ["notes", "place"]
    assert names(ActivityQuery(task_id=t0)) == ["lecture"]
    assert names(ActivityQuery(without_task=True)) == ["travel", "percent", "underscore", "english"]
    assert names(ActivityQuery(without_task=True, text="培训")) == ["travel", "underscore"]
    assert names(ActivityQuery(without_task=True, task_id=t1)) == []  # both: nothing matches
    assert names(ActivityQuery(measure_id=year.measures[t1][0])) == ["place"]
    assert names(ActivityQuery(date_from=dt.date(2022, 3, 31), date_to=dt.date(2022, 6, 1))) == [
        "percent",
        "underscore",
        "notes",
        "place",
    ]  # both ends inclusive
    assert names(ActivityQuery(date_from=dt.date(2022, 12, 31))) == ["english"]
    assert names(ActivityQuery(date_to=dt.date(2022, 1, 10))) == ["travel"]
    assert names(
        ActivityQuery(text="培训", type_ids=(year.types["培训"],), date_from=dt.date(2022, 2, 1))
    ) == ["underscore"]


def test_listing_columns_and_other_years(book, year, listed):
    from tablerows import make_year

    other = make_year(book.db, 2023, unit_id=year.unit_id)
    with book.db.atomic():
        store.insert_activity(
            book.db,
            other.year_id,
            Activity(date=dt.date(2023, 1, 5), type_id=other.types["培训"], title="差旅费报销培训"),
        )
        store.insert_attachment(book.db, listed["place"], Attachment("照片.jpg", b"jpg"))
    rows = store.list_activities(book.db, year.year_id, ActivityQuery(text="差旅费"))
    assert _ids(rows) == [listed["travel"]]
    row = dict(
        zip(
            LIST_COLUMNS,
            store.list_activities(book.db, year.year_id, ActivityQuery(text="普法"))[0],
            strict=True,
        )
    )
    assert row["title"] == "普法讲座" and row["date"] == "2022-06-01" and row["attachment_count"] == 1
    assert row["sessions"] == 1 and row["amount_fen"] is None  # blank, not 0


def test_year_context(book, year):
    context = store.year_context(book.db, year.year_id)
    assert context.year == 2022
    assert context.type_ids == frozenset(year.types.values())
    assert context.measures_by_task == {t: set(m) for t, m in year.measures.items()}
    assert store.year_context(book.db, 999) is None
    assert store.year_id_of_activity(book.db, _insert(book, year)) == year.year_id
    assert store.year_id_of_activity(book.db, 999) is None


def test_access_path_follows_the_selectivity_of_the_filter(book, year):
    types = list(year.types.values())  # 6 types
    path = store._access_path
    assert path(book.db, year.year_id, ActivityQuery(), ()) == "scan"
    assert path(book.db, year.year_id, ActivityQuery(text="差旅"), ()) == "scan"
    assert path(book.db, year.year_id, ActivityQuery(), types[:1]) == "type"
    assert path(book.db, year.year_id, ActivityQuery(), types[:2]) == "scan"  # a third of the rows
    month = ActivityQuery(date_from=dt.date(2022, 3, 1), date_to=dt.date(2022, 3, 31))
    assert path(book.db, year.year_id, month, ()) == "date"
    assert path(book.db, year.year_id, month, types[:1]) == "date"  # 31/365 < 1/6
    half = ActivityQuery(date_from=dt.date(2022, 7, 1))
    assert path(book.db, year.year_id, half, ()) == "scan"
    assert path(book.db, year.year_id, half, types[:1]) == "type"
    plan = book.db.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM activity a WHERE +a.year_id = 1 AND a.type_id IN (1)"
    )
    assert "activity_type_idx" in str(plan.fetchall())


def test_every_access_path_gives_the_same_rows_as_a_plain_filter(book, year):
    """Random activities and random queries: the listing equals filtering in Python."""
    import random

    rng = random.Random(5)
    words = ["差旅费报销", "宣讲", "座谈", "100%满意", "a_b", "调解", "走访"]
    types = list(year.types.values())
    tasks = year.tasks
    rows = []
    with book.db.atomic():
        for _ in range(300):
            task = rng.choice([None, *tasks])
            activity = _activity(
                year,
                date=dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(365)),
                type_id=rng.choice(types),
                task_id=task,
                measure_id=rng.choice([None, *year.measures[task]]) if task else None,
                title=rng.choice(words) + rng.choice(words),
                notes=rng.choice(["", *words]),
                place=rng.choice(["", "会议室", "差旅中心"]),
            )
            activity.id = store.insert_activity(book.db, year.year_id, activity)
            if rng.random() < 0.1:
                store.set_deleted(book.db, activity.id, True)
                activity.deleted = True
            rows.append(activity)

    def expected(q: ActivityQuery) -> list[int]:
        text = q.text.strip().lower()
        hits = [
            a
            for a in rows
            if a.deleted == q.deleted
            and (not text or any(text in f.lower() for f in (a.title, a.notes, a.place)))
            and (not q.type_ids or a.type_id in q.type_ids)
            and (q.task_id is None or a.task_id == q.task_id)
            and (not q.without_task or a.task_id is None)
            and (q.measure_id is None or a.measure_id == q.measure_id)
            and (q.date_from is None or a.date >= q.date_from)
            and (q.date_to is None or a.date <= q.date_to)
        ]
        return [a.id for a in sorted(hits, key=lambda a: (a.date, a.id))]

    for _ in range(150):
        start = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(365))
        query = ActivityQuery(
            text=rng.choice(["", "", "差旅", "%", "_", "100%", "宣", "会议"]),
            type_ids=tuple(rng.sample(types, rng.choice([0, 0, 1, 2, 6]))),
            task_id=rng.choice([None, None, *tasks]),
            without_task=rng.random() < 0.2,
            date_from=rng.choice([None, start]),
            date_to=rng.choice([None, start + dt.timedelta(days=rng.choice([0, 6, 30, 200]))]),
            deleted=rng.random() < 0.15,
        )
        assert _ids(store.list_activities(book.db, year.year_id, query)) == expected(query), query


def test_the_listing_and_the_in_memory_list_use_the_same_filter(book, year):
    """What the store lists for a filter is what ``ActivityFilter.apply`` keeps of the whole year —
    also for texts where SQL ``LIKE`` alone would differ (non-ASCII case, the Kelvin sign, ß, a text
    spanning two fields)."""
    from jixiao.core.activities import ActivityFilter, with_search_text

    texts = [
        "Ärger Straße",
        "ärger",
        "STRASSE",
        "\u212aelvin",
        "kelvin",
        "ΣΟΦΙΑ",
        "σοφια",
        "Ａｂｃ",
        "ａｂｃ",
        "第Ⅱ期培训",
        "Ⓐ级企业",
        "\u0149",  # ŉ folds to ʼn
        "差旅",
    ]
    places = ["", "差旅中心", "Ｆｏｏ"]
    with book.db.atomic():
        for n, text in enumerate(texts * 2):
            _insert(book, year, title=f"{text}{n}", place=places[n % 3], notes=texts[-1 - n % 5])
    rows = store.list_activities(book.db, year.year_id)
    notes = dict(book.db.execute("SELECT id, notes FROM activity"))
    every = with_search_text(rows, notes)
    for text in [
        *texts,
        *("ss", "ä", "k", "σ", "ａ", "ABC", "0\n差旅", "差旅中心\n", "", "  差旅  "),
        *("Ⅱ", "ⅱ期", "ⓐ", "Ⓐ级", "\u02bc"),  # characters case folding makes of others, not letters
    ]:
        for query in (ActivityFilter(text=text), ActivityFilter(text=text, date_from=dt.date(2022, 1, 1))):
            kept = [r[:-1] for r in query.apply(every)]
            assert store.list_activities(book.db, year.year_id, query) == kept, text


def test_no_character_from_folding_below_is_missed():
    """``_like_is_exact`` looks for case foldings below ``FOLDING_BELOW`` only: there are no others."""
    from jixiao.store.activities import FOLDING_BELOW

    assert all(chr(c).casefold() == chr(c) for c in range(FOLDING_BELOW, 0x110000))


def test_a_text_filter_or_a_column_sort_scans_the_table_instead_of_walking_an_index(book, year):
    """Walking the list's partial index fetches each row by a lookup: for a filter or sort that
    reads every row of the year, a scan is 3-4x faster (the plan, not the rows, is checked here)."""
    from jixiao.core.activities import ActivityFilter
    from jixiao.store.activities import SORT_KEYS, _where

    for query, dates_only in (
        (ActivityFilter(text="差旅"), False),
        (ActivityFilter(), False),
        (ActivityFilter(text="Ab"), True),
    ):
        source, where, params = _where(book.db, year.year_id, query, exact_text=True, dates_only=dates_only)
        book.db.conn.create_function("jixiao_contains", 4, lambda *a: True)
        plan = " ".join(
            str(row[-1])
            for row in book.db.execute(
                f"EXPLAIN QUERY PLAN SELECT a.id FROM {source} WHERE {where} ORDER BY {SORT_KEYS['title']}",
                params,
            )
        )
        assert "SCAN a" in plan and "INDEX" not in plan, (query, plan)
    # the ids of the whole list in date order come from the list's own index alone
    source, where, params = _where(book.db, year.year_id, ActivityFilter(), exact_text=True, dates_only=True)
    plan = " ".join(
        str(row[-1])
        for row in book.db.execute(
            f"EXPLAIN QUERY PLAN SELECT a.id FROM {source} WHERE {where} ORDER BY a.date, a.id", params
        )
    )
    assert "activity_listed" in plan, plan
