"""The activity table's fast filter and sort give exactly what the plain definitions give."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace

from PySide6.QtCore import Qt

from jixiao.gui.models.activity_table import (
    ATTACHMENTS,
    COLUMNS,
    DATE,
    ID,
    PLACE,
    TASK,
    TITLE,
    TYPE,
    ActivityFilter,
    ActivityTableModel,
)

WORDS = ["走访", "宣讲会", "培训", "调解", "座谈会", "Visit", "visit", "差旅费", ""]


def _rows(count: int, seed: int) -> tuple[list[tuple], dict[int, str]]:
    rng = random.Random(seed)
    rows, notes = [], {}
    for i in rng.sample(range(1, count * 3), count):  # ids not in date order
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(40))  # many equal dates
        maybe = lambda: rng.choice([None, 0, 1, 2, 30])  # noqa: E731
        rows.append(
            (
                i,
                day.isoformat(),
                rng.choice([None, 11, 12, 13]),
                None,
                rng.choice([21, 22, 23]),
                f"{rng.choice(WORDS)}{rng.choice(WORDS)}",  # equal titles too
                rng.choice(["花城街道", "", "新华"]),
                rng.randrange(1, 4),
                maybe(),
                maybe(),
                maybe(),
                rng.choice([None, 0, 150_000, 99]),
                rng.randrange(3),
            )
        )
        if rng.random() < 0.3:
            notes[i] = rng.choice(WORDS) + "备注"
    return rows, notes


def _reference_sort(model: ActivityTableModel, rows: list[tuple], column: int, order) -> list[tuple]:
    """The definition: by the column's value, then date, then id; all reversed when descending."""
    field = COLUMNS[column][1]
    if field == TASK:
        key = lambda r: (model._task_order.get(r[TASK], 1 << 30), r[DATE], r[ID])  # noqa: E731
    elif field == TYPE:
        key = lambda r: (model._type_names.get(r[TYPE], ""), r[DATE], r[ID])  # noqa: E731
    elif field == DATE:
        key = lambda r: (r[DATE], r[ID])  # noqa: E731
    elif field in (TITLE, PLACE):  # text; an empty place sorts first
        key = lambda r: (r[field], r[DATE], r[ID])  # noqa: E731
    else:  # counts and amounts: blank (None) before 0
        key = lambda r: (r[field] is not None, r[field] or 0, r[DATE], r[ID])  # noqa: E731
    return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)


def _reference_filter(rows: list[tuple], notes: dict[int, str], f: ActivityFilter) -> list[tuple]:
    text = f.text.strip().casefold()
    return [
        r
        for r in rows
        if (not f.type_ids or r[TYPE] in f.type_ids)
        and (f.task_id is None or r[TASK] == f.task_id)
        and (not f.without_task or r[TASK] is None)
        and (f.date_from is None or r[DATE] >= f.date_from.isoformat())
        and (f.date_to is None or r[DATE] <= f.date_to.isoformat())
        and text in f"{r[TITLE]}\n{r[PLACE]}\n{notes.get(r[ID], '')}".casefold()
    ]


def _shown(model: ActivityTableModel) -> list[int]:
    return [model.activity_id(row) for row in range(model.rowCount())]


def _model(rows, notes) -> ActivityTableModel:
    model = ActivityTableModel(lambda s: s)
    tasks = [SimpleNamespace(id=t, title=f"任务{t}", measures=[]) for t in (13, 11, 12)]
    types = [
        SimpleNamespace(id=t, name=n, measure_word="次", counts=())
        for t, n in ((21, "乙"), (22, "甲"), (23, "乙"))
    ]
    model.set_names(tasks, types)
    model.set_rows(rows, notes)
    return model


def test_every_sort_matches_the_definition():
    rows, notes = _rows(600, 1)
    model = _model(rows, notes)
    for column in range(len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            assert _shown(model) == [r[ID] for r in _reference_sort(model, rows, column, order)], (
                column,
                order,
            )
    # with a filter on, the rows shown follow the same order
    model.set_filter(ActivityFilter(text="调解"))
    model.sort(ATTACHMENTS, Qt.SortOrder.DescendingOrder)
    expected = _reference_sort(
        model, _reference_filter(rows, notes, ActivityFilter(text="调解")), 10, Qt.SortOrder.DescendingOrder
    )
    assert _shown(model) == [r[ID] for r in expected]
    # new rows keep the sort
    more, more_notes = _rows(300, 2)
    model.set_rows(more, more_notes, ActivityFilter())
    assert _shown(model) == [r[ID] for r in _reference_sort(model, more, 10, Qt.SortOrder.DescendingOrder)]


def test_filters_and_narrowing_keystrokes_match_the_definition():
    rows, notes = _rows(800, 3)
    model = _model(rows, notes)
    model.sort(3, Qt.SortOrder.AscendingOrder)
    base = _reference_sort(model, rows, 3, Qt.SortOrder.AscendingOrder)
    filters = [
        ActivityFilter(),
        ActivityFilter(text="V"),
        ActivityFilter(text="Vi"),
        ActivityFilter(text=" VISIT "),  # case and spaces
        ActivityFilter(text="visit备"),
        ActivityFilter(text="vis"),  # a shorter text widens again
        ActivityFilter(text="调"),
        ActivityFilter(text="调解", type_ids=(22,)),
        ActivityFilter(text="调解", type_ids=(22,), date_from=dt.date(2022, 1, 10)),
        ActivityFilter(text="调解调解", type_ids=(22,), date_from=dt.date(2022, 1, 10)),
        ActivityFilter(text="调解", type_ids=(22,)),  # a wider date range widens
        ActivityFilter(without_task=True, date_to=dt.date(2022, 1, 20)),
        ActivityFilter(task_id=12, date_from=dt.date(2021, 1, 1), date_to=dt.date(2023, 1, 1)),
        ActivityFilter(text="备注\n"),
        ActivityFilter(text="街道\n"),  # the search text spans title, place and notes
    ]
    for f in filters:
        model.set_filter(f)
        assert _shown(model) == [r[ID] for r in _reference_filter(base, notes, f)], f


def test_a_sort_keeps_the_selection_on_the_same_activities(qtbot):
    from PySide6.QtWidgets import QTableView

    rows, notes = _rows(300, 4)
    model = _model(rows, notes)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    picked = [model.activity_id(r) for r in (3, 50, 200)]
    for row in (3, 50, 200):
        view.selectionModel().select(
            model.index(row, 0),
            view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows,
        )
    model.sort(3, Qt.SortOrder.DescendingOrder)
    selected = sorted({model.activity_id(i.row()) for i in view.selectionModel().selectedIndexes()})
    assert selected == sorted(picked)
