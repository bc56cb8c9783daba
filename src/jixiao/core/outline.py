"""Report outlines as data (``resources/outlines/<key>.json``; format in ``docs/outlines.md``).

An outline says what a report looks like: its title lines, its numbered sections (heading text,
numbering style per level) and what each section holds — a built-in block computed from the year's
records, or the clerk's own text with live figures — and the wording of the generated sentences,
with variants chosen by the result (grade, execution-rate band, whether targets were missed).

Texts are report data: Chinese, optionally with an English form (``{"zh": …, "en": …}``) used when
the report is written in English. An outline is plain data: a year stores the one it uses (a shipped
key, or a whole copied outline) and the year package carries it.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from jixiao.core.errors import N_, JixiaoError
from jixiao.paths import resources_dir

OUTLINE_FORMAT = "jixiao-outline"
OUTLINE_VERSION = 1
OUTLINES_DIR = "outlines"
DEFAULT_OUTLINE = "guangzhou-2022"
# Shipped outlines in the order the GUI offers them.
SHIPPED = (
    "guangzhou-2022",
    "guangxi-hengxian-2017",
    "unit-template-2022",
    "project-honghe-2024",
    "table-only",
)

KINDS = ("department", "project", "table")
UNIT_NAMES = ("full", "short")
# Numbering styles of headings (and of numbered items one level below a section).
NUMBERING = {
    "cn-dun": ("{cn}、", "{roman}. "),  # 一、
    "cn-paren": ("（{cn}）", "({roman}) "),  # （一）
    "num-dot": ("{n}.", "{n}. "),  # 1.
    "num-paren": ("（{n}）", "({n}) "),  # （1）
    "num-dun": ("{n}、", "{n}. "),  # 1、
}
DEFAULT_NUMBERING = ("cn-dun", "cn-paren", "num-dot", "num-paren")
# How measures of a task are enumerated in running text.
RUNNING = ("ordinal-is", "num-dun", "num-paren")  # 一是… / 1、… / （1）…
BLOCKS = (
    "duties",  # 主要职责 as an inline numbered list
    "departments",  # 内设机构 (names and their number)
    "staffing",  # 编制, 在职, 离退休
    "work_overview",  # the year's narrative + the key tasks listed
    "goals",  # the year's goals with a conditional lead sentence
    "income",  # 决算收入 against 预算收入
    "money_summary",  # income, expenditure (人员经费/公用经费), 财政拨款收入, year-on-year changes
    "performance_management",  # the year's text of that name
    "evaluation_summary",  # the year's text + the score sentence
    "project_overview",  # how many projects, their money and share
    "key_projects",  # each key project: money + its performance text
    "all_projects",  # every project: money + its performance text
    "task_results",  # each key task as a heading with its measures (一是…)
    "indicators_summary",  # how many indicators, how many met / missed
    "problems",  # 存在的主要问题, numbered one level below
    "improvements",  # 下一步改进措施, numbered one level below
    "attachments",  # the attachment list
    "opening",  # the year's opening paragraph (before 一、: the finance bureau's notice …)
    "closing",  # the year's closing summary paragraph
    "text",  # one of the year's texts (``text_key``)
    "custom",  # the section's own text (live figures allowed)
    "project_background",  # project report: 立项背景 (the project's expected goal text)
    "project_money",  # project report: budget, execution, rate
    "project_goals",  # project report: 预期目标 vs 实际完成情况
    "project_indicators",  # project report: its indicators, met or missed
    "project_performance",  # project report: its performance text
)
# What each block prints, in the clerk's words (the outline editor lists sections by these).
BLOCK_NAMES: dict[str, str] = {
    "duties": N_("main duties"),
    "departments": N_("internal departments"),
    "staffing": N_("staffing"),
    "work_overview": N_("the year's work and key tasks"),
    "goals": N_("performance goals"),
    "income": N_("income against the budget"),
    "money_summary": N_("income and expenditure, year on year"),
    "performance_management": N_("performance management text"),
    "evaluation_summary": N_("evaluation summary and score"),
    "project_overview": N_("projects overview"),
    "key_projects": N_("key projects"),
    "all_projects": N_("all projects"),
    "task_results": N_("results of the key tasks"),
    "indicators_summary": N_("indicators met and missed"),
    "problems": N_("problems"),
    "improvements": N_("improvement measures"),
    "attachments": N_("attachment list"),
    "opening": N_("opening paragraph"),
    "closing": N_("closing paragraph"),
    "text": N_("a text of the year"),
    "custom": N_("own text"),
    "project_background": N_("project background"),
    "project_money": N_("project funds"),
    "project_goals": N_("project goals and results"),
    "project_indicators": N_("project indicators"),
    "project_performance": N_("project performance text"),
}
CONDITIONS = ("grade", "rate_min", "rate_below", "missed")
_GRADE_CODES = ("excellent", "good", "fair", "poor")


class OutlineError(JixiaoError):
    message = N_("The report outline {name} cannot be used: {detail}")


Text = str | dict  # a report text: "…" or {"zh": "…", "en": "…"}


def pick(text: Text | None, lang: str) -> str:
    """The form of *text* for report language *lang* (Chinese when there is no other)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if not lang.startswith("zh") and text.get("en"):
        return text["en"]
    return text.get("zh") or text.get("en") or ""


