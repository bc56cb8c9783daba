"""The undo log kept by TEMP triggers (store/history.py): exact inverses, steps, limits, safety."""

from __future__ import annotations

import sqlite3

import pytest

from jixiao.core.errors import StorageError
from jixiao.store import history as history_module
from jixiao.store.database import open_book
from jixiao.store.history import HistoryDatabase


def dump(db) -> dict[str, list[tuple]]:
    """Every row of every table of the data file (not the TEMP log), in rowid order."""
    tables = [
        row[0] for row in db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    return {
        name: db.execute(f'SELECT rowid, * FROM main."{name}" ORDER BY rowid').fetchall() for name in tables
    }


def add_activity(db, year, title="宣讲会", **extra) -> int:
    row = {"year_id": year.year_id, "date": "2022-03-05", "type_id": year.types["宣讲会"], "title": title}
    row.update(extra)
    with db.atomic():
        return db.execute(
            f"INSERT INTO activity ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
            list(row.values()),
        ).lastrowid


def test_every_user_table_has_triggers_and_the_log_is_temporary(book, year):
    history = book.history
    user_tables = {
        name
        for (name,) in book.db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")
        if not name.startswith("sqlite_") and name != "_sqlite_migrations"
    }
    assert set(history.tables) == user_tables and "activity" in user_tables
    triggers = {
        name for (name,) in book.db.execute("SELECT name FROM temp.sqlite_master WHERE type = 'trigger'")
    }
    assert len(triggers) == 3 * len(user_tables)
    main_objects = {name for (name,) in book.db.execute("SELECT name FROM main.sqlite_master")}
    assert not any(name.startswith("_jx_undo") for name in main_objects)  # nothing reaches the file
    assert isinstance(book.db, HistoryDatabase)


def test_insert_update_delete_with_quotes_blobs_and_nulls_are_reversed_exactly(book, year):
    start = dump(book.db)
    awkward = "引号'\"; DROP TABLE activity; --\n第二行\t\\ 🙂"
    activity_id = add_activity(book.db, year, title=awkward, notes="", place="会议室")
    blob = bytes(range(256)) * 40 + b"\x00\x00"
    with book.db.atomic():
        book.db.execute(
            "INSERT INTO attachment (activity_id, filename, size, sha256, data) VALUES (?, 'x.bin', ?, 'h', ?)",
            [activity_id, len(blob), blob],
        )
    after_insert = dump(book.db)
    with book.db.atomic():
        book.db.execute(
            "UPDATE activity SET title = ?, task_id = ?, notes = ?, deleted_at = NULL WHERE id = ?",
            ["改'名", year.tasks[0], awkward, activity_id],
        )
    after_update = dump(book.db)
    with book.db.atomic():
        book.db.execute("DELETE FROM activity WHERE id = ?", [activity_id])  # cascades to the attachment
    assert book.db.execute("SELECT count(*) FROM attachment").fetchone()[0] == 0

    history = book.history
    assert history.depth("undo") == 4
    assert history.undo().changes == (("attachment", "delete", 1), ("activity", "delete", 1))
    assert dump(book.db) == after_update
    assert book.db.execute("SELECT data FROM attachment").fetchone()[0] == blob
    history.undo()
    assert dump(book.db) == after_insert
    history.undo()
    history.undo()
    assert dump(book.db) == start
    assert history.undo() is None
    for _ in range(4):
        history.redo()
    assert history.redo() is None
    assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 0
    history.undo()
    assert dump(book.db) == after_update


def test_a_step_is_the_outermost_block_and_saves_without_changes_are_no_steps(book, year):
    with book.db.atomic(label="two things", params={"n": 2}):
        add_activity(book.db, year, "一")
        with book.db.atomic():
            add_activity(book.db, year, "二")
    with book.db.atomic():
        book.db.execute("UPDATE activity SET title = title")  # changes no value: no step
    with book.db.atomic():
        pass
    history = book.history
    assert history.depth("undo") == 1
    step = history.peek("undo")
    assert (step.label, step.params, step.changes) == ("two things", {"n": 2}, (("activity", "insert", 2),))
    history.undo()
    assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 0


def test_book_atomic_passes_its_label(book, year):
    from jixiao.core.errors import Message

    with book.atomic(label=Message("import of {count} activities", count=1)) as db:
        add_activity(db, year)
    step = book.history.peek("undo")
    assert (step.label, step.params) == ("import of {count} activities", {"count": 1})


def test_a_failed_save_leaves_no_step_and_no_log(book, year):
    add_activity(book.db, year)
    before = dump(book.db)
    with pytest.raises(sqlite3.IntegrityError), book.db.atomic():
        add_activity(book.db, year, "好")
        book.db.execute(
            "INSERT INTO activity (year_id, date, type_id, title) VALUES (?, '2022-01-01', 1, ' ')",
            [year.year_id],
        )
    assert dump(book.db) == before
    assert book.history.depth("undo") == 1
    assert book.db.execute("SELECT count(DISTINCT step) FROM temp._jx_undo_log").fetchone()[0] == 1


def test_a_new_save_clears_redo(book, year):
    add_activity(book.db, year, "一")
    add_activity(book.db, year, "二")
    book.history.undo()
    assert book.history.depth("redo") == 1
    add_activity(book.db, year, "三")
    assert book.history.depth("redo") == 0 and book.history.redo() is None
    assert book.db.execute("SELECT count(*) FROM temp._jx_undo_log").fetchone()[0] == 2  # only live steps


def test_only_the_newest_steps_are_kept(book, year, monkeypatch):
    book.history.limit = 5
    for number in range(8):
        add_activity(book.db, year, f"第{number}场")
    assert book.history.depth("undo") == 5
    while book.history.undo():
        pass
    titles = [row[0] for row in book.db.execute("SELECT title FROM activity ORDER BY id")]
    assert titles == ["第0场", "第1场", "第2场"]


def test_default_limit_is_at_least_thirty():
    assert history_module.DEFAULT_LIMIT >= 30


def test_a_write_outside_any_block_drops_the_history_instead_of_undoing_half(book, year):
    add_activity(book.db, year, "一")
    book.db.execute("UPDATE activity SET title = '外部'")  # autocommit, no atomic(): untracked
    assert book.history.peek("undo") is None and book.history.undo() is None
    assert book.db.execute("SELECT title FROM activity").fetchone()[0] == "外部"
    add_activity(book.db, year, "二")
    assert book.history.depth("undo") == 1


def test_creating_the_unit_cannot_be_undone(book):
    import tablerows

    tablerows.make_year(book.db)  # inserts the unit: the book starts here
    assert book.history.peek("undo") is None
    with book.db.atomic():
        book.db.execute("UPDATE unit SET short_name = '改'")
    assert book.history.peek("undo") is not None  # editing the unit is undoable


def test_marking_a_report_final_is_a_checkpoint(book, year):
    add_activity(book.db, year)
    with book.db.atomic():
        book.db.execute(
            "INSERT INTO final_report (year_id, created_at, package_json, pdf, inputs_sha256)"
            " VALUES (?, '2022-12-31T08:00:00Z', '{}', x'25504446', ?)",
            [year.year_id, "0" * 64],
        )
    assert book.history.peek("undo") is None  # neither the mark nor what came before can be undone
    add_activity(book.db, year, "之后")
    assert book.history.depth("undo") == 1


def test_foreign_keys_hold_after_undoing_a_cascade(book, year):
    task_id = year.tasks[0]
    measure_id = year.measures[task_id][0]
    add_activity(book.db, year, task_id=task_id, measure_id=measure_id)
    before = dump(book.db)
    with book.db.atomic():
        book.db.execute("DELETE FROM task WHERE id = ?", [task_id])  # measures cascade, activity SET NULL
    assert book.db.execute("SELECT task_id, measure_id FROM activity").fetchone() == (None, None)
    book.history.undo()
    assert dump(book.db) == before
    assert book.db.execute("PRAGMA foreign_key_check").fetchall() == []
    book.history.redo()
    assert book.db.execute("SELECT task_id, measure_id FROM activity").fetchone() == (None, None)
    book.history.undo()
    assert dump(book.db) == before


def test_undo_inside_a_save_is_refused(book, year):
    add_activity(book.db, year)
    with book.db.atomic(), pytest.raises(StorageError):
        book.history.undo()


def test_opening_and_closing_without_edits_makes_no_closing_backup(tmp_path):
    path = tmp_path / "y.sqlite3"
    with open_book(path, create=True) as book:
        assert not book.changed_since_backup
    with open_book(path, routine_backup=False) as book:
        assert not book.changed_since_backup
        assert book.history is not None
    assert not list((tmp_path / "y-backups").glob("*"))


def test_the_history_is_per_session(tmp_path):
    import tablerows

    path = tmp_path / "y.sqlite3"
    with open_book(path, create=True) as book:
        ids = tablerows.make_year(book.db)
        with book.db.atomic():
            book.db.execute(
                "INSERT INTO activity (year_id, date, type_id, title) VALUES (?, '2022-01-02', ?, 't')",
                [ids.year_id, ids.types["培训"]],
            )
        assert book.history.depth("undo") == 1
    with open_book(path) as book:
        assert book.history.peek("undo") is None
        assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 1
