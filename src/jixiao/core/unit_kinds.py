"""Unit kinds (单位类型): what a new unit and a new year start with, by the kind of department.

Each kind is a data file ``resources/unit-kinds/<key>.json`` giving its activity types (name,
measure word 量词, which optional count fields apply), the title placeholder of the activity form,
the suggested 自称 and example names, and its indicator template (keys of
``resources/indicator-library.json`` with weights adding up to the 90-point framework). The
library tags its kind-specific indicators with ``kinds``; untagged ones suit any kind.

Kind names and type names are report data (Chinese); the GUI labels of the kinds are msgids here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.core.errors import N_, JixiaoError
from jixiao.core.model import OPTIONAL_COUNTS, ActivityType, Indicator
from jixiao.paths import resources_dir

if TYPE_CHECKING:
    from jixiao.core.indicator_library import IndicatorLibrary

KIND_FORMAT = "jixiao-unit-kind"
KIND_VERSION = 1
KINDS_DIR = "unit-kinds"
# Kinds in the order the GUI offers them, with their labels (msgids; zh_CN gives the Chinese).
KIND_LABELS: dict[str, str] = {
    "federation": N_("Federation of industry and commerce (工商联)"),
    "mass_org": N_("People's organisation (妇联, 共青团, 残联 …)"),
    "congress": N_("CPPCC / people's congress office (政协, 人大机关)"),
    "administration": N_("Administrative bureau (e.g. 发展和改革局)"),
    "institution": N_("Public institution (事业单位)"),
}
KINDS = tuple(KIND_LABELS)
DEFAULT_KIND = "administration"


class UnitKindError(JixiaoError):
    """A unit kind file is not valid (a packaging error; *detail* says where)."""

    message = N_("The unit kind file {path} is not valid: {detail}")


@dataclass(frozen=True)
class UnitKind:
    """One kind of unit and what its new years start with."""

    key: str
    name: str  # 工商联, 群团组织 … (report data)
    full_name_example: str
    short_name_example: str
    self_name: str
    title_placeholder: str
    activity_types: tuple[ActivityType, ...]
    indicator_template: tuple[tuple[str, Decimal], ...]

    def new_activity_types(self) -> list[ActivityType]:
        """Fresh, unsaved copies of the kind's activity types."""
        return [ActivityType(t.name, t.measure_word, counts=t.counts) for t in self.activity_types]

    def new_indicators(self, library: IndicatorLibrary | None = None) -> list[Indicator]:
        """The kind's department indicator table (unsaved; weights add up to 90)."""
        from jixiao.core.indicator_library import default_library  # read when first needed

        library = library or default_library()
        return [library.get(key).to_indicator(points) for key, points in self.indicator_template]


def _parse(data: dict, path: Path, library: IndicatorLibrary) -> UnitKind:
    def bad(detail: str) -> UnitKindError:
        return UnitKindError(path=str(path), detail=detail)

    if data.get("format") != KIND_FORMAT or data.get("format_version") != KIND_VERSION:
        raise bad("format or format_version")
    if data.get("key") != path.stem or path.stem not in KINDS:
        raise bad("key must be the file name and a known kind")
    types = []
    for i, item in enumerate(data["activity_types"]):
        counts = tuple(item["counts"])
        if not item["name"].strip() or not item["measure_word"].strip():
            raise bad(f"activity_types[{i}]: empty name or measure word")
        if any(c not in OPTIONAL_COUNTS for c in counts):
            raise bad(f"activity_types[{i}]: unknown count field")
        types.append(ActivityType(item["name"], item["measure_word"], counts=counts))
    names = [t.name for t in types]
    if len(set(names)) != len(names):
        raise bad("duplicate activity type names")
    template = []
    totals: dict[str, Decimal] = {}
    for i, row in enumerate(data["indicator_template"]):
        try:
            entry = library.get(row["key"])
        except KeyError:
            raise bad(f"indicator_template[{i}]: unknown key {row['key']}") from None
        if entry.kinds and data["key"] not in entry.kinds:
            raise bad(f"indicator_template[{i}]: {row['key']} belongs to other kinds")
        points = Decimal(row["points"])
        totals[entry.level1] = totals.get(entry.level1, Decimal(0)) + points
        template.append((row["key"], points))
    for level in library.framework:
        if totals.get(level.level1, Decimal(0)) != level.points:
            raise bad(f"indicator_template: {level.level1} must have {level.points} points")
    return UnitKind(
        key=data["key"],
        name=data["name"],
        full_name_example=data["full_name_example"],
        short_name_example=data["short_name_example"],
        self_name=data["self_name"],
        title_placeholder=data["title_placeholder"],
        activity_types=tuple(types),
        indicator_template=tuple(template),
    )


def load_kind(path: Path, library: IndicatorLibrary | None = None) -> UnitKind:
    """Read and check one kind file."""
    from jixiao.core.indicator_library import default_library  # imported when first needed

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _parse(data, path, library or default_library())
    except (OSError, ValueError, KeyError, TypeError, ArithmeticError) as exc:
        raise UnitKindError(path=str(path), detail=f"{type(exc).__name__}: {exc}") from None


@cache
def all_kinds() -> dict[str, UnitKind]:
    """Every shipped kind by key, in ``KINDS`` order (read once; treat as read-only)."""
    folder = resources_dir() / KINDS_DIR
    return {key: load_kind(folder / f"{key}.json") for key in KINDS}


def get_kind(key: str | None) -> UnitKind:
    """The kind *key*; an unknown or empty key gives the neutral ``DEFAULT_KIND``."""
    kinds = all_kinds()
    return kinds.get(key or "", kinds[DEFAULT_KIND])
