"""A year too large to hold is listed through SQL (ids in order, rows read as shown): the clerk sees
exactly the rows, in exactly the order, of the list held in memory — for every filter and sort."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from jixiao.core.model import Activity
from jixiao.gui.models import activity_table
from jixiao.gui.models.activity_table import COLUMNS
from jixiao.gui.pages import activities_panel
from jixiao.services import activities as activity_service

# titles and notes the SQL text match must treat as the filter does (case folding beyond ASCII,
# LIKE's own wildcards, a Kelvin sign that folds to k)
ODD = [
    ("Visit 企业 Ä", "notes with KELVIN \u212a"),
    ("visit 100% done", ""),
    ("a_b 走访", "ÄRGER"),
    ("普法讲座", "straße"),
]


@pytest.fixture
def panel(sample_controller):
    session = sample_controller.window.session
    fy = session.fiscal_year()
    for n, (title, notes) in enumerate(ODD):
        activity_service.add_activity(
            session.book,
            session.year_id,
            Activity(
                dt.date(2022, 5, 1 + n),
                fy.activity_types[n].id,
                title,
                task_id=None if n % 2 else fy.tasks[0].id,
                notes=notes,
                participants=None if n == 1 else n,
            ),
        )
    sample_controller.window.go_to("work")
    page = sample_controller.window.pages["work"].activities
    page.reload()
    return page


def _shown(panel) -> list[tuple]:
    model = panel.model
    return [
        (model.activity_id(r), *(model.index(r, c).data() for c in range(len(COLUMNS))))
        for r in range(model.rowCount())
    ]


def _views(panel, qtbot, ime):
    """Every list the clerk can ask for here: searches, filters and each sort both ways."""
    views = {}
    task_id = panel.task_filter.itemData(2)
    type_id = panel.type_filter.itemData(1)
    for text in ("", "调解", "visit", "VISIT", "ä", "k", "%", "_", "STRASSE", "  走访 "):
        panel.search.clear()
        if text:
            ime(panel.search, text)
        panel.apply_filter()
        views[("text", text)] = _shown(panel)
    panel.clear_filters()
    panel.task_filter.setCurrentIndex(panel.task_filter.findData(task_id))
    panel.apply_filter()
    views["task"] = _shown(panel)
    panel.task_filter.setCurrentIndex(1)  # no key task
    panel.type_filter.setCurrentIndex(panel.type_filter.findData(type_id))
    panel.apply_filter()
    views["no task, one type"] = _shown(panel)
    panel.clear_filters()
    panel.date_from.setDate(QDate(2022, 3, 1))
    panel.date_to.setDate(QDate(2022, 5, 2))
    views["dates"] = _shown(panel)
    panel.clear_filters()
    for column in range(len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            panel.table.sortByColumn(column, order)
            views[("sort", column, order)] = _shown(panel)
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return views


def test_the_windowed_list_shows_what_the_list_in_memory_shows(panel, qtbot, ime, monkeypatch):
    assert not panel.model.windowed
    in_memory = _views(panel, qtbot, ime)
    assert len(in_memory[("text", "visit")]) == 2 == len(in_memory[("text", "VISIT")])
    # the Kelvin sign folds to k: only the filter's own match finds it, LIKE does not
    assert len(in_memory[("text", "k")]) >= 1
    assert len(in_memory[("text", "")]) > 100

    monkeypatch.setattr(activities_panel, "WINDOWED_ABOVE", 10)
    monkeypatch.setattr(activity_table, "_BLOCK", 7)  # many blocks, some rows read twice
    monkeypatch.setattr(activity_table, "_KEPT", 30)
    panel.reload()
    assert panel.model.windowed
    assert panel.model.total_count == len(in_memory[("text", "")])
    windowed = _views(panel, qtbot, ime)
    assert windowed.keys() == in_memory.keys()
    for key in in_memory:
        assert windowed[key] == in_memory[key], key


def test_the_windowed_list_keeps_the_selection_and_finds_rows(panel, qtbot, monkeypatch):
    monkeypatch.setattr(activities_panel, "WINDOWED_ABOVE", 10)
    panel.reload()
    model = panel.model
    chosen = [model.activity_id(3), model.activity_id(40)]
    panel.select_ids(chosen)
    panel.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # by title
    assert sorted(panel.selected_ids()) == sorted(chosen)
    assert model.activity_id(model.row_of(chosen[1])) == chosen[1]
    assert model.row_of(10**9) == -1

    panel.select_ids([chosen[0]])
    panel.delete_selected()  # the list is read again; the row has moved to the recycle bin
    assert chosen[0] not in [model.activity_id(r) for r in range(model.rowCount())]
    panel.recycle.setChecked(True)
    assert model.windowed is False  # one deleted activity: held in memory
    assert [model.activity_id(r) for r in range(model.rowCount())] == [chosen[0]]


def test_a_large_year_opens_without_reading_it_and_the_overview_reads_it_off_the_gui_thread(
    make_controller, sample_template, tmp_path, qtbot, monkeypatch
):
    import shutil

    from jixiao.gui import session as session_module
    from jixiao.gui.app import SAMPLE_FILE_NAME
    from jixiao.services import years as years_service

    monkeypatch.setattr(session_module, "LARGE_YEAR", 10)
    monkeypatch.setattr(activities_panel, "WINDOWED_ABOVE", 10)
    threads = []
    real = years_service.load_year_elsewhere

    def reading(book, year_id):
        import threading

        threads.append(threading.current_thread().name)
        return real(book, year_id)

    monkeypatch.setattr(years_service, "load_year_elsewhere", reading)
    on_gui_thread = []
    load_year = years_service.load_year
    monkeypatch.setattr(
        years_service,
        "load_year",
        lambda book, year_id: on_gui_thread.append(year_id) or load_year(book, year_id),
    )
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(sample_template, data / SAMPLE_FILE_NAME)
    controller = make_controller()
    controller.start(data / SAMPLE_FILE_NAME)
    session = controller.window.session
    assert session.is_large()
    controller.window.show()
    overview = controller.window.pages["overview"]
    qtbot.waitUntil(lambda: session.cached_year() is not None, timeout=10_000)
    assert threads == ["jixiao-year-reader"]  # read once, not on the GUI thread
    qtbot.waitUntil(lambda: overview.overview is not None, timeout=5000)
    assert overview.overview.activity_count == len(session.cached_year().activities)
    assert str(overview.overview.activity_count) in overview.heading.text()
    controller.window.go_to("work")  # the list and the tasks' live figures need no whole year
    tasks = controller.window.pages["work"].tasks
    controller.window.pages["work"].tabs.setCurrentWidget(tasks)
    qtbot.wait(50)
    assert on_gui_thread == []
    controller.window.go_to("overview")

    # changes while a read is under way: a year read before the last change is not taken
    first, second = (a.id for a in session.cached_year().activities[:2])
    taken = []
    adopt = session.adopt_year
    monkeypatch.setattr(
        session, "adopt_year", lambda fy, generation: taken.append(adopt(fy, generation)) or taken[-1]
    )
    session.call(activity_service.delete_activity, first)  # the overview starts reading again
    session.call(activity_service.delete_activity, second)  # before that read is delivered
    assert session.cached_year() is None
    # the two reads run side by side and may be delivered in either order: wait for both
    qtbot.waitUntil(
        lambda: len(taken) == 2 and session.cached_year() is not None and overview._reading is None,
        timeout=10_000,
    )
    assert threads == ["jixiao-year-reader"] * 3
    assert sorted(taken) == [False, True]  # the read begun before the second change was dropped
    ids = {a.id for a in session.cached_year().activities}
    assert first not in ids and second not in ids
    assert overview.overview.activity_count == len(ids)


def test_a_large_years_list_is_read_after_the_year_not_while_a_thread_reads_it(
    make_controller, sample_template, tmp_path, qtbot, monkeypatch
):
    """Reading the list's ids while the overview's thread reads the year would make both compete for
    the interpreter (1.3 s of GUI thread at 1,000,000 activities): the preload waits for the year."""
    import shutil
    import threading

    from jixiao.gui import main_window
    from jixiao.gui import session as session_module
    from jixiao.gui.app import SAMPLE_FILE_NAME
    from jixiao.services import years as years_service

    monkeypatch.setattr(session_module, "LARGE_YEAR", 10)
    monkeypatch.setattr(activities_panel, "WINDOWED_ABOVE", 10)
    monkeypatch.setattr(main_window, "PRELOAD_DELAY_MS", 0)
    release = threading.Event()
    real = years_service.load_year_elsewhere

    def slow_read(book, year_id):
        release.wait(10)
        return real(book, year_id)

    monkeypatch.setattr(years_service, "load_year_elsewhere", slow_read)
    real_ids = activity_service.list_activity_ids
    preloads = []
    real_preload = activities_panel.ActivitiesPanel.preload
    monkeypatch.setattr(
        activities_panel.ActivitiesPanel,
        "preload",
        lambda panel: preloads.append(panel.session.cached_year() is not None) or real_preload(panel),
    )
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(sample_template, data / SAMPLE_FILE_NAME)
    controller = make_controller()
    controller.start(data / SAMPLE_FILE_NAME)
    window = controller.window
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(100)  # the first paint has asked for the preload
    assert window.pages["overview"].is_reading() and preloads == []
    release.set()
    qtbot.waitUntil(lambda: preloads == [True], timeout=10_000)  # once, after the year was read
    panel = window.pages["work"].activities
    assert panel.model.windowed and panel.model.rowCount() == len(window.session.cached_year().activities)
    reads = []
    monkeypatch.setattr(
        activity_service, "list_activity_ids", lambda *args: reads.append(args) or real_ids(*args)
    )
    window.go_to("work")
    window.session.yearRead.emit()  # the year held in memory changes nothing the list shows
    qtbot.wait(50)
    assert reads == [] and panel.model.rowCount() == len(window.session.cached_year().activities)


def test_a_row_gone_from_the_file_since_the_ids_were_read_shows_blank(qapp):
    from array import array

    from jixiao.core.activities import ActivityFilter
    from jixiao.gui.models.activity_table import ActivityTableModel

    model = ActivityTableModel(lambda text: text)
    model.set_windowed(
        lambda query, sort, descending: array("q", [5, 9]), lambda ids: {}, 2, ActivityFilter()
    )
    assert model.rowCount() == 2 and [model.activity_id(r) for r in range(2)] == [5, 9]
    title = [name for name, *_ in COLUMNS].index("title")
    assert model.index(1, title).data() == ""
