"""SQL for the unit (单位) and its ordered duties and departments. Callers own transactions."""

from __future__ import annotations

from sqlite_utils import Database

from jixiao.core.model import Unit

_FIELDS = (
    "full_name",
    "short_name",
    "self_name",
    "supervisor",
    "staffing",
    "contact_person",
    "contact_phone",
    "kind",
)
DEFAULT_KIND = "administration"  # core.unit_kinds.DEFAULT_KIND, for a unit saved without a kind


def get_unit(db: Database, unit_id: int | None = None) -> Unit | None:
    """The unit *unit_id* (the file's first unit when None) with duties and departments, or None."""
    if unit_id is None:
        row = db.execute(f"SELECT id, {', '.join(_FIELDS)} FROM unit ORDER BY id LIMIT 1").fetchone()
    else:
        row = db.execute(f"SELECT id, {', '.join(_FIELDS)} FROM unit WHERE id = ?", [unit_id]).fetchone()
    if row is None:
        return None
    unit = Unit(**dict(zip(_FIELDS, row[1:], strict=True)), id=row[0])
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
    values = [getattr(unit, name) for name in _FIELDS]
    values[_FIELDS.index("kind")] = unit.kind or DEFAULT_KIND
    cursor = db.execute(
        f"INSERT INTO unit ({', '.join(_FIELDS)}) VALUES ({', '.join('?' for _ in _FIELDS)})", values
    )
    unit_id = cursor.lastrowid
    set_duties(db, unit_id, unit.duties)
    set_departments(db, unit_id, unit.departments)
    return unit_id


def update_unit_fields(db: Database, unit: Unit) -> bool:
    """Overwrite the plain fields of unit ``unit.id`` (its kind only when given); False when there is
    no such unit."""
    fields = [n for n in _FIELDS if n != "kind" or unit.kind]
    assignments = ", ".join(f"{name} = ?" for name in fields)
    cursor = db.execute(
        f"UPDATE unit SET {assignments} WHERE id = ?", [*(getattr(unit, n) for n in fields), unit.id]
    )
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
