"""The write path for activity records: each call validates, then commits one transaction.

A function returns only after its transaction is committed (WAL, synchronous=FULL), so what the
caller reports as "saved" survives a crash or power cut. A failed save changes nothing and raises
``ValidationError``, ``NotFoundError`` or ``StorageError`` (never a bare sqlite3 error).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from jixiao.core.activities import validate_activity
from jixiao.core.errors import N_, NotFoundError, ValidationError
from jixiao.core.model import Activity, Attachment
from jixiao.services._checks import found
from jixiao.store import activities as store
from jixiao.store.activities import ActivityQuery
from jixiao.store.database import Book

__all__ = [
    "ActivityQuery",
    "add_activity",
    "update_activity",
    "save_activity",
    "check_activity",
    "delete_activity",
    "restore_activity",
    "purge_activity",
    "delete_activities",
    "restore_activities",
    "purge_activities",
    "duplicate_activity",
    "add_attachment",
    "remove_attachment",
    "get_activity",
    "list_activities",
    "count_activities",
    "list_activity_ids",
    "list_rows",
]


def _context(book: Book, year_id: int) -> store.YearContext:
    context = store.year_context(book.db, year_id)
    if context is None:
        raise NotFoundError(what=N_("The fiscal year"))
    return context


def _attachment_problems(attachment: Attachment, path: str) -> list[tuple[str, str, dict]]:
    problems: list[tuple[str, str, dict]] = []
    if not isinstance(attachment.filename, str) or not attachment.filename.strip():
        problems.append((f"{path}filename", N_("The file has no name."), {}))
    if not isinstance(attachment.data, bytes | bytearray | memoryview):
        problems.append((f"{path}data", N_("The file content is missing."), {}))
    if not isinstance(attachment.media_type, str) or not attachment.media_type.strip():
        problems.append((f"{path}media_type", N_("The file type is missing."), {}))
    return problems


def check_activity(book: Book, year_id: int, activity: Activity) -> list[tuple[str, str, dict]]:
    """What keeps *activity* from being saved in year *year_id*: the core's rules against the year's
    tasks, measures and types (an empty list: it may be saved). Forms show these next to their fields."""
    context = _context(book, year_id)
    if not isinstance(activity.title, str):
        return [("title", N_("Enter a title."), {})]
    return validate_activity(activity, context.year, set(context.type_ids), context.measures_by_task)


def _validate(book: Book, year_id: int, activity: Activity, with_attachments: bool = False) -> None:
    problems = check_activity(book, year_id, activity)
    if with_attachments:
        for index, attachment in enumerate(activity.attachments):
            problems += _attachment_problems(attachment, f"attachments[{index}].")
    if problems:
        raise ValidationError(problems)


def add_activity(book: Book, year_id: int, activity: Activity) -> int:
    """Validate and save a new activity (with its attachments) in year *year_id*; returns its id."""
    _validate(book, year_id, activity, with_attachments=True)
    with book.atomic():
        new_id = store.insert_activity(book.db, year_id, activity)
    activity.id = new_id
    return new_id


def update_activity(book: Book, activity: Activity) -> None:
    """Validate and save changed fields of an existing activity (attachments are separate calls)."""
    year_id = store.year_id_of_activity(book.db, activity.id) if activity.id else None
    if year_id is None:
        raise NotFoundError(what=N_("The activity"))
    _validate(book, year_id, activity)
    with book.atomic():
        store.update_activity(book.db, activity)


def save_activity(
    book: Book,
    activity: Activity,
    year_id: int | None = None,
    add_files: list[Attachment] | tuple = (),
    remove_attachment_ids: list[int] | tuple = (),
) -> int:
    """One Save of the activity form: a new activity (``activity.id`` None, in *year_id*, with its
    ``attachments`` and *add_files*) or an edit of its fields, files added and removed, all in one
    transaction and one undo step ("edit activity"). Returns the activity's id.

    Nothing is saved when any part is refused (``ValidationError``, ``NotFoundError``).
    """
    if activity.id is None:
        if year_id is None:
            raise NotFoundError(what=N_("The fiscal year"))
        activity.attachments = [*activity.attachments, *add_files]
        return add_activity(book, year_id, activity)
    stored_year = store.year_id_of_activity(book.db, activity.id)
    if stored_year is None:
        raise NotFoundError(what=N_("The activity"))
    _validate(book, stored_year, activity)
    problems = []
    for index, attachment in enumerate(add_files):
        problems += _attachment_problems(attachment, f"attachments[{index}].")
    if problems:
        raise ValidationError(problems)
    kept = {a.id for a in get_activity(book, activity.id, with_data=False).attachments}
    with book.atomic(label=N_("edit activity")):
        store.update_activity(book.db, activity)
        for attachment_id in remove_attachment_ids:
            if attachment_id not in kept or not store.delete_attachment(book.db, attachment_id):
                raise NotFoundError(what=N_("The attachment"))
        new_ids = [store.insert_attachment(book.db, activity.id, attachment) for attachment in add_files]
    for attachment, new_id in zip(add_files, new_ids, strict=True):
        attachment.id = new_id  # only once committed: a refused save can be retried as it was
    return activity.id


def delete_activity(book: Book, activity_id: int) -> None:
    """Move an activity to the 回收站 (recoverable with ``restore_activity``)."""
    with book.atomic():
        if not store.set_deleted(book.db, activity_id, True):
            raise NotFoundError(what=N_("The activity"))


def restore_activity(book: Book, activity_id: int) -> None:
    """Bring an activity back from the 回收站."""
    with book.atomic():
        if not store.set_deleted(book.db, activity_id, False):
            raise NotFoundError(what=N_("The activity"))


def purge_activity(book: Book, activity_id: int) -> None:
    """Delete an activity and its attachments for good."""
    with book.atomic():
        if not store.purge_activity(book.db, activity_id):
            raise NotFoundError(what=N_("The activity"))


def _many(book: Book, activity_ids, change) -> list[int]:
    """Apply *change* (a store function over a list of ids returning the missing ones) to every id
    in one transaction: all of them change, or (when one does not exist) none."""
    ids = list(dict.fromkeys(activity_ids))
    with book.atomic():
        if change(ids):
            raise NotFoundError(what=N_("The activity"))
    return ids


def delete_activities(book: Book, activity_ids) -> list[int]:
    """Move several activities to the 回收站 in one transaction; returns their ids (each once).

    When one of them does not exist, nothing is moved (``NotFoundError``).
    """
    return _many(book, activity_ids, lambda ids: store.set_deleted_many(book.db, ids, True))


def restore_activities(book: Book, activity_ids) -> list[int]:
    """Bring several activities back from the 回收站 in one transaction; returns their ids."""
    return _many(book, activity_ids, lambda ids: store.set_deleted_many(book.db, ids, False))


def purge_activities(book: Book, activity_ids) -> list[int]:
    """Delete several activities and their attachments for good, in one transaction; returns their ids."""
    return _many(book, activity_ids, lambda ids: store.purge_activities(book.db, ids))


def duplicate_activity(book: Book, activity_id: int) -> int:
    """Save a copy of an activity (without attachments), for series of similar events; returns the new id."""
    original = get_activity(book, activity_id, with_data=False)
    year_id = found(store.year_id_of_activity(book.db, activity_id), N_("The activity"))
    original.id = None
    original.attachments = []
    original.deleted = False
    return add_activity(book, year_id, original)


def add_attachment(book: Book, activity_id: int, attachment: Attachment) -> int:
    """Keep an evidence file's bytes with the activity; returns the attachment id."""
    if store.year_id_of_activity(book.db, activity_id) is None:
        raise NotFoundError(what=N_("The activity"))
    problems = _attachment_problems(attachment, "")
    if problems:
        raise ValidationError(problems)
    with book.atomic():
        new_id = store.insert_attachment(book.db, activity_id, attachment)
    attachment.id = new_id
    return new_id


