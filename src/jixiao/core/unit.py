"""Rules for the unit (单位概况), pure Python."""

from __future__ import annotations

from jixiao.core.fields import Problems, require_text
from jixiao.core.i18n import N_
from jixiao.core.model import Unit
from jixiao.core.unit_kinds import KINDS


def validate_unit(unit: Unit) -> Problems:
    """What makes *unit* unusable (empty list: it may be saved)."""
    problems: Problems = []
    if unit.kind and unit.kind not in KINDS:
        problems.append(("kind", N_("Choose the kind of unit."), {}))
    require_text(problems, "full_name", unit.full_name, N_("Enter the unit's full name."))
    require_text(
        problems, "self_name", unit.self_name, N_("Enter how the unit names itself (本部门, 我会 …).")
    )
    return problems
