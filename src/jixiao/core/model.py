"""The year book as plain dataclasses: what the store loads and saves, what scoring and reports read.

Units: money in integer fen (``*_fen``); dates as ``datetime.date``; non-money decimals (targets,
points, actual values, scores) as ``Decimal``. ``id`` fields are the store's row ids (None for a
record not yet saved); ordered lists are kept in list order (the store's ``position``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.i18n import N_
from jixiao.core.money import ratio

BUDGET_LINE_LABELS: dict[str, str] = {
    "total": N_("Total funds"),  # 资金总额
    "fiscal": N_("Fiscal appropriation"),  # 财政拨款
    "fiscal_general": N_("General public budget"),  # 一般公共预算
    "fiscal_fund": N_("Government fund budget"),  # 政府性基金
    "fiscal_state_capital": N_("State capital operation budget"),  # 国有资本经营
    "other": N_("Other funds"),  # 其他资金
    "basic": N_("Basic expenditure"),  # 基本支出
    "project": N_("Project expenditure"),  # 项目支出
}
BUDGET_LINES = tuple(BUDGET_LINE_LABELS)
# Sub-lines that must add up to their parent line (checked by readiness rules).
BUDGET_SUMS: dict[str, tuple[str, ...]] = {
    "total": ("fiscal", "other"),
    "fiscal": ("fiscal_general", "fiscal_fund", "fiscal_state_capital"),
}
BUDGET_SUMS_BY_NATURE: tuple[str, tuple[str, ...]] = ("total", ("basic", "project"))

FUNDING_SOURCES = ("fiscal_general", "fiscal_fund", "fiscal_state_capital", "other")

INDICATOR_KINDS = (">=", "<=", "=", "qual")
QUAL_BANDS = ("achieved", "partial", "poor")
SCORE_RULES = ("standard", "rate_as_score")
MIN_YEAR, MAX_YEAR = 1990, 2200  # the fiscal years a data file or a year package may hold
LAYOUT_PROFILES = ("gbt9704", "word")
YEAR_TEXT_KEYS = (
    "work_overview",
    "performance_management",
    "evaluation_summary",
    "goals_completion",
    "goals_shortfall",
    "task_analysis_intro",
)


# Count fields of an activity that apply only to some activity types (``ActivityType.counts``);
# ``sessions`` (in the type's own measure word) applies to every type.
OPTIONAL_COUNTS = ("participants", "enterprises", "items", "amount_fen")


def decimal_text(value: Decimal) -> str:
    """*value* as canonical decimal text, the one form the data file and the year package store:
    plain digits without exponent, trailing zeros kept (they are the clerk's precision), no negative
    zero. ``Decimal("1E+1")`` → ``10``; ``Decimal("1E-7")`` → ``0.0000001``; ``Decimal("-0.0")`` → ``0.0``.

    :raises ValueError: *value* is not a finite ``Decimal`` (or an ``int``).
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError(f"not a finite Decimal: {value!r}")
    if value.is_zero():
        value = value.copy_abs()
    return format(value, "f")


@dataclass
class Unit:
    """单位: who the report is about. ``self_name`` is how it names itself after the first mention;
    ``kind`` is its unit kind (``core.unit_kinds``: federation, mass_org …), which decides what a
    new year starts with; "" = not given (an old year package): the store keeps or defaults it."""

    full_name: str
    short_name: str = ""
    self_name: str = "本部门"
    supervisor: str = ""  # 主管部门
    staffing: str = ""  # 人员编制 (free text)
    contact_person: str = ""
    contact_phone: str = ""
    duties: list[str] = field(default_factory=list)  # 主要职责, numbered in order
    departments: list[str] = field(default_factory=list)  # 内设机构
    kind: str = "administration"
    id: int | None = None


@dataclass
class BudgetLine:
    """One row of the money block; amounts in fen. ``line`` is a key of ``BUDGET_LINE_LABELS``.

    Terms: the *money block* is the year's table 年度部门整体支出规模 (``FiscalYear.budget``, written by
    ``services.money_block``); each row holds budget (预算) and execution amounts. A *project's budget*
    is ``Project.initial_fen`` / ``adjusted_fen`` (``services.projects``).
    """

    line: str
    initial_fen: int = 0  # 年初预算数
    adjusted_fen: int = 0  # 全年预算数
    executed_fen: int = 0  # 全年执行数


@dataclass
class Measure:
    """举措: one "一是…" item of a key task. ``text`` may hold live figures (report issue)."""

    title: str
    text: str = ""
    id: int | None = None


@dataclass
class Task:
    """年度重点工作任务. ``goal_text`` rewords the task for 一（三） when not empty; ``intro`` is an
    optional paragraph printed in 二（四） before the "一是…" measures (may hold live figures)."""

    title: str
    goal_text: str = ""
    intro: str = ""
    measures: list[Measure] = field(default_factory=list)
    id: int | None = None


@dataclass
class ActivityType:
    """An activity type (宣讲会, 培训 …), the measure word of its count (场, 期 …) and which of the
    ``OPTIONAL_COUNTS`` its activities record (a 宣传投稿 has no 参与人次)."""

    name: str
    measure_word: str = "次"
    counts: tuple[str, ...] = OPTIONAL_COUNTS
    id: int | None = None


@dataclass
class Attachment:
    """佐证材料: evidence bytes kept inside the data file."""

    filename: str
    data: bytes
    media_type: str = "application/octet-stream"
    id: int | None = None

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass
class Activity:
    """活动记录. ``task_id``/``measure_id``/``type_id`` are ids within the same year.

    Counts: ``sessions`` (in the type's measure word 场/期/件 …, default 1), ``participants`` (人次),
    ``enterprises`` (家), ``items`` (件: cases, articles …), ``amount_fen`` (money, fen). The last
    four are None when blank (not recorded, or not applicable to the type), which is not 0.
    """

    date: dt.date
    type_id: int
    title: str
    task_id: int | None = None
    measure_id: int | None = None
    notes: str = ""
    place: str = ""
    sessions: int = 1
    participants: int | None = None
    enterprises: int | None = None
    items: int | None = None
    amount_fen: int | None = None
    attachments: list[Attachment] = field(default_factory=list)
    deleted: bool = False
    id: int | None = None


@dataclass
class Payment:
    """A payment of a project: date, amount in fen (may be negative for a refund), note."""

    date: dt.date
    amount_fen: int
    note: str = ""
    id: int | None = None


@dataclass
class Indicator:
    """绩效指标. ``kind`` is one of ``>=``, ``<=``, ``=``, ``qual`` (定性).

    ``target`` is the text shown as 年度指标值 (a number for quantitative kinds); ``actual`` the
    实际完成值 (None = not yet known), unless ``actual_source`` (a JSON-able dict, see scoring)
    computes it from the year's records. ``points`` is the weight; ``score_override`` the clerk's
    score replacing the formula (with ``override_note``); ``qual_band`` the 定性 band.
    """

    level1: str
    level2: str
    level3: str
    kind: str
    points: Decimal
    target: str = ""
    unit: str = ""
    actual: str | None = None
    actual_source: dict | None = None
    score_override: Decimal | None = None
    override_note: str = ""
    qual_band: str | None = None
    applicable: bool = True
    deviation_reason: str = ""
    id: int | None = None


@dataclass
class Project:
    """项目: a 一级 project (no parent) with optional 二级 children; money in fen.

    A project with children takes its money from them; payments sum to its 全年执行数.
    """

    name: str
    funding_source: str = "fiscal_general"
    implementer: str = ""  # 实施单位
    initial_fen: int = 0
    adjusted_fen: int = 0
    is_key: bool = False
    expected_goal: str = ""  # 预期目标
    actual_result: str = ""  # 实际完成情况
    performance_text: str = ""  # 项目绩效目标完成情况与效益
    payments: list[Payment] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    children: list[Project] = field(default_factory=list)
    id: int | None = None

    @property
    def executed_fen(self) -> int:
        """全年执行数 in fen: the sum of this project's payments and its children's."""
        return sum(p.amount_fen for p in self.payments) + sum(c.executed_fen for c in self.children)

    @property
    def total_initial_fen(self) -> int:
        """年初预算数 in fen (children's sum when there are children)."""
        return sum(c.total_initial_fen for c in self.children) if self.children else self.initial_fen

    @property
    def total_adjusted_fen(self) -> int:
        """全年预算数 in fen (children's sum when there are children)."""
        return sum(c.total_adjusted_fen for c in self.children) if self.children else self.adjusted_fen

    @property
    def execution_rate(self) -> Decimal | None:
        """全年执行数 ÷ 全年预算数, unrounded; None when the project has no full-year budget."""
        return ratio(self.executed_fen, self.total_adjusted_fen)


@dataclass
class Metric:
    """A named figure of the year that is not an activity (会员人数 3782 人)."""

    name: str
    value: Decimal
    unit: str = ""
    note: str = ""
    id: int | None = None


REPORT_AMOUNTS = (
    "expenditure_fen",  # 本年支出 (决算支出)
    "personnel_fen",  # 其中：人员经费
    "public_fen",  # 其中：公用经费
    "fiscal_income_fen",  # 财政拨款收入
)
REPORT_COUNTS = ("staff_authorized", "staff_active", "staff_retired")  # 编制, 在职, 离退休 (人)
# Figures a year can compare with the previous year: its own amounts and the 决算收入.
PREVIOUS_FIGURES = ("income_fen", *REPORT_AMOUNTS)


@dataclass
class YearReport:
    """How a year's report is written and the facts only the report needs (migration 0004).

    ``outline_key`` names a shipped outline ("" = the default); ``outline`` holds the clerk's own
    outline (JSON data of ``core.outline``) and wins when set. Amounts in fen and counts are None
    when not given. ``previous`` holds typed previous-year figures (keys of ``PREVIOUS_FIGURES``),
    used only when the data file has no previous year of the unit (``file_previous``).
    """

    outline_key: str = ""
    outline: dict | None = None
    opening: str = ""  # paragraph before 一、 (e.g. citing the finance bureau's notice); live figures
    closing: str = ""  # closing summary paragraph; live figures
    expenditure_fen: int | None = None
    personnel_fen: int | None = None
    public_fen: int | None = None
    fiscal_income_fen: int | None = None
    staff_authorized: int | None = None
    staff_active: int | None = None
    staff_retired: int | None = None
    previous: dict[str, int] = field(default_factory=dict)
    # The previous fiscal year's figures of the same unit when the data file holds that year
    # (filled when the year is loaded; never stored with this year).
    file_previous: dict[str, int] = field(default_factory=dict, compare=False)

    def is_empty(self) -> bool:
        """True when nothing differs from a new year's defaults."""
        return self == YearReport()


@dataclass
class FiscalYear:
    """One fiscal year of a unit: everything its report needs."""

    year: int
    unit: Unit
    budget: dict[str, BudgetLine] = field(default_factory=dict)  # line key → BudgetLine
    budget_income_fen: int = 0  # 预算收入
    final_income_fen: int = 0  # 决算收入
    score_rule: str = "standard"
    rule_options: dict = field(default_factory=dict)
    layout_profile: str = "gbt9704"
    texts: dict[str, str] = field(default_factory=dict)  # YEAR_TEXT_KEYS → prose
    goals: list[str] = field(default_factory=list)  # 年度整体绩效目标 (一（三）, score table)
    problems: list[str] = field(default_factory=list)  # 三、存在的主要问题
    improvements: list[str] = field(default_factory=list)  # 四、下一步改进措施
    tasks: list[Task] = field(default_factory=list)
    activity_types: list[ActivityType] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)  # 一级 projects, children nested
    indicators: list[Indicator] = field(default_factory=list)  # the department's own indicators
    metrics: list[Metric] = field(default_factory=list)
    report: YearReport = field(default_factory=YearReport)
    id: int | None = None

    def budget_line(self, line: str) -> BudgetLine:
        """The money block row *line* (zeros when not recorded)."""
        return self.budget.get(line) or BudgetLine(line)

    def projects_adjusted_fen(self) -> int:
        """全年预算数 of all projects together, in fen (二（二）'s "共涉及资金")."""
        return sum(p.total_adjusted_fen for p in self.projects)

    def projects_executed_fen(self) -> int:
        """全年执行数 of all projects together, in fen (the sum of every payment)."""
        return sum(p.executed_fen for p in self.projects)

    def all_projects(self) -> list[Project]:
        """Every project, 一级 first then its 二级 children, in order."""
        found: list[Project] = []
        for project in self.projects:
            found.append(project)
            found.extend(project.children)
        return found
