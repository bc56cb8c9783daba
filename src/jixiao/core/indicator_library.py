"""The default indicator framework and the library of common indicators (``resources/indicator-library.json``).

Framework (national skeleton): 产出指标 50 (数量/质量/时效/成本), 效益指标 30 (经济/社会/生态/可持续影响),
满意度指标 10 — 90 points beside the execution row's 10. The library holds common indicators, each
tagged with the unit kinds it suits (``kinds``: keys of ``core.unit_kinds``; empty = any kind),
with a suggested weight, a suggested target where one is usual, and where sensible an
``actual_source`` figure spec (``docs/figures.md``) that counts the year's activities of a
type the kind suggests. Templates are ready-made tables whose weights match the framework (each
unit kind has its own department table in its kind file).

``search`` finds entries by name (substring, or pinyin initials such as ``pxrc`` for 培训人次) and
filters them by kind, 一级 and 二级指标.

The names are report content (the report is written in Chinese), so they are data, not msgids.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from jixiao.core.errors import N_, JixiaoError
from jixiao.core.figures import FigureError, validate_figure_spec
from jixiao.core.model import INDICATOR_KINDS, Indicator
from jixiao.paths import resources_dir

LIBRARY_FILE = "indicator-library.json"
LIBRARY_FORMAT = "jixiao-indicator-library"
LIBRARY_VERSION = 2
TEMPLATES = ("department", "project")
TOTAL_POINTS = Decimal(90)


class LibraryError(JixiaoError):
    """The indicator library file is not valid (a packaging error; *detail* says where)."""

    message = N_("The indicator library {path} is not valid: {detail}")


@dataclass(frozen=True)
class FrameworkLevel:
    """A 一级指标 of the framework with its points and its 二级指标 names."""

    level1: str
    points: Decimal
    level2: tuple[str, ...]


@dataclass(frozen=True)
class LibraryIndicator:
    """A library entry. ``points`` is the suggested weight; ``target`` may be empty (set per year)."""

    key: str
    kinds: tuple[str, ...]  # unit kinds it suits; empty = any kind
    level1: str
    level2: str
    level3: str
    kind: str
    unit: str
    target: str
    points: Decimal
    actual_source: dict | None

    def to_indicator(self, points: Decimal | None = None) -> Indicator:
        """A new, unsaved ``Indicator`` from this entry (its own copy of the figure spec)."""
        return Indicator(
            level1=self.level1,
            level2=self.level2,
            level3=self.level3,
            kind=self.kind,
            points=self.points if points is None else points,
            target=self.target,
            unit=self.unit,
            actual_source=copy.deepcopy(self.actual_source),
        )


@dataclass(frozen=True)
class IndicatorLibrary:
    """The framework, library entries and templates."""

    framework: tuple[FrameworkLevel, ...]
    indicators: tuple[LibraryIndicator, ...]
    templates: dict[str, tuple[tuple[str, Decimal], ...]]  # name → (key, points) in table order

    def get(self, key: str) -> LibraryIndicator:
        """The entry with *key* (``KeyError`` when there is none)."""
        for entry in self.indicators:
            if entry.key == key:
                return entry
        raise KeyError(key)

    def entries(
        self, kind: str | None = None, level1: str | None = None, level2: str | None = None
    ) -> list[LibraryIndicator]:
        """Entries in library order: for unit *kind* (those for any kind plus its own; None: all),
        optionally only those under 一级 *level1* and 二级 *level2*."""
        found = []
        for entry in self.indicators:
            if kind is not None and entry.kinds and kind not in entry.kinds:
                continue
            if level1 is not None and entry.level1 != level1:
                continue
            if level2 is not None and entry.level2 != level2:
                continue
            found.append(entry)
        return found

    def search(
        self, query: str = "", kind: str | None = None, level1: str | None = None, level2: str | None = None
    ) -> list[LibraryIndicator]:
        """``entries(kind, level1, level2)`` whose name, unit or target holds *query*, or whose name's
        pinyin initials start with or contain it (``pxrc`` → 培训人次); blank *query* matches all."""
        needle = "".join(query.split()).lower()
        found = self.entries(kind, level1, level2)
        if not needle:
            return found
        return [e for e in found if needle in e.level3.lower() or needle in name_initials(e.level3)]

    def default_indicators(self, template: str = "department") -> list[Indicator]:
        """A new indicator table from a template; its weights sum to 90 (50/30/10 by 一级指标)."""
        if template not in self.templates:
            raise ValueError(f"unknown template {template!r}")
        return [self.get(key).to_indicator(points) for key, points in self.templates[template]]


def _decimal(value: object, where: str, path: Path) -> Decimal:
    if not isinstance(value, str):
        raise LibraryError(path=str(path), detail=f"{where} must be a decimal string")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise LibraryError(path=str(path), detail=f"{where} is not a number") from None
    if not number.is_finite() or number <= 0:
        raise LibraryError(path=str(path), detail=f"{where} must be above 0")
    return number


def _parse(data: dict, path: Path) -> IndicatorLibrary:
    def bad(detail: str) -> LibraryError:
        return LibraryError(path=str(path), detail=detail)

    if data.get("format") != LIBRARY_FORMAT or data.get("format_version") != LIBRARY_VERSION:
        raise bad("format or format_version")
    framework = tuple(
        FrameworkLevel(
            level["level1"], _decimal(level["points"], f"framework[{i}].points", path), tuple(level["level2"])
        )
        for i, level in enumerate(data["framework"])
    )
    if sum(level.points for level in framework) != TOTAL_POINTS:
        raise bad("framework points must add up to 90")
    level2_of = {level.level1: set(level.level2) for level in framework}
    entries = []
    for i, item in enumerate(data["indicators"]):
        where = f"indicators[{i}]"
        kinds = item.get("kinds")
        if not isinstance(kinds, list) or not all(isinstance(k, str) for k in kinds):
            raise bad(f"{where}: kinds")
        if item.get("kind") not in INDICATOR_KINDS:
            raise bad(f"{where}: kind")
        if item["level2"] not in level2_of.get(item["level1"], ()):
            raise bad(f"{where}: level1/level2 not in the framework")
        source = item.get("actual_source")
        if source is not None:
            try:
                validate_figure_spec(source)
            except FigureError as exc:
                raise bad(f"{where}.actual_source: {exc}") from None
        entries.append(
            LibraryIndicator(
                key=item["key"],
                kinds=tuple(kinds),
                level1=item["level1"],
                level2=item["level2"],
                level3=item["level3"],
                kind=item["kind"],
                unit=item.get("unit", ""),
                target=item.get("target", ""),
                points=_decimal(item["points"], f"{where}.points", path),
                actual_source=source,
            )
        )
    keys = [e.key for e in entries]
    if len(set(keys)) != len(keys):
        raise bad("duplicate indicator keys")
    templates: dict[str, tuple[tuple[str, Decimal], ...]] = {}
    by_key = {e.key: e for e in entries}
    for name, rows in data["templates"].items():
        parsed = []
        per_level1: dict[str, Decimal] = {}
        for j, row in enumerate(rows):
            if row["key"] not in by_key:
                raise bad(f"templates.{name}[{j}]: unknown key {row['key']}")
            points = _decimal(row["points"], f"templates.{name}[{j}].points", path)
            level1 = by_key[row["key"]].level1
            per_level1[level1] = per_level1.get(level1, Decimal(0)) + points
            parsed.append((row["key"], points))
        for level in framework:
            if per_level1.get(level.level1, Decimal(0)) != level.points:
                raise bad(f"templates.{name}: {level.level1} must have {level.points} points")
        templates[name] = tuple(parsed)
    return IndicatorLibrary(framework, tuple(entries), templates)


def load_library(path: Path | None = None) -> IndicatorLibrary:
    """Read and check a library file (default: the shipped ``resources/indicator-library.json``)."""
    path = path or resources_dir() / LIBRARY_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _parse(data, path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LibraryError(path=str(path), detail=f"{type(exc).__name__}: {exc}") from None


@cache
def default_library() -> IndicatorLibrary:
    """The shipped library, read once. Treat it as read-only (entries hand out copies)."""
    return load_library()


def framework() -> tuple[FrameworkLevel, ...]:
    """The national skeleton: 产出 50 · 效益 30 · 满意度 10 with their 二级指标."""
    return default_library().framework


def list_indicators(kind: str | None = None) -> list[LibraryIndicator]:
    """Library entries for unit *kind* (None: all; see ``IndicatorLibrary.entries``)."""
    return default_library().entries(kind)


def default_indicator_table(template: str = "department") -> list[Indicator]:
    """New indicators for a year or project from template ``department`` or ``project`` (sum 90)."""
    return default_library().default_indicators(template)


@cache
def name_initials(name: str) -> str:
    """Lower-case pinyin initials of *name* (培训人次 → ``pxrc``); other characters kept as they are."""
    from pypinyin import Style, lazy_pinyin

    return "".join(part[:1] for part in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")).lower()
