"""Rows of ``year_report`` (migration 0004) ↔ ``YearReport``.

A year without a row has the default report settings; saving the defaults deletes the row. Loading
also fills ``file_previous`` from the previous fiscal year of the same unit, when the file has it.
"""

from __future__ import annotations

import json
import sqlite3

from jixiao.core.model import PREVIOUS_FIGURES, REPORT_AMOUNTS, REPORT_COUNTS, YearReport

_FIELDS = ("opening", "closing", *REPORT_AMOUNTS, *REPORT_COUNTS)


def _row(conn: sqlite3.Connection, year_id: int) -> YearReport:
    row = conn.execute(
        f"SELECT outline_key, outline, previous, {', '.join(_FIELDS)} FROM year_report WHERE year_id = ?",
        (year_id,),
    ).fetchone()
    if row is None:
        return YearReport()
    outline_key, outline, previous, *values = row
    return YearReport(
        outline_key=outline_key,
        outline=json.loads(outline) if outline else None,
        previous={k: int(v) for k, v in json.loads(previous).items() if k in PREVIOUS_FIGURES},
        **dict(zip(_FIELDS, values, strict=True)),
    )


def previous_year_figures(conn: sqlite3.Connection, year_id: int) -> dict[str, int]:
    """The comparable figures of the year before *year_id* of the same unit ({} when there is none)."""
    row = conn.execute(
        "SELECT prev.id, prev.final_income_fen FROM fiscal_year cur "
        "JOIN fiscal_year prev ON prev.unit_id = cur.unit_id AND prev.year = cur.year - 1 WHERE cur.id = ?",
        (year_id,),
    ).fetchone()
    if row is None:
        return {}
    prev_id, income = row
    found = {"income_fen": income} if income else {}
    report = _row(conn, prev_id)
    for key in REPORT_AMOUNTS:
        value = getattr(report, key)
        if value is not None:
            found[key] = value
    return found


def load_year_report(conn: sqlite3.Connection, year_id: int) -> YearReport:
    """The report settings and facts of *year_id*, with ``file_previous`` filled."""
    report = _row(conn, year_id)
    report.file_previous = previous_year_figures(conn, year_id)
    return report


def save_year_report(conn: sqlite3.Connection, year_id: int, report: YearReport) -> None:
    """Store *report* as the settings of *year_id* (inside the caller's transaction)."""
    if report.is_empty():
        conn.execute("DELETE FROM year_report WHERE year_id = ?", (year_id,))
        return
    previous = {k: int(v) for k, v in report.previous.items() if k in PREVIOUS_FIGURES}
    values = [getattr(report, key) for key in _FIELDS]
    conn.execute(
        f"INSERT INTO year_report (year_id, outline_key, outline, previous, {', '.join(_FIELDS)}) "
        f"VALUES (?, ?, ?, ?{', ?' * len(_FIELDS)}) "
        f"ON CONFLICT (year_id) DO UPDATE SET outline_key = excluded.outline_key, outline = excluded.outline, "
        f"previous = excluded.previous, " + ", ".join(f"{k} = excluded.{k}" for k in _FIELDS),
        (
            year_id,
            report.outline_key,
            json.dumps(report.outline, ensure_ascii=False) if report.outline else None,
            json.dumps(previous, sort_keys=True),
            *values,
        ),
    )
