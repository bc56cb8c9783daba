"""Activities from a spreadsheet (CSV or .xlsx): read, guess the columns, convert and check every row.

Pure Python, no Qt and no SQL. Clerks keep their lists in Excel: a CSV saved by a Chinese Excel is
GBK, a "CSV UTF-8" one starts with a BOM, Excel's "Unicode text" is UTF-16 with tabs; dates come as
2022-3-5, 2022/3/5, 2022年3月5日, 20220305, real Excel dates or Excel serial numbers (44625); money
in 元 or 万元. ``convert`` returns every activity it could build and every problem it found, each with
the spreadsheet's own row number and column header, so the clerk can fix the file in Excel.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from jixiao.core.activities import COUNT_FIELDS, read_amount, read_count, validate_activity
from jixiao.core.errors import JixiaoError, Message, Problem
from jixiao.core.i18n import N_
from jixiao.core.model import Activity

# Target fields, in the order the mapping dialog lists them.
FIELDS = (
    "date",
    "title",
    "type",
    "task",
    "measure",
    "place",
    "notes",
    "sessions",
    "participants",
    "enterprises",
    "items",
    "amount_yuan",
    "amount_wan",
)
REQUIRED = ("date", "title", "type")
FIELD_LABELS: dict[str, str] = {
    "date": N_("Date"),
    "title": N_("Title"),
    "type": N_("Activity type"),
    "task": N_("Key task"),
    "measure": N_("Measure"),
    "place": N_("Place"),
    "notes": N_("Notes"),
    "sessions": N_("Sessions"),
    "participants": N_("Participants"),
    "enterprises": N_("Enterprises"),
    "items": N_("Items"),
    "amount_yuan": N_("Amount (yuan)"),
    "amount_wan": N_("Amount (10,000 yuan)"),
}
DEFAULT_COUNTS = {"sessions": 1, "participants": 0, "enterprises": 0, "items": 0}

# Header words per field, compared after normalising (NFKC, no spaces, lower case). Exact matches
# are tried for every field first, then "contains" matches in this order (type before title, so
# "活动类型" is a type and "活动名称" a title).
_EXACT: dict[str, tuple[str, ...]] = {
    "date": ("日期", "时间", "活动日期", "活动时间", "开展时间", "开展日期", "举办时间", "date", "day"),
    "title": (
        "标题",
        "活动名称",
        "名称",
        "活动",
        "活动标题",
        "活动主题",
        "主题",
        "title",
        "name",
        "activity",
    ),
    "type": ("类型", "活动类型", "类别", "活动类别", "形式", "活动形式", "type", "kind", "category"),
    "task": ("重点工作任务", "工作任务", "任务", "重点任务", "所属任务", "task", "keytask"),
    "measure": ("举措", "工作举措", "措施", "具体举措", "所属举措", "measure"),
    "place": ("地点", "活动地点", "场所", "地址", "place", "location", "venue"),
    "notes": (
        "备注",
        "说明",
        "内容",
        "活动内容",
        "情况说明",
        "notes",
        "note",
        "remark",
        "remarks",
        "description",
    ),
    "sessions": ("场次", "次数", "期数", "场数", "sessions"),
    "participants": (
        "参加人次",
        "人次",
        "人数",
        "参加人数",
        "参与人数",
        "参会人数",
        "participants",
        "attendees",
        "people",
    ),
    "enterprises": ("企业数", "企业", "家数", "服务企业数", "企业数量", "enterprises", "companies"),
    "items": ("件数", "数量", "件", "items", "count"),
    "amount_yuan": (
        "金额",
        "金额(元)",
        "经费",
        "经费(元)",
        "费用",
        "费用(元)",
        "支出",
        "amount",
        "amount(yuan)",
        "cost",
    ),
    "amount_wan": ("金额(万元)", "经费(万元)", "费用(万元)", "支出(万元)", "万元", "amount(10,000yuan)"),
}
_CONTAINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("amount_wan", ("万元",)),
    ("amount_yuan", ("金额", "经费", "费用", "amount")),
    ("participants", ("人次", "人数")),
    ("enterprises", ("企业",)),
    ("sessions", ("场次",)),
    ("items", ("件数",)),
    ("date", ("日期", "时间", "date")),
    ("type", ("类型", "类别", "type")),
    ("measure", ("举措", "措施", "measure")),
    ("task", ("任务", "task")),
    ("place", ("地点", "场所", "place", "location")),
    ("notes", ("备注", "说明", "note", "remark")),
    ("title", ("名称", "标题", "主题", "title", "name")),
)

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Lotus' 1900-02-29
_SERIAL_RANGE = (3_000, 110_000)  # 1908 … 2201: a bare number outside this is not a date
_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_TWO_PART = re.compile(r"^(\d+)\s*[.\-、/]\s*(\d+)$")


class ImportFileError(JixiaoError):
    """The file cannot be read as a spreadsheet at all."""


@dataclass
class Sheet:
    """A spreadsheet's header and data rows as read from the file.

    ``rows[i]`` is spreadsheet row ``row_numbers[i]`` (1-based, as Excel numbers it); cells are
    ``str``, ``int``, ``float``, ``bool``, ``datetime`` or None; every row has ``len(headers)`` cells.
    """

    headers: list[str]
    rows: list[list[object]]
    row_numbers: list[int]
    source: str = ""  # file name
    encoding: str = ""  # CSV only: utf-8, utf-8-sig, gbk, utf-16
    sheet_name: str = ""  # xlsx only


class ImportProblem(Problem):
    """A ``Problem`` of one cell (*row* and *column* as the spreadsheet shows them) or of the column
    choice: ``where`` is ``("cell", (row, column))``, ``code`` the target field.

    ``row`` is None for a problem of the whole file or of the column choice.
    """

    @classmethod
    def at(
        cls, row: int | None, column: str, field: str, msgid: str, params: dict | None = None
    ) -> ImportProblem:
        return cls(field, Message(msgid, **(params or {})), ("cell", (row, column)))

    @property
    def row(self) -> int | None:
        return self._cell[0]

    @property
    def column(self) -> str:
        return self._cell[1]

    @property
    def field(self) -> str:
        """The target field (``date``, ``title`` … or ``""`` for the whole file)."""
        return self.code

    @property
    def _cell(self) -> tuple[int | None, str]:
        assert self.where is not None and self.where[0] == "cell"
        return self.where[1]  # type: ignore[return-value]


@dataclass(frozen=True)
class TaskChoice:
    """A key task of the year as an import can name it: by title or by its number (1-based)."""

    id: int
    title: str
    measures: tuple[tuple[int, str], ...] = ()  # (id, title), in order


@dataclass(frozen=True)
class ImportContext:
    """What converting rows needs to know about the year they go into."""

    year: int
    types: dict[str, int]  # name → id
    tasks: tuple[TaskChoice, ...] = ()


@dataclass
class ImportResult:
    """``activities``: ``(row number, Activity)`` of every row that converted; ``problems``: all problems."""

    activities: list[tuple[int, Activity]] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def bad_rows(self) -> list[int]:
        """The spreadsheet row numbers that have problems, in order."""
        return sorted({p.row for p in self.problems if p.row is not None})


# -- reading files ----------------------------------------------------------------------------------


def read_table(path: str | Path) -> Sheet:
    """Read a ``.csv``/``.txt`` (any of the encodings above) or ``.xlsx`` file's first sheet.

    :raises ImportFileError: the file cannot be read, is an old ``.xls``, or holds no header row.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise ImportFileError(
            N_("Old .xls files cannot be read; in Excel, save the file as .xlsx or CSV first.")
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(
            N_("The file {name} cannot be read: {detail}"),
            name=path.name,
            detail=error.strerror or str(error),
        ) from None
    if suffix in (".xlsx", ".xlsm") or data[:4] == b"PK\x03\x04":
        sheet = read_xlsx(data, path.name)
    else:
        sheet = read_csv(data, path.name)
    return sheet


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in (``utf-8-sig``, ``utf-16``, ``utf-8``, ``gbk``).

    Chinese Excel saves plain CSV in GBK (GB18030 is read, a superset); UTF-8 is tried first since
    a GBK text almost never decodes as UTF-8.
    :raises ImportFileError: none of them decodes the bytes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gbk"
    except UnicodeDecodeError:
        raise ImportFileError(
            N_("The file's text encoding was not recognised; in Excel, save it as “CSV UTF-8”.")
        ) from None


def _delimiter(first_line: str) -> str:
    counts = {sep: first_line.count(sep) for sep in (",", "\t", ";")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv(data: bytes, name: str = "") -> Sheet:
    """A CSV (or tab-separated text) file's rows; the first non-empty row is the header."""
    try:
        text, encoding = decode_text(data)
    except UnicodeDecodeError:
        raise ImportFileError(
            N_("The file's text encoding was not recognised; in Excel, save it as “CSV UTF-8”.")
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = next((line for line in text.split("\n") if line.strip()), "")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(first))
    try:
        raw = [list(row) for row in reader]
    except csv.Error as error:
        raise ImportFileError(
            N_("The file {name} cannot be read: {detail}"), name=name, detail=str(error)
        ) from None
    # csv.reader counts physical lines inside quoted cells as one row: number rows by records,
    # which is how Excel numbers them too.
    return _sheet(raw, list(range(1, len(raw) + 1)), name, encoding=encoding)


def read_xlsx(data: bytes, name: str = "") -> Sheet:
    """The first worksheet of an ``.xlsx`` workbook (read-only, cached values of formulas)."""
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - a dependency of jixiao
        raise ImportFileError(N_("Excel files cannot be read here; save the file as CSV.")) from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - zip, XML and openpyxl's own errors all mean "unreadable"
        raise ImportFileError(
            N_("The file {name} is not a readable Excel workbook ({detail})."), name=name, detail=str(error)
        ) from None
    try:
        worksheet = workbook.worksheets[0]
        raw, numbers = [], []
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            raw.append(list(row))
            numbers.append(number)
        sheet_name = worksheet.title
    finally:
        workbook.close()
    return _sheet(raw, numbers, name, sheet_name=sheet_name)


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _sheet(raw: Sequence[Sequence[object]], numbers: list[int], name: str, **extra) -> Sheet:
    rows = [(number, row) for number, row in zip(numbers, raw, strict=True) if not all(map(_is_blank, row))]
    if not rows:
        raise ImportFileError(N_("The file {name} is empty."), name=name)
    width = max(
        (max((i for i, cell in enumerate(row) if not _is_blank(cell)), default=-1) + 1 for _n, row in rows),
        default=0,
    )
    header_row = rows[0][1]
    headers = []
    for index in range(width):
        cell = header_row[index] if index < len(header_row) else None
        text = "" if _is_blank(cell) else _text(cell)
        headers.append(text or _column_letter(index))
    body = [(n, (list(row) + [None] * width)[:width]) for n, row in rows[1:]]
    return Sheet(headers, [row for _n, row in body], [n for n, _row in body], source=name, **extra)


# -- guessing the columns -----------------------------------------------------------------------------


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).lower()
    return re.sub(r"\s+", "", text).replace("（", "(").replace("）", ")")


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """Which column (index) holds each field, guessed from Chinese or English headers.

    Each column is used for one field at most; fields without a likely column are left out.
    """
    normal = [_normal(h) for h in headers]
    mapping: dict[str, int] = {}
    taken: set[int] = set()
    for target in FIELDS:
        for index, text in enumerate(normal):
            if index not in taken and text in _EXACT[target]:
                mapping[target] = index
                taken.add(index)
                break
    for target, words in _CONTAINS:
        if target in mapping:
            continue
        for index, text in enumerate(normal):
            if index not in taken and any(word in text for word in words):
                if target == "amount_yuan" and "万" in text:
                    continue
                mapping[target] = index
                taken.add(index)
                break
    return mapping


def check_mapping(mapping: dict[str, int], headers: list[str]) -> list[ImportProblem]:
    """Problems of a column choice: a required field without a column, a column chosen twice …"""
    problems = []
    for target in REQUIRED:
        if target not in mapping:
            problems.append(
                ImportProblem.at(
                    None,
                    "",
                    target,
                    N_("Choose the column that holds “{field}”."),
                    {"field": Message(FIELD_LABELS[target])},
                )
            )
    if "amount_yuan" in mapping and "amount_wan" in mapping:
        problems.append(
            ImportProblem.at(
                None, "", "amount_wan", N_("Choose one amount column only, in yuan or in 10,000 yuan.")
            )
        )
    seen: dict[int, str] = {}
    for target in FIELDS:
        index = mapping.get(target)
        if index is None:
            continue
        if not 0 <= index < len(headers):
            problems.append(ImportProblem.at(None, "", target, N_("The chosen column does not exist."), {}))
            continue
        if index in seen:
            problems.append(
                ImportProblem.at(
                    None,
                    headers[index],
                    target,
                    N_("The column “{column}” is chosen for both “{first}” and “{second}”."),
                    {
                        "column": headers[index],
                        "first": Message(FIELD_LABELS[seen[index]]),
                        "second": Message(FIELD_LABELS[target]),
                    },
                )
            )
        seen[index] = target
    return problems


# -- converting cells --------------------------------------------------------------------------------


class _Bad(Exception):
    """A cell that cannot be converted: a msgid and its parameters."""

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


def _text(value: object) -> str:
    """A cell as text: numbers without a spurious ".0", dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def cell_text(value: object) -> str:
    """A cell as the preview shows it (numbers without ".0", dates as ISO)."""
    return _text(value)


def _shown(value: object) -> str:
    text = _text(value)
    return text if len(text) <= 40 else text[:39] + "…"


def parse_date(value: object) -> dt.date:
    """A date from an Excel date, an Excel serial number, or text like 2022-3-5, 2022/3/5, 2022年3月5日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise _Bad(N_("“{value}” is not a date; write it like 2022-3-5."), value=_shown(value))
    if isinstance(value, int | float):
        return _serial_date(value, value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = _DATE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise _Bad(N_("{value} is not a day of the calendar."), value=_shown(value)) from None
    match = _COMPACT_DATE.match(text)
    if match:  # 20220305; any other 8 digits are not a date at all
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise _Bad(N_("“{value}” is not a date; write it like 2022-3-5."), value=_shown(value)) from None
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is not None and number.is_finite():
        return _serial_date(number, value)
    raise _Bad(N_("“{value}” is not a date; write it like 2022-3-5."), value=_shown(value))


def _serial_date(number, original) -> dt.date:
    low, high = _SERIAL_RANGE
    if not low <= number < high:
        raise _Bad(N_("“{value}” is not a date; write it like 2022-3-5."), value=_shown(original))
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def parse_count(value: object, default: int) -> int:
    """A whole number (场次, 人次 …) read by ``core.activities.read_count``; empty gives *default*."""
    try:
        count = read_count(value)
    except ValueError:
        raise _Bad(N_("“{value}” is not a whole number."), value=_shown(value)) from None
    return default if count is None else count


def parse_money(value: object, unit: str) -> int:
    """Fen from an amount in 元 (*unit* ``"yuan"``) or 万元 (``"wan"``) read by
    ``core.activities.read_amount`` ("1.5万元" in a 元 column is 万元); empty is 0."""
    try:
        fen = read_amount(value, unit)
    except ValueError:
        raise _Bad(N_("“{value}” is not an amount of money."), value=_shown(value)) from None
    return 0 if fen is None else fen


def _number(text: str) -> int | None:
    """1 from "1", "1.", "1、", "(1)", "（一）", "一", "第一项", "任务1"; None when it is no number."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = re.sub(r"^(?:任务|举措|措施|task|measure|no\.?)\s*", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^第", "", text)
    text = re.sub(r"(?:项|条|个)$", "", text)
    text = text.strip("()[]【】.、:：。 ")
    if text.isdigit():
        return int(text)
    if text and all(ch in _CN_DIGITS or ch == "十" for ch in text):
        if "十" not in text:
            return int("".join(str(_CN_DIGITS[ch]) for ch in text)) if len(text) == 1 else None
        tens, _sep, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return None


def _same(a: str, b: str) -> bool:
    return _normal(a) == _normal(b)


def resolve_task(value: object, context: ImportContext) -> TaskChoice | None:
    """The key task a cell names by title or number (None for an empty cell)."""
    if _is_blank(value):
        return None
    text = _text(value)
    for task in context.tasks:
        if _same(task.title, text):
            return task
    number = _number(text)
    if number is not None and 1 <= number <= len(context.tasks):
        return context.tasks[number - 1]
    raise _Bad(N_("There is no key task “{value}” in FY {year}."), value=_shown(value), year=context.year)


def resolve_measure(
    value: object, task: TaskChoice | None, context: ImportContext
) -> tuple[TaskChoice, int] | None:
    """The (task, measure id) a cell names: a title, a number within *task*, or "2.1" (task 2, measure 1)."""
    if _is_blank(value):
        return None
    text = _text(value)
    two = _TWO_PART.match(unicodedata.normalize("NFKC", text).strip())
    if two is not None:
        task_number, measure_number = int(two.group(1)), int(two.group(2))
        if 1 <= task_number <= len(context.tasks):
            named = context.tasks[task_number - 1]
            if task is not None and task.id != named.id:
                raise _Bad(N_("The measure “{value}” belongs to another key task."), value=_shown(value))
            if 1 <= measure_number <= len(named.measures):
                return named, named.measures[measure_number - 1][0]
        raise _Bad(N_("There is no measure “{value}” in FY {year}."), value=_shown(value), year=context.year)
    if task is not None:
        for measure_id, title in task.measures:
            if _same(title, text):
                return task, measure_id
        number = _number(text)
        if number is not None and 1 <= number <= len(task.measures):
            return task, task.measures[number - 1][0]
        raise _Bad(
            N_("The key task “{task}” has no measure “{value}”."),
            task=_shown(task.title),
            value=_shown(value),
        )
    found = [(t, m_id) for t in context.tasks for m_id, title in t.measures if _same(title, text)]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise _Bad(
            N_("Several key tasks have a measure “{value}”; fill in the key task too."), value=_shown(value)
        )
    if _number(text) is not None:
        raise _Bad(N_("Fill in the key task of measure “{value}” too."), value=_shown(value))
    raise _Bad(N_("There is no measure “{value}” in FY {year}."), value=_shown(value), year=context.year)


def resolve_type(value: object, context: ImportContext) -> int:
    """The id of the activity type a cell names."""
    if _is_blank(value):
        raise _Bad(N_("Choose an activity type."))
    text = _text(value)
    for name, type_id in context.types.items():
        if _same(name, text):
            return type_id
    raise _Bad(
        N_("There is no activity type “{value}” in FY {year}."), value=_shown(value), year=context.year
    )


# Fields of ``validate_activity``'s problems → the import's fields.
_MODEL_FIELDS = {
    "date": "date",
    "title": "title",
    "type_id": "type",
    "task_id": "task",
    "measure_id": "measure",
    "sessions": "sessions",
    "participants": "participants",
    "enterprises": "enterprises",
    "items": "items",
}


def convert(sheet: Sheet, mapping: dict[str, int], context: ImportContext) -> ImportResult:
    """Every row of *sheet* as an ``Activity`` of the year, with every problem found.

    Each row is checked in full (every bad cell is named, not only the first), by the same rules
    as a record typed into the form (``validate_activity``).
    """
    result = ImportResult()
    mapping = {target: index for target, index in mapping.items() if target in FIELDS and index is not None}
    result.problems.extend(check_mapping(mapping, sheet.headers))
    if result.problems:
        return result
    if not sheet.rows:
        result.problems.append(
            ImportProblem.at(None, "", "", N_("The file has no rows below its header."), {})
        )
        return result
    money_field = "amount_wan" if "amount_wan" in mapping else "amount_yuan"

    def column(target: str) -> str:
        index = mapping.get(target)
        return sheet.headers[index] if index is not None else ""

    type_ids = set(context.types.values())
    measures_by_task = {task.id: {m_id for m_id, _t in task.measures} for task in context.tasks}
    for number, row in zip(sheet.row_numbers, sheet.rows, strict=True):
        problems: list[ImportProblem] = []

        def cell(target: str, row=row):
            index = mapping.get(target)
            return row[index] if index is not None else None

        def attempt(target: str, function, *args, problems=problems, number=number):
            try:
                return True, function(*args)
            except _Bad as bad:
                problems.append(ImportProblem.at(number, column(target), target, bad.message, bad.params))
                return False, None

        values: dict[str, Any] = {"date": None}
        if not _is_blank(cell("date")):
            ok, day = attempt("date", parse_date, cell("date"))
            values["date"] = day
        values["title"] = _text(cell("title"))
        if not _is_blank(cell("type")):
            values["type_id"] = attempt("type", resolve_type, cell("type"), context)[1]
        else:
            values["type_id"] = None  # the rules below say "Choose an activity type."
        ok, task = attempt("task", resolve_task, cell("task"), context)
        values["task_id"] = task.id if task is not None else None
        if ok:
            found = attempt("measure", resolve_measure, cell("measure"), task, context)[1]
            if found is not None:
                values["task_id"], values["measure_id"] = found[0].id, found[1]
        for name in COUNT_FIELDS:
            ok, count = attempt(name, parse_count, cell(name), DEFAULT_COUNTS[name])
            values[name] = count if ok else DEFAULT_COUNTS[name]
        ok, fen = attempt(
            money_field, parse_money, cell(money_field), "wan" if money_field == "amount_wan" else "yuan"
        )
        values["amount_fen"] = fen if ok else 0
        values["place"] = _text(cell("place"))
        values["notes"] = _text(cell("notes"))
        activity = Activity(**values)
        reported = {problem.field for problem in problems}
        for model_field, message, params in validate_activity(
            activity, context.year, type_ids, measures_by_task
        ):
            target = (
                money_field if model_field == "amount_fen" else _MODEL_FIELDS.get(model_field, model_field)
            )
            if target not in reported:
                problems.append(ImportProblem.at(number, column(target), target, message, params))
                reported.add(target)
        if not problems:
            result.activities.append((number, activity))
        result.problems.extend(problems)
    return result


__all__ = [
    "FIELDS",
    "REQUIRED",
    "FIELD_LABELS",
    "Sheet",
    "ImportProblem",
    "ImportContext",
    "ImportResult",
    "ImportFileError",
    "TaskChoice",
    "read_table",
    "read_csv",
    "read_xlsx",
    "decode_text",
    "guess_mapping",
    "check_mapping",
    "convert",
    "parse_date",
    "parse_count",
    "parse_money",
    "cell_text",
]
