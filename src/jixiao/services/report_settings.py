"""The write path for a year's report settings: which outline it uses (a shipped one or the clerk's
own copy) and the facts only the report needs (支出, 人员经费, 公用经费, 财政拨款收入, staffing,
typed previous-year figures). Each call is one transaction."""

from __future__ import annotations

import dataclasses
from typing import Any

from jixiao.core.errors import N_, ValidationError
from jixiao.core.model import PREVIOUS_FIGURES, REPORT_AMOUNTS, REPORT_COUNTS, YearReport
from jixiao.core.money import MoneyParseError, wan_to_fen
from jixiao.core.outline import SHIPPED, Outline, OutlineError, parse_outline
from jixiao.services._checks import found
from jixiao.store import years as years_store
from jixiao.store.database import Book
from jixiao.store.year_report import load_year_report, save_year_report

MSG_NEGATIVE = N_("An amount or a count cannot be negative.")


def report_settings(book: Book, year_id: int) -> YearReport:
    """The year's report settings and facts (``file_previous`` filled from the previous year)."""
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        return load_year_report(book.db.conn, year_id)


def _save(book: Book, year_id: int, change) -> YearReport:
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        report = change(load_year_report(book.db.conn, year_id))
        save_year_report(book.db.conn, year_id, report)
        return report


def choose_outline(book: Book, year_id: int, key: str) -> YearReport:
    """Make the year use the shipped outline *key* (its own copied outline, if any, is dropped)."""
    if key not in SHIPPED:
        raise ValidationError(
            [("outline_key", N_("There is no shipped report outline “{key}”."), {"key": key})]
        )
    return _save(book, year_id, lambda r: dataclasses.replace(r, outline_key=key, outline=None))


def save_own_outline(book: Book, year_id: int, outline: Outline) -> YearReport:
    """Make the year use *outline* (the clerk's copy), checked first."""
    data = outline.to_json()
    try:
        parse_outline(data)
    except OutlineError as error:
        raise ValidationError(
            [
                (
                    "outline",
                    N_("The report outline cannot be used: {detail}"),
                    {"detail": error.params["detail"]},
                )
            ]
        ) from None
    base = outline.based_on if outline.based_on in SHIPPED else ""
    return _save(book, year_id, lambda r: dataclasses.replace(r, outline_key=base, outline=data))


def save_report_texts(
    book: Book, year_id: int, *, opening: str | None = None, closing: str | None = None
) -> YearReport:
    """Set the opening and/or closing paragraph (live figures allowed)."""
    changes = {k: v.strip() for k, v in (("opening", opening), ("closing", closing)) if v is not None}
    return _save(book, year_id, lambda r: dataclasses.replace(r, **changes))


def save_report_facts(
    book: Book, year_id: int, previous: dict[str, int] | None = None, **values: int | None
) -> YearReport:
    """Set facts (keys of ``REPORT_AMOUNTS``/``REPORT_COUNTS``; None clears one) and, with
    ``previous`` (a dict of ``PREVIOUS_FIGURES``), the typed previous-year figures."""
    unknown = set(values) - set(REPORT_AMOUNTS) - set(REPORT_COUNTS)
    if previous is not None:
        unknown |= set(previous) - set(PREVIOUS_FIGURES)
    if unknown:
        raise ValidationError([("report", N_("Unknown report figure {key}."), {"key": sorted(unknown)[0]})])
    numbers = [v for v in values.values() if v is not None] + list((previous or {}).values())
    if any(v < 0 for v in numbers):
        raise ValidationError([("report", MSG_NEGATIVE, {})])

    def change(report: YearReport) -> YearReport:
        figures: dict[str, Any] = values
        report = dataclasses.replace(report, **figures)
        if previous is not None:
            report.previous = dict(previous)
        return report

    return _save(book, year_id, change)


MSG_NOT_AMOUNT = N_("“{text}” is not an amount in 10k yuan (e.g. 616.04).")
MSG_NOT_COUNT = N_("“{text}” is not a whole number of people.")


def parse_figure(key: str, text: str) -> int | None:
    """The stored value of report figure *key* typed as *text* ("" = not given): 万元 text for
    amounts (``*_fen``), a whole number for counts.

    :raises ValidationError: the text is not such a number, or is negative.
    """
    text = text.strip()
    if not text:
        return None
    if key.endswith("_fen"):
        try:
            value = wan_to_fen(text)
        except (MoneyParseError, ValueError):
            raise ValidationError([(key, MSG_NOT_AMOUNT, {"text": text})]) from None
    else:
        if not text.isdigit():
            raise ValidationError([(key, MSG_NOT_COUNT, {"text": text})])
        value = int(text)
    if value < 0:
        raise ValidationError([(key, MSG_NEGATIVE, {})])
    return value


def save_figure_text(book: Book, year_id: int, key: str, text: str) -> YearReport:
    """Save report figure *key* as typed (see ``parse_figure``); ``previous.<key>`` sets a typed
    previous-year figure."""
    if key.startswith("previous."):
        figure = key.split(".", 1)[1]
        value = parse_figure(figure, text)
        current = report_settings(book, year_id).previous
        previous = {k: v for k, v in current.items() if k != figure}
        if value is not None:
            previous[figure] = value
        return save_report_facts(book, year_id, previous=previous)
    typed: dict[str, Any] = {key: parse_figure(key, text)}
    return save_report_facts(book, year_id, **typed)
