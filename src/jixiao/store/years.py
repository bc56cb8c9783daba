"""SQL for a fiscal year's own row: creation, its year number, rule and layout settings, incomes."""

from __future__ import annotations

from jixiao.store.connection import Database
from jixiao.store.rows import FISCAL_YEAR, new_row_id


def create_year(db: Database, unit_id: int, year: int) -> int:
    """Insert an empty fiscal year *year* of unit *unit_id*; returns its id."""
    return new_row_id(db.execute("INSERT INTO fiscal_year (unit_id, year) VALUES (?, ?)", [unit_id, year]))


def year_number(db: Database, year_id: int) -> int | None:
    """The calendar year of fiscal year *year_id*, or None when there is no such year."""
    row = db.execute("SELECT year FROM fiscal_year WHERE id = ?", [year_id]).fetchone()
    return row[0] if row else None


def year_exists(db: Database, unit_id: int, year: int) -> bool:
    return (
        db.execute("SELECT 1 FROM fiscal_year WHERE unit_id = ? AND year = ?", [unit_id, year]).fetchone()
        is not None
    )


def unit_of_year(db: Database, year_id: int) -> int | None:
    row = db.execute("SELECT unit_id FROM fiscal_year WHERE id = ?", [year_id]).fetchone()
    return row[0] if row else None


def set_rules(db: Database, year_id: int, score_rule: str, rule_options: dict) -> bool:
    """Store the year's score rule and its options."""
    cursor = db.execute(
        "UPDATE fiscal_year SET score_rule = ?, rule_options = ? WHERE id = ?",
        [score_rule, FISCAL_YEAR.encode("rule_options", rule_options), year_id],
    )
    return cursor.rowcount == 1


def set_layout_profile(db: Database, year_id: int, profile: str) -> bool:
    return (
        db.execute("UPDATE fiscal_year SET layout_profile = ? WHERE id = ?", [profile, year_id]).rowcount == 1
    )


def set_incomes(db: Database, year_id: int, budget_income_fen: int, final_income_fen: int) -> bool:
    """Store 预算收入 and 决算收入 (fen)."""
    cursor = db.execute(
        "UPDATE fiscal_year SET budget_income_fen = ?, final_income_fen = ? WHERE id = ?",
        [budget_income_fen, final_income_fen, year_id],
    )
    return cursor.rowcount == 1


def delete_year(db: Database, year_id: int) -> bool:
    """Delete a fiscal year and everything in it."""
    return db.execute("DELETE FROM fiscal_year WHERE id = ?", [year_id]).rowcount == 1


def activity_notes(db: Database, year_id: int) -> dict[int, str]:
    """Notes of the year's activities that have any (id → notes), for searching in the activity list."""
    return dict(
        db.execute("SELECT id, notes FROM activity WHERE year_id = ? AND notes != ''", [year_id]).fetchall()
    )
