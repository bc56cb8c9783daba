"""The terms a new clerk meets in the forms (自称, 举措, live figures …), explained once.

The same texts serve as tooltips on the forms and as the glossary of 帮助 → 使用说明.
"""

from __future__ import annotations

from collections.abc import Callable

from jixiao.core.i18n import N_

# key → (term as the forms name it, explanation). msgids; zh_CN gives the Chinese.
TERMS: dict[str, tuple[str, str]] = {
    "self_name": (
        N_("How it names itself (自称)"),
        N_(
            "The word the report uses for the unit after its full name has been given once, "
            "e.g. 我会, 本局, 本部门."
        ),
    ),
    "unit_kind": (
        N_("Kind of unit"),
        N_(
            "工商联, 群团组织, 政协/人大机关, 行政机关 or 事业单位: decides which activity types and "
            "indicators a new year starts with."
        ),
    ),
    "task": (
        N_("Key task (重点工作任务)"),
        N_(
            "One of the year's main lines of work; the report lists them in 一（二） and analyses them in 二（四）."
        ),
    ),
    "measure": (
        N_("Measure (举措)"),
        N_(
            "One concrete step of a key task, printed as \u201c一是…二是…\u201d under the task. Record "
            "activities under it, then let jixiao draft its text from them."
        ),
    ),
    "measure_word": (
        N_("Measure word (量词)"),
        N_("How the type is counted in the report: 培训 1 期, 调解纠纷 12 件, 宣讲会 3 场."),
    ),
    "live_figure": (
        N_("Live figure"),
        N_(
            "A number in a text that jixiao counts from the records (e.g. how many 培训 were held) "
            "and keeps up to date; it shows as a shaded value and is inserted with “Insert a live figure…”."
        ),
    ),
    "indicator": (
        N_("Performance indicator (绩效指标)"),
        N_(
            "A row of the score table: 一级 (产出/效益/满意度), 二级 and 三级 name it, the target is the "
            "年度指标值 and the 实际完成值 is what was achieved."
        ),
    ),
    "computed_actual": (
        N_("Computed actual value"),
        N_("The 实际完成值 is counted from the records named here; it cannot be typed over."),
    ),
}


def term_tip(key: str, gettext: Callable[[str], str]) -> str:
    """Tooltip text for the term *key*: "term: explanation"."""
    term, text = TERMS[key]
    return f"{gettext(term)}: {gettext(text)}"
