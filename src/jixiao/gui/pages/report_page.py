"""生成报告: what still needs fixing before the report can be printed (readiness checks, each leading
to its record) and the report's layout profile. Building the PDF is the report issue's part."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from jixiao.core.readiness import ERROR, check_year
from jixiao.gui.pages.base import Page
from jixiao.services import years as year_service

WHERE_ROLE = Qt.ItemDataRole.UserRole


class ReportPage(Page):
    kinds = ("budget", "projects", "indicators", "activities", "texts", "tasks", "metrics", "types", "unit")

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        self.layout_box = QComboBox()
        self.layout_box.setObjectName("layoutProfile")
        self.layout_box.addItem(_("GB/T 9704 official layout"), "gbt9704")
        self.layout_box.addItem(_("Word default layout"), "word")
        self.layout_box.activated.connect(
            lambda _i: self.run(
                year_service.set_layout_profile,
                self.session.year_id,
                self.layout_box.currentData(),
                kind="texts",
            )
        )
        settings = QGroupBox(_("Report"))
        form = QFormLayout(settings)
        form.addRow(_("Layout"), self.layout_box)
        self.summary = QLabel()
        self.summary.setObjectName("readinessSummary")
        self.summary.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setObjectName("readinessList")
        self.problems.setWordWrap(True)
        self.problems.itemActivated.connect(self._go)
        self.problems.itemDoubleClicked.connect(self._go)
        checks = QGroupBox(_("Before the report: things to fix (double-click to go there)"))
        checks_layout = QVBoxLayout(checks)
        checks_layout.addWidget(self.summary)
        checks_layout.addWidget(self.problems, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(settings)
        layout.addWidget(checks, 1)

    def refresh(self) -> None:
        fy = self.session.fiscal_year()
        if fy is None:
            return
        self.layout_box.setCurrentIndex(max(self.layout_box.findData(fy.layout_profile), 0))
        problems = check_year(fy)
        self.problems.clear()
        for problem in problems:
            mark = "⛔" if problem.severity == ERROR else "⚠"
            item = QListWidgetItem(f"{mark} {problem.translated(self._)}")
            item.setData(WHERE_ROLE, problem.where)
            self.problems.addItem(item)
        errors = sum(1 for p in problems if p.severity == ERROR)
        self.summary.setText(
            self._("{count} things to fix, {errors} of them errors.").format(
                count=len(problems), errors=errors
            )
            if problems
            else self._("Nothing to fix: the year is ready for its report.")
        )

    def _go(self, item: QListWidgetItem) -> None:
        kind, target = item.data(WHERE_ROLE)
        navigate = self.context.navigate
        if kind == "budget":
            navigate("budget", line=target)
        elif kind == "project":
            navigate("budget", project_id=target)
        elif kind == "indicator":
            navigate("indicators", indicator_id=target)
        elif kind in ("indicators", "year"):
            navigate("indicators")
