"""The record pages, in navigation order, each built the first time it is needed."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from jixiao.core.errors import N_
from jixiao.gui.pages.base import Page, PageContext

# key, navigation title (msgid), module in jixiao.gui.pages, class
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("overview", N_("Overview"), "overview_page", "OverviewPage"),  # 概览
    ("unit", N_("Unit profile"), "unit_page", "UnitPage"),  # 单位概况
    ("work", N_("Key tasks and activities"), "work_page", "WorkPage"),  # 重点工作与活动
    ("budget", N_("Budget and projects"), "budget_page", "BudgetPage"),  # 预算与项目
    (
        "indicators",
        N_("Indicators and self-evaluation"),
        "indicators_page",
        "IndicatorsPage",
    ),  # 绩效指标与自评
    ("problems", N_("Problems and improvements"), "problems_page", "ProblemsPage"),  # 问题与改进
    ("report", N_("Generate report"), "report_page", "ReportPage"),  # 生成报告
)


class PageSet(Mapping[str, Page]):
    """``key → page`` for the main window, in navigation order.

    A page's module is imported and the page built on first access (``pages["work"]``); iterating
    the keys, ``in`` and ``built()`` build nothing. *on_built* is told of each page built.
    """

    def __init__(self, context: PageContext, on_built: Callable[[str, Page], None] | None = None) -> None:
        self.context = context
        self._on_built = on_built
        self._specs = {key: (title, module, cls) for key, title, module, cls in PAGES}
        self._built: dict[str, Page] = {}

    def title(self, key: str) -> str:
        """The translated navigation title of page *key*."""
        return self.context.gettext(self._specs[key][0])

    def built(self) -> dict[str, Page]:
        """The pages built so far, in navigation order."""
        return {key: self._built[key] for key in self._specs if key in self._built}

    def __getitem__(self, key: str) -> Page:
        page = self._built.get(key)
        if page is None:
            _title, module, cls = self._specs[key]  # KeyError for an unknown page
            page_class = getattr(importlib.import_module(f"jixiao.gui.pages.{module}"), cls)
            page = page_class(self.context)
            page.key = key
            page.setObjectName(f"page_{key}")
            self._built[key] = page
            if self._on_built is not None:
                self._on_built(key, page)
        return page

    def __contains__(self, key: object) -> bool:
        return key in self._specs

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)


def build_pages(context: PageContext) -> dict[str, tuple[str, Page]]:
    """``key → (navigation title, page)`` with every page built (for tools and tests that want all)."""
    pages = PageSet(context)
    return {key: (pages.title(key), pages[key]) for key in pages}


__all__ = ["PAGES", "Page", "PageContext", "PageSet", "build_pages"]
