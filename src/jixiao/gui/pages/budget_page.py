"""预算与项目: the money block and the projects with payments, as tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout

from jixiao.gui.pages.base import Page
from jixiao.gui.pages.money_panel import MoneyPanel
from jixiao.gui.pages.projects_panel import ProjectsPanel

__all__ = ["BudgetPage", "MoneyPanel", "ProjectsPanel"]


class BudgetPage(Page):
    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.money = MoneyPanel(context)
        self.projects = ProjectsPanel(context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("budgetTabs")
        self.tabs.addTab(self.money, self._("Money block"))
        self.tabs.addTab(self.projects, self._("Projects and payments"))
        QVBoxLayout(self).addWidget(self.tabs)

    def navigate_to(self, project_id=None, line=None, **_):
        if project_id is not None:
            self.tabs.setCurrentWidget(self.projects)
            self.projects.navigate_to(project_id=project_id)
        else:
            self.tabs.setCurrentWidget(self.money)
