"""Importing a spreadsheet of activities: all rows in one transaction, or nothing at all."""

from __future__ import annotations

import sqlite3

import pytest

from jixiao.core.activity_import import ImportFileError
from jixiao.core.errors import StorageError
from jixiao.services import activities as activity_svc
from jixiao.services import activity_import as svc
from jixiao.services import activity_types as type_svc
from jixiao.services import history
from jixiao.store import activities as activity_store

HEADER = "日期,标题,类型,重点工作任务,举措,参加人次,金额（万元）"


def write(tmp_path, rows, encoding="gbk", name="活动.csv"):
    path = tmp_path / name
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode(encoding))
    return path


def dump(book):
    names = [
        r[0]
        for r in book.db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    return {
        name: book.db.execute(f'SELECT rowid, * FROM main."{name}" ORDER BY rowid').fetchall()
        for name in names
    }


GOOD = [
    "2022-3-5,民营企业家座谈会,座谈会,1,1,35,0.12",
    "2022/4/18,法律服务进园区,宣讲会,2,开展普法宣传,120,",
    "2022年5月20日,青年企业家培训,培训,,,60,1.5",
]


def test_a_good_file_is_imported_in_one_step(book, year_ids, tmp_path):
    sheet = svc.read_file(write(tmp_path, GOOD))
    assert sheet.encoding == "gbk"
    mapping = svc.guess_mapping(sheet)
    before = dump(book)
    assert svc.check(book, year_ids.year_id, sheet, mapping).ok
    assert dump(book) == before  # checking writes nothing
    assert svc.import_activities(book, year_ids.year_id, sheet, mapping) == 3
    rows = activity_svc.list_activities(book, year_ids.year_id)
    assert [row[5] for row in rows] == ["民营企业家座谈会", "法律服务进园区", "青年企业家培训"]
    first = activity_svc.get_activity(book, rows[0][0])
    assert (first.task_id, first.measure_id, first.amount_fen, first.participants) == (
        year_ids.tasks[0],
        year_ids.measures[year_ids.tasks[0]][0],
        120_000,  # 0.12 万元 = 1,200 元
        35,
    )
    assert activity_svc.get_activity(book, rows[1][0]).measure_id == year_ids.measures[year_ids.tasks[1]][0]
    label = history.undo_label(book)
    assert label.translated(lambda m: m) == "import 3 activities"
    assert book.history.depth("undo") == 1
    history.undo(book)
    assert dump(book) == before


def test_two_bad_rows_import_nothing_and_both_are_named(book, year_ids, tmp_path):
    rows = [
        GOOD[0],
        "2022-13-01,日期错误,座谈会,,,10,",  # row 3
        GOOD[1],
        "2022-6-1,类型错误,茶话会,,,十几,",  # row 5: two problems
        GOOD[2],
    ]
    sheet = svc.read_file(write(tmp_path, rows, encoding="utf-8-sig"))
    before = dump(book)
    with pytest.raises(svc.ImportRejectedError) as caught:
        svc.import_activities(book, year_ids.year_id, sheet, svc.guess_mapping(sheet))
    error = caught.value
    assert dump(book) == before
    assert not history.can_undo(book)  # nothing happened, nothing to undo
    assert sorted({p.row for p in error.import_problems}) == [3, 5]
    assert [(p.row, p.column) for p in error.import_problems] == [(3, "日期"), (5, "类型"), (5, "参加人次")]
    assert error.translated(lambda m: m) == "Nothing was imported: 2 row(s) of the file have problems."
    lines = error.translated_problems(lambda m: m)
    assert lines[0] == "Row 3, 日期: 2022-13-01 is not a day of the calendar."
    assert lines[1] == "Row 5, 类型: There is no activity type “茶话会” in FY 2022."


def test_rows_are_checked_against_the_year_as_it_is_when_importing(book, year_ids, tmp_path):
    sheet = svc.read_file(write(tmp_path, ["2022-3-5,捐赠物资,捐赠,,,,"], encoding="utf-8"))
    mapping = svc.guess_mapping(sheet)
    assert svc.check(book, year_ids.year_id, sheet, mapping).ok
    type_svc.delete_type(book, year_ids.types["捐赠"])  # gone between the check and the import
    with pytest.raises(svc.ImportRejectedError):
        svc.import_activities(book, year_ids.year_id, sheet, mapping)
    assert activity_svc.list_activities(book, year_ids.year_id) == []


def test_a_failure_while_writing_rolls_every_row_back(book, year_ids, tmp_path, monkeypatch):
    sheet = svc.read_file(write(tmp_path, GOOD, encoding="utf-8"))
    calls = []
    real = activity_store.insert_activity

    def failing(db, year_id, activity):
        calls.append(activity.title)
        if len(calls) == 3:
            raise sqlite3.OperationalError("disk I/O error")
        return real(db, year_id, activity)

    monkeypatch.setattr(activity_store, "insert_activity", failing)
    before = dump(book)
    with pytest.raises(StorageError):
        svc.import_activities(book, year_ids.year_id, sheet, svc.guess_mapping(sheet))
    assert len(calls) == 3 and dump(book) == before


def test_a_bad_column_choice_imports_nothing(book, year_ids, tmp_path):
    sheet = svc.read_file(write(tmp_path, GOOD, encoding="utf-8"))
    with pytest.raises(svc.ImportRejectedError) as caught:
        svc.import_activities(book, year_ids.year_id, sheet, {"title": 1})
    assert [p.field for p in caught.value.import_problems] == ["date", "type"]
    assert caught.value.translated_problems(lambda m: m)[0] == "Choose the column that holds “Date”."
    assert activity_svc.list_activities(book, year_ids.year_id) == []


def test_unreadable_file(tmp_path):
    with pytest.raises(ImportFileError):
        svc.read_file(tmp_path / "nothing.csv")


def test_a_large_sheet_imports_in_one_transaction(book, year_ids, tmp_path):
    rows = [
        f"2022-{1 + n % 12}-{1 + n % 28},活动{n},宣讲会,{1 + n % 2},,{n % 300},{n % 7}.5" for n in range(3000)
    ]
    sheet = svc.read_file(write(tmp_path, rows, encoding="utf-8"))
    changes = book.db.conn.total_changes
    assert svc.import_activities(book, year_ids.year_id, sheet, svc.guess_mapping(sheet)) == 3000
    assert book.db.execute("SELECT count(*), sum(amount_fen) FROM activity").fetchone() == (
        3000,
        sum((n % 7) * 1_000_000 + 500_000 for n in range(3000)),
    )
    assert book.db.conn.total_changes > changes
    history.undo(book)
    assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 0
