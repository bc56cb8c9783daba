"""Undo/redo through the services: activities, projects with payments, indicators, long runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import hypothesis.strategies as st
import pytest
from hypothesis import settings
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from jixiao.core.errors import Message
from jixiao.core.model import Activity, Attachment, Indicator, Payment, Project
from jixiao.services import activities as activity_svc
from jixiao.services import history
from jixiao.services import indicators as indicator_svc
from jixiao.services import metrics as metric_svc
from jixiao.services import projects as project_svc
from jixiao.services import tasks as task_svc
from jixiao.services import texts as text_svc
from jixiao.store.database import open_book


def dump(book) -> dict[str, list[tuple]]:
    """Every row of every table of the data file, in rowid order."""
    names = [
        r[0]
        for r in book.db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    return {
        name: book.db.execute(f'SELECT rowid, * FROM main."{name}" ORDER BY rowid').fetchall()
        for name in names
    }


def what(label: Message | None) -> str | None:
    return label.translated(lambda m: m) if label is not None else None


def activity(year_ids, title="宣讲会", day=5, **changes) -> Activity:
    values = dict(date=dt.date(2022, 3, day), type_id=year_ids.types["宣讲会"], title=title, participants=30)
    values.update(changes)
    return Activity(**values)


def indicator(**changes) -> Indicator:
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


def test_nothing_to_undo_in_a_fresh_session(book, year_ids):
    assert not history.can_undo(book) and not history.can_redo(book)
    assert history.undo(book) is None and history.redo(book) is None
    assert history.undo_label(book) is None


def test_add_edit_delete_restore_purge_an_activity(book, year_ids):
    start = dump(book)
    activity_id = activity_svc.add_activity(book, year_ids.year_id, activity(year_ids))
    assert what(history.undo_label(book)) == "add activity"
    added = dump(book)
    changed = activity_svc.get_activity(book, activity_id)
    changed.title, changed.participants = "改过的宣讲会", 80
    activity_svc.update_activity(book, changed)
    assert what(history.undo_label(book)) == "edit activity"
    edited = dump(book)
    activity_svc.delete_activity(book, activity_id)
    assert what(history.undo_label(book)) == "move activity to the recycle bin"
    trashed = dump(book)
    activity_svc.purge_activity(book, activity_id)
    assert what(history.undo_label(book)) == "delete activity for good"

    replayed = history.undo(book)
    assert what(replayed.label) == "delete activity for good" and replayed.areas == {"activities"}
    assert dump(book) == trashed
    history.undo(book)
    assert dump(book) == edited
    assert activity_svc.get_activity(book, activity_id).title == "改过的宣讲会"
    assert what(history.redo_label(book)) == "move activity to the recycle bin"
    history.undo(book)
    assert dump(book) == added
    history.undo(book)
    assert dump(book) == start and not history.can_undo(book)
    assert what(history.redo_label(book)) == "add activity"
    for _ in range(4):
        assert history.redo(book) is not None
    assert not history.can_redo(book)
    assert activity_svc.list_activities(book, year_ids.year_id) == []  # purged again


def test_attachments_bytes_come_back(book, year_ids):
    photo = bytes(range(256)) * 100
    activity_id = activity_svc.add_activity(
        book, year_ids.year_id, activity(year_ids, attachments=[Attachment("现场.jpg", photo, "image/jpeg")])
    )
    attachment_id = activity_svc.get_activity(book, activity_id).attachments[0].id
    activity_svc.remove_attachment(book, attachment_id)
    assert what(history.undo_label(book)) == "delete attachment"
    history.undo(book)
    restored = activity_svc.get_activity(book, activity_id).attachments
    assert [(a.id, a.filename, a.media_type, a.data) for a in restored] == [
        (attachment_id, "现场.jpg", "image/jpeg", photo)
    ]


def test_a_project_with_payments_and_its_deletion(book, year_ids):
    start = dump(book)
    project_id = project_svc.add_project(book, year_ids.year_id, Project("企业培训", adjusted_fen=500_000_00))
    payment_ids = [
        project_svc.add_payment(
            book, project_id, Payment(dt.date(2022, 4, month), 100_000_00 * month, "拨付")
        )
        for month in (1, 2)
    ]
    indicator_svc.add_indicator(book, year_ids.year_id, indicator(level3="培训人次"), project_id=project_id)
    assert what(history.undo_label(book)) == "add indicator"
    before_delete = dump(book)
    project_svc.delete_project(book, project_id)
    assert what(history.undo_label(book)) == "delete project"
    assert book.db.execute("SELECT count(*) FROM payment").fetchone()[0] == 0
    replayed = history.undo(book)
    assert {"projects", "indicators"} <= replayed.areas
    assert dump(book) == before_delete
    payments = book.db.execute("SELECT id, amount_fen FROM payment ORDER BY id").fetchall()
    assert payments == [(payment_ids[0], 100_000_00), (payment_ids[1], 200_000_00)]
    for _ in range(4):
        history.undo(book)
    assert dump(book) == start


def test_an_indicator_edit(book, year_ids):
    indicator_id = indicator_svc.add_indicator(book, year_ids.year_id, indicator())
    before = dump(book)
    edited = indicator(id=indicator_id, actual="230", deviation_reason="超额完成", points=Decimal("12.5"))
    indicator_svc.update_indicator(book, edited)
    assert what(history.undo_label(book)) == "edit indicator"
    history.undo(book)
    assert dump(book) == before
    history.redo(book)
    row = book.db.execute("SELECT actual, points, deviation_reason FROM indicator").fetchone()
    assert row == ("230", "12.5", "超额完成")


def test_a_new_edit_clears_redo(book, year_ids):
    activity_svc.add_activity(book, year_ids.year_id, activity(year_ids, "一"))
    activity_svc.add_activity(book, year_ids.year_id, activity(year_ids, "二"))
    history.undo(book)
    assert history.can_redo(book)
    task_svc.update_task(book, year_ids.tasks[0], "新的任务名")
    assert not history.can_redo(book) and history.redo(book) is None
    assert what(history.undo_label(book)) == "edit key task"


def _edits(book, year_ids):
    """35 saves of many kinds, deletions included."""
    y = year_ids.year_id
    ids = [
        activity_svc.add_activity(book, y, activity(year_ids, f"活动{n}", day=n + 1)) for n in range(8)
    ]  # 8
    for n, activity_id in enumerate(ids[:4]):  # 12
        changed = activity_svc.get_activity(book, activity_id)
        changed.place, changed.enterprises = f"会场{n}", n * 3
        activity_svc.update_activity(book, changed)
    activity_svc.delete_activity(book, ids[4])  # 13
    activity_svc.delete_activities(book, ids[5:7])  # 14 (one save)
    activity_svc.restore_activity(book, ids[5])  # 15
    activity_svc.purge_activity(book, ids[6])  # 16
    activity_svc.add_attachment(
        book, ids[0], Attachment("签到表.pdf", b"%PDF-1.4 \x00\xff" * 50, "application/pdf")
    )  # 17
    project_id = project_svc.add_project(book, y, Project("法律服务", initial_fen=10_000_00))  # 18
    child = project_svc.add_project(book, y, Project("普法宣传"), parent_id=project_id)  # 19
    payment_id = project_svc.add_payment(book, child, Payment(dt.date(2022, 5, 1), 3_000_00))  # 20
    project_svc.update_payment(book, Payment(dt.date(2022, 5, 2), 3_500_00, "改", id=payment_id))  # 21
    indicator_id = indicator_svc.add_indicator(book, y, indicator())  # 22
    indicator_svc.update_indicator(book, indicator(id=indicator_id, actual="210"))  # 23
    task_svc.update_task(book, year_ids.tasks[0], "改名的任务")  # 24
    measure_id = task_svc.add_measure(book, year_ids.tasks[1], "新举措", "说明")  # 25
    task_svc.reorder_tasks(book, y, list(reversed(year_ids.tasks)))  # 26
    text_svc.set_text(book, y, "work_overview", "全年工作概述'引号'")  # 27
    text_svc.set_list(book, y, "problems", ["问题一", "问题二"])  # 28
    from jixiao.core.model import Metric

    metric_id = metric_svc.add_metric(book, y, Metric("会员人数", Decimal(3782), "人"))  # 29
    metric_svc.delete_metric(book, metric_id)  # 30
    task_svc.delete_measure(book, measure_id)  # 31
    project_svc.delete_project(book, project_id)  # 32
    indicator_svc.delete_indicator(book, indicator_id)  # 33
    task_svc.delete_task(book, year_ids.tasks[0])  # 34 (its measures go, activities lose the task)
    activity_svc.duplicate_activity(book, ids[1])  # 35


def test_35_edits_then_undo_all_restores_the_start_exactly_and_redo_all_the_end(book, year_ids):
    start = dump(book)
    _edits(book, year_ids)
    end = dump(book)
    assert book.history.depth("undo") == 35
    undone = 0
    while history.can_undo(book):
        history.undo(book)
        undone += 1
    assert undone == 35
    assert dump(book) == start
    while history.can_redo(book):
        history.redo(book)
    assert dump(book) == end
    assert book.db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_history_keeps_a_hundred_steps(book, year_ids):
    for n in range(105):
        text_svc.set_text(book, year_ids.year_id, "work_overview", f"第{n}稿")
    assert book.history.depth("undo") == 100
    while history.can_undo(book):
        history.undo(book)
    assert text_svc_text(book, year_ids.year_id) == "第4稿"


def text_svc_text(book, year_id) -> str:
    return book.db.execute(
        "SELECT text FROM year_text WHERE year_id = ? AND key = 'work_overview'", [year_id]
    ).fetchone()[0]


class UndoMachine(RuleBasedStateMachine):
    """Random saves, undos and redos: the data file always equals the model's snapshot."""

    def __init__(self) -> None:
        super().__init__()
        self.book = None

    @initialize()
    def open(self) -> None:
        import tempfile
        from pathlib import Path

        import tablerows

        self.folder = tempfile.TemporaryDirectory()
        self.book = open_book(Path(self.folder.name) / "m.sqlite3", create=True, routine_backup=False)
        self.ids = tablerows.make_year(self.book.db)
        self.done = [dump(self.book)]  # states after each undoable step; last = now
        self.undone: list[dict] = []
        self.counter = 0

    def teardown(self) -> None:
        if self.book is not None:
            self.book.close()
            self.folder.cleanup()

    def _saved(self) -> None:
        self.done.append(dump(self.book))
        self.undone.clear()

    def _live(self) -> list[int]:
        return [r[0] for r in self.book.db.execute("SELECT id FROM activity WHERE deleted_at IS NULL")]

    @rule(title=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=12))
    def add(self, title) -> None:
        if not title.strip():
            title = "空"
        self.counter += 1
        activity_svc.add_activity(
            self.book,
            self.ids.year_id,
            activity(
                self.ids, title, day=1 + self.counter % 28, attachments=[Attachment("a", title.encode())]
            ),
        )
        self._saved()

    @precondition(lambda self: self.book is not None and self._live())
    @rule(data=st.data())
    def edit(self, data) -> None:
        activity_id = data.draw(st.sampled_from(self._live()))
        changed = activity_svc.get_activity(self.book, activity_id, with_data=False)
        changed.participants += 1
        changed.notes = changed.notes + "'"
        activity_svc.update_activity(self.book, changed)
        self._saved()

    @precondition(lambda self: self.book is not None and self._live())
    @rule(data=st.data(), purge=st.booleans())
    def delete(self, data, purge) -> None:
        activity_id = data.draw(st.sampled_from(self._live()))
        (activity_svc.purge_activity if purge else activity_svc.delete_activity)(self.book, activity_id)
        self._saved()

    @precondition(lambda self: self.book is not None and len(self.done) > 1)
    @rule()
    def undo(self) -> None:
        assert history.undo(self.book) is not None
        self.undone.append(self.done.pop())

    @precondition(lambda self: self.book is not None and self.undone)
    @rule()
    def redo(self) -> None:
        assert history.redo(self.book) is not None
        self.done.append(self.undone.pop())

    @invariant()
    def matches(self) -> None:
        if self.book is None:
            return
        assert dump(self.book) == self.done[-1]
        assert history.can_undo(self.book) == (len(self.done) > 1)
        assert history.can_redo(self.book) == bool(self.undone)


TestUndoMachine = UndoMachine.TestCase
TestUndoMachine.settings = settings(max_examples=25, stateful_step_count=25, deadline=None)


@pytest.mark.parametrize(
    "table", ["activity", "attachment", "project", "payment", "indicator", "task", "metric"]
)
def test_every_table_has_a_name_and_an_area(table):
    step = history.Step(1, None, {}, ((table, "insert", 1),))
    assert history.describe(step).message == "add {thing}"
    assert history.describe(step).params["thing"].message != history.OTHER_NOUN
    assert history.areas_of(step) and "year" not in history.areas_of(step)


def test_every_table_of_the_book_has_a_name_for_undo(book):
    missing = [table for table in book.history.tables if table not in history.TABLE_NOUNS]
    assert missing == [], f"add these tables to services/history.py TABLE_NOUNS and AREAS: {missing}"
