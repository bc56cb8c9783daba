"""Integrity of a data file: SQLite's own checks, the schema jixiao expects, and readable text.

Nothing here writes. ``schema_problems`` compares ``sqlite_master`` with the schema the file's applied
migrations produce (built once per migration count in an in-memory database): any extra table, index,
view or trigger is refused, as is a changed definition — a planted trigger would otherwise run on the
next normal save. ``text_problems`` decodes every TEXT value, because ``quick_check`` does not look
inside values and a damaged one only fails later, in some read (``UnicodeDecodeError``).
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from typing import TYPE_CHECKING

from jixiao.core.errors import N_, Message
from jixiao.store.connection import Database
from jixiao.store.schema import MIGRATIONS_TABLE, MigrationSet, applied_names, migration_set_names
from jixiao.store.schema import migrations as _default_migrations

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations

# What sqlite-utils' ``Migrations`` creates for its table (``ensure_migrations_table``); a test checks
# that these make the same schema as sqlite-utils does.
_MIGRATIONS_TABLE_SQL = (
    f'CREATE TABLE "{MIGRATIONS_TABLE}" ( "id" INTEGER PRIMARY KEY, "migration_set" TEXT, "name" TEXT,'
    ' "applied_at" TEXT )',
    f'CREATE UNIQUE INDEX "idx_{MIGRATIONS_TABLE}_migration_set_name" ON "{MIGRATIONS_TABLE}"'
    ' ("migration_set", "name")',
)
# What sqlite_master calls its objects, for the messages.
KIND_NAMES = {"table": N_("table"), "index": N_("index"), "view": N_("view"), "trigger": N_("trigger")}
_MAX_TEXT_PROBLEMS = 5  # a badly damaged file needs no list of thousands of values


def _conn(db: Database | sqlite3.Connection) -> sqlite3.Connection:
    return db if isinstance(db, sqlite3.Connection) else db.conn


def _normalized(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


def _schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """``(type, name) → normalized SQL`` of every object in ``sqlite_master`` but SQLite's own."""
    rows = conn.execute(
        "SELECT type, name, sql FROM main.sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    )
    return {(kind, name): _normalized(sql) for kind, name, sql in rows}


@cache
def _expected(migration_set: MigrationSet | Migrations, count: int) -> dict[tuple[str, str], str]:
    """The schema of a file that applied the first *count* migrations of *migration_set*.

    jixiao's own set runs its migrations on an in-memory database without sqlite-utils (opening a
    book must not import it); another set (tests) goes through sqlite-utils.
    """
    if isinstance(migration_set, MigrationSet):
        return _expected_light(migration_set, count)
    from sqlite_utils import Database as SqliteUtilsDatabase

    names = migration_set_names(migration_set)
    memory = SqliteUtilsDatabase(memory=True, execute_plugins=False)
    try:
        migration_set.apply(memory, stop_before=names[count:] or None)
        return _schema_of(memory.conn)
    finally:
        memory.close()


def _expected_light(migration_set: MigrationSet, count: int) -> dict[tuple[str, str], str]:
    stored = _stored_schema(migration_set, count)
    if stored is not None:
        return stored
    return _run_in_memory(migration_set, count)


def _stored_schema(migration_set: MigrationSet, count: int) -> dict[tuple[str, str], str] | None:
    """The schema ``store/expected_schema.py`` holds, when the first *count* migrations of
    *migration_set* are exactly the ones it was written for (jixiao's, the same functions); else None.

    That file is what ``_run_in_memory`` makes of jixiao's migrations, written by
    ``scripts/update_expected_schema.py`` (tests/store/test_expected_schema.py checks that it is
    current): reading it spares running every migration at each start.
    """
    from jixiao.store import expected_schema

    own = _default_migrations._migrations
    if count != len(expected_schema.MIGRATIONS) or count > len(own):
        return None
    if tuple(migration.name for migration in own[:count]) != expected_schema.MIGRATIONS:
        return None
    if [m.fn for m in migration_set._migrations[:count]] != [m.fn for m in own[:count]]:
        return None
    return {(kind, name): sql for kind, name, sql in expected_schema.SCHEMA}


def expected_schema_source() -> str:
    """The text of ``store/expected_schema.py`` for jixiao's migrations as they are now."""
    own = _default_migrations._migrations
    schema = _run_in_memory(_default_migrations, len(own))
    lines = [
        '"""The schema jixiao\'s migrations make (``store.integrity``): written by',
        'scripts/update_expected_schema.py from the migrations; do not edit."""',
        "",
        "MIGRATIONS = (",
        *(f"    {migration.name!r}," for migration in own),
        ")",
        "SCHEMA = (",
        *(f"    ({kind!r}, {name!r}, {sql!r})," for (kind, name), sql in sorted(schema.items())),
        ")",
        "",
    ]
    return "\n".join(lines)


def _run_in_memory(migration_set: MigrationSet, count: int) -> dict[tuple[str, str], str]:
    memory = Database(sqlite3.connect(":memory:", isolation_level=None))
    try:
        for statement in _MIGRATIONS_TABLE_SQL:
            memory.execute(statement)
        for migration in migration_set._migrations[:count]:
            with memory.atomic():
                migration.fn(memory)
        return _schema_of(memory.conn)
    finally:
        memory.close()


def schema_problems(
    db: Database | sqlite3.Connection,
    applied: int | None = None,
    migration_set: MigrationSet | Migrations | None = None,
) -> list[Message]:
    """Objects that differ from the schema jixiao made (empty list = as expected).

    :param applied: how many migrations the file applied (default: read from the file).
    The migrations table itself is compared by name only: its text depends on the sqlite-utils version.
    """
    conn = _conn(db)
    migration_set = migration_set or _default_migrations
    if applied is None:
        applied = len(applied_names(conn, migration_set.name))
    expected = _expected(migration_set, applied)
    actual = _schema_of(conn)
    problems = []

    def kind_name(kind: str) -> Message:
        return Message(KIND_NAMES.get(kind, kind))

    for (kind, name), sql in sorted(actual.items()):
        if (kind, name) not in expected:
            problems.append(
                Message(
                    N_("it contains a {kind} jixiao did not create: {name}"), kind=kind_name(kind), name=name
                )
            )
        elif name != MIGRATIONS_TABLE and expected[(kind, name)] != sql:
            problems.append(
                Message(N_("the definition of {kind} {name} was changed"), kind=kind_name(kind), name=name)
            )
    for kind, name in sorted(set(expected) - set(actual)):
        problems.append(Message(N_("the {kind} {name} is missing"), kind=kind_name(kind), name=name))
    return problems


_TEXT_CHUNK_ROWS = 20_000  # rows joined at a time: memory stays a few MB for any size of table


def _text_chunks(conn: sqlite3.Connection, table: str, joined: str, columns: str):
    """The joined text columns of *table*, ``_TEXT_CHUNK_ROWS`` rows at a time (by rowid); the whole
    table at once when it has no rowid."""
    try:
        last = None
        while True:
            where = "" if last is None else "WHERE rowid > ?"
            row = conn.execute(
                f'SELECT max(rid), {joined} FROM (SELECT rowid AS rid, {columns} FROM main."{table}" '
                f"{where} ORDER BY rowid LIMIT {_TEXT_CHUNK_ROWS})",
                () if last is None else (last,),
            ).fetchone()
            if row[0] is None:
                return
            last = row[0]
            yield row[1:]
    except sqlite3.OperationalError:  # a WITHOUT ROWID table (not jixiao's): read it whole
        if last is not None:
            raise
        yield conn.execute(f'SELECT {joined} FROM main."{table}"').fetchone()


def text_problems(db: Database | sqlite3.Connection) -> list[Message]:
    """TEXT values that are not valid UTF-8 (at most a few; empty list = all readable).

    Each table's text columns are joined inside SQLite (a newline between values, so a broken
    sequence cannot hide at a boundary) and decoded at once: ~0.2 s for 100,000 activities
    (bench/bench_store.py measures the whole open).
    """
    conn = _conn(db)
    problems: list[Message] = []
    tables = [row[0] for row in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = [
            row[1]
            for row in conn.execute(f'PRAGMA main.table_info("{table}")')
            if "CHAR" in (row[2] or "").upper() or "TEXT" in (row[2] or "").upper() or not row[2]
        ]
        if not columns:
            continue
        joined = ", ".join(f"CAST(group_concat(CAST(\"{c}\" AS BLOB), X'0A') AS BLOB)" for c in columns)
        bad: set[str] = set()
        for row in _text_chunks(conn, table, joined, ", ".join(f'"{c}"' for c in columns)):
            for column, value in zip(columns, row, strict=True):
                if value is None or column in bad:
                    continue
                try:
                    bytes(value).decode("utf-8")
                except UnicodeDecodeError:
                    bad.add(column)
                    problems.append(
                        Message(N_("a text in {table}.{column} is unreadable"), table=table, column=column)
                    )
                    if len(problems) >= _MAX_TEXT_PROBLEMS:
                        return problems
    return problems


def integrity_problems(db: Database | sqlite3.Connection) -> list[str | Message]:
    """Everything wrong with the file itself (empty list = healthy); nothing is written.

    SQLite's ``integrity_check`` and ``foreign_key_check``, then the schema and the text values.
    """
    conn = _conn(db)
    problems: list[str | Message] = [
        row[0] for row in conn.execute("PRAGMA integrity_check") if row[0] != "ok"
    ]
    for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} refers to a missing {parent} row")
    if problems:
        return problems
    return [*schema_problems(conn), *text_problems(conn)]


def read_failure_of(db: Database, error: BaseException) -> BaseException | None:
    """Whether *error*, raised while working with the file, came from its data: *error* itself when
    it can only mean damage (SQLite, undecodable text); else the failure of reading every year again
    (None when that works — then *error* is a defect of jixiao, not damage)."""
    from jixiao.store.repos import list_years, load_year

    if isinstance(error, sqlite3.DatabaseError | UnicodeDecodeError):
        return error
    try:
        for year_id, _unit, _year in list_years(db):
            load_year(db, year_id)
    except Exception as failure:  # noqa: BLE001 - any failure to read the data is damage
        return failure
    return None
