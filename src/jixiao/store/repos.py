"""Rows ↔ dataclasses for a whole fiscal year (see ``store/schema.py`` for the tables).

``db`` is the sqlite-utils ``Database`` of an open book (``open_book(...).db``, foreign keys on).
Writers (``insert_year``, ``delete_year``) must run inside the caller's ``db.atomic()`` and never
commit; they raise ``RuntimeError`` when called outside a transaction.

``load_year`` runs one query per table (not per row): a year of 100,000 activities loads in about
a second (see tests/store/test_repos.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal

from sqlite_utils import Database

from jixiao.core.errors import N_, JixiaoError, Message, NotFoundError
from jixiao.core.model import (
    BUDGET_LINES,
    Activity,
    ActivityType,
    Attachment,
    BudgetLine,
    FiscalYear,
    Indicator,
    Measure,
    Metric,
    Payment,
    Project,
    Task,
    Unit,
)
from jixiao.core.yearpackage import decimal_text
from jixiao.store import unit as unit_store
from jixiao.store.activities import ACTIVITY_FIELDS
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


def _dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def load_year(db: Database, year_id: int) -> FiscalYear:
    """The whole year *year_id* with every id filled in.

    Activities: not deleted ones only, sorted by date then id, each with its attachments (bytes
    loaded). Lists keep their stored order.

    :raises NotFoundError: no such year.
    """
    conn = db.conn
    row = conn.execute(
        "SELECT unit_id, year, budget_income_fen, final_income_fen, score_rule, rule_options, layout_profile "
        "FROM fiscal_year WHERE id = ?",
        (year_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(what=Message(MSG_YEAR_RECORD, id=year_id))
    unit_id, year, budget_income, final_income, score_rule, rule_options, layout_profile = row
    fy = FiscalYear(
        year=year,
        unit=_load_unit(conn, unit_id),
        budget_income_fen=budget_income,
        final_income_fen=final_income,
        score_rule=score_rule,
        rule_options=json.loads(rule_options),
        layout_profile=layout_profile,
        id=year_id,
    )
    for line, initial, adjusted, executed in conn.execute(
        "SELECT line, initial_fen, adjusted_fen, executed_fen FROM budget_line WHERE year_id = ?", (year_id,)
    ):
        fy.budget[line] = BudgetLine(line, initial, adjusted, executed)
    fy.budget = {key: fy.budget[key] for key in BUDGET_LINES if key in fy.budget}
    for key, text in conn.execute(
        "SELECT key, text FROM year_text WHERE year_id = ? ORDER BY id", (year_id,)
    ):
        fy.texts[key] = text
    for kind, text in conn.execute(
        "SELECT kind, text FROM year_list_item WHERE year_id = ? ORDER BY position, id", (year_id,)
    ):
        getattr(fy, LIST_KINDS[kind]).append(text)

    tasks: dict[int, Task] = {}
    for task_id, title, goal_text, intro in conn.execute(
        "SELECT id, title, goal_text, intro FROM task WHERE year_id = ? ORDER BY position, id", (year_id,)
    ):
        tasks[task_id] = Task(title=title, goal_text=goal_text, intro=intro, id=task_id)
    for measure_id, task_id, title, text in conn.execute(
        "SELECT m.id, m.task_id, m.title, m.text FROM measure m JOIN task t ON t.id = m.task_id "
        "WHERE t.year_id = ? ORDER BY m.task_id, m.position, m.id",
        (year_id,),
    ):
        tasks[task_id].measures.append(Measure(title=title, text=text, id=measure_id))
    fy.tasks = list(tasks.values())
    fy.activity_types = [
        ActivityType(name=name, measure_word=word, counts=tuple(json.loads(counts)), id=type_id)
        for type_id, name, word, counts in conn.execute(
            "SELECT id, name, measure_word, counts FROM activity_type WHERE year_id = ? ORDER BY position, id",
            (year_id,),
        )
    ]
    fy.activities = _load_activities(conn, year_id)
    fy.projects = _load_projects(conn, year_id)
    fy.indicators = _load_indicators(conn, year_id).get(None, [])
    fy.metrics = [
        Metric(name=name, value=Decimal(value), unit=unit, note=note, id=metric_id)
        for metric_id, name, value, unit, note in conn.execute(
            "SELECT id, name, value, unit, note FROM metric WHERE year_id = ? ORDER BY position, id",
            (year_id,),
        )
    ]
    fy.report = load_year_report(conn, year_id)
    return fy


def _load_unit(conn, unit_id: int) -> Unit:
    (full_name, short_name, self_name, supervisor, staffing, person, phone, kind) = conn.execute(
        "SELECT full_name, short_name, self_name, supervisor, staffing, contact_person, contact_phone, kind "
        "FROM unit WHERE id = ?",
        (unit_id,),
    ).fetchone()
    duties = [
        t
        for (t,) in conn.execute(
            "SELECT text FROM unit_duty WHERE unit_id = ? ORDER BY position, id", (unit_id,)
        )
    ]
    departments = [
        n
        for (n,) in conn.execute(
            "SELECT name FROM unit_department WHERE unit_id = ? ORDER BY position, id", (unit_id,)
        )
    ]
    return Unit(
        full_name,
        short_name,
        self_name,
        supervisor,
        staffing,
        person,
        phone,
        duties,
        departments,
        kind=kind,
        id=unit_id,
    )


def _load_activities(conn, year_id: int) -> list[Activity]:
    days: dict[str, dt.date] = {}
    activities: list[Activity] = []
    by_id: dict[int, Activity] = {}
    columns = ("id", *ACTIVITY_FIELDS)
    for row in conn.execute(
        f"SELECT {', '.join(columns)} FROM activity WHERE year_id = ? AND deleted_at IS NULL ORDER BY date, id",
        (year_id,),
    ):
        values = dict(zip(columns, row, strict=True))
        day = values["date"]
        date = days.get(day)
        if date is None:
            date = days[day] = dt.date.fromisoformat(day)
        values["date"] = date
        activity = Activity(**values)  # by keyword: a new model field cannot shift the others
        activity_id = activity.id
        activities.append(activity)
        by_id[activity_id] = activity
    for attachment_id, activity_id, filename, media_type, data in conn.execute(
        "SELECT at.id, at.activity_id, at.filename, at.media_type, at.data FROM attachment at "
        "JOIN activity a ON a.id = at.activity_id WHERE a.year_id = ? AND a.deleted_at IS NULL "
        "ORDER BY at.activity_id, at.position, at.id",
        (year_id,),
    ):
        by_id[activity_id].attachments.append(Attachment(filename, bytes(data), media_type, attachment_id))
    return activities


def _load_projects(conn, year_id: int) -> list[Project]:
    by_id: dict[int, Project] = {}
    top: list[Project] = []
    for (
        project_id,
        parent_id,
        name,
        funding_source,
        implementer,
        initial,
        adjusted,
        is_key,
        expected,
        actual,
        performance,
    ) in conn.execute(
        "SELECT id, parent_id, name, funding_source, implementer, initial_fen, adjusted_fen, is_key, "
        "expected_goal, actual_result, performance_text FROM project WHERE year_id = ? "
        "ORDER BY parent_id IS NOT NULL, parent_id, position, id",
        (year_id,),
    ):
        project = Project(
            name=name,
            funding_source=funding_source,
            implementer=implementer,
            initial_fen=initial,
            adjusted_fen=adjusted,
            is_key=bool(is_key),
            expected_goal=expected,
            actual_result=actual,
            performance_text=performance,
            id=project_id,
        )
        by_id[project_id] = project
        if parent_id is None:
            top.append(project)
        else:
            by_id[parent_id].children.append(project)
    for payment_id, project_id, day, amount, note in conn.execute(
        "SELECT pay.id, pay.project_id, pay.date, pay.amount_fen, pay.note FROM payment pay "
        "JOIN project p ON p.id = pay.project_id WHERE p.year_id = ? ORDER BY pay.id",
        (year_id,),
    ):
        by_id[project_id].payments.append(Payment(dt.date.fromisoformat(day), amount, note, payment_id))
    for project_id, indicators in _load_indicators(conn, year_id).items():
        if project_id is not None:
            by_id[project_id].indicators = indicators
    return top


def _load_indicators(conn, year_id: int) -> dict[int | None, list[Indicator]]:
    """Indicators of the year by owner: project id, or None for the department's own."""
    owners: dict[int | None, list[Indicator]] = {}
    for (
        indicator_id,
        project_id,
        level1,
        level2,
        level3,
        kind,
        target,
        unit,
        actual,
        source,
        points,
        override,
        note,
        band,
        applicable,
        reason,
    ) in conn.execute(
        "SELECT id, project_id, level1, level2, level3, kind, target, unit, actual, actual_source, points, "
        "score_override, override_note, qual_band, applicable, deviation_reason FROM indicator "
        "WHERE year_id = ? ORDER BY project_id IS NOT NULL, project_id, position, id",
        (year_id,),
    ):
        owners.setdefault(project_id, []).append(
            Indicator(
                level1=level1,
                level2=level2,
                level3=level3,
                kind=kind,
                points=Decimal(points),
                target=target,
                unit=unit,
                actual=actual,
                actual_source=None if source is None else json.loads(source),
                score_override=_dec(override),
                override_note=note,
                qual_band=band,
                applicable=bool(applicable),
                deviation_reason=reason,
                id=indicator_id,
            )
        )
    return owners


