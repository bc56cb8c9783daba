"""The write path for activity records: each call validates, then commits one transaction.

A function returns only after its transaction is committed (WAL, synchronous=FULL), so what the
caller reports as "saved" survives a crash or power cut.
"""

from __future__ import annotations

from jixiao.core.activities import validate_activity
from jixiao.core.errors import N_, NotFoundError, ValidationError
from jixiao.core.model import Activity, Attachment
from jixiao.store import activities as store
from jixiao.store.activities import ActivityQuery
from jixiao.store.database import Book

__all__ = [
    "ActivityQuery",
    "add_activity",
    "update_activity",
    "delete_activity",
    "restore_activity",
    "purge_activity",
    "duplicate_activity",
    "add_attachment",
    "remove_attachment",
    "get_activity",
    "list_activities",
]


def _context(book: Book, year_id: int) -> store.YearContext:
    context = store.year_context(book.db, year_id)
    if context is None:
        raise NotFoundError(what=N_("The fiscal year"))
    return context


def _validate(book: Book, year_id: int, activity: Activity) -> None:
    context = _context(book, year_id)
    problems = validate_activity(activity, context.year, set(context.type_ids), context.measures_by_task)
    if problems:
        raise ValidationError(problems)


def add_activity(book: Book, year_id: int, activity: Activity) -> int:
    """Validate and save a new activity (with its attachments) in year *year_id*; returns its id."""
    _validate(book, year_id, activity)
    with book.db.atomic():
        activity.id = store.insert_activity(book.db, year_id, activity)
    return activity.id


def update_activity(book: Book, activity: Activity) -> None:
    """Validate and save changed fields of an existing activity (attachments are separate calls)."""
    year_id = store.year_id_of_activity(book.db, activity.id) if activity.id else None
    if year_id is None:
        raise NotFoundError(what=N_("The activity"))
    _validate(book, year_id, activity)
    with book.db.atomic():
        store.update_activity(book.db, activity)


def delete_activity(book: Book, activity_id: int) -> None:
    """Move an activity to the 回收站 (recoverable with ``restore_activity``)."""
    with book.db.atomic():
        if not store.set_deleted(book.db, activity_id, True):
            raise NotFoundError(what=N_("The activity"))


def restore_activity(book: Book, activity_id: int) -> None:
    """Bring an activity back from the 回收站."""
    with book.db.atomic():
        if not store.set_deleted(book.db, activity_id, False):
            raise NotFoundError(what=N_("The activity"))


def purge_activity(book: Book, activity_id: int) -> None:
    """Delete an activity and its attachments for good."""
    with book.db.atomic():
        if not store.purge_activity(book.db, activity_id):
            raise NotFoundError(what=N_("The activity"))


def duplicate_activity(book: Book, activity_id: int) -> int:
    """Save a copy of an activity (without attachments), for series of similar events; returns the new id."""
    original = get_activity(book, activity_id)
    year_id = store.year_id_of_activity(book.db, activity_id)
    original.id = None
    original.attachments = []
    original.deleted = False
    return add_activity(book, year_id, original)


def add_attachment(book: Book, activity_id: int, attachment: Attachment) -> int:
    """Keep an evidence file's bytes with the activity; returns the attachment id."""
    if store.year_id_of_activity(book.db, activity_id) is None:
        raise NotFoundError(what=N_("The activity"))
    if not attachment.filename.strip():
        raise ValidationError([("filename", N_("The file has no name."), {})])
    with book.db.atomic():
        attachment.id = store.insert_attachment(book.db, activity_id, attachment)
    return attachment.id


def remove_attachment(book: Book, attachment_id: int) -> None:
    """Delete one attachment."""
    with book.db.atomic():
        if not store.delete_attachment(book.db, attachment_id):
            raise NotFoundError(what=N_("The attachment"))


def get_activity(book: Book, activity_id: int, with_data: bool = True) -> Activity:
    """One activity with its attachments."""
    activity = store.get_activity(book.db, activity_id, with_data)
    if activity is None:
        raise NotFoundError(what=N_("The activity"))
    return activity


def list_activities(book: Book, year_id: int, query: ActivityQuery = ActivityQuery()) -> list[tuple]:
    """Rows for the activity table; see ``store.activities.LIST_COLUMNS``."""
    return store.list_activities(book.db, year_id, query)
