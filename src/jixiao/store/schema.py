"""The year book's schema: named, append-only migrations (kept in sqlite-utils' migrations table).

Rules for whoever adds a migration: never edit or reorder an existing one; append a new function;
add a fixture of the previous schema under ``tests/fixtures/schemas/`` and a test that upgrades it.

Conventions: STRICT tables, foreign keys on, money as INTEGER fen (``*_fen``), dates as ISO text
(``YYYY-MM-DD``), decimals that are not money (points, scores, metric values) as canonical decimal TEXT
(``core.model.decimal_text``, written by the row codecs of ``store/rows.py``),
ordered lists by an INTEGER ``position`` (0-based), booleans as INTEGER 0/1.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from jixiao.store.connection import Database

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "jixiao"
APPLICATION_ID = 0x4A58_4941  # "JXIA": marks a jixiao file (PRAGMA application_id)
MIGRATIONS_TABLE = "_sqlite_migrations"


@dataclass(frozen=True)
class Migration:
    """One named migration; *fn* changes the schema through ``db.execute``."""

    name: str
    fn: Callable[[Database], None]
    transactional: bool = True


@dataclass(frozen=True)
class AppliedMigration:
    """A migration recorded in a file: its name and when it was applied (text, as sqlite-utils wrote it)."""

    name: str
    applied_at: str


class MigrationSet:
    """Named, ordered migrations, recorded in sqlite-utils' ``_sqlite_migrations`` table.

    Reading which migrations a file applied is plain SQL; applying them goes through sqlite-utils'
    ``Migrations`` (imported then, see ``store/connection.py``), so files stay what sqlite-utils makes.
    """

    migrations_table = MIGRATIONS_TABLE

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(self, *, name: str, transactional: bool = True) -> Callable[[Callable], Callable]:
        """Decorator: append the function as the migration *name*."""

        def register(fn: Callable[[Database], None]) -> Callable[[Database], None]:
            if any(m.name == name for m in self._migrations):
                raise ValueError(f"migration {name} is registered twice")
            self._migrations.append(Migration(name, fn, transactional))
            return fn

        return register

    def names(self) -> list[str]:
        return [migration.name for migration in self._migrations]

    def applied_names(self, conn: sqlite3.Connection) -> list[str]:
        """Names of the migrations of this set the file applied, in order (nothing is written).

        :raises sqlite3.OperationalError: a migrations table that is not sqlite-utils'.
        """
        return applied_names(conn, self.name)

    def applied(self, db: Any) -> list[AppliedMigration]:
        """The migrations of this set the file applied, in order (``db``: a connection or database)."""
        conn = db if isinstance(db, sqlite3.Connection) else db.conn
        if not self.applied_names(conn):
            return []
        rows = conn.execute(
            f"SELECT name, applied_at FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
            [self.name],
        )
        return [AppliedMigration(name, applied_at) for name, applied_at in rows]

    def apply(self, db: Any, *, stop_before: str | Iterable[str] | None = None) -> None:
        """Apply the pending migrations (sqlite-utils ``Migrations.apply``) on *db*'s connection."""
        self.as_sqlite_utils().apply(sqlite_utils_database(db), stop_before=stop_before)

    def as_sqlite_utils(self) -> Migrations:
        """The same set as sqlite-utils ``Migrations`` (imports sqlite-utils)."""
        return _as_sqlite_utils(self, tuple(self._migrations))


@cache
def _as_sqlite_utils(migration_set: MigrationSet, entries: tuple[Migration, ...]) -> Migrations:
    from sqlite_utils.migrations import Migrations

    converted = Migrations(migration_set.name)
    for entry in entries:

        def run(db: sqlite_utils.Database, fn: Callable[[Database], None] = entry.fn) -> None:
            fn(Database(db.conn, recursive_triggers=False))

        run.__name__ = entry.name
        converted(name=entry.name, transactional=entry.transactional)(run)
    return converted


