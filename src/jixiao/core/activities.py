"""Rules for an activity record (活动记录): field and record validation, pure Python.

Problems come back as ``(field, msgid, params)`` so each message can stand next to its field.
Counts other than ``sessions`` may be None (blank), which is valid and not the same as 0.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation

from jixiao.core.fields import MAX_FEN, require_text
from jixiao.core.i18n import N_
from jixiao.core.model import OPTIONAL_COUNTS, Activity
from jixiao.core.money import MoneyParseError, wan_to_fen, yuan_to_fen

COUNT_FIELDS = ("sessions", "participants", "enterprises", "items")
# Above these a value is possible but unusual: the GUI asks the clerk to confirm.
PLAUSIBLE_MAX = {"sessions": 1_000, "participants": 100_000, "enterprises": 10_000, "items": 100_000}
PLAUSIBLE_MAX_AMOUNT_FEN = 100_000_000_000  # 10 亿元
HARD_MAX_COUNT = 1_000_000_000
HARD_MAX_AMOUNT_FEN = MAX_FEN


# Unit words a count may carry ("35人次"), longest first.
COUNT_WORDS = ("人次", "场次", "人", "家", "场", "次", "件", "期", "个", "项", "户", "篇", "条")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_count(value: object) -> int | None:
    """A count as typed in the activity form or read from a sheet cell: 35, "35", "1,200", "１２"
    (full-width forms are folded), "35人次", a spreadsheet's 12.0. Blank gives None (not recorded).

    A negative number is returned as it is: ``validate_activity`` says what is wrong with it.
    :raises ValueError: *value* is not a whole number.
    """
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").replace(" ", "")
        for word in COUNT_WORDS:
            if text.endswith(word):
                text = text[: -len(word)]
                break
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(value) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise ValueError(value)
    return int(number)


def read_amount(value: object, unit: str) -> int | None:
    """Fen from an amount in 元 (*unit* ``"yuan"``) or 万元 (``"wan"``) as typed or read from a sheet:
    "1,234.56", "￥1,234.56", "１２", "1.5万元" (万 in the text wins over *unit*); numbers from a
    spreadsheet are read through their shortest decimal form, never as binary floats. Rounded half up
    to the fen; blank gives None.

    :raises ValueError: *value* is not an amount of money.
    """
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        amount = str(value)
    else:
        amount = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
        amount = amount.lstrip("¥").strip()
        if amount.endswith("万元") or amount.endswith("万"):
            amount, unit = amount.rstrip("元").rstrip("万"), "wan"
        elif amount.endswith("元"):
            amount = amount[:-1]
    try:
        return wan_to_fen(amount) if unit == "wan" else yuan_to_fen(amount)
    except (MoneyParseError, ArithmeticError) as error:
        raise ValueError(value) from error


def validate_activity(
    activity: Activity,
    year: int,
    type_ids: set[int],
    measures_by_task: dict[int, set[int]],
) -> list[tuple[str, str, dict]]:
    """Hard problems that forbid saving *activity* in *year* (empty list = valid).

    *type_ids* are the year's activity type ids; *measures_by_task* maps each task id of the year
    to its measure ids.
    """
    problems: list[tuple[str, str, dict]] = []
    if not isinstance(activity.date, dt.date):
        problems.append(("date", N_("Enter a date."), {}))
    elif activity.date.year != year:
        problems.append(
            (
                "date",
                N_("The date {date} is outside the year {year}."),
                {"date": activity.date.isoformat(), "year": year},
            )
        )
    if not activity.title or not activity.title.strip():
        problems.append(("title", N_("Enter a title."), {}))
    if activity.type_id not in type_ids:
        problems.append(("type_id", N_("Choose an activity type."), {}))
    if activity.task_id is not None and activity.task_id not in measures_by_task:
        problems.append(("task_id", N_("The task does not belong to this year."), {}))
    if activity.measure_id is not None:
        if activity.task_id is None:
            problems.append(("measure_id", N_("Choose the task of this measure first."), {}))
        elif activity.measure_id not in measures_by_task.get(activity.task_id, set()):
            problems.append(("measure_id", N_("The measure does not belong to the chosen task."), {}))
    for name in COUNT_FIELDS:
        value = getattr(activity, name)
        if value is None and name != "sessions":  # blank: not recorded or not applicable
            continue
        if value is None:
            problems.append((name, N_("Enter how many (at least 0)."), {}))
        elif not isinstance(value, int) or isinstance(value, bool):
            problems.append((name, N_("Enter a whole number."), {}))
        elif value < 0:
            problems.append((name, N_("The number cannot be negative."), {}))
        elif value > HARD_MAX_COUNT:
            problems.append((name, N_("The number is too large."), {}))
    amount = activity.amount_fen
    if amount is None:
        pass
    elif not isinstance(amount, int) or isinstance(amount, bool):
        problems.append(("amount_fen", N_("Enter an amount of money."), {}))
    elif amount < 0:
        problems.append(("amount_fen", N_("The amount cannot be negative."), {}))
    elif amount > HARD_MAX_AMOUNT_FEN:
        problems.append(("amount_fen", N_("The amount is too large."), {}))
    return problems


def unusual_values(activity: Activity) -> list[tuple[str, str, dict]]:
    """Values that are allowed but so large that the clerk should confirm them."""
    warnings = []
    for name, limit in PLAUSIBLE_MAX.items():
        value = getattr(activity, name)
        if isinstance(value, int) and value > limit:
            warnings.append((name, N_("{value} is unusually large. Is it right?"), {"value": value}))
    if isinstance(activity.amount_fen, int) and activity.amount_fen > PLAUSIBLE_MAX_AMOUNT_FEN:
        warnings.append(("amount_fen", N_("The amount is unusually large. Is it right?"), {}))
    return warnings


# -- listing and filtering --------------------------------------------------------------------------
# A year of more activities than this is too large for the window to hold at once: its list is
# read as it is shown, and the whole year is read off the GUI thread (about 1 s per 100,000).
LARGE_YEAR = 200_000

LIST_FIELDS = (
    "id",
    "date",
    "task_id",
    "measure_id",
    "type_id",
    "title",
    "place",
    "sessions",
    "participants",
    "enterprises",
    "items",
    "amount_fen",
    "attachment_count",
)
"""The fields of an activity list row (a tuple, ``store.activities.list_activities``), in order."""
(
    ROW_ID,
    ROW_DATE,
    ROW_TASK,
    ROW_MEASURE,
    ROW_TYPE,
    ROW_TITLE,
    ROW_PLACE,
    ROW_SESSIONS,
    ROW_PARTICIPANTS,
    ROW_ENTERPRISES,
    ROW_ITEMS,
    ROW_AMOUNT,
    ROW_ATTACHMENTS,
    ROW_SEARCH,  # a list row extended by ``with_search_text``
) = range(len(LIST_FIELDS) + 1)

_BLANK_FIELDS = {"date": "", "title": "", "place": "", "sessions": 0, "attachment_count": 0}


def blank_list_row(activity_id: int) -> tuple:
    """A list row that shows nothing but its id (an activity gone from the file since its list was
    read): empty texts, no numbers (sessions and attachments 0), no task or type."""
    return tuple(activity_id if name == "id" else _BLANK_FIELDS.get(name) for name in LIST_FIELDS)


def search_text(title: str, place: str, notes: str) -> str:
    """What a text filter looks in: title, place and notes, case-folded."""
    return f"{title}\n{place}\n{notes}".casefold()


def with_search_text(rows: Iterable[tuple], notes: Mapping[int, str]) -> list[tuple]:
    """List rows, each extended by its ``search_text`` (field ``ROW_SEARCH``); *notes* by activity id."""
    return [
        (*r[:ROW_SEARCH], search_text(r[ROW_TITLE], r[ROW_PLACE], notes.get(r[ROW_ID], ""))) for r in rows
    ]


@dataclass(frozen=True)
class ActivityFilter:
    """Which of a year's activities a list shows — the one filter of the activity list, the
    services and the store.

    Text matches title, place or notes (a substring in any case, ``str.casefold``); empty tuples
    and None mean "any"; dates are inclusive. ``without_task`` keeps only the activities of no key
    task (with ``task_id`` as well nothing matches). ``deleted`` picks the 回收站 instead of the
    list: it chooses the rows the store reads, ``apply`` works on rows already read.
    """

    text: str = ""
    type_ids: tuple[int, ...] = ()
    task_id: int | None = None
    without_task: bool = False
    measure_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    deleted: bool = False

    @property
    def needle(self) -> str:
        """The search text as compared: stripped and case-folded."""
        return self.text.strip().casefold()

    def narrows(self, other: ActivityFilter) -> bool:
        """Whether every row this filter keeps is kept by *other* too (the same but for a search
        text that contains *other*'s): then only the rows *other* kept need looking at."""
        return replace(self, text=other.text) == other and other.needle in self.needle

    def apply(self, rows: list[tuple], span: tuple[str, str] | None = None) -> list[tuple]:
        """The *rows* (with ``ROW_SEARCH``) passing the filter, in their order; one comprehension
        per condition. *span* is the (first, last) ISO date of *rows* when known: a date range
        covering it filters nothing and is skipped."""
        if self.type_ids:
            types = frozenset(self.type_ids)
            rows = [r for r in rows if r[ROW_TYPE] in types]
        if self.task_id is not None:
            rows = [r for r in rows if r[ROW_TASK] == self.task_id]
        if self.without_task:
            rows = [r for r in rows if r[ROW_TASK] is None]
        if self.measure_id is not None:
            rows = [r for r in rows if r[ROW_MEASURE] == self.measure_id]
        if self.date_from is not None:
            low = self.date_from.isoformat()
            if span is None or low > span[0]:
                rows = [r for r in rows if r[ROW_DATE] >= low]
        if self.date_to is not None:
            high = self.date_to.isoformat()
            if span is None or high < span[1]:
                rows = [r for r in rows if r[ROW_DATE] <= high]
        text = self.needle
        if text:
            rows = [r for r in rows if text in r[ROW_SEARCH]]
        return rows


def validate_activity_type(name: str, measure_word: str, name_taken: bool) -> list[tuple[str, str, dict]]:
    """What makes an activity type unusable; *name_taken*: another type of its year has the (stripped)
    *name*."""
    problems: list[tuple[str, str, dict]] = []
    require_text(problems, "name", name, N_("Enter a name."))
    require_text(problems, "measure_word", measure_word, N_("Enter a measure word (场, 期, 次 …)."))
    if name.strip() and name_taken:
        problems.append(("name", N_("The type {name} already exists."), {"name": name.strip()}))
    return problems


def canonical_counts(counts: Iterable[str]) -> tuple[str, ...] | None:
    """The optional count fields *counts* in their canonical order without repeats; None when one of
    them is not an optional count field."""
    chosen = tuple(counts)
    if any(c not in OPTIONAL_COUNTS for c in chosen):
        return None
    return tuple(c for c in OPTIONAL_COUNTS if c in chosen)
