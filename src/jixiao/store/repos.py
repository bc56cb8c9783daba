"""A whole fiscal year in and out of the book, through the per-table modules (``store/tasks.py`` …),
whose rows are encoded once by ``store/rows.py`` (see ``store/schema.py`` for the tables).

``db`` is the ``store.connection.Database`` of an open book (``open_book(...).db``, foreign keys on).
Writers (``insert_year``, ``delete_year``) must run inside the caller's ``db.atomic()`` and never
commit; they raise ``RuntimeError`` when called outside a transaction.

``load_year`` runs one query per table (not per row): a year of 100,000 activities loads in about
a second (see tests/store/test_repos.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from jixiao.core.errors import N_, JixiaoError, Message, NotFoundError
from jixiao.core.model import BUDGET_LINES, Activity, FiscalYear, Indicator, Measure, Project, Unit
from jixiao.store import activities as activities_store
from jixiao.store import activity_types as types_store
from jixiao.store import indicators as indicators_store
from jixiao.store import metrics as metrics_store
from jixiao.store import money_block as money_block_store
from jixiao.store import projects as projects_store
from jixiao.store import tasks as tasks_store
from jixiao.store import texts as texts_store
from jixiao.store import unit as unit_store
from jixiao.store.connection import Database
from jixiao.store.rows import FISCAL_YEAR
from jixiao.store.year_report import load_year_report, save_year_report

LIST_KINDS = {"goal": "goals", "problem": "problems", "improvement": "improvements"}
MSG_YEAR_RECORD = N_("Year record {id}")
MSG_SEVERAL_UNITS = N_("The data file holds the year {year} for several units ({units}); choose one.")


# -- finding ------------------------------------------------------------------------------------


def find_unit_id(db: Database, full_name: str) -> int | None:
    """The id of the unit named exactly *full_name* (the oldest one if several), or None."""
    row = db.conn.execute(
        "SELECT id FROM unit WHERE full_name = ? ORDER BY id LIMIT 1", (full_name,)
    ).fetchone()
    return row[0] if row else None


def find_year_id(db: Database, year: int, unit_id: int | None = None) -> int | None:
    """The id of *year* of unit *unit_id* (of any unit when None), or None when there is none.

    :raises JixiaoError: *unit_id* is None and several units have that year.
    """
    if unit_id is not None:
        row = db.conn.execute(
            "SELECT id FROM fiscal_year WHERE unit_id = ? AND year = ?", (unit_id, year)
        ).fetchone()
        return row[0] if row else None
    rows = db.conn.execute(
        "SELECT fy.id, u.full_name FROM fiscal_year fy JOIN unit u ON u.id = fy.unit_id WHERE fy.year = ? ORDER BY fy.id",
        (year,),
    ).fetchall()
    if len(rows) > 1:
        raise JixiaoError(MSG_SEVERAL_UNITS, year=year, units="、".join(name for _, name in rows))
    return rows[0][0] if rows else None


def list_years(db: Database) -> list[tuple[int, str, int]]:
    """Every year in the book as ``(year_id, unit full name, year)``, by unit name then year."""
    rows = db.conn.execute(
        "SELECT fy.id, u.full_name, fy.year FROM fiscal_year fy JOIN unit u ON u.id = fy.unit_id "
        "ORDER BY u.full_name, fy.year, fy.id"
    )
    return [tuple(row) for row in rows]


# -- loading ------------------------------------------------------------------------------------


def load_year(db: Database, year_id: int, activities: bool = True) -> FiscalYear:
    """The whole year *year_id* with every id filled in.

    Activities: not deleted ones only, sorted by date then id, each with its attachments (bytes
    loaded); none when *activities* is False (``store.activities.iter_many`` streams them). Lists
    keep their stored order.

    :raises NotFoundError: no such year.
    """
    row = db.conn.execute(
        f"SELECT unit_id, {FISCAL_YEAR.columns()} FROM fiscal_year WHERE id = ?", (year_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(what=Message(MSG_YEAR_RECORD, id=year_id))
    fy = FISCAL_YEAR.build(row[1:], unit=unit_store.get_unit(db, row[0]), id=year_id)
    lines = money_block_store.list_lines(db, year_id)
    fy.budget = {key: lines[key] for key in BUDGET_LINES if key in lines}
    fy.texts = texts_store.all_texts(db, year_id)
    for kind, items in texts_store.all_lists(db, year_id).items():
        setattr(fy, LIST_KINDS[kind], items)
    fy.tasks = tasks_store.list_tasks(db, year_id)
    fy.activity_types = types_store.list_types(db, year_id)
    if activities:
        fy.activities = activities_store.load_many(db, year_id)  # the collector paused meanwhile
    indicators = indicators_store.list_indicators(db, year_id)
    fy.projects = projects_store.list_projects(db, year_id, indicators)
    fy.indicators = indicators.get(None, [])
    fy.metrics = metrics_store.list_metrics(db, year_id)
    fy.report = load_year_report(db.conn, year_id)
    return fy


# -- writing ------------------------------------------------------------------------------------


def _require_transaction(db: Database) -> None:
    if not db.conn.in_transaction:
        raise RuntimeError("write the year book inside db.atomic()")


def save_unit(db: Database, unit: Unit) -> int:
    """Insert *unit*, or update the unit with the same full name (profile, duties, departments)."""
    _require_transaction(db)
    unit_id = find_unit_id(db, unit.full_name)
    if unit_id is None:
        return unit_store.insert_unit(db, unit)
    unit_store.update_unit_fields(db, replace(unit, id=unit_id))  # a package without a kind keeps the unit's
    unit_store.set_duties(db, unit_id, unit.duties)
    unit_store.set_departments(db, unit_id, unit.departments)
    return unit_id


def insert_year(db: Database, fy: FiscalYear, activities: Iterable[Activity] | None = None) -> int:
    """Insert the complete year *fy*; returns its new id. *fy* is not changed.

    *activities* (default ``fy.activities``) may be a generator, consumed once, for a year too large
    to hold (an import streams them from the file); they refer to *fy*'s tasks, measures and types.

    The unit is matched by full name (its profile, duties and departments are updated) or created.
    Activities refer to tasks, measures and types by the ids those have in *fy*; they are mapped to
    the new rows. Deleted activities are kept as deleted. Run inside ``db.atomic()``.

    :raises ValueError: *fy* is inconsistent (a reference to an id not in *fy*, grandchild projects,
        an unknown budget line).
    :raises sqlite3.IntegrityError: the unit already has this year, or a value breaks a constraint.
    """
    _require_transaction(db)
    unit_id = save_unit(db, fy.unit)
    year_id = FISCAL_YEAR.insert(db.conn, fy, unit_id=unit_id)
    unknown = set(fy.budget) - set(BUDGET_LINES)
    if unknown:
        raise ValueError(f"unknown budget lines: {sorted(unknown)}")
    money_block_store.save_lines(db, year_id, [fy.budget[key] for key in BUDGET_LINES if key in fy.budget])
    texts_store.save_texts(db, year_id, fy.texts)
    for kind, attr in LIST_KINDS.items():
        texts_store.set_list(db, year_id, kind, getattr(fy, attr))
    task_ids: dict[int, int] = {}
    measure_ids: dict[int, int] = {}
    for position, task in enumerate(fy.tasks):
        measures: list[Measure] = [replace(m) for m in task.measures]
        copied = replace(task, measures=measures)  # *fy* is not changed
        new_task = tasks_store.insert_task(db, year_id, copied, position)
        if task.id is not None:
            task_ids[task.id] = new_task
        for measure, new in zip(task.measures, copied.measures, strict=True):
            if measure.id is not None and new.id is not None:  # insert_task gave *new* its id
                measure_ids[measure.id] = new.id
    type_ids: dict[int, int] = {}
    for activity_type in fy.activity_types:
        new_type = types_store.insert_type(db, year_id, activity_type)
        if activity_type.id is not None:
            type_ids[activity_type.id] = new_type

    def refs(a: Activity) -> tuple[int | None, int | None, int]:
        if a.type_id is None:
            raise ValueError(f"activity {a.title!r} has no type")
        return (
            None if a.task_id is None else _mapped(task_ids, a.task_id, "task", a),
            None if a.measure_id is None else _mapped(measure_ids, a.measure_id, "measure", a),
            _mapped(type_ids, a.type_id, "activity type", a),
        )

    activities_store.insert_many(db, year_id, fy.activities if activities is None else activities, refs)
    for project in fy.projects:
        _insert_project(db, year_id, None, project)
    _insert_indicators(db, year_id, None, fy.indicators)
    for metric in fy.metrics:
        metrics_store.insert_metric(db, year_id, metric)
    save_year_report(db.conn, year_id, fy.report)
    return year_id


def _mapped(ids: dict[int, int], old: int, what: str, activity: Activity) -> int:
    if old not in ids:
        raise ValueError(f"activity {activity.title!r} refers to {what} id {old}, which is not in the year")
    return ids[old]


def _insert_project(db: Database, year_id: int, parent_id: int | None, p: Project) -> None:
    if parent_id is not None and p.children:
        raise ValueError(f"project {p.name!r}: projects nest one level only")
    project_id = projects_store.insert_project(db, year_id, p, parent_id)
    for payment in p.payments:
        projects_store.insert_payment(db, project_id, payment)
    _insert_indicators(db, year_id, project_id, p.indicators)
    for child in p.children:
        _insert_project(db, year_id, project_id, child)


def _insert_indicators(
    db: Database, year_id: int, project_id: int | None, indicators: list[Indicator]
) -> None:
    for indicator in indicators:
        indicators_store.insert_indicator(db, year_id, project_id, indicator)


def delete_year(db: Database, year_id: int) -> None:
    """Delete the year *year_id* and everything in it (the unit stays). Run inside ``db.atomic()``.

    :raises NotFoundError: no such year.
    """
    _require_transaction(db)
    conn = db.conn
    if conn.execute("SELECT 1 FROM fiscal_year WHERE id = ?", (year_id,)).fetchone() is None:
        raise NotFoundError(what=Message(MSG_YEAR_RECORD, id=year_id))
    # Activities first: their type reference is ON DELETE RESTRICT.
    conn.execute("DELETE FROM activity WHERE year_id = ?", (year_id,))
    conn.execute("DELETE FROM fiscal_year WHERE id = ?", (year_id,))