@dataclass
class Variant:
    """One wording of a sentence and when it applies (every condition given must hold)."""

    text: Text
    when: dict = field(default_factory=dict)

    def applies(self, facts: dict) -> bool:
        """*facts*: ``grade`` (code), ``rate`` (Decimal ratio or None), ``missed`` (bool)."""
        when = self.when
        if "grade" in when and facts.get("grade") not in when["grade"]:
            return False
        rate = facts.get("rate")
        if "rate_min" in when and (rate is None or rate < Decimal(str(when["rate_min"]))):
            return False
        if "rate_below" in when and (rate is None or rate >= Decimal(str(when["rate_below"]))):
            return False
        if "missed" in when and bool(facts.get("missed")) != bool(when["missed"]):
            return False
        return True


@dataclass
class Section:
    """A numbered section: *heading* (None: no heading and no number, e.g. an opening paragraph),
    what it holds (*block*, with *text* for ``custom`` and *text_key* for ``text``), sub-sections."""

    heading: Text | None = None
    block: str = ""
    text: Text = ""
    text_key: str = ""
    sections: list[Section] = field(default_factory=list)
    key: str = ""  # a stable name (readiness, GUI)


@dataclass
class Outline:
    """A whole outline (see the module docstring)."""

    key: str
    name: Text
    kind: str = "department"
    source: str = ""
    title: list[Text] = field(default_factory=list)
    unit_name: str = "full"
    numbering: tuple[str, ...] = DEFAULT_NUMBERING
    running: str = "ordinal-is"
    wording: dict[str, list[Variant]] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    based_on: str = ""  # the shipped outline a copy was made from

    def walk(self) -> list[tuple[int, Section]]:
        """Every section with its heading level (1 = top; a section without a heading has its parent's
        level), depth first, in order."""
        found: list[tuple[int, Section]] = []

        def visit(sections: list[Section], level: int) -> None:
            for section in sections:
                own = level if section.heading is not None else level - 1
                found.append((own, section))
                visit(section.sections, own + 1)

        visit(self.sections, 1)
        return found

    def blocks(self) -> set[str]:
        """The built-in blocks this outline prints."""
        return {section.block for _, section in self.walk() if section.block}

    def to_json(self) -> dict:
        """The outline as JSON-able data (the file format)."""

        def section(s: Section) -> dict:
            data: dict = {}
            if s.key:
                data["key"] = s.key
            if s.heading is not None:
                data["heading"] = s.heading
            if s.block:
                data["block"] = s.block
            if s.text:
                data["text"] = s.text
            if s.text_key:
                data["text_key"] = s.text_key
            if s.sections:
                data["sections"] = [section(child) for child in s.sections]
            return data

        data = {
            "format": OUTLINE_FORMAT,
            "format_version": OUTLINE_VERSION,
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            "source": self.source,
            "title": list(self.title),
            "unit_name": self.unit_name,
            "numbering": list(self.numbering),
            "running": self.running,
            "wording": {
                key: [({"when": v.when, "text": v.text} if v.when else {"text": v.text}) for v in variants]
                for key, variants in self.wording.items()
            },
            "sections": [section(s) for s in self.sections],
        }
        if self.based_on:
            data["based_on"] = self.based_on
        return data

    def copy(self, key: str, name: Text) -> Outline:
        """An independent copy under a new *key* and *name* (remembers what it was based on)."""
        clone = copy.deepcopy(self)
        clone.key, clone.name, clone.based_on = key, name, self.based_on or self.key
        return clone


