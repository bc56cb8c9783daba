"""SQL for a year's projects (一级 with 二级 children) and their payments. Callers own transactions."""

from __future__ import annotations

from sqlite_utils import Database

from jixiao.core.model import Payment, Project
from jixiao.store.ordering import next_position, set_order

_FIELDS = (
    "name",
    "funding_source",
    "implementer",
    "initial_fen",
    "adjusted_fen",
    "is_key",
    "expected_goal",
    "actual_result",
    "performance_text",
)


def _values(project: Project) -> list:
    return [int(project.is_key) if name == "is_key" else getattr(project, name) for name in _FIELDS]


def _siblings_where(parent_id: int | None) -> tuple[str, list]:
    if parent_id is None:
        return "year_id = ? AND parent_id IS NULL", []
    return "year_id = ? AND parent_id = ?", [parent_id]


def insert_project(db: Database, year_id: int, project: Project, parent_id: int | None = None) -> int:
    """Append *project* (without payments, indicators or children) under *parent_id*; returns its id."""
    where, extra = _siblings_where(parent_id)
    position = next_position(db, "project", where, [year_id, *extra])
    columns = ("year_id", "parent_id", "position", *_FIELDS)
    return db.execute(
        f"INSERT INTO project ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [year_id, parent_id, position, *_values(project)],
    ).lastrowid


def update_project(db: Database, project: Project) -> bool:
    """Overwrite the plain fields of project ``project.id``."""
    assignments = ", ".join(f"{name} = ?" for name in _FIELDS)
    cursor = db.execute(f"UPDATE project SET {assignments} WHERE id = ?", [*_values(project), project.id])
    return cursor.rowcount == 1


def delete_project(db: Database, project_id: int) -> bool:
    """Delete a project with its children, payments and indicators."""
    return db.execute("DELETE FROM project WHERE id = ?", [project_id]).rowcount == 1


def project_place(db: Database, project_id: int) -> tuple[int, int | None] | None:
    """``(year_id, parent_id)`` of a project, or None."""
    row = db.execute("SELECT year_id, parent_id FROM project WHERE id = ?", [project_id]).fetchone()
    return (row[0], row[1]) if row else None


def child_count(db: Database, project_id: int) -> int:
    return db.execute("SELECT count(*) FROM project WHERE parent_id = ?", [project_id]).fetchone()[0]


def payment_count(db: Database, project_id: int) -> int:
    return db.execute("SELECT count(*) FROM payment WHERE project_id = ?", [project_id]).fetchone()[0]


def sibling_project_ids(db: Database, year_id: int, parent_id: int | None) -> list[int]:
    where, extra = _siblings_where(parent_id)
    return [
        r[0]
        for r in db.execute(f"SELECT id FROM project WHERE {where} ORDER BY position, id", [year_id, *extra])
    ]


def reorder_projects(db: Database, ids: list[int]) -> None:
    set_order(db, "project", ids)


def insert_payment(db: Database, project_id: int, payment: Payment) -> int:
    return db.execute(
        "INSERT INTO payment (project_id, date, amount_fen, note) VALUES (?, ?, ?, ?)",
        [project_id, payment.date.isoformat(), payment.amount_fen, payment.note],
    ).lastrowid


def update_payment(db: Database, payment: Payment) -> bool:
    cursor = db.execute(
        "UPDATE payment SET date = ?, amount_fen = ?, note = ? WHERE id = ?",
        [payment.date.isoformat(), payment.amount_fen, payment.note, payment.id],
    )
    return cursor.rowcount == 1


def delete_payment(db: Database, payment_id: int) -> bool:
    return db.execute("DELETE FROM payment WHERE id = ?", [payment_id]).rowcount == 1


def project_of_payment(db: Database, payment_id: int) -> int | None:
    row = db.execute("SELECT project_id FROM payment WHERE id = ?", [payment_id]).fetchone()
    return row[0] if row else None
