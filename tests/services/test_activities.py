"""services.activities: the single write path for activity records (validate, then one transaction)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3

import pytest

from jixiao.core.errors import NotFoundError, StorageError, ValidationError
from jixiao.core.model import Activity, Attachment
from jixiao.services import activities as svc
from jixiao.services.activities import ActivityQuery


def _activity(year_ids, **fields) -> Activity:
    values = {
        "date": dt.date(2022, 8, 12),
        "type_id": year_ids.types["走访调研"],
        "title": "走访调研非公企业",
    }
    values.update(fields)
    return Activity(**values)


def _fields(problem_error: ValidationError) -> list[str]:
    return [path for path, _, _ in problem_error.problems]


def test_add_is_committed_before_it_returns(book, year_ids):
    activity = _activity(year_ids, enterprises=12, participants=30)
    activity_id = svc.add_activity(book, year_ids.year_id, activity)
    assert activity.id == activity_id
    assert not book.db.conn.in_transaction
    # another connection (another process, a power cut's survivor) sees it at once
    other = sqlite3.connect(book.path)
    try:
        assert other.execute(
            "SELECT title, enterprises FROM activity WHERE id = ?", [activity_id]
        ).fetchone() == (
            "走访调研非公企业",
            12,
        )
    finally:
        other.close()


def test_update_delete_restore_purge(book, year_ids):
    activity_id = svc.add_activity(book, year_ids.year_id, _activity(year_ids))
    activity = svc.get_activity(book, activity_id)
    activity.title, activity.items = "调解涉企纠纷", 3
    activity.type_id = year_ids.types["调解"]
    svc.update_activity(book, activity)
    assert (svc.get_activity(book, activity_id).title, svc.get_activity(book, activity_id).items) == (
        "调解涉企纠纷",
        3,
    )

    svc.delete_activity(book, activity_id)
    assert svc.get_activity(book, activity_id).deleted
    assert svc.list_activities(book, year_ids.year_id) == []
    assert [r[0] for r in svc.list_activities(book, year_ids.year_id, ActivityQuery(deleted=True))] == [
        activity_id
    ]
    svc.restore_activity(book, activity_id)
    assert [r[0] for r in svc.list_activities(book, year_ids.year_id)] == [activity_id]
    svc.purge_activity(book, activity_id)
    for call in (svc.get_activity, svc.delete_activity, svc.restore_activity, svc.purge_activity):
        with pytest.raises(NotFoundError):
            call(book, activity_id)
    with pytest.raises(NotFoundError):
        svc.update_activity(book, activity)
    activity.id = None
    with pytest.raises(NotFoundError):
        svc.update_activity(book, activity)


def test_many_activities_move_in_one_transaction(book, year_ids, monkeypatch):
    ids = [svc.add_activity(book, year_ids.year_id, _activity(year_ids, title=f"走访{i}")) for i in range(4)]
    listed = lambda **q: [r[0] for r in svc.list_activities(book, year_ids.year_id, ActivityQuery(**q))]  # noqa: E731
    commits = []
    book.db.conn.set_trace_callback(
        lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None
    )
    try:
        assert svc.delete_activities(book, [ids[2], ids[0], ids[2]]) == [ids[2], ids[0]]
    finally:
        book.db.conn.set_trace_callback(None)
    assert len(commits) == 1, "one transaction for the whole selection"
    assert listed() == [ids[1], ids[3]] and listed(deleted=True) == [ids[0], ids[2]]
    assert not book.db.conn.in_transaction

    with pytest.raises(NotFoundError):  # one unknown id: nothing moves
        svc.delete_activities(book, [ids[1], 4242])
    assert listed() == [ids[1], ids[3]]
    assert svc.restore_activities(book, [ids[0], ids[2]]) == [ids[0], ids[2]]
    assert listed() == ids
    with pytest.raises(NotFoundError):
        svc.purge_activities(book, [ids[3], 4242])
    assert listed() == ids
    assert svc.purge_activities(book, ids[:3]) == ids[:3]
    assert listed() == [ids[3]] and listed(deleted=True) == []
    assert svc.delete_activities(book, []) == []


def test_duplicate_copies_fields_not_attachments_and_not_the_deleted_mark(book, year_ids):
    task = year_ids.tasks[0]
    original = _activity(
        year_ids,
        task_id=task,
        measure_id=year_ids.measures[task][0],
        notes="第一期",
        place="会议室",
        participants=40,
        amount_fen=5000,
        attachments=[Attachment("签到表.pdf", b"%PDF")],
    )
    first = svc.add_activity(book, year_ids.year_id, original)
    svc.delete_activity(book, first)
    copy_id = svc.duplicate_activity(book, first)
    assert copy_id != first
    copy = svc.get_activity(book, copy_id)
    for name in (
        "date",
        "type_id",
        "title",
        "task_id",
        "measure_id",
        "notes",
        "place",
        "participants",
        "amount_fen",
    ):
        assert getattr(copy, name) == getattr(original, name)
    assert copy.attachments == [] and not copy.deleted
    assert len(svc.get_activity(book, first).attachments) == 1
    with pytest.raises(NotFoundError):
        svc.duplicate_activity(book, 4242)


def test_attachment_bytes_round_trip(book, year_ids):
    photo = os.urandom(300_000) + b"\x00" * 10
    activity_id = svc.add_activity(
        book,
        year_ids.year_id,
        _activity(year_ids, attachments=[Attachment("现场照片.jpg", photo, "image/jpeg")]),
    )
    sheet = bytes(range(256)) * 4
    sheet_id = svc.add_attachment(book, activity_id, Attachment("签到表.pdf", sheet, "application/pdf"))
    got = svc.get_activity(book, activity_id).attachments
    assert [(a.filename, a.data, a.media_type) for a in got] == [
        ("现场照片.jpg", photo, "image/jpeg"),
        ("签到表.pdf", sheet, "application/pdf"),
    ]
    assert [a.size for a in svc.get_activity(book, activity_id, with_data=False).attachments] == [0, 0]
    svc.remove_attachment(book, sheet_id)
    assert len(svc.get_activity(book, activity_id).attachments) == 1
    with pytest.raises(NotFoundError):
        svc.remove_attachment(book, sheet_id)
    with pytest.raises(NotFoundError):
        svc.add_attachment(book, 4242, Attachment("a.png", b"x"))
    [row] = svc.list_activities(book, year_ids.year_id)
    assert row[-1] == 1  # attachment_count


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"date": dt.date(2021, 12, 31)}, "date"),
        ({"date": dt.date(2023, 1, 1)}, "date"),
        ({"date": "2022-08-12"}, "date"),
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": None}, "title"),
        ({"sessions": -1}, "sessions"),
        ({"participants": -5}, "participants"),
        ({"enterprises": 1.5}, "enterprises"),
        ({"items": True}, "items"),
        ({"amount_fen": -1}, "amount_fen"),
        ({"type_id": 4242}, "type_id"),
        ({"task_id": 4242}, "task_id"),
        ({"measure_id": "m"}, "measure_id"),  # a measure without its task
    ],
)
def test_validation_errors_name_the_field_and_save_nothing(book, year_ids, fields, problem):
    with pytest.raises(ValidationError) as caught:
        svc.add_activity(book, year_ids.year_id, _activity(year_ids, **fields))
    assert problem in _fields(caught.value)
    assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 0


def test_measure_of_another_task_and_type_of_another_year(book, year_ids):
    from tablerows import make_year

    t0, t1 = year_ids.tasks
    with pytest.raises(ValidationError) as caught:
        svc.add_activity(
            book, year_ids.year_id, _activity(year_ids, task_id=t0, measure_id=year_ids.measures[t1][0])
        )
    assert _fields(caught.value) == ["measure_id"]
    other = make_year(book.db, 2023, unit_id=year_ids.unit_id)
    with pytest.raises(ValidationError) as caught:
        svc.add_activity(
            book, year_ids.year_id, _activity(year_ids, type_id=other.types["培训"], task_id=other.tasks[0])
        )
    assert set(_fields(caught.value)) == {"type_id", "task_id"}
    with pytest.raises(NotFoundError):
        svc.add_activity(book, 4242, _activity(year_ids))


def test_update_is_validated_against_the_activitys_own_year(book, year_ids):
    activity_id = svc.add_activity(book, year_ids.year_id, _activity(year_ids))
    activity = svc.get_activity(book, activity_id)
    activity.date = dt.date(2023, 2, 1)
    activity.participants = -3
    with pytest.raises(ValidationError) as caught:
        svc.update_activity(book, activity)
    assert set(_fields(caught.value)) == {"date", "participants"}
    assert svc.get_activity(book, activity_id).date == dt.date(2022, 8, 12)


@pytest.mark.parametrize(
    ("attachment", "problem"),
    [
        (Attachment("", b"x"), "attachments[1].filename"),
        (Attachment("  ", b"x"), "attachments[1].filename"),
        (Attachment("a.png", "not bytes"), "attachments[1].data"),
        (Attachment("a.png", b"x", ""), "attachments[1].media_type"),
    ],
)
def test_bad_attachments_are_validation_errors(book, year_ids, attachment, problem):
    good = Attachment("ok.png", b"ok")
    with pytest.raises(ValidationError) as caught:
        svc.add_activity(book, year_ids.year_id, _activity(year_ids, attachments=[good, attachment]))
    assert _fields(caught.value) == [problem]
    assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 0
    activity_id = svc.add_activity(book, year_ids.year_id, _activity(year_ids))
    with pytest.raises(ValidationError) as caught:
        svc.add_attachment(book, activity_id, attachment)
    assert _fields(caught.value) == [problem.removeprefix("attachments[1].")]


def test_a_save_that_fails_half_way_leaves_nothing(book, year_ids, monkeypatch):
    from jixiao.store import activities as store

    real = store.insert_attachment
    calls = []

    def failing(db, activity_id, attachment, position=None):
        calls.append(activity_id)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real(db, activity_id, attachment, position)

    monkeypatch.setattr(store, "insert_attachment", failing)
    activity = _activity(year_ids, attachments=[Attachment("a.png", b"1"), Attachment("b.png", b"2")])
    with pytest.raises(StorageError, match="could not be saved .*disk I/O error.*nothing was changed"):
        svc.add_activity(book, year_ids.year_id, activity)
    assert activity.id is None
    assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 0
    assert book.db.execute("SELECT count(*) FROM attachment").fetchone()[0] == 0
    assert not book.db.conn.in_transaction


def test_listing_through_the_service(book, year_ids):
    a = svc.add_activity(
        book, year_ids.year_id, _activity(year_ids, title="差旅费报销培训", type_id=year_ids.types["培训"])
    )
    svc.add_activity(
        book, year_ids.year_id, _activity(year_ids, title="企业家座谈会", type_id=year_ids.types["座谈会"])
    )
    query = ActivityQuery(text="差旅", type_ids=(year_ids.types["培训"],), date_from=dt.date(2022, 8, 1))
    assert [r[0] for r in svc.list_activities(book, year_ids.year_id, query)] == [a]


def test_save_activity_edits_fields_and_files_in_one_undo_step(book, year_ids):
    from jixiao.services import history

    kept = Attachment("旧照片.png", b"old", "image/png")
    activity = _activity(year_ids, attachments=[kept])
    activity_id = svc.add_activity(book, year_ids.year_id, activity)
    history.take_changes(book)
    depth = book.history.depth("undo")
    edited = svc.get_activity(book, activity_id, with_data=False)
    kept_id = edited.attachments[0].id
    edited.title = "改过标题"
    new_file = Attachment("签到表.pdf", b"%PDF", "application/pdf")
    assert (
        svc.save_activity(book, edited, add_files=[new_file], remove_attachment_ids=[kept_id]) == activity_id
    )
    assert new_file.id is not None
    saved = svc.get_activity(book, activity_id)
    assert (saved.title, [a.filename for a in saved.attachments]) == ("改过标题", ["签到表.pdf"])
    assert book.history.depth("undo") == depth + 1
    assert str(history.undo_label(book)) == "edit activity"
    changes = history.take_changes(book)
    assert changes.tables == {"activity", "attachment"} and changes.areas == {"activities"}

    history.undo(book)
    undone = svc.get_activity(book, activity_id)
    assert (undone.title, [(a.filename, a.data) for a in undone.attachments]) == (
        "走访调研非公企业",
        [("旧照片.png", b"old")],
    )


def test_save_activity_refuses_a_file_of_another_activity_and_saves_nothing(book, year_ids):
    other = _activity(
        year_ids, title="另一个活动", attachments=[Attachment("a.pdf", b"a", "application/pdf")]
    )
    other_id = svc.add_activity(book, year_ids.year_id, other)
    other_file = svc.get_activity(book, other_id, with_data=False).attachments[0].id
    activity_id = svc.add_activity(book, year_ids.year_id, _activity(year_ids))
    edited = svc.get_activity(book, activity_id, with_data=False)
    edited.title = "不应保存"
    new_file = Attachment("b.pdf", b"b", "application/pdf")
    with pytest.raises(NotFoundError):
        svc.save_activity(book, edited, add_files=[new_file], remove_attachment_ids=[other_file])
    assert new_file.id is None
    assert svc.get_activity(book, activity_id).title == "走访调研非公企业"
    assert svc.get_activity(book, other_id).attachments


def test_save_activity_adds_a_new_one_with_its_files(book, year_ids):
    activity = _activity(year_ids)
    new_id = svc.save_activity(
        book, activity, year_ids.year_id, add_files=[Attachment("a.pdf", b"a", "application/pdf")]
    )
    assert [a.filename for a in svc.get_activity(book, new_id).attachments] == ["a.pdf"]
