"""SQL for the unit (单位) and its ordered duties and departments. Callers own transactions."""

from __future__ import annotations

from jixiao.core.model import Unit
from jixiao.store.connection import Database
from jixiao.store.rows import UNIT, new_row_id

_FIELDS = UNIT.fields
DEFAULT_KIND = "administration"  # core.unit_kinds.DEFAULT_KIND, for a unit saved without a kind


def get_unit(db: Database, unit_id: int | None = None) -> Unit | None:
    """The unit *unit_id* (the file's first unit when None) with duties and departments, or None."""
    if unit_id is None:
        row = db.execute(f"SELECT id, {', '.join(_FIELDS)} FROM unit ORDER BY id LIMIT 1").fetchone()
    else:
        row = db.execute(f"SELECT id, {', '.join(_FIELDS)} FROM unit WHERE id = ?", [unit_id]).fetchone()
    if row is None:
        return None
    unit = UNIT.build(row[1:], id=row[0])
    unit.duties = [
        r[0]
        for r in db.execute("SELECT text FROM unit_duty WHERE unit_id = ? ORDER BY position, id", [unit.id])
    ]
    unit.departments = [
        r[0]
        for r in db.execute(
            "SELECT name FROM unit_department WHERE unit_id = ? ORDER BY position, id", [unit.id]
        )
    ]
    return unit


def insert_unit(db: Database, unit: Unit) -> int:
    """Insert *unit* with its duties and departments; returns its id."""
    values = UNIT.values(unit)
    values[_FIELDS.index("kind")] = unit.kind or DEFAULT_KIND
    cursor = db.execute(UNIT.insert_sql(), values)
    unit_id = new_row_id(cursor)
    set_duties(db, unit_id, unit.duties)
    set_departments(db, unit_id, unit.departments)
    return unit_id


def update_unit_fields(db: Database, unit: Unit) -> bool:
    """Overwrite the plain fields of unit ``unit.id`` (its kind only when given); False when there is
    no such unit."""
    fields = [n for n in _FIELDS if n != "kind" or unit.kind]
    cursor = db.execute(UNIT.update_sql(fields), [*UNIT.values(unit, fields), unit.id])
    return cursor.rowcount == 1


def unit_exists(db: Database, unit_id: int) -> bool:
    return db.execute("SELECT 1 FROM unit WHERE id = ?", [unit_id]).fetchone() is not None


def set_duties(db: Database, unit_id: int, duties: list[str]) -> None:
    """Replace the unit's 主要职责 with *duties*, in order."""
    db.execute("DELETE FROM unit_duty WHERE unit_id = ?", [unit_id])
    db.conn.executemany(
        "INSERT INTO unit_duty (unit_id, position, text) VALUES (?, ?, ?)",
        [(unit_id, i, text) for i, text in enumerate(duties)],
    )


def set_departments(db: Database, unit_id: int, departments: list[str]) -> None:
    """Replace the unit's 内设机构 with *departments*, in order."""
    db.execute("DELETE FROM unit_department WHERE unit_id = ?", [unit_id])
    db.conn.executemany(
        "INSERT INTO unit_department (unit_id, position, name) VALUES (?, ?, ?)",
        [(unit_id, i, name) for i, name in enumerate(departments)],
    )