def sqlite_utils_database(db: Any) -> sqlite_utils.Database:
    """A sqlite-utils ``Database`` over the connection of *db* (imports sqlite-utils)."""
    import sqlite_utils

    if isinstance(db, sqlite_utils.Database):
        return db
    conn = db if isinstance(db, sqlite3.Connection) else db.conn
    return sqlite_utils.Database(conn, execute_plugins=False)


def applied_names(conn: sqlite3.Connection, set_name: str = MIGRATION_SET) -> list[str]:
    """Names of the migrations of the set *set_name* recorded in the file, in the order applied.

    :raises sqlite3.OperationalError: a migrations table that is not sqlite-utils'.
    """
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]
    ).fetchone()
    if exists is None:
        return []
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [set_name]
    )
    return [row[0] for row in rows]


def migration_set_names(migration_set: MigrationSet | Migrations) -> list[str]:
    """Names of every migration of *migration_set* (jixiao's or sqlite-utils'), in order."""
    return [migration.name for migration in migration_set._migrations]


migrations = MigrationSet(MIGRATION_SET)

# Budget lines of a year's money block, in table order. "total" is 资金总额.
BUDGET_LINES = (
    "total",  # 资金总额
    "fiscal",  # 财政拨款
    "fiscal_general",  # 其中：一般公共预算
    "fiscal_fund",  # 政府性基金
    "fiscal_state_capital",  # 国有资本经营
    "other",  # 其他资金
    "basic",  # 基本支出
    "project",  # 项目支出
)

# Ordered text lists of a year.
YEAR_LIST_KINDS = ("goal", "problem", "improvement")

# Prose sections of a year (key → report place).
YEAR_TEXT_KEYS = (
    "work_overview",  # 一（二） narrative before "完成的主要工作有"
    "performance_management",  # 一（四）
    "evaluation_summary",  # 二（一） narrative before the score sentence
    "goals_completion",  # score table: 整体绩效目标完成情况
    "goals_shortfall",  # score table: 未能完成原因
    "task_analysis_intro",  # 二（二） optional lead-in
)

INDICATOR_KINDS = (">=", "<=", "=", "qual")
QUAL_BANDS = ("achieved", "partial", "poor")
SCORE_RULES = ("standard", "rate_as_score")
LAYOUT_PROFILES = ("gbt9704", "word")


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


