"""概览: where the year stands at a glance, drawn with QPainter from ``core.overview``.

Every bar leads to the records behind it: a month of a task → those activities; a project → its
payments; an indicator → its row; the score → the score table; the problem count → the list.
"""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QColor, QPaintEvent
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from jixiao.core.model import FiscalYear
from jixiao.core.numbers import format_decimal2, format_percent
from jixiao.core.overview import Overview, add_checks, build_overview
from jixiao.gui.ask import show_error
from jixiao.gui.pages.base import Page
from jixiao.gui.widgets.charts import (
    MUTED,
    HBar,
    HorizontalBars,
    ScoreBadge,
    Series,
    StackedColumns,
    series_color,
)
from jixiao.gui.widgets.layout import heading_label, scrolling_column
from jixiao.services import years as years_service

# the readiness check runs after the figures' first paint, or this long after they were drawn
CHECKS_AT_THE_LATEST_MS = 250


class OverviewPage(Page):
    kinds = (
        "activities",
        "tasks",
        "budget",
        "projects",
        "indicators",
        "year",
        "metrics",
        "types",
        "texts",
        "unit",
    )

    _read = Signal(int, object)  # (session generation, (year, overview) or the error), from the thread

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        self.overview: Overview | None = None
        self._checks_due = False  # the readiness check runs after the next paint (``refresh``)
        self._reading: int | None = None  # the generation a thread is reading the year for
        self._reader: threading.Thread | None = None
        self._read.connect(self._year_read)  # queued: emitted from the thread
        self.heading = heading_label("overviewHeading", 1.4)

        self.months = StackedColumns()
        self.months.setObjectName("monthsChart")
        self.months.activated.connect(self._month_clicked)
        self.projects = HorizontalBars()
        self.projects.setObjectName("projectsChart")
        self.projects.activated.connect(lambda key: self.context.navigate("budget", project_id=key))
        self.indicators = HorizontalBars()
        self.indicators.setObjectName("indicatorsChart")
        self.indicators.activated.connect(lambda key: self.context.navigate("indicators", indicator_id=key))
        self.score = ScoreBadge()
        self.score.setObjectName("scoreBadge")
        self.score.activated.connect(lambda _key: self.context.navigate("indicators"))
        self.execution = QLabel()
        self.execution.setObjectName("executionLabel")
        self.execution.setWordWrap(True)
        self.problems = QPushButton()
        self.problems.setObjectName("problemsButton")
        self.problems.clicked.connect(lambda: self.context.navigate("report"))

        def box(title: str, *widgets: QWidget) -> QGroupBox:
            group = QGroupBox(title)
            layout = QVBoxLayout(group)
            for widget in widgets:
                layout.addWidget(widget)
            return group

        grid = QGridLayout()
        grid.addWidget(box(_("Activities per month, by key task"), self.months), 0, 0)
        grid.addWidget(box(_("Score"), self.score, self.execution, self.problems), 0, 1)
        grid.addWidget(
            box(_("Budget execution per project, against the calendar"), self.projects), 1, 0, 1, 2
        )
        grid.addWidget(box(_("Indicator completion (actual against target)"), self.indicators), 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        scrolling_column(self, self.heading, grid)

    def refresh(self) -> None:
        if self.session.is_large() and self.session.cached_year() is None:
            self._read_large_year()
            return
        fy = self.session.fiscal_year()
        if fy is None:
            return
        # the figures first; the readiness check (the slowest part) once they are on screen
        self._draw(fy, build_overview(fy, self.session.today(), checks=False))
        self._checks_due = True
        self.update()
        # in case no paint reaches the page itself (its children cover it): a moment later anyway
        QTimer.singleShot(CHECKS_AT_THE_LATEST_MS, self._add_checks)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._checks_due:
            self._checks_due = False
            QTimer.singleShot(0, self._add_checks)
        super().paintEvent(event)

    def _add_checks(self) -> None:
        """Count the problems of the year drawn (a later change redraws and counts again)."""
        overview, book = self.overview, self.session.book
        if overview is None or overview.problem_count is not None or book is None or book.closed:
            return
        fy = self.session.fiscal_year()
        if fy is None or fy.year != overview.year:
            return
        try:
            add_checks(overview, fy)
        except Exception as error:  # noqa: BLE001 - shown by the page, as a refresh would
            show_error(self.asker, error, self._)
            return
        self._draw_problems(overview)

    def _on_year_read(self) -> None:
        """The year read in the background came with its overview (``_year_read``): nothing to redo."""

    def _read_large_year(self) -> None:
        """Read the year and make its overview in a thread; the window stays usable meanwhile."""
        _ = self._
        session, year_id, generation = self.session, self.session.year_id, self.session.generation
        if year_id is None or self._reading == generation:
            return
        self._reading = generation
        self.heading.setText(_("Reading the year's activities …"))
        today = session.today()

        def work() -> None:
            try:
                fy = years_service.load_year_elsewhere(session.book, year_id)
                result: tuple[FiscalYear, Overview] | Exception = (fy, build_overview(fy, today))
            except Exception as error:  # noqa: BLE001 - shown by the page, on the GUI thread
                result = error
            try:
                self._read.emit(generation, result)
            except RuntimeError:  # the page went away meanwhile
                pass

        self._reader = threading.Thread(target=work, name="jixiao-year-reader", daemon=True)
        self._reader.start()

    def _year_read(self, generation: int, result: tuple[FiscalYear, Overview] | Exception) -> None:
        if self._reading == generation:
            self._reading = None
        if isinstance(result, Exception):
            show_error(self.asker, result, self._)
            return
        fy, overview = result
        if self.session.book is None or not self.session.adopt_year(fy, generation):
            self._dirty = True  # changed meanwhile: read again when next shown
            if self.isVisible():
                self.refresh_now()
            return
        self._draw(fy, overview)

    def is_reading(self) -> bool:
        """Whether a thread is reading the year for this page (``session.yearRead`` follows it)."""
        return self._reading is not None

    def wait_for_reading(self, timeout: float = 30.0) -> None:
        """Let a thread reading the year finish (tests, and before the application ends)."""
        if self._reader is not None:
            self._reader.join(timeout)

    def _draw(self, fy: FiscalYear, overview: Overview) -> None:
        _ = self._
        lang = self.session.translator.lang
        self.overview = overview
        self.heading.setText(
            _("{unit} · FY {year} · {count} activities recorded").format(
                unit=fy.unit.full_name, year=fy.year, count=overview.activity_count
            )
        )
        month_names = [
            _("Jan"),
            _("Feb"),
            _("Mar"),
            _("Apr"),
            _("May"),
            _("Jun"),
            _("Jul"),
            _("Aug"),
            _("Sep"),
            _("Oct"),
            _("Nov"),
            _("Dec"),
        ]
        series = []
        for index, month_series in enumerate(overview.months):
            name = month_series.title or _("(no key task)")
            color = series_color(index) if month_series.task_id is not None else QColor(MUTED)
            keys = [(month_series.task_id, month) for month in range(1, 13)]
            series.append(Series(name, [float(c) for c in month_series.counts], keys, color))
        self.months.set_data(month_names, series, _("No activity recorded yet."))

        elapsed = overview.year_elapsed
        bars = []
        for progress in overview.projects:
            label = ("　" if progress.level == 2 else "") + progress.name + (" ★" if progress.is_key else "")
            share = float(progress.rate) if progress.rate is not None else None
            behind = progress.rate is not None and progress.rate < elapsed
            bars.append(
                HBar(
                    label,
                    share,
                    format_percent(progress.rate, lang),
                    progress.project_id,
                    QColor("#dc7633") if behind else QColor("#2e8b57"),
                )
            )
        self.projects.set_data(
            bars,
            float(elapsed),
            _("{share} of the year passed").format(share=format_percent(elapsed, lang)),
            _("No project recorded yet."),
        )

        indicator_bars = []
        for item in overview.indicators:
            share = float(item.completion) if item.completion is not None else None
            color = (
                QColor("#2e8b57") if item.met else QColor("#c0392b") if item.met is False else QColor(MUTED)
            )
            text = (
                format_percent(item.completion, lang)
                if item.completion is not None
                else _("not filled in yet")
            )
            indicator_bars.append(HBar(item.name, share, text, item.indicator_id, color))
        self.indicators.set_data(indicator_bars, None, "", _("No indicator recorded yet."))

        table = overview.score
        if table is not None and not table.complete and table.total == 0:
            # a new year: nothing is achieved yet, so no "0.00 差 不完整" to greet the clerk
            self.score.set_data("—", "", None, _("Not scored yet"), "score")
            self.score.setToolTip(_("Enter what the indicators achieved; the score follows."))
        elif table is not None:
            self.score.setToolTip("")
            grade = _(table.grade.label)
            caption = _("complete") if table.complete else _("incomplete")
            self.score.set_data(
                format_decimal2(table.total, lang), grade, float(table.total / Decimal(100)), caption, "score"
            )
        else:
            self.score.set_data(
                "—", "", None, _(overview.score_problem) if overview.score_problem else "", "score"
            )
        self.execution.setText(
            _("Year's budget executed: {rate}").format(rate=format_percent(overview.execution_rate, lang))
        )
        self._draw_problems(overview)

    def _draw_problems(self, overview: Overview) -> None:
        _ = self._
        if overview.problem_count is None:
            text = _("Checking the year for the report …")
        elif overview.problem_count:
            text = _("{count} things to fix before the report ({errors} errors)").format(
                count=overview.problem_count, errors=overview.error_count
            )
        else:
            text = _("Ready for the report")
        self.problems.setText(text)

    def _month_clicked(self, key) -> None:
        import calendar

        task_id, month = key
        year = self.overview.year
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        self.context.navigate(
            "work", task_id=task_id, without_task=task_id is None, date_from=first, date_to=last
        )
