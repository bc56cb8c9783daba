"""Auto-drafted measure text from the activities recorded under it."""

from __future__ import annotations

import datetime as dt

from jixiao.core.drafts import MAX_LISTED, draft_measure_text
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


def test_draft_lists_activities_and_totals_as_live_figures():
    fy = _year(3)
    draft = draft_measure_text(fy, 1, 1, Translator("zh_CN"))
    assert "2022年3月1日，培训班1" in draft
    assert "{{" in draft  # totals stay live
    text, problems = render(draft, fy)
    assert problems == []
    assert "全年共开展3次" in text and "参与30人次" in text


def test_draft_of_a_measure_without_activities_is_empty():
    assert draft_measure_text(_year(3), 1, 2, Translator("zh_CN")) == ""


def test_long_series_are_cut_with_and_more():
    fy = _year(MAX_LISTED + 3)
    text, _ = render(draft_measure_text(fy, 1, 1, Translator("zh_CN")), fy)
    assert f"培训班{MAX_LISTED}" in text and f"培训班{MAX_LISTED + 1}；" not in text
    assert "等。" in text and f"全年共开展{MAX_LISTED + 3}次" in text
