"""Test data for whole years: a realistic sample year (after the FY2022 seed) and a Hypothesis strategy.

Shared by tests/core/test_yearpackage.py, tests/store/test_repos.py and tests/services/test_yearpackages.py
(the store and services conftests put this folder on ``sys.path``).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from hypothesis import strategies as st

from jixiao.core.model import (
    BUDGET_LINES,
    FUNDING_SOURCES,
    INDICATOR_KINDS,
    LAYOUT_PROFILES,
    QUAL_BANDS,
    SCORE_RULES,
    YEAR_TEXT_KEYS,
    Activity,
    ActivityType,
    Attachment,
    BudgetLine,
    FiscalYear,
    Indicator,
    Measure,
    Metric,
    Payment,
    Project,
    Task,
    Unit,
)

UNIT_NAME = "广州市花都区工商业联合会"
# Task 2's lead-in paragraph (二（四）, before "一是…"), with a live figure kept as typed.
TASK_INTRO = (
    '2022 年，深入走访{{{"source": "activities", "aggregate": "enterprises", "types": ["走访"]} | exact}}家'
    "民营企业。"
)


def sample_year(year: int = 2022) -> FiscalYear:
    """A small but complete year; ids are deliberately not positions (tasks 7, 9; types 31…)."""
    d = dt.date
    return FiscalYear(
        year=year,
        unit=Unit(
            full_name=UNIT_NAME,
            short_name="区工商联",
            self_name="我会",
            supervisor="中共广州市花都区委统战部",
            staffing="行政编制 8 名",
            contact_person="王镕堃",
            contact_phone="020-8688 0000",
            duties=["贯彻执行党的路线、方针、政策……", "指导镇街商会和行业商会开展工作。"],
            departments=["会员服务科"],
        ),
        budget={
            "total": BudgetLine("total", 600_000_000, 628_470_000, 616_040_000),
            "fiscal": BudgetLine("fiscal", 600_000_000, 628_470_000, 616_040_000),
            "fiscal_general": BudgetLine("fiscal_general", 600_000_000, 628_470_000, 616_040_000),
            "basic": BudgetLine("basic", 480_000_000, 509_740_000, 497_310_000),
            "project": BudgetLine("project", 120_000_000, 118_730_000, 118_730_000),
        },
        budget_income_fen=628_470_000,
        final_income_fen=616_040_000,
        score_rule="rate_as_score",
        rule_options={"cap_by_execution": True},  # import refuses unknown options
        layout_profile="word",
        texts={
            "work_overview": "2022 年，区工商联以……为指导。",
            "performance_management": "我会高度重视预算绩效管理。",
        },
        goals=["加强思想政治引领。", "优化营商环境。"],
        problems=["预算编制的精准度有待提高。"],
        improvements=["进一步加强预算编制管理。"],
        tasks=[
            Task(
                "加强民营经济人士思想政治建设",
                goal_text="全面加强思想政治引领",
                measures=[
                    Measure("组织理论学习", "举办宣讲会 3 场。", id=70),
                    Measure("开展主题教育", "", id=71),
                ],
                id=7,
            ),
            Task(
                "助力民营企业纾困解难",
                intro=TASK_INTRO,
                measures=[Measure("走访企业", "全年累计走访 200 多家。", id=90)],
                id=9,
            ),
        ],
        activity_types=[
            ActivityType("宣讲会", "场", id=31),
            ActivityType("走访", "家", id=32),
            ActivityType("培训 <A&B>", "期", id=33),
        ],
        activities=[
            Activity(d(year, 3, 15), 31, "党史学习教育宣讲", task_id=7, measure_id=70, participants=120),
            Activity(
                d(year, 1, 10),
                32,
                "走访会员企业",
                task_id=9,
                measure_id=90,
                enterprises=12,
                place="新华街",
                attachments=[
                    Attachment("签到表.pdf", b"%PDF-1.4 \x00\xff", "application/pdf"),
                    Attachment("现场照片.jpg", bytes(range(256)), "image/jpeg"),
                ],
            ),
            Activity(
                d(year, 3, 15), 33, "非公党建培训", task_id=7, items=2, amount_fen=80_000_000, sessions=2
            ),
            Activity(d(year, 6, 1), 31, "无任务的宣讲", notes="备注 😀"),
        ],
        projects=[
            Project(
                "工商联专项工作经费",
                implementer="区工商联",
                initial_fen=80_000_000,
                adjusted_fen=79_880_000,
                is_key=True,
                expected_goal="完成年度工作",
                actual_result="已完成",
                performance_text="有效服务会员企业。",
                indicators=[
                    Indicator("产出指标", "数量指标", "走访企业数", ">=", Decimal("10"), "200", "家", "213"),
                ],
                children=[
                    Project(
                        "民营企业调解中心经费",
                        funding_source="fiscal_general",
                        initial_fen=800_000,
                        adjusted_fen=800_000,
                        payments=[
                            Payment(d(year, 6, 30), 500_000, "上半年"),
                            Payment(d(year, 12, 20), 300_000),
                        ],
                        indicators=[
                            Indicator(
                                "效益指标",
                                "社会效益指标",
                                "调解成功率",
                                "qual",
                                Decimal("5"),
                                qual_band="achieved",
                            )
                        ],
                    )
                ],
            ),
            Project(
                "会员服务经费", funding_source="other", payments=[Payment(d(year, 2, 1), -1_000, "退款")]
            ),
        ],
        indicators=[
            Indicator(
                "产出指标",
                "数量指标",
                "举办宣讲会场次",
                ">=",
                Decimal("10.0"),
                "3",
                "场",
                None,
                actual_source={"count": "sessions", "type": "宣讲会"},
                deviation_reason="",
            ),
            Indicator(
                "满意度指标",
                "服务对象满意度指标",
                "会员满意度",
                ">=",
                Decimal("10"),
                "90",
                "%",
                "98.5",
                score_override=Decimal("9.50"),
                override_note="抽样",
                applicable=False,
            ),
        ],
        metrics=[
            Metric("会员人数", Decimal("3782"), "人"),
            Metric("捐款", Decimal("1180.5"), "万元", "含物资"),
        ],
    )


# -- Hypothesis ---------------------------------------------------------------------------------

_SAFE = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
_SPECIAL = [
    "",
    "镕堃",
    "😀👍🏽",
    "<b>A&B</b> & < > \" '",
    "\u3000",
    "第一行\n第二行\t",
    "𠀀𪚥",
    "\\u0000",
    "{x}",
]
texts = st.one_of(st.text(_SAFE, max_size=12), st.sampled_from(_SPECIAL))
names = texts.filter(lambda s: re.search(r"\S", s) is not None)
money = st.integers(0, 10**13)  # budgets: import refuses negative amounts (payments may be refunds)
signed_money = st.integers(-(10**13), 10**13)
counts = st.integers(0, 10**9)
decimals = st.one_of(
    st.decimals(min_value=-(10**6), max_value=10**6, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=1000, places=2),
    st.sampled_from([Decimal("0"), Decimal("-0"), Decimal("1E+3"), Decimal("1E-7"), Decimal("10.00")]),
)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**60), 2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
json_objects = st.dictionaries(texts, json_values, max_size=3)
years = st.integers(1990, 2200)
any_dates = st.dates(dt.date(1990, 1, 1), dt.date(2200, 12, 31))


@st.composite
def indicators(draw) -> Indicator:
    return Indicator(
        level1=draw(texts),
        level2=draw(texts),
        level3=draw(names),
        kind=draw(st.sampled_from(INDICATOR_KINDS)),
        points=draw(decimals),
        target=draw(texts),
        unit=draw(texts),
        actual=draw(st.none() | texts),
        actual_source=draw(st.none() | json_objects),
        score_override=draw(st.none() | decimals),
        override_note=draw(texts),
        qual_band=draw(st.none() | st.sampled_from(QUAL_BANDS)),
        applicable=draw(st.booleans()),
        deviation_reason=draw(texts),
    )


@st.composite
def projects(draw, nested: bool = True) -> Project:
    return Project(
        name=draw(names),
        funding_source=draw(st.sampled_from(FUNDING_SOURCES)),
        implementer=draw(texts),
        initial_fen=draw(money),
        adjusted_fen=draw(money),
        is_key=draw(st.booleans()),
        expected_goal=draw(texts),
        actual_result=draw(texts),
        performance_text=draw(texts),
        payments=draw(st.lists(st.builds(Payment, any_dates, signed_money, texts), max_size=2)),
        indicators=draw(st.lists(indicators(), max_size=2)),
        children=draw(st.lists(projects(nested=False), max_size=2)) if nested else [],
    )


@st.composite
def fiscal_years(draw) -> FiscalYear:
    """Any valid year; ids of tasks/measures/types are arbitrary distinct numbers, others None."""
    year = draw(years)
    ids = iter(draw(st.permutations(range(1, 200))))
    tasks = [
        Task(
            title=draw(names),
            goal_text=draw(texts),
            intro=draw(texts),
            measures=[
                Measure(draw(names), draw(texts), id=next(ids)) for _ in range(draw(st.integers(0, 3)))
            ],
            id=next(ids),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    type_names = draw(st.lists(names, max_size=3, unique=True))
    types = [ActivityType(name, draw(texts), id=next(ids)) for name in type_names]
    activities = []
    for _ in range(draw(st.integers(0, 6)) if types else 0):
        task = draw(st.none() | st.sampled_from(tasks)) if tasks else None
        measure = draw(st.none() | st.sampled_from(task.measures)) if task and task.measures else None
        activities.append(
            Activity(
                date=draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))),
                type_id=draw(st.sampled_from(types)).id,
                title=draw(names),
                task_id=task.id if task else None,
                measure_id=measure.id if measure else None,
                notes=draw(texts),
                place=draw(texts),
                sessions=draw(counts),
                participants=draw(counts),
                enterprises=draw(counts),
                items=draw(counts),
                amount_fen=draw(counts),
                attachments=[
                    Attachment(draw(names), draw(st.binary(max_size=40)), draw(texts))
                    for _ in range(draw(st.integers(0, 2)))
                ],
            )
        )
    budget_keys = draw(st.lists(st.sampled_from(BUDGET_LINES), unique=True))
    text_keys = draw(st.lists(st.sampled_from(YEAR_TEXT_KEYS), unique=True))
    return FiscalYear(
        year=year,
        unit=Unit(
            full_name=draw(names),
            short_name=draw(texts),
            self_name=draw(texts),
            supervisor=draw(texts),
            staffing=draw(texts),
            contact_person=draw(texts),
            contact_phone=draw(texts),
            duties=draw(st.lists(texts, max_size=3)),
            departments=draw(st.lists(texts, max_size=2)),
        ),
        budget={key: BudgetLine(key, draw(money), draw(money), draw(money)) for key in budget_keys},
        budget_income_fen=draw(money),
        final_income_fen=draw(money),
        score_rule=draw(st.sampled_from(SCORE_RULES)),
        rule_options=draw(
            st.dictionaries(st.sampled_from(["cap_by_execution", "beaten_penalty"]), st.booleans())
        ),  # import refuses unknown options
        layout_profile=draw(st.sampled_from(LAYOUT_PROFILES)),
        texts={key: draw(texts) for key in text_keys},
        goals=draw(st.lists(texts, max_size=3)),
        problems=draw(st.lists(texts, max_size=2)),
        improvements=draw(st.lists(texts, max_size=2)),
        tasks=tasks,
        activity_types=types,
        activities=activities,
        projects=draw(st.lists(projects(), max_size=2)),
        indicators=draw(st.lists(indicators(), max_size=3)),
        metrics=[
            Metric(name, draw(decimals), draw(texts), draw(texts))
            for name in draw(st.lists(names, max_size=3, unique=True))
        ],
    )
