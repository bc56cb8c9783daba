"""The projects tab: the project tree, the selected project's form and its payments; execution rates
per project and overall come from the core as they accrue."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.errors import N_
from jixiao.core.model import BUDGET_LINE_LABELS, FUNDING_SOURCES, FiscalYear, Payment, Project
from jixiao.core.money import ratio
from jixiao.core.numbers import format_percent, format_wan
from jixiao.core.overview import project_progress
from jixiao.gui.models.payment_table import PaymentTableModel
from jixiao.gui.pages.base import Page, moved
from jixiao.gui.widgets.fields import (
    CommitLineEdit,
    ErrorLabel,
    VerticalScrollArea,
    join_messages,
)
from jixiao.gui.widgets.form import Field, FormBinding, FormSpec
from jixiao.gui.widgets.layout import button_row, proportional_splitter, record_table
from jixiao.gui.widgets.narrative import NarrativeEdit
from jixiao.services import projects as project_service

# the money block's names of the lines a project can be funded from
FUNDING_LABELS = {source: BUDGET_LINE_LABELS[source] for source in FUNDING_SOURCES}
PROJECT_ROLE = Qt.ItemDataRole.UserRole
PAYMENT_FORM = FormSpec(
    Payment,
    [  # one row under the payment table: the labels are the placeholders
        Field("date", N_("Date"), "date", object_name="paymentDate"),
        Field("amount_fen", N_("Amount"), "money_yuan", placeholder=N_("yuan"), object_name="paymentAmount"),
        Field("note", N_("Note"), placeholder=N_("note"), object_name="paymentNote"),
    ],
)
PROJECT_FORM = FormSpec(
    Project,
    [
        Field("name", N_("Name"), strip=False, object_name="projectName"),
        Field(
            "funding_source",
            N_("Funding source"),
            "combo",
            choices=tuple((key, FUNDING_LABELS[key]) for key in FUNDING_SOURCES),
            object_name="fundingSource",
        ),
        Field("implementer", N_("Implemented by")),
        Field("initial_fen", N_("initial"), "money", object_name="projectInitial"),
        Field("adjusted_fen", N_("full-year"), "money", object_name="projectAdjusted"),
        Field("is_key", N_("Key project (described in the report)"), "check", object_name="projectIsKey"),
        Field("expected_goal", N_("Expected goal"), "text"),
        Field("actual_result", N_("Actual result"), "text"),
        Field("performance_text", N_("Performance and results"), "text", object_name="projectPerformance"),
    ],
)


class _EnterFilter(QObject):
    """Calls *action* when Enter is pressed in the widget it watches (a date edit has no
    ``returnPressed``)."""

    def __init__(self, action, parent=None) -> None:
        super().__init__(parent)
        self.action = action

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.action()
            return True
        return False


class ProjectsPanel(Page):
    kinds = ("projects",)

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.fy: FiscalYear | None = None
        self._projects: dict[int, Project] = {}
        left = self._tree_side()  # first: the focus moves in the order the fields are made
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self._project_box())
        right_layout.addWidget(self._payments_box(), 1)
        scroll = self.scroll = VerticalScrollArea(right)
        # the tree's long project names want the room
        self.splitter = proportional_splitter(left, scroll, (3, 2))
        QVBoxLayout(self).addWidget(self.splitter)

    def _tree_side(self) -> QWidget:
        """The project tree with adding, deleting and moving, and the overall execution."""
        _ = self._
        self.tree = QTreeWidget()
        self.tree.setObjectName("projectTree")
        self.tree.setHeaderLabels([_("Project"), _("Full-year budget"), _("Executed"), _("Rate")])
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.currentItemChanged.connect(lambda *_a: self._selected())
        self.new_name = CommitLineEdit()
        self.new_name.setObjectName("newProjectName")
        self.new_name.setPlaceholderText(_("New project name…"))
        self.new_name.returnPressed.connect(lambda: self.add_project(sub=False))  # Enter adds, as elsewhere
        add = QPushButton(_("Add project"))
        add.setObjectName("addProject")
        add.clicked.connect(lambda: self.add_project(sub=False))
        self.add_sub = QPushButton(_("Add sub-project"))
        self.add_sub.setObjectName("addSubProject")
        self.add_sub.clicked.connect(lambda: self.add_project(sub=True))
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.clicked.connect(self.delete_project)
        up = QPushButton(_("Move up"))
        down = QPushButton(_("Move down"))
        up.clicked.connect(lambda: self.move_current(-1))
        down.clicked.connect(lambda: self.move_current(1))
        self.overall = QLabel()
        self.overall.setObjectName("overallRate")
        self.overall.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 1)
        adding.addWidget(add)
        adding.addWidget(self.add_sub)
        left_layout.addLayout(adding)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(button_row(self.delete_button, up, down))
        left_layout.addWidget(self.overall)

        return left

    def _project_box(self) -> QGroupBox:
        """The selected project's form, bound from ``PROJECT_FORM``."""
        _ = self._
        self.form = FormBinding(
            PROJECT_FORM,
            _,
            {"performance_text": NarrativeEdit(_, self.open_year)},  # live figures
        )
        self.form.on_commit(self.save_project)
        self.name, self.source, self.initial, self.adjusted, self.is_key, self.performance = (
            self.form[key]
            for key in ("name", "funding_source", "initial_fen", "adjusted_fen", "is_key", "performance_text")
        )
        self.performance.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        # a field narrower than this goes under its label instead (WrapLongRows below)
        em = self.fontMetrics().horizontalAdvance("中")
        for key in ("name", "implementer", "expected_goal", "actual_result", "performance_text"):
            self.form[key].setMinimumWidth(em * 14)
        for edit in (self.initial, self.adjusted):
            edit.setMinimumWidth(em * 6)  # "12345.67" stays whole
        self.execution = QLabel()
        self.execution.setObjectName("projectExecution")
        self.execution.setWordWrap(True)
        self.form_box = QGroupBox(_("Project"))
        form = QFormLayout(self.form_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.add_rows(form, ("name", "funding_source", "implementer"))
        money = QHBoxLayout()
        money.addWidget(QLabel(_("initial")), 0, Qt.AlignmentFlag.AlignTop)
        money.addWidget(self.form.cell("initial_fen"))
        money.addWidget(QLabel(_("full-year")), 0, Qt.AlignmentFlag.AlignTop)
        money.addWidget(self.form.cell("adjusted_fen"))
        form.addRow(_("Budget (10k yuan)"), money)
        form.addRow(_("Execution"), self.execution)
        self.form.add_rows(form, ("is_key", "expected_goal", "actual_result", "performance_text"))
        return self.form_box

    def _payments_box(self) -> QGroupBox:
        """The selected project's payments and the row that adds one (``PAYMENT_FORM``)."""
        _ = self._
        self.payments = PaymentTableModel(self._, self)
        self.payment_view = record_table("paymentTable", self.payments, 200)
        self.payment_view.verticalHeader().hide()
        self.payment_view.horizontalHeader().setStretchLastSection(True)
        self._payment_columns_at_least()
        self.pay = FormBinding(PAYMENT_FORM, _)
        self.pay_date, self.pay_amount, self.pay_note = (
            self.pay[key] for key in ("date", "amount_fen", "note")
        )
        add_payment = QPushButton(_("Add payment"))
        add_payment.setObjectName("addPayment")
        add_payment.clicked.connect(self.add_payment)
        # Enter in any field of the payment form adds the payment
        self.pay_amount.returnPressed.connect(self.add_payment)
        self.pay_note.returnPressed.connect(self.add_payment)
        self._enter_adds = _EnterFilter(self.add_payment, self)
        self.pay_date.installEventFilter(self._enter_adds)
        delete_payment = QPushButton(_("Delete payment"))
        delete_payment.setObjectName("deletePayment")
        delete_payment.clicked.connect(self.delete_payment)
        self.payment_error = ErrorLabel()
        self.payment_box = QGroupBox(_("Payments"))
        pay_layout = QVBoxLayout(self.payment_box)
        pay_layout.addWidget(self.payment_view, 1)
        pay_row = QHBoxLayout()
        for widget, stretch in ((self.pay_date, 0), (self.pay_amount, 1), (self.pay_note, 2)):
            pay_row.addWidget(widget, stretch)
        pay_layout.addLayout(pay_row)
        pay_layout.addWidget(self.payment_error)  # right under the fields it is about
        pay_layout.addLayout(button_row(add_payment, delete_payment))
        return self.payment_box

    # -- data -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        fy = self.fy = self.session.fiscal_year()
        if fy is None:
            return
        lang = self.session.translator.lang
        keep = self.current_id()
        self._projects = {p.id: p for p in fy.all_projects() if p.id is not None}
        progress = {p.project_id: p for p in project_progress(fy)}
        self.tree.blockSignals(True)
        self.tree.clear()
        items: list[tuple[Project, QTreeWidgetItem]] = []
        for project in fy.projects:
            parent = QTreeWidgetItem(self.tree)
            items.append((project, parent))
            items.extend((child, QTreeWidgetItem(parent)) for child in project.children)
        for project, item in items:
            p = progress[project.id] if project.id is not None else None
            if p is None:
                continue  # a stored project always has its id
            item.setText(0, project.name + (" ★" if project.is_key else ""))
            item.setToolTip(0, project.name)  # the column may cut a long name
            item.setText(1, format_wan(p.adjusted_fen, lang))
            item.setText(2, format_wan(p.executed_fen, lang))
            item.setText(3, format_percent(p.rate, lang))
            for column in (1, 2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, PROJECT_ROLE, project.id)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        total = fy.budget_line("project")
        executed = fy.projects_executed_fen()
        adjusted = fy.projects_adjusted_fen()
        self.overall.setText(
            self._(
                "All projects: {executed} of {adjusted} (10k yuan) executed, {rate}. Project expenditure in the money block: {line}."
            ).format(
                executed=format_wan(executed, lang),
                adjusted=format_wan(adjusted, lang),
                rate=format_percent(ratio(executed, adjusted), lang),
                line=format_wan(total.adjusted_fen, lang),
            )
        )
        year = fy.year
        new_year = self.pay_date.minimumDate() != QDate(year, 1, 1)  # first time, or another year
        self.pay_date.setDateRange(QDate(year, 1, 1), QDate(year, 12, 31))
        if new_year:  # default: today, within the year
            today = self.session.today()
            day = min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))
            self.pay_date.setDate(QDate(day.year, day.month, day.day))
        self.select(keep)
        self._selected()

    def current_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, PROJECT_ROLE) if item else None

    def current(self) -> Project | None:
        project_id = self.current_id()
        return self._projects.get(project_id) if project_id is not None else None

    def select(self, project_id: int | None) -> None:
        iterator = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            if item.data(0, PROJECT_ROLE) == project_id:
                self.tree.setCurrentItem(item)
                return
            iterator.extend(item.child(i) for i in range(item.childCount()))
        if self.tree.topLevelItemCount() and project_id is None:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def navigate_to(self, project_id=None, **_):
        if self._dirty:
            self.refresh_now()
        self.select(project_id)

    def _selected(self) -> None:
        project = self.current()
        self.form_box.setEnabled(project is not None)
        self.payment_box.setEnabled(project is not None and not project.children)
        self.add_sub.setEnabled(project is not None and self._is_top(project) and not project.payments)
        self.form.clear_problems()
        self.payment_error.show_message("")
        if project is None:
            self.payments.set_payments([])
            return
        lang = self.session.translator.lang
        self.form.load(project)
        self.initial.set_fen(project.total_initial_fen)  # a parent shows its children's sums
        self.adjusted.set_fen(project.total_adjusted_fen)
        for edit in (self.initial, self.adjusted):
            edit.setEnabled(not project.children)
        rate = project.execution_rate
        self.execution.setText(
            self._("{executed} of {adjusted} (10k yuan) executed: {rate}").format(
                executed=format_wan(project.executed_fen, lang),
                adjusted=format_wan(project.total_adjusted_fen, lang),
                rate=format_percent(rate, lang),
            )
        )
        self.payments.set_payments(project.payments)
        self.payment_view.resizeColumnsToContents()
        self._payment_columns_at_least()

    def _payment_columns_at_least(self) -> None:
        """The date and amount columns as wide as their text from the start (before any payment)."""
        metrics = self.payment_view.fontMetrics()
        for column, sample in ((0, "2022-12-31"), (1, "99,999,999.99")):
            width = metrics.horizontalAdvance(sample) + 24
            if self.payment_view.columnWidth(column) < width:
                self.payment_view.setColumnWidth(column, width)

    def _is_top(self, project: Project) -> bool:
        projects: list[Project] = self.fy.projects if self.fy else []
        return any(p.id == project.id for p in projects)

    # -- commands ---------------------------------------------------------------------------------
    def add_project(self, sub: bool) -> None:
        name = self.new_name.text().strip()
        if not name:
            self.new_name.setFocus()
            return
        parent = self.current_id() if sub else None
        ok, project_id = self.run(project_service.add_project, self.session.year_id, Project(name), parent)
        if ok:
            self.new_name.clear()
            self.select(project_id)

    def save_project(self) -> None:
        project = self.current()
        if project is None:
            return
        values = self.form.read_or_show()
        if values is None:
            return
        if project.children:  # a parent's money is its children's
            values.update(initial_fen=project.initial_fen, adjusted_fen=project.adjusted_fen)
        changed = Project(**values, id=project.id)

        def place(error) -> bool:
            rest = self.form.show_problems(error.problems)
            self.form.show_problems([("adjusted_fen", m, p) for _f, m, p in rest])
            return True

        self.run(project_service.update_project, changed, errors=place)

    def delete_project(self) -> None:
        project = self.current()
        if project is None:
            return
        question = self._("Delete the project “{name}” with its sub-projects, payments and indicators?")
        if self.asker.confirm(self._("Delete"), question.format(name=project.name)):
            self.run(project_service.delete_project, project.id)

    def move_current(self, step: int) -> None:
        project = self.current()
        if project is None or self.fy is None:
            return
        parent = next((p for p in self.fy.projects if project in p.children), None)
        siblings = [p.id for p in (parent.children if parent else self.fy.projects)]
        order = moved(siblings, project.id, step)
        if order is not None:
            self.run(
                project_service.reorder_projects, self.session.year_id, parent.id if parent else None, order
            )

    def add_payment(self) -> None:
        project = self.current()
        if project is None:
            return
        self.payment_error.show_message("")
        values, problems = self.pay.read()
        if problems:  # the one message under the row
            self.payment_error.show_message(self._(problems[0][1]))
            self.pay_amount.setFocus()
            self.scroll.ensureWidgetVisible(self.payment_error)
            return
        payment = Payment(**values)

        def place(error) -> bool:
            self.payment_error.show_message(join_messages(error.translated_problems(self._)))
            self.scroll.ensureWidgetVisible(self.payment_error)
            return True

        ok, _id = self.run(project_service.add_payment, project.id, payment, errors=place)
        if ok:
            self.pay_amount.clear()
            self.pay_note.clear()

    def delete_payment(self) -> None:
        rows = self.payment_view.selectionModel().selectedRows()
        if not rows:
            return
        payment = self.payments.payment(rows[0].row())
        if payment and self.asker.confirm(self._("Delete"), self._("Delete this payment?")):
            self.run(project_service.delete_payment, payment.id)