# -- writing ------------------------------------------------------------------------------------


def _require_transaction(db: Database) -> None:
    if not db.conn.in_transaction:
        raise RuntimeError("write the year book inside db.atomic()")


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def save_unit(db: Database, unit: Unit) -> int:
    """Insert *unit*, or update the unit with the same full name (profile, duties, departments)."""
    _require_transaction(db)
    conn = db.conn
    profile = (
        unit.short_name,
        unit.self_name,
        unit.supervisor,
        unit.staffing,
        unit.contact_person,
        unit.contact_phone,
    )
    unit_id = find_unit_id(db, unit.full_name)
    if unit_id is None:
        unit_id = conn.execute(
            "INSERT INTO unit (full_name, short_name, self_name, supervisor, staffing, contact_person, "
            "contact_phone, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (unit.full_name, *profile, unit.kind or unit_store.DEFAULT_KIND),
        ).lastrowid
    else:
        if unit.kind:  # a package without a kind keeps the unit's
            conn.execute("UPDATE unit SET kind = ? WHERE id = ?", (unit.kind, unit_id))
        conn.execute(
            "UPDATE unit SET short_name = ?, self_name = ?, supervisor = ?, staffing = ?, contact_person = ?, "
            "contact_phone = ? WHERE id = ?",
            (*profile, unit_id),
        )
        conn.execute("DELETE FROM unit_duty WHERE unit_id = ?", (unit_id,))
        conn.execute("DELETE FROM unit_department WHERE unit_id = ?", (unit_id,))
    conn.executemany(
        "INSERT INTO unit_duty (unit_id, position, text) VALUES (?, ?, ?)",
        [(unit_id, i, text) for i, text in enumerate(unit.duties)],
    )
    conn.executemany(
        "INSERT INTO unit_department (unit_id, position, name) VALUES (?, ?, ?)",
        [(unit_id, i, name) for i, name in enumerate(unit.departments)],
    )
    return unit_id


