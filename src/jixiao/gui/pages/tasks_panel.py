"""Key tasks and their measures: ordered lists (drag to reorder), rename, each task's intro and each
measure's narrative.

Both texts may hold live figures (numbers computed from the records when the report is made): the
editors show them as chips with their current value on hover, and the text under each editor shows
it as the report will print it today (``widgets.narrative.NarrativeEditor``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.drafts import draft_measure_text
from jixiao.core.model import Task
from jixiao.gui.pages.base import Page
from jixiao.gui.widgets.fields import CommitLineEdit, ErrorLabel, with_error
from jixiao.gui.widgets.layout import proportional_splitter
from jixiao.gui.widgets.narrative import NarrativeEditor
from jixiao.gui.widgets.ordered_list import OrderedList
from jixiao.gui.widgets.terms import term_tip
from jixiao.services import tasks as task_service


class TasksPanel(Page):
    kinds = ("tasks", "activities", "types", "metrics", "budget", "projects", "indicators")

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        self.tasks = OrderedList(self._).wire(
            "taskList",
            _("New key task…"),
            self.add_task,
            self.delete_task,
            self.reorder_tasks,
            self._task_selected,
        )

        self.task_title = CommitLineEdit()
        self.task_title.setObjectName("taskTitle")
        self.task_goal = CommitLineEdit()
        self.task_goal.setObjectName("taskGoal")
        self.task_goal.setPlaceholderText(_("(same as the title)"))
        self.task_error = ErrorLabel()
        self.intro = NarrativeEditor(self._, _("Introduction"), name="taskIntro", compact=True)
        self.intro.edit.setPlaceholderText(
            _("Optional: a paragraph printed in 二（四） before this task's measures (一是…).")
        )
        self.intro.set_sources(self.open_year, self.intro_positions)
        self.task_title.committed.connect(lambda _t: self.save_task())
        self.task_goal.committed.connect(lambda _t: self.save_task())
        self.intro.committed.connect(lambda _t: self.save_task())
        task_form = QFormLayout()
        task_form.addRow(_("Title"), with_error(self.task_title, self.task_error))
        task_form.addRow(_("Wording as a goal"), self.task_goal)
        task_form.addRow(self.intro)  # the whole width: a paragraph needs it

        self.measures = OrderedList(self._).wire(
            "measureList",
            _("New measure…"),
            self.add_measure,
            self.delete_measure,
            self.reorder_measures,
            self._measure_selected,
        )

        self.measure_title = CommitLineEdit()
        self.measure_title.setObjectName("measureTitle")
        self.measure_error = ErrorLabel()
        self.narrative = NarrativeEditor(self._, _("Narrative"), name="measure")
        self.narrative.edit.setPlaceholderText(
            _("What was done under this measure, with its figures (一是…).")
        )
        self.narrative.set_sources(self.open_year, self.positions)
        self.measure_text = self.narrative.edit
        self.measure_title.committed.connect(lambda _t: self.save_measure())
        self.narrative.committed.connect(lambda _t: self.save_measure())
        self.draft_button = QPushButton(_("Draft from the activities"))
        self.draft_button.setObjectName("draftMeasure")
        self.draft_button.clicked.connect(self.draft)
        self.narrative.add_tool(self.draft_button)

        # left: the tasks over the selected task and its measures; right: the selected measure
        measure_box = QGroupBox(_("Measure"))
        measure_layout = QVBoxLayout(measure_box)
        measure_form = QFormLayout()
        measure_form.addRow(_("Title"), with_error(self.measure_title, self.measure_error))
        measure_layout.addLayout(measure_form)
        measure_layout.addWidget(self.narrative, 1)

        tasks_box = QGroupBox(_("Key tasks of the year"))
        QVBoxLayout(tasks_box).addWidget(self.tasks)
        task_box = QGroupBox(_("Key task"))
        task_box.setLayout(task_form)
        measures_box = QGroupBox(_("Measures of this task"))
        tasks_box.setToolTip(term_tip("task", self._))
        task_box.setToolTip(term_tip("task", self._))
        measures_box.setToolTip(term_tip("measure", self._))
        measure_box.setToolTip(term_tip("measure", self._))
        self.narrative.figure_button.setToolTip(term_tip("live_figure", self._))
        QVBoxLayout(measures_box).addWidget(self.measures)
        selected_task = QWidget()
        selected_layout = QVBoxLayout(selected_task)
        selected_layout.setContentsMargins(0, 0, 0, 0)
        selected_layout.addWidget(task_box)
        selected_layout.addWidget(measures_box, 1)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(tasks_box)
        left.addWidget(selected_task)
        left.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(proportional_splitter(left, measure_box, (2, 3)))
        self._task_list: list[Task] = []

    # -- data -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        outline = self.session.outline()
        if outline is None:
            return
        self._task_list = outline.tasks
        self.tasks.set_items([(t.id, t.title) for t in outline.tasks])

    def current_task(self):
        return next((t for t in self._task_list if t.id == self.tasks.current_key()), None)

    def current_measure(self):
        task = self.current_task()
        if task is None:
            return None
        return next((m for m in task.measures if m.id == self.measures.current_key()), None)

    def _task_selected(self, _key) -> None:
        task = self.current_task()
        for widget in (self.task_title, self.task_goal, self.intro, self.measures):
            widget.setEnabled(task is not None)
        self.task_error.show_message("")
        self.task_title.set_value(task.title if task else "")
        self.task_goal.set_value(task.goal_text if task else "")
        self.intro.set_value(task.intro if task else "")
        self.measures.set_items([(m.id, m.title) for m in task.measures] if task else [])

    def _measure_selected(self, _key) -> None:
        measure = self.current_measure()
        for widget in (self.measure_title, self.narrative):
            widget.setEnabled(measure is not None)
        self.measure_error.show_message("")
        self.measure_title.set_value(measure.title if measure else "")
        self.narrative.set_value(measure.text if measure else "")

    def navigate_to(self, task_id: int | None = None, measure_id: int | None = None, **_other) -> None:
        """Select the task *task_id*, or the measure *measure_id* and its task."""
        for task in self._task_list:
            if task.id == task_id or any(m.id == measure_id for m in task.measures):
                self.tasks.select_key(task.id)
                if measure_id is not None:
                    self.measures.select_key(measure_id)
                return

    def _save(self, label: ErrorLabel, function, *args) -> None:
        """Save through the service *function*; its first problem shows in *label* (under the title)."""

        def place(error) -> bool:
            label.show_message(error.translated_problems(self._)[0].split(": ", 1)[-1])
            return True

        label.show_message("")
        self.run(function, *args, errors=place)

    # -- tasks ------------------------------------------------------------------------------------
    def add_task(self, title: str) -> None:
        self.add_and_select(self.tasks, task_service.add_task, self.session.year_id, title)

    def save_task(self) -> None:
        task = self.current_task()
        if task is None:
            return
        self._save(
            self.task_error,
            task_service.update_task,
            task.id,
            self.task_title.text(),
            self.task_goal.text(),
            self.intro.text(),
        )

    def delete_task(self, task_id: int) -> None:
        task = next((t for t in self._task_list if t.id == task_id), None)
        if task is None:
            return
        question = self._(
            "Delete the key task “{title}” and its measures? Its activities stay, without a task."
        )
        if self.asker.confirm(self._("Delete"), question.format(title=task.title)):
            self.run(task_service.delete_task, task_id)

    def reorder_tasks(self, ids: list[int]) -> None:
        self.run(task_service.reorder_tasks, self.session.year_id, ids)

    # -- measures ---------------------------------------------------------------------------------
    def add_measure(self, title: str) -> None:
        task = self.current_task()
        if task is None:
            return
        self.add_and_select(self.measures, task_service.add_measure, task.id, title)

    def save_measure(self) -> None:
        measure = self.current_measure()
        if measure is None:
            return
        self._save(
            self.measure_error,
            task_service.update_measure,
            measure.id,
            self.measure_title.text(),
            self.narrative.text(),
        )

    def delete_measure(self, measure_id: int) -> None:
        measure = next((m for m in self.current_task().measures if m.id == measure_id), None)
        question = self._("Delete the measure “{title}”? Its activities keep their task.")
        if measure and self.asker.confirm(self._("Delete"), question.format(title=measure.title)):
            self.run(task_service.delete_measure, measure_id)

    def reorder_measures(self, ids: list[int]) -> None:
        task = self.current_task()
        if task is not None:
            self.run(task_service.reorder_measures, task.id, ids)

    def positions(self) -> tuple[int, int] | None:
        """1-based (task, measure) positions of the current measure (how figures name them)."""
        task, measure = self.current_task(), self.current_measure()
        if task is None or measure is None:
            return None
        return self._task_list.index(task) + 1, task.measures.index(measure) + 1

    def intro_positions(self) -> tuple[int, None] | None:
        """1-based position of the current task, for figures in its intro."""
        task = self.current_task()
        return (self._task_list.index(task) + 1, None) if task is not None else None

    def draft(self) -> None:
        """Put the auto-draft (from the activities recorded under the measure) into an empty narrative."""
        positions = self.positions()
        fy = self.session.fiscal_year()
        if positions is None or fy is None:
            return
        text = draft_measure_text(fy, *positions, self.session.translator)
        if not text:
            self.asker.inform(self._("Draft"), self._("No activity is recorded under this measure yet."))
            return
        current = self.measure_text.value().strip()
        if current and not self.asker.confirm(
            self._("Draft"), self._("Replace the current text with the draft?")
        ):
            return
        self.measure_text.replace_value(text)
        self.measure_text.commit()
