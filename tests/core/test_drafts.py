"""Auto-drafted measure text: counts per activity type in the type's own measure word, in office
register, with every number a live figure and blank counts left out."""

from __future__ import annotations

import datetime as dt

import pytest

from jixiao.core.drafts import MAX_LISTED, draft_measure_text, type_phrase
from jixiao.core.i18n import Translator
from jixiao.core.livefigures import render
from jixiao.core.model import Activity, ActivityType, FiscalYear, Measure, Task, Unit


def _year(count: int) -> FiscalYear:
    fy = FiscalYear(year=2022, unit=Unit("测试单位"))
    fy.activity_types = [ActivityType("培训", "期", id=1)]
    fy.tasks = [Task("任务一", measures=[Measure("开展培训", id=11), Measure("空举措", id=12)], id=10)]
    fy.activities = [
        Activity(
            dt.date(2022, 3, i + 1), 1, f"培训班{i + 1}", task_id=10, measure_id=11, participants=10, id=i + 1
        )
        for i in range(count)
    ]
    return fy


def test_draft_counts_in_the_types_measure_word_as_live_figures():
    fy = _year(3)
    draft = draft_measure_text(fy, 1, 1, Translator("zh_CN"))
    assert "{{" in draft  # the numbers stay live
    text, problems = render(draft, fy)
    assert problems == []
    assert (
        text
        == "全年共举办培训3期，累计参与30人次。主要有：3月1日，培训班1；3月2日，培训班2；3月3日，培训班3。"
    )


def test_unlike_things_are_counted_apart_and_blank_counts_left_out():
    fy = FiscalYear(year=2022, unit=Unit("某区妇联", kind="mass_org"))
    fy.activity_types = [
        ActivityType("培训", "期", id=1),
        ActivityType("调解纠纷", "件", id=2),
        ActivityType("宣讲会", "场", id=3),
    ]
    fy.tasks = [Task("维护妇女儿童权益", measures=[Measure("化解矛盾纠纷", id=11)], id=10)]
    fy.activities = [
        Activity(dt.date(2022, 3, 1), 1, "妇女维权培训班", task_id=10, measure_id=11, participants=45, id=1),
        Activity(dt.date(2022, 5, 9), 2, "婚姻家庭纠纷调解", task_id=10, measure_id=11, sessions=12, id=2),
        Activity(dt.date(2022, 6, 1), 3, "法治宣讲", task_id=10, measure_id=11, id=3),
    ]
    text, problems = render(draft_measure_text(fy, 1, 1, Translator("zh_CN")), fy)
    assert problems == []
    assert text.startswith("全年共举办培训1期、宣讲会1场，调解纠纷12件，累计参与45人次。")
    assert "企业" not in text and "万元" not in text  # nobody recorded enterprises or money
    english, _ = render(draft_measure_text(fy, 1, 1, Translator("en")), fy)
    assert english.startswith("In all, 培训: 1 期, 调解纠纷: 12 件, 宣讲会: 1 场, 45 person-times took part.")


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("培训", "举办培训"),
        ("会议", "召开会议"),
        ("专题协商会", "召开专题协商会"),
        ("宣讲会", "举办宣讲会"),
        ("调研", "开展调研"),
        ("走访企业", "走访企业"),
        ("调解纠纷", "调解纠纷"),
        ("提案办理", "办理提案"),
        ("信息报送", "报送信息"),
        ("志愿服务", "开展志愿服务"),
    ],
)
def test_type_phrases_read_as_office_chinese(name, phrase):
    assert type_phrase(name) == phrase


def test_draft_of_a_measure_without_activities_is_empty():
    assert draft_measure_text(_year(3), 1, 2, Translator("zh_CN")) == ""


def test_long_series_are_cut_with_and_more():
    fy = _year(MAX_LISTED + 3)
    text, _ = render(draft_measure_text(fy, 1, 1, Translator("zh_CN")), fy)
    assert f"培训班{MAX_LISTED}" in text and f"培训班{MAX_LISTED + 1}" not in text
    assert text.endswith("等。") and f"全年共举办培训{MAX_LISTED + 3}期" in text