def insert_year(db: Database, fy: FiscalYear) -> int:
    """Insert the complete year *fy*; returns its new id. *fy* is not changed.

    The unit is matched by full name (its profile, duties and departments are updated) or created.
    Activities refer to tasks, measures and types by the ids those have in *fy*; they are mapped to
    the new rows. Deleted activities are kept as deleted. Run inside ``db.atomic()``.

    :raises ValueError: *fy* is inconsistent (a reference to an id not in *fy*, grandchild projects,
        an unknown budget line).
    :raises sqlite3.IntegrityError: the unit already has this year, or a value breaks a constraint.
    """
    _require_transaction(db)
    conn = db.conn
    unit_id = save_unit(db, fy.unit)
    year_id = conn.execute(
        "INSERT INTO fiscal_year (unit_id, year, budget_income_fen, final_income_fen, score_rule, rule_options, "
        "layout_profile) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            unit_id,
            fy.year,
            fy.budget_income_fen,
            fy.final_income_fen,
            fy.score_rule,
            _json(fy.rule_options),
            fy.layout_profile,
        ),
    ).lastrowid
    unknown = set(fy.budget) - set(BUDGET_LINES)
    if unknown:
        raise ValueError(f"unknown budget lines: {sorted(unknown)}")
    conn.executemany(
        "INSERT INTO budget_line (year_id, line, initial_fen, adjusted_fen, executed_fen) VALUES (?, ?, ?, ?, ?)",
        [
            (
                year_id,
                key,
                fy.budget[key].initial_fen,
                fy.budget[key].adjusted_fen,
                fy.budget[key].executed_fen,
            )
            for key in BUDGET_LINES
            if key in fy.budget
        ],
    )
    conn.executemany(
        "INSERT INTO year_text (year_id, key, text) VALUES (?, ?, ?)",
        [(year_id, key, text) for key, text in fy.texts.items()],
    )
    conn.executemany(
        "INSERT INTO year_list_item (year_id, kind, position, text) VALUES (?, ?, ?, ?)",
        [
            (year_id, kind, position, text)
            for kind, attr in LIST_KINDS.items()
            for position, text in enumerate(getattr(fy, attr))
        ],
    )
    task_ids: dict[int, int] = {}
    measure_ids: dict[int, int] = {}
    for position, task in enumerate(fy.tasks):
        new_task = conn.execute(
            "INSERT INTO task (year_id, position, title, goal_text, intro) VALUES (?, ?, ?, ?, ?)",
            (year_id, position, task.title, task.goal_text, task.intro),
        ).lastrowid
        if task.id is not None:
            task_ids[task.id] = new_task
        for m_position, measure in enumerate(task.measures):
            new_measure = conn.execute(
                "INSERT INTO measure (task_id, position, title, text) VALUES (?, ?, ?, ?)",
                (new_task, m_position, measure.title, measure.text),
            ).lastrowid
            if measure.id is not None:
                measure_ids[measure.id] = new_measure
    type_ids: dict[int, int] = {}
    for position, kind in enumerate(fy.activity_types):
        new_type = conn.execute(
            "INSERT INTO activity_type (year_id, position, name, measure_word, counts) VALUES (?, ?, ?, ?, ?)",
            (year_id, position, kind.name, kind.measure_word, json.dumps(list(kind.counts))),
        ).lastrowid
        if kind.id is not None:
            type_ids[kind.id] = new_type
    _insert_activities(conn, year_id, fy.activities, task_ids, measure_ids, type_ids)
    for position, project in enumerate(fy.projects):
        _insert_project(conn, year_id, None, position, project)
    _insert_indicators(conn, year_id, None, fy.indicators)
    conn.executemany(
        "INSERT INTO metric (year_id, position, name, value, unit, note) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (year_id, position, m.name, decimal_text(m.value), m.unit, m.note)
            for position, m in enumerate(fy.metrics)
        ],
    )
    save_year_report(conn, year_id, fy.report)
    return year_id


