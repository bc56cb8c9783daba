"""Year-on-year figures: the report's amounts of this year against the previous year.

The previous year's figures come from the previous fiscal year of the same unit in the data file
when it is there; otherwise from what the clerk typed (``YearReport.previous``). A change is written
"增加X万元，增长Y%" / "减少X万元，下降Y%" by its sign — never a negative amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.core.model import PREVIOUS_FIGURES, FiscalYear
from jixiao.core.money import ratio


def current_figures(fy: FiscalYear) -> dict[str, int]:
    """This year's comparable figures in fen (missing ones left out)."""
    found: dict[str, int] = {}
    if fy.final_income_fen:
        found["income_fen"] = fy.final_income_fen
    for key in PREVIOUS_FIGURES[1:]:
        value = getattr(fy.report, key)
        if value is not None:
            found[key] = value
    return found


def previous_figures(fy: FiscalYear) -> tuple[dict[str, int], str]:
    """The previous year's figures and where they came from: "file" (the previous year in the data
    file, ``YearReport.file_previous``), "typed" (``YearReport.previous``) or "" (none)."""
    if fy.report.file_previous:
        return dict(fy.report.file_previous), "file"
    typed = {key: value for key, value in fy.report.previous.items() if key in PREVIOUS_FIGURES}
    return typed, ("typed" if typed else "")


@dataclass(frozen=True)
class Change:
    """This year against the previous one: amounts in fen, *percent* a ratio (None when previous is 0)."""

    current_fen: int
    previous_fen: int

    @property
    def difference_fen(self) -> int:
        return self.current_fen - self.previous_fen

    @property
    def direction(self) -> str:
        """ "up", "down" or "same"."""
        if self.difference_fen > 0:
            return "up"
        return "down" if self.difference_fen < 0 else "same"

    @property
    def percent(self) -> Decimal | None:
        """The size of the change relative to the previous year (positive), unrounded."""
        return ratio(abs(self.difference_fen), self.previous_fen) if self.previous_fen else None


def change_of(key: str, current: dict[str, int], previous: dict[str, int]) -> Change | None:
    """The change of figure *key*, or None when either year lacks it."""
    if key not in current or key not in previous:
        return None
    return Change(current[key], previous[key])
