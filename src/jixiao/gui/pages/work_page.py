"""重点工作与活动: the activities (the heart of the year), key tasks and measures, activity types,
and other figures of the year, as tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from jixiao.gui.pages.activities_panel import ActivitiesPanel
from jixiao.gui.pages.activity_types_panel import TypesPanel
from jixiao.gui.pages.base import Page
from jixiao.gui.pages.metrics_panel import MetricsPanel
from jixiao.gui.pages.tasks_panel import TasksPanel

__all__ = ["MetricsPanel", "TypesPanel", "WorkPage"]


class WorkPage(Page):
    """Tabs: activities, key tasks and measures, activity types, other figures."""

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        self.activities = ActivitiesPanel(context)
        self.tasks = TasksPanel(context)
        self.types = TypesPanel(context)
        self.metrics = MetricsPanel(context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workTabs")
        self.tabs.addTab(self.activities, _("Activities"))
        self.tabs.addTab(self.tasks, _("Key tasks and measures"))
        self.tabs.addTab(self.types, _("Activity types"))
        self.tabs.addTab(self.metrics, _("Other figures"))
        QVBoxLayout(self).addWidget(self.tabs)

    def navigate_to(self, tab: str | None = None, **target) -> None:
        if tab == "tasks":
            self.tabs.setCurrentWidget(self.tasks)
            self.tasks.navigate_to(**target)
            return
        self.tabs.setCurrentWidget(self.activities)
        self.activities.navigate_to(**target)
