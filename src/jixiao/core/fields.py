"""Field rules shared by every record's checks (core and services): problems are ``(field, msgid, params)``."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal, InvalidOperation

from jixiao.core.errors import N_
from jixiao.core.model import MAX_YEAR, MIN_YEAR

Problems = list[tuple[str, str, dict]]
MAX_FEN = 10**15  # 100 亿 万元: no department's budget comes near (amounts above are refused)


def read_decimal(text: str) -> Decimal | None:
    """A number as typed in a field: "1,234.5", "１２" (full-width forms are folded); blank gives None.

    :raises ValueError: *text* is not a finite number.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def require_text(
    problems: Problems, field: str, value: str, message: str = N_("This cannot be empty.")
) -> None:
    """A problem when *value* is empty or only spaces."""
    if not isinstance(value, str) or not value.strip():
        problems.append((field, message, {}))


def clean_items(problems: Problems, field: str, items: list[str]) -> list[str]:
    """The items of an ordered list (duties, goals …) stripped; a problem when one is empty."""
    cleaned = [item.strip() for item in items]
    if any(not item for item in cleaned):
        problems.append((field, N_("An item of the list is empty."), {}))
    return cleaned


def check_fen(problems: Problems, field: str, value: object, allow_negative: bool = False) -> None:
    """A problem when *value* is not a whole number of fen within range."""
    if not isinstance(value, int) or isinstance(value, bool):
        problems.append((field, N_("Enter an amount of money."), {}))
    elif value < 0 and not allow_negative:
        problems.append((field, N_("The amount cannot be negative."), {}))
    elif abs(value) > MAX_FEN:
        problems.append((field, N_("The amount is too large."), {}))


def check_decimal(problems: Problems, field: str, value: object, allow_negative: bool = False) -> None:
    """A problem when *value* is not a finite Decimal (or is negative when that is not allowed)."""
    if not isinstance(value, Decimal) or not value.is_finite():
        problems.append((field, N_("Enter a number."), {}))
    elif value < 0 and not allow_negative:
        problems.append((field, N_("The number cannot be negative."), {}))


def check_year(problems: Problems, field: str, value: object) -> None:
    """A problem when *value* is not a fiscal year a data file may hold (``MIN_YEAR``–``MAX_YEAR``)."""
    if not isinstance(value, int) or isinstance(value, bool) or not MIN_YEAR <= value <= MAX_YEAR:
        problems.append(
            (field, N_("Enter a year between {low} and {high}."), {"low": MIN_YEAR, "high": MAX_YEAR})
        )


def check_date_in_year(problems: Problems, field: str, value: object, year: int) -> None:
    if not isinstance(value, dt.date):
        problems.append((field, N_("Enter a date."), {}))
    elif value.year != year:
        problems.append(
            (
                field,
                N_("The date {date} is outside the year {year}."),
                {"date": value.isoformat(), "year": year},
            )
        )