def _text(value: object, where: str) -> Text:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value and set(value) <= {"zh", "en"}:
        if all(isinstance(v, str) for v in value.values()):
            return dict(value)
    raise ValueError(f'{where}: a text is a string or {{"zh": …, "en": …}}')


def _section(data: object, where: str) -> Section:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: a section is an object")
    unknown = set(data) - {"key", "heading", "block", "text", "text_key", "sections"}
    if unknown:
        raise ValueError(f"{where}: unknown field {sorted(unknown)[0]}")
    block = data.get("block", "")
    if block and block not in BLOCKS:
        raise ValueError(f"{where}: unknown block {block!r}")
    if block == "text" and not data.get("text_key"):
        raise ValueError(f"{where}: a text block names its text_key")
    heading = data.get("heading")
    children = data.get("sections", [])
    if not isinstance(children, list):
        raise ValueError(f"{where}.sections: a list")
    return Section(
        heading=None if heading is None else _text(heading, f"{where}.heading"),
        block=block,
        text=_text(data.get("text", ""), f"{where}.text"),
        text_key=str(data.get("text_key", "")),
        sections=[_section(child, f"{where}.sections[{i}]") for i, child in enumerate(children, 1)],
        key=str(data.get("key", "")),
    )


def _variants(value: object, where: str) -> list[Variant]:
    items = value if isinstance(value, list) else [{"text": value}]
    variants = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict) or "text" not in item:
            raise ValueError(f'{where}[{i}]: a variant is {{"when": …, "text": …}}')
        when = item.get("when", {})
        if not isinstance(when, dict) or set(when) - set(CONDITIONS):
            raise ValueError(f"{where}[{i}].when: conditions are {', '.join(CONDITIONS)}")
        if "grade" in when and (
            not isinstance(when["grade"], list) or set(when["grade"]) - set(_GRADE_CODES)
        ):
            raise ValueError(f"{where}[{i}].when.grade: a list of {', '.join(_GRADE_CODES)}")
        for bound in ("rate_min", "rate_below"):
            if bound in when:
                try:
                    Decimal(str(when[bound]))
                except InvalidOperation:
                    raise ValueError(f"{where}[{i}].when.{bound}: a number such as 0.9") from None
        variants.append(Variant(_text(item["text"], f"{where}[{i}].text"), dict(when)))
    return variants


