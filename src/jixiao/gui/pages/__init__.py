"""The record pages, in navigation order."""

from __future__ import annotations

from jixiao.gui.pages.base import Page, PageContext


def build_pages(context: PageContext) -> dict[str, tuple[str, Page]]:
    """``key → (navigation title, page)`` for the pages of the main window, in order."""
    from jixiao.gui.pages.budget_page import BudgetPage
    from jixiao.gui.pages.indicators_page import IndicatorsPage
    from jixiao.gui.pages.overview_page import OverviewPage
    from jixiao.gui.pages.problems_page import ProblemsPage
    from jixiao.gui.pages.report_page import ReportPage
    from jixiao.gui.pages.unit_page import UnitPage
    from jixiao.gui.pages.work_page import WorkPage

    _ = context.gettext
    pages = [
        ("overview", _("Overview"), OverviewPage),  # 概览
        ("unit", _("Unit profile"), UnitPage),  # 单位概况
        ("work", _("Key tasks and activities"), WorkPage),  # 重点工作与活动
        ("budget", _("Budget and projects"), BudgetPage),  # 预算与项目
        ("indicators", _("Indicators and self-evaluation"), IndicatorsPage),  # 绩效指标与自评
        ("problems", _("Problems and improvements"), ProblemsPage),  # 问题与改进
        ("report", _("Generate report"), ReportPage),  # 生成报告
    ]
    built = {}
    for key, title, cls in pages:
        page = cls(context)
        page.key = key
        page.setObjectName(f"page_{key}")
        built[key] = (title, page)
    return built


__all__ = ["Page", "PageContext", "build_pages"]
