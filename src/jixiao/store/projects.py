"""SQL for a year's projects (一级 with 二级 children) and their payments. Callers own transactions."""

from __future__ import annotations

from jixiao.core.model import Indicator, Payment, Project
from jixiao.store.connection import Database
from jixiao.store.ordering import next_position, set_order
from jixiao.store.rows import PAYMENT, PROJECT


def _siblings_where(parent_id: int | None) -> tuple[str, list]:
    if parent_id is None:
        return "year_id = ? AND parent_id IS NULL", []
    return "year_id = ? AND parent_id = ?", [parent_id]


def insert_project(db: Database, year_id: int, project: Project, parent_id: int | None = None) -> int:
    """Append *project* (without payments, indicators or children) under *parent_id*; returns its id."""
    where, extra = _siblings_where(parent_id)
    position = next_position(db, "project", where, [year_id, *extra])
    return PROJECT.insert(db, project, year_id=year_id, parent_id=parent_id, position=position)


def update_project(db: Database, project: Project) -> bool:
    """Overwrite the plain fields of project ``project.id``."""
    return PROJECT.update(db, project)


def delete_project(db: Database, project_id: int) -> bool:
    """Delete a project with its children, payments and indicators."""
    return PROJECT.delete(db, project_id)


def list_projects(
    db: Database, year_id: int, indicators: dict[int | None, list[Indicator]] | None = None
) -> list[Project]:
    """The year's 一级 projects in order, each with its payments, its 二级 children and, when
    *indicators* (by project id, as ``indicators.list_indicators`` gives) is given, its indicators."""
    by_id: dict[int, Project] = {}
    top: list[Project] = []
    for row in db.execute(
        f"SELECT id, parent_id, {PROJECT.columns()} FROM project WHERE year_id = ? "
        "ORDER BY parent_id IS NOT NULL, parent_id, position, id",
        [year_id],
    ):
        project = PROJECT.build(row[2:], id=row[0])
        by_id[row[0]] = project
        (top if row[1] is None else by_id[row[1]].children).append(project)
    for row in db.execute(
        f"SELECT pay.id, pay.project_id, {PAYMENT.columns('pay.')} FROM payment pay "
        "JOIN project p ON p.id = pay.project_id WHERE p.year_id = ? ORDER BY pay.id",
        [year_id],
    ):
        by_id[row[1]].payments.append(PAYMENT.build(row[2:], id=row[0]))
    for project_id, owned in (indicators or {}).items():
        if project_id is not None:
            by_id[project_id].indicators = owned
    return top


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
    return PAYMENT.insert(db, payment, project_id=project_id)


def update_payment(db: Database, payment: Payment) -> bool:
    return PAYMENT.update(db, payment)


def delete_payment(db: Database, payment_id: int) -> bool:
    return PAYMENT.delete(db, payment_id)


def project_of_payment(db: Database, payment_id: int) -> int | None:
    row = db.execute("SELECT project_id FROM payment WHERE id = ?", [payment_id]).fetchone()
    return row[0] if row else None