def parse_outline(data: object, name: str = "") -> Outline:
    """Check and read outline *data* (parsed JSON); raises ``OutlineError`` naming what is wrong."""
    try:
        if not isinstance(data, dict) or data.get("format") != OUTLINE_FORMAT:
            raise ValueError(f"format must be {OUTLINE_FORMAT!r}")
        if data.get("format_version") != OUTLINE_VERSION:
            raise ValueError(f"format_version must be {OUTLINE_VERSION}")
        key = data.get("key")
        if not isinstance(key, str) or not key.strip():
            raise ValueError("key: a non-empty string")
        kind = data.get("kind", "department")
        if kind not in KINDS:
            raise ValueError(f"kind: one of {', '.join(KINDS)}")
        unit_name = data.get("unit_name", "full")
        if unit_name not in UNIT_NAMES:
            raise ValueError(f"unit_name: one of {', '.join(UNIT_NAMES)}")
        numbering = tuple(data.get("numbering", DEFAULT_NUMBERING))
        if not numbering or set(numbering) - set(NUMBERING):
            raise ValueError(f"numbering: a list of {', '.join(NUMBERING)}")
        running = data.get("running", "ordinal-is")
        if running not in RUNNING:
            raise ValueError(f"running: one of {', '.join(RUNNING)}")
        wording = data.get("wording", {})
        if not isinstance(wording, dict):
            raise ValueError("wording: an object")
        title = data.get("title", [])
        if not isinstance(title, list) or not title:
            raise ValueError("title: a non-empty list of lines")
        sections = data.get("sections", [])
        if not isinstance(sections, list):
            raise ValueError("sections: a list")
        outline = Outline(
            key=key,
            name=_text(data.get("name", key), "name"),
            kind=kind,
            source=str(data.get("source", "")),
            title=[_text(line, f"title[{i}]") for i, line in enumerate(title, 1)],
            unit_name=unit_name,
            numbering=numbering,
            running=running,
            wording={k: _variants(v, f"wording.{k}") for k, v in wording.items()},
            sections=[_section(s, f"sections[{i}]") for i, s in enumerate(sections, 1)],
            based_on=str(data.get("based_on", "")),
        )
        depth = max((level for level, _ in outline.walk()), default=0)
        if depth > len(numbering):
            raise ValueError(f"sections nest {depth} levels but numbering has {len(numbering)} styles")
        return outline
    except ValueError as error:
        raise OutlineError(
            name=name or str(data.get("key", "?") if isinstance(data, dict) else "?"), detail=str(error)
        ) from None


def load_outline(path: Path) -> Outline:
    """Read and check one outline file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise OutlineError(name=str(path), detail=str(error)) from None
    return parse_outline(data, str(path))


@cache
def _shipped() -> dict[str, Outline]:
    folder = resources_dir() / OUTLINES_DIR
    return {key: load_outline(folder / f"{key}.json") for key in SHIPPED}


def shipped_outlines() -> dict[str, Outline]:
    """Every shipped outline by key, in ``SHIPPED`` order (fresh copies: safe to change)."""
    return {key: copy.deepcopy(outline) for key, outline in _shipped().items()}


def get_outline(key: str | None) -> Outline:
    """The shipped outline *key* (the default one for None/"")."""
    outlines = _shipped()
    if not key:
        key = DEFAULT_OUTLINE
    if key not in outlines:
        raise OutlineError(name=key, detail="not a shipped outline")
    return copy.deepcopy(outlines[key])


CHINESE_DIGITS = "一二三四五六七八九十"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99)."""
    if n <= 10:
        return CHINESE_DIGITS[n - 1]
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else CHINESE_DIGITS[tens - 1]) + "十"
    return text + (CHINESE_DIGITS[ones - 1] if ones else "")


def roman(n: int) -> str:
    """1 → I, 4 → IV, 12 → XII (up to 3999)."""
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def number(style: str, n: int, lang: str) -> str:
    """The number of item *n* in *style*: 一、 （一） 1. （1） 1、 (English: I. (I) 1. (1))."""
    zh, en = NUMBERING[style]
    pattern = zh if lang.startswith("zh") else en
    return pattern.format(cn=chinese_ordinal(n), roman=roman(n), n=n)


def year_outline(report) -> Outline:
    """The outline a year uses: its own copied outline when it has one, else the shipped one it names.

    *report* is the year's ``YearReport``; an unknown shipped key falls back to the default outline.
    """
    if report.outline:
        return parse_outline(report.outline, str(report.outline.get("key", "")))
    key = report.outline_key if report.outline_key in _shipped() else DEFAULT_OUTLINE
    return get_outline(key)