@migrations(name="0001_initial")
def m0001_initial(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE unit (
            id INTEGER PRIMARY KEY,
            full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
            short_name TEXT NOT NULL DEFAULT '',
            self_name TEXT NOT NULL DEFAULT '本部门',
            supervisor TEXT NOT NULL DEFAULT '',
            staffing TEXT NOT NULL DEFAULT '',
            contact_person TEXT NOT NULL DEFAULT '',
            contact_phone TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE unit_duty (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE unit_department (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE fiscal_year (
            id INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
            year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2200),
            budget_income_fen INTEGER NOT NULL DEFAULT 0,
            final_income_fen INTEGER NOT NULL DEFAULT 0,
            score_rule TEXT NOT NULL DEFAULT 'standard' CHECK (score_rule IN {_in(SCORE_RULES)}),
            rule_options TEXT NOT NULL DEFAULT '{{}}' CHECK (json_valid(rule_options)),
            layout_profile TEXT NOT NULL DEFAULT 'gbt9704' CHECK (layout_profile IN {_in(LAYOUT_PROFILES)}),
            UNIQUE (unit_id, year)
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE budget_line (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
            line TEXT NOT NULL CHECK (line IN {_in(BUDGET_LINES)}),
            initial_fen INTEGER NOT NULL DEFAULT 0,
            adjusted_fen INTEGER NOT NULL DEFAULT 0,
            executed_fen INTEGER NOT NULL DEFAULT 0,
            UNIQUE (year_id, line)
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE year_text (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
            key TEXT NOT NULL CHECK (key IN {_in(YEAR_TEXT_KEYS)}),
            text TEXT NOT NULL DEFAULT '',
            UNIQUE (year_id, key)
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE year_list_item (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN {_in(YEAR_LIST_KINDS)}),
            position INTEGER NOT NULL,
            text TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE task (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            goal_text TEXT NOT NULL DEFAULT '',
            intro TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE measure (
            id INTEGER PRIMARY KEY,
            task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            text TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE activity_type (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            measure_word TEXT NOT NULL DEFAULT '次',
            UNIQUE (year_id, name)
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE activity (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
            date TEXT NOT NULL CHECK (date = strftime('%Y-%m-%d', date)),
            task_id INTEGER REFERENCES task(id) ON DELETE SET NULL,
            measure_id INTEGER REFERENCES measure(id) ON DELETE SET NULL,
            type_id INTEGER NOT NULL REFERENCES activity_type(id) ON DELETE RESTRICT,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            notes TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            sessions INTEGER NOT NULL DEFAULT 1 CHECK (sessions >= 0),
            participants INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
            enterprises INTEGER NOT NULL DEFAULT 0 CHECK (enterprises >= 0),
            items INTEGER NOT NULL DEFAULT 0 CHECK (items >= 0),
            amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            deleted_at TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX activity_year_date ON activity(year_id, date)")
    db.execute("CREATE INDEX activity_type_idx ON activity(type_id)")
    db.execute("CREATE INDEX activity_task_idx ON activity(task_id)")
    db.execute("CREATE INDEX activity_measure_idx ON activity(measure_id)")
    db.execute(
        """
        CREATE TABLE attachment (
            id INTEGER PRIMARY KEY,
            activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            filename TEXT NOT NULL CHECK (length(trim(filename)) > 0),
            media_type TEXT NOT NULL DEFAULT 'application/octet-stream',
            size INTEGER NOT NULL CHECK (size >= 0),
            sha256 TEXT NOT NULL,
            data BLOB NOT NULL,
            added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ) STRICT
        """
    )
    db.execute("CREATE INDEX attachment_activity_idx ON attachment(activity_id)")
    db.execute(
        """
        CREATE TABLE project (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES project(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            funding_source TEXT NOT NULL DEFAULT 'fiscal_general',
            implementer TEXT NOT NULL DEFAULT '',
            initial_fen INTEGER NOT NULL DEFAULT 0,
            adjusted_fen INTEGER NOT NULL DEFAULT 0,
            is_key INTEGER NOT NULL DEFAULT 0 CHECK (is_key IN (0, 1)),
            expected_goal TEXT NOT NULL DEFAULT '',
            actual_result TEXT NOT NULL DEFAULT '',
            performance_text TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )
    db.execute("CREATE INDEX project_year_idx ON project(year_id, parent_id)")
    db.execute(
        """
        CREATE TABLE payment (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
            date TEXT NOT NULL CHECK (date = strftime('%Y-%m-%d', date)),
            amount_fen INTEGER NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )
    db.execute("CREATE INDEX payment_project_idx ON payment(project_id)")
    db.execute(
        f"""
        CREATE TABLE indicator (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
            project_id INTEGER REFERENCES project(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            level1 TEXT NOT NULL,
            level2 TEXT NOT NULL,
            level3 TEXT NOT NULL CHECK (length(trim(level3)) > 0),
            kind TEXT NOT NULL CHECK (kind IN {_in(INDICATOR_KINDS)}),
            target TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            actual TEXT,
            actual_source TEXT CHECK (actual_source IS NULL OR json_valid(actual_source)),
            points TEXT NOT NULL,
            score_override TEXT,
            override_note TEXT NOT NULL DEFAULT '',
            qual_band TEXT CHECK (qual_band IS NULL OR qual_band IN {_in(QUAL_BANDS)}),
            applicable INTEGER NOT NULL DEFAULT 1 CHECK (applicable IN (0, 1)),
            deviation_reason TEXT NOT NULL DEFAULT ''
        ) STRICT
        """
    )
    db.execute("CREATE INDEX indicator_owner_idx ON indicator(year_id, project_id)")
    db.execute(
        """
        CREATE TABLE metric (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            value TEXT NOT NULL,
            unit TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            UNIQUE (year_id, name)
        ) STRICT
        """
    )


@migrations(name="0002_final_report")
def m0002_final_report(db: Database) -> None:
    """Reports marked final: the frozen inputs (a year package) and the PDF as submitted.

    ``package_json`` is the year package (``core.yearpackage``) the PDF was made from and
    ``inputs_sha256`` its SHA-256, so a later edit of the year shows as "changed since marked final";
    ``created_at`` is an ISO 8601 UTC timestamp.
    """
    db.execute(
        """
        CREATE TABLE final_report (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
            created_at TEXT NOT NULL CHECK (length(created_at) >= 20),
            package_json TEXT NOT NULL CHECK (json_valid(package_json)),
            pdf BLOB NOT NULL CHECK (length(pdf) > 0),
            inputs_sha256 TEXT NOT NULL CHECK (length(inputs_sha256) = 64)
        ) STRICT
        """
    )
    db.execute("CREATE INDEX final_report_year_idx ON final_report(year_id, created_at)")


# Unit kinds (core.unit_kinds.KINDS) and the count fields an activity type may record.
UNIT_KINDS = ("federation", "mass_org", "congress", "administration", "institution")
OPTIONAL_COUNTS = ("participants", "enterprises", "items", "amount_fen")

# Kind of a unit already in the file, guessed from its full name (first match wins).
_KIND_BY_NAME = (
    ("federation", ("工商业联合会", "工商联", "总商会")),
    (
        "mass_org",
        ("妇女联合会", "妇联", "共青团", "团委", "残疾人联合会", "残联", "科学技术协会", "科协", "总工会"),
    ),
    ("congress", ("政治协商会议", "政协", "人民代表大会", "人大")),
    ("institution", ("中心", "事务所", "研究所", "研究院", "学校", "医院", "馆")),
)


@migrations(name="0003_unit_kinds_and_blank_counts")
def m0003_unit_kinds_and_blank_counts(db: Database) -> None:
    """Unit kinds, count fields per activity type, and blank (NULL) counts of an activity.

    - ``unit.kind``: one of ``UNIT_KINDS``; an existing unit's kind is guessed from its full name
      (``administration`` when nothing matches; the clerk can change it).
    - ``activity_type.counts``: JSON list of the ``OPTIONAL_COUNTS`` its activities record;
      existing types keep every field.
    - ``activity.participants``/``enterprises``/``items``/``amount_fen`` become nullable: NULL is
      "blank" (not recorded or not applicable), distinct from 0. Existing values are kept as they
      are. SQLite cannot drop NOT NULL in place, so ``activity`` is rebuilt; ``attachment`` (its only
      child) is rebuilt with it so that no ON DELETE CASCADE fires and no reference is lost.
    """
    db.execute(
        f"ALTER TABLE unit ADD COLUMN kind TEXT NOT NULL DEFAULT 'administration' "
        f"CHECK (kind IN {_in(UNIT_KINDS)})"
    )
    for kind, words in _KIND_BY_NAME:
        for word in words:
            db.execute(
                "UPDATE unit SET kind = ? WHERE kind = 'administration' AND instr(full_name, ?) > 0",
                [kind, word],
            )
    all_counts = "[" + ", ".join(f'"{c}"' for c in OPTIONAL_COUNTS) + "]"
    db.execute(
        f"ALTER TABLE activity_type ADD COLUMN counts TEXT NOT NULL DEFAULT '{all_counts}' "
        "CHECK (json_valid(counts))"
    )
    db.execute(
        """
        CREATE TABLE activity_new (
            id INTEGER PRIMARY KEY,
            year_id INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
            date TEXT NOT NULL CHECK (date = strftime('%Y-%m-%d', date)),
            task_id INTEGER REFERENCES task(id) ON DELETE SET NULL,
            measure_id INTEGER REFERENCES measure(id) ON DELETE SET NULL,
            type_id INTEGER NOT NULL REFERENCES activity_type(id) ON DELETE RESTRICT,
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            notes TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            sessions INTEGER NOT NULL DEFAULT 1 CHECK (sessions >= 0),
            participants INTEGER CHECK (participants >= 0),
            enterprises INTEGER CHECK (enterprises >= 0),
            items INTEGER CHECK (items >= 0),
            amount_fen INTEGER CHECK (amount_fen >= 0),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            deleted_at TEXT
        ) STRICT
        """
    )
    columns = (
        "id, year_id, date, task_id, measure_id, type_id, title, notes, place, sessions, participants, "
        "enterprises, items, amount_fen, created_at, updated_at, deleted_at"
    )
    db.execute(f"INSERT INTO activity_new ({columns}) SELECT {columns} FROM activity")
    db.execute(
        """
        CREATE TABLE attachment_new (
            id INTEGER PRIMARY KEY,
            activity_id INTEGER NOT NULL REFERENCES activity_new(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,
            filename TEXT NOT NULL CHECK (length(trim(filename)) > 0),
            media_type TEXT NOT NULL DEFAULT 'application/octet-stream',
            size INTEGER NOT NULL CHECK (size >= 0),
            sha256 TEXT NOT NULL,
            data BLOB NOT NULL,
            added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        ) STRICT
        """
    )
    db.execute("INSERT INTO attachment_new SELECT * FROM attachment")
    db.execute("DROP TABLE attachment")
    db.execute("DROP TABLE activity")
    # RENAME rewrites attachment_new's reference to the new name (legacy_alter_table is off).
    db.execute("ALTER TABLE activity_new RENAME TO activity")
    db.execute("ALTER TABLE attachment_new RENAME TO attachment")
    db.execute("CREATE INDEX activity_year_date ON activity(year_id, date)")
    db.execute("CREATE INDEX activity_type_idx ON activity(type_id)")
    db.execute("CREATE INDEX activity_task_idx ON activity(task_id)")
    db.execute("CREATE INDEX activity_measure_idx ON activity(measure_id)")
    db.execute("CREATE INDEX attachment_activity_idx ON attachment(activity_id)")


@migrations(name="0004_year_report")
def m0004_year_report(db: Database) -> None:
    """``year_report``: how a year's report is written and the facts only the report needs.

    One optional row per year (no row = the default outline, no facts): ``outline_key`` names a
    shipped outline; ``outline`` (JSON) is the clerk's own copy and wins when set; ``opening`` /
    ``closing`` the paragraphs an outline's ``opening``/``closing`` blocks print; 支出 with
    人员经费/公用经费 and 财政拨款收入 in fen, 编制/在职/离退休 counts (NULL = not given); ``previous``
    (JSON object, key → fen) the typed previous-year figures, used when the file has no previous year.
    """
    db.execute(
        """
        CREATE TABLE year_report (
            year_id INTEGER PRIMARY KEY REFERENCES fiscal_year(id) ON DELETE CASCADE,
            outline_key TEXT NOT NULL DEFAULT '',
            outline TEXT CHECK (outline IS NULL OR (json_valid(outline) AND json_type(outline) = 'object')),
            opening TEXT NOT NULL DEFAULT '',
            closing TEXT NOT NULL DEFAULT '',
            expenditure_fen INTEGER CHECK (expenditure_fen >= 0),
            personnel_fen INTEGER CHECK (personnel_fen >= 0),
            public_fen INTEGER CHECK (public_fen >= 0),
            fiscal_income_fen INTEGER CHECK (fiscal_income_fen >= 0),
            staff_authorized INTEGER CHECK (staff_authorized >= 0),
            staff_active INTEGER CHECK (staff_active >= 0),
            staff_retired INTEGER CHECK (staff_retired >= 0),
            previous TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(previous) AND json_type(previous) = 'object')
        ) STRICT
        """
    )


@migrations(name="0005_listed_activities_index")
def m0005_listed_activities_index(db: Database) -> None:
    """An index of the activities in a year's list (not in the recycle bin) by date: counting the
    list and reading its ids in date order then read the index alone, not every row (at 1,000,000
    activities: 0.1 s instead of 3–5 s)."""
    db.execute("CREATE INDEX activity_listed ON activity(year_id, date) WHERE deleted_at IS NULL")


def known_migration_names() -> list[str]:
    """Names of every migration this version of jixiao knows, in order."""
    return [migration.name for migration in migrations._migrations]
