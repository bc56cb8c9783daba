"""Small helpers shared by the write-path services; the field rules themselves are ``core.fields``."""

from __future__ import annotations

from jixiao.core.errors import N_, NotFoundError, ValidationError
from jixiao.core.fields import (  # noqa: F401 - the services take the field rules from here
    MAX_FEN,
    Problems,
    check_date_in_year,
    check_decimal,
    check_fen,
    check_year,
    clean_items,
    require_text,
)


def raise_if(problems: Problems) -> None:
    if problems:
        raise ValidationError(problems)


def found(value, what: str):
    """*value*, or NotFoundError(*what*) when it is None/False."""
    if value is None or value is False:
        raise NotFoundError(what=what)
    return value


def saved_id(record, what: str) -> int:
    """The id of a record the caller says is saved, or NotFoundError(*what*) when it has none."""
    return found(record.id, what)


def check_order(current: list[int], wanted: list[int]) -> None:
    """A new order must name exactly the current items, each once."""
    if sorted(current) != sorted(wanted) or len(set(wanted)) != len(wanted):
        raise ValidationError(
            [("order", N_("The new order does not match the list; reload and try again."), {})]
        )