def remove_attachment(book: Book, attachment_id: int) -> None:
    """Delete one attachment."""
    with book.atomic():
        if not store.delete_attachment(book.db, attachment_id):
            raise NotFoundError(what=N_("The attachment"))


def get_activity(book: Book, activity_id: int, with_data: bool = True) -> Activity:
    """One activity with its attachments."""
    activity = store.get_activity(book.db, activity_id, with_data)
    if activity is None:
        raise NotFoundError(what=N_("The activity"))
    return activity


def list_activities(book: Book, year_id: int, query: ActivityQuery | None = None) -> list[tuple]:
    """Rows for the activity table (all of the year's when *query* is None); see ``store.activities.LIST_COLUMNS``."""
    return store.list_activities(book.db, year_id, query or ActivityQuery())


def count_activities(book: Book, year_id: int, deleted: bool = False) -> int:
    """How many activities the year's list (or, *deleted*, its recycle bin) holds."""
    return store.count_activities(book.db, year_id, deleted)


def list_activity_ids(
    book: Book, year_id: int, query: ActivityQuery, sort: str = "date", descending: bool = False
) -> array:
    """Ids of the activities matching *query*, by list column *sort* (``store.activities.SORT_KEYS``)
    then date and id: the list of a year too large to hold in memory, read by ``list_rows``."""
    return store.list_activity_ids(book.db, year_id, query, sort, descending)


def list_rows(book: Book, ids: Sequence[int]) -> dict[int, tuple]:
    """id → list row (``store.activities.LIST_COLUMNS``) of the activities *ids* that exist."""
    return store.list_rows(book.db, ids)
