"""The write path for a year's prose sections and its ordered lists (goals, problems, improvements)."""

from __future__ import annotations

from jixiao.core.errors import N_, ValidationError
from jixiao.core.model import YEAR_TEXT_KEYS
from jixiao.services._checks import Problems, clean_items, found, raise_if
from jixiao.store import texts as store
from jixiao.store import years as years_store
from jixiao.store.database import Book

LIST_KINDS = {"goals": "goal", "problems": "problem", "improvements": "improvement"}


def set_text(book: Book, year_id: int, key: str, text: str) -> None:
    """Save the prose section *key* (one of ``YEAR_TEXT_KEYS``) of the year."""
    if key not in YEAR_TEXT_KEYS:
        raise ValidationError([("key", N_("Unknown text section {key}."), {"key": key})])
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        store.set_text(book.db, year_id, key, text.strip())


def set_list(book: Book, year_id: int, name: str, items: list[str]) -> None:
    """Replace the ordered list *name* (``goals``, ``problems``, ``improvements``) of the year."""
    if name not in LIST_KINDS:
        raise ValidationError([("name", N_("Unknown list {name}."), {"name": name})])
    problems: Problems = []
    cleaned = clean_items(problems, "items", items)
    raise_if(problems)
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        store.set_list(book.db, year_id, LIST_KINDS[name], cleaned)