def _mapped(ids: dict[int, int], old: int | None, what: str, activity: Activity) -> int | None:
    if old is None:
        return None
    if old not in ids:
        raise ValueError(f"activity {activity.title!r} refers to {what} id {old}, which is not in the year")
    return ids[old]


def _insert_activities(conn, year_id, activities, task_ids, measure_ids, type_ids) -> None:
    """Bulk insert with ids allocated here (the book is locked to this process and in a transaction)."""
    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM activity").fetchone()[0]
    deleted_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    rows = []
    attachments = []
    for a in activities:
        if a.type_id is None:
            raise ValueError(f"activity {a.title!r} has no type")
        rows.append(
            (
                next_id,
                year_id,
                a.date.isoformat(),
                _mapped(task_ids, a.task_id, "task", a),
                _mapped(measure_ids, a.measure_id, "measure", a),
                _mapped(type_ids, a.type_id, "activity type", a),
                a.title,
                a.notes,
                a.place,
                a.sessions,
                a.participants,
                a.enterprises,
                a.items,
                a.amount_fen,
                deleted_at if a.deleted else None,
            )
        )
        for position, att in enumerate(a.attachments):
            data = bytes(att.data)
            attachments.append(
                (
                    next_id,
                    position,
                    att.filename,
                    att.media_type,
                    len(data),
                    hashlib.sha256(data).hexdigest(),
                    data,
                )
            )
        next_id += 1
    conn.executemany(
        "INSERT INTO activity (id, year_id, date, task_id, measure_id, type_id, title, notes, place, sessions, "
        "participants, enterprises, items, amount_fen, deleted_at) VALUES "
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO attachment (activity_id, position, filename, media_type, size, sha256, data) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        attachments,
    )


def _insert_project(conn, year_id: int, parent_id: int | None, position: int, p: Project) -> None:
    if parent_id is not None and p.children:
        raise ValueError(f"project {p.name!r}: projects nest one level only")
    project_id = conn.execute(
        "INSERT INTO project (year_id, parent_id, position, name, funding_source, implementer, initial_fen, "
        "adjusted_fen, is_key, expected_goal, actual_result, performance_text) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            year_id,
            parent_id,
            position,
            p.name,
            p.funding_source,
            p.implementer,
            p.initial_fen,
            p.adjusted_fen,
            int(p.is_key),
            p.expected_goal,
            p.actual_result,
            p.performance_text,
        ),
    ).lastrowid
    conn.executemany(
        "INSERT INTO payment (project_id, date, amount_fen, note) VALUES (?, ?, ?, ?)",
        [(project_id, pay.date.isoformat(), pay.amount_fen, pay.note) for pay in p.payments],
    )
    _insert_indicators(conn, year_id, project_id, p.indicators)
    for child_position, child in enumerate(p.children):
        _insert_project(conn, year_id, project_id, child_position, child)


def _insert_indicators(conn, year_id: int, project_id: int | None, indicators: list[Indicator]) -> None:
    conn.executemany(
        "INSERT INTO indicator (year_id, project_id, position, level1, level2, level3, kind, target, unit, "
        "actual, actual_source, points, score_override, override_note, qual_band, applicable, deviation_reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                year_id,
                project_id,
                position,
                i.level1,
                i.level2,
                i.level3,
                i.kind,
                i.target,
                i.unit,
                i.actual,
                None if i.actual_source is None else _json(i.actual_source),
                decimal_text(i.points),
                None if i.score_override is None else decimal_text(i.score_override),
                i.override_note,
                i.qual_band,
                int(i.applicable),
                i.deviation_reason,
            )
            for position, i in enumerate(indicators)
        ],
    )


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
