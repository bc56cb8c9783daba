"""预算与项目: the year's money block (sub-rows checked against totals) and the project tree with
payments; execution rates per project and overall come from the core as they accrue."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.errors import Message
from jixiao.core.model import BUDGET_LINE_LABELS, BUDGET_LINES, FUNDING_SOURCES, BudgetLine, Payment, Project
from jixiao.core.money import ratio
from jixiao.core.numbers import format_percent, format_wan
from jixiao.core.overview import project_progress
from jixiao.core.readiness import check_budget
from jixiao.core.scoring import year_money_rows
from jixiao.gui.models.payment_table import PaymentTableModel
from jixiao.gui.pages.base import Page
from jixiao.gui.widgets.fields import (
    CommitLineEdit,
    CommitTextEdit,
    ErrorLabel,
    VerticalScrollArea,
    join_messages,
    with_error,
)
from jixiao.gui.widgets.money import MoneyEdit
from jixiao.gui.widgets.narrative import NarrativeEdit
from jixiao.services import money_block
from jixiao.services import projects as project_service
from jixiao.services import years as year_service

SUB_LINES = {"fiscal", "fiscal_general", "fiscal_fund", "fiscal_state_capital", "other", "basic", "project"}
INDENT = {
    "fiscal": 1,
    "fiscal_general": 2,
    "fiscal_fund": 2,
    "fiscal_state_capital": 2,
    "other": 1,
    "basic": 1,
    "project": 1,
}
FUNDING_LABELS = {
    "fiscal_general": BUDGET_LINE_LABELS["fiscal_general"],
    "fiscal_fund": BUDGET_LINE_LABELS["fiscal_fund"],
    "fiscal_state_capital": BUDGET_LINE_LABELS["fiscal_state_capital"],
    "other": BUDGET_LINE_LABELS["other"],
}
PROJECT_ROLE = Qt.ItemDataRole.UserRole


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


class MoneyPanel(Page):
    kinds = ("budget", "projects")  # its budget check compares the lines with the projects' budgets

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        grid = QGridLayout()
        headers = (_("Line"), _("Initial budget"), _("Full-year budget"), _("Executed"), _("Execution rate"))
        for column, text in enumerate(headers):
            label = QLabel(f"<b>{text}</b>")
            grid.addWidget(label, 0, column)
        self.edits: dict[str, dict[str, MoneyEdit]] = {}
        self.rates: dict[str, QLabel] = {}
        self.line_errors: dict[str, ErrorLabel] = {}
        for row, line in enumerate(BUDGET_LINES, start=1):
            label = QLabel("　" * INDENT.get(line, 0) + _(BUDGET_LINE_LABELS[line]))
            grid.addWidget(label, row * 2 - 1, 0)
            self.edits[line] = {}
            for column, field in enumerate(("initial_fen", "adjusted_fen", "executed_fen"), start=1):
                edit = MoneyEdit()
                edit.setObjectName(f"budget_{line}_{field}")
                edit.amountCommitted.connect(lambda _fen, ln=line: self.save_line(ln))
                edit.invalid.connect(
                    lambda ln=line: self.line_errors[ln].show_message(self._("Enter an amount of money."))
                )
                self.edits[line][field] = edit
                grid.addWidget(edit, row * 2 - 1, column)
            self.rates[line] = QLabel()
            self.rates[line].setObjectName(f"rate_{line}")
            grid.addWidget(self.rates[line], row * 2 - 1, 4)
            self.line_errors[line] = ErrorLabel()
            grid.addWidget(self.line_errors[line], row * 2, 1, 1, 4)
        money_box = QGroupBox(_("Money block of the year (10k yuan)"))
        money_box.setLayout(grid)

        self.budget_income = MoneyEdit()
        self.budget_income.setObjectName("budgetIncome")
        self.final_income = MoneyEdit()
        self.final_income.setObjectName("finalIncome")
        for edit in (self.budget_income, self.final_income):
            edit.amountCommitted.connect(lambda _fen: self.save_incomes())
        self.income_rate = QLabel()
        self.income_rate.setObjectName("incomeRate")
        self.income_error = ErrorLabel()
        income_box = QGroupBox(_("Income (10k yuan)"))
        income_form = QFormLayout(income_box)
        income_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        income_form.addRow(_("Budgeted income"), self.budget_income)
        income_form.addRow(_("Final income"), with_error(self.final_income, self.income_error))
        income_form.addRow(_("Share of the budget"), self.income_rate)

        self.checks = QLabel()
        self.checks.setObjectName("budgetChecks")
        self.checks.setWordWrap(True)
        self.checks.setStyleSheet("color: #b3261e;")
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(money_box)
        layout.addWidget(self.checks)
        layout.addWidget(income_box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        QVBoxLayout(self).addWidget(scroll)

    def refresh(self) -> None:
        fy = self.session.fiscal_year()
        if fy is None:
            return
        lang = self.session.translator.lang
        rows = {row.line: row for row in year_money_rows(fy)}
        for line in BUDGET_LINES:
            budget_line = fy.budget_line(line)
            for field, edit in self.edits[line].items():
                edit.set_fen(getattr(budget_line, field))
            rate = (
                rows[line].rate if line in rows else ratio(budget_line.executed_fen, budget_line.adjusted_fen)
            )
            self.rates[line].setText(format_percent(rate, lang))
        self.budget_income.set_fen(fy.budget_income_fen)
        self.final_income.set_fen(fy.final_income_fen)
        self.income_rate.setText(format_percent(ratio(fy.final_income_fen, fy.budget_income_fen), lang))
        problems = check_budget(fy)
        self.checks.setText("\n".join("⚠ " + p.translated(self._) for p in problems))

    def save_line(self, line: str) -> None:
        self.line_errors[line].show_message("")
        values = {field: edit.fen() for field, edit in self.edits[line].items()}
        if any(v is None for v in values.values()):
            self.line_errors[line].show_message(self._("Enter an amount of money."))
            return

        def place(error) -> bool:
            self.line_errors[line].show_message(join_messages(error.translated_problems(self._)))
            return True

        self.run(
            money_block.set_money_line,
            self.session.year_id,
            BudgetLine(line, **values),
            errors=place,
        )

    def save_incomes(self) -> None:
        self.income_error.show_message("")
        budget, final = self.budget_income.fen(), self.final_income.fen()
        if budget is None or final is None:
            self.income_error.show_message(self._("Enter an amount of money."))
            return
        self.run(year_service.set_incomes, self.session.year_id, budget, final)


class ProjectsPanel(Page):
    kinds = ("projects",)

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
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
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
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
        tools = QHBoxLayout()
        for button in (self.delete_button, up, down):
            tools.addWidget(button)
        tools.addStretch(1)
        left_layout.addLayout(tools)
        left_layout.addWidget(self.overall)

        # project form
        self.name = CommitLineEdit()
        self.name.setObjectName("projectName")
        self.source = QComboBox()
        self.source.setObjectName("fundingSource")
        for key in FUNDING_SOURCES:
            self.source.addItem(_(FUNDING_LABELS[key]), key)
        self.implementer = CommitLineEdit()
        self.initial = MoneyEdit()
        self.initial.setObjectName("projectInitial")
        self.adjusted = MoneyEdit()
        self.adjusted.setObjectName("projectAdjusted")
        self.is_key = QCheckBox(_("Key project (described in the report)"))
        self.is_key.setObjectName("projectIsKey")
        self.expected = CommitTextEdit()
        self.actual = CommitTextEdit()
        self.performance = NarrativeEdit(self._, self.open_year)  # may hold live figures
        self.performance.setObjectName("projectPerformance")
        for edit in (self.expected, self.actual, self.performance):
            edit.setFixedHeight(self.fontMetrics().height() * 3 + 14)
            edit.committed.connect(lambda _t: self.save_project())
        for edit in (self.name, self.implementer):
            edit.committed.connect(lambda _t: self.save_project())
        # a field narrower than this goes under its label instead (WrapLongRows below)
        em = self.fontMetrics().horizontalAdvance("中")
        for edit in (self.name, self.implementer, self.expected, self.actual, self.performance):
            edit.setMinimumWidth(em * 14)
        for edit in (self.initial, self.adjusted):
            edit.setMinimumWidth(em * 6)  # "12345.67" stays whole
        for edit in (self.initial, self.adjusted):
            edit.amountCommitted.connect(lambda _f: self.save_project())
            edit.invalid.connect(
                lambda: self.form_errors["money"].show_message(self._("Enter an amount of money."))
            )
        self.source.activated.connect(lambda _i: self.save_project())
        self.is_key.clicked.connect(lambda _c: self.save_project())
        self.form_errors = {"name": ErrorLabel(), "money": ErrorLabel()}
        self.execution = QLabel()
        self.execution.setObjectName("projectExecution")
        self.execution.setWordWrap(True)
        self.form_box = QGroupBox(_("Project"))
        form = QFormLayout(self.form_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(_("Name"), with_error(self.name, self.form_errors["name"]))
        form.addRow(_("Funding source"), self.source)
        form.addRow(_("Implemented by"), self.implementer)
        money = QHBoxLayout()
        money.addWidget(QLabel(_("initial")))
        money.addWidget(self.initial)
        money.addWidget(QLabel(_("full-year")))
        money.addWidget(self.adjusted)
        form.addRow(_("Budget (10k yuan)"), money)
        form.addRow("", self.form_errors["money"])
        form.addRow(_("Execution"), self.execution)
        form.addRow(self.is_key)
        form.addRow(_("Expected goal"), self.expected)
        form.addRow(_("Actual result"), self.actual)
        form.addRow(_("Performance and results"), self.performance)

        # payments
        self.payments = PaymentTableModel(self._, self)
        self.payment_view = QTableView()
        self.payment_view.setObjectName("paymentTable")
        self.payment_view.setModel(self.payments)
        self.payment_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.payment_view.verticalHeader().hide()
        self.payment_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.payment_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.payment_view.horizontalHeader().setStretchLastSection(True)
        self.payment_view.horizontalHeader().setResizeContentsPrecision(200)
        self.payment_view.setWordWrap(False)
        self._payment_columns_at_least()
        self.pay_date = QDateEdit()
        self.pay_date.setObjectName("paymentDate")
        self.pay_date.setCalendarPopup(True)
        self.pay_date.setDisplayFormat("yyyy-MM-dd")
        self.pay_amount = MoneyEdit(in_wan=False)
        self.pay_amount.setObjectName("paymentAmount")
        self.pay_amount.setPlaceholderText(_("yuan"))
        self.pay_note = CommitLineEdit()
        self.pay_note.setObjectName("paymentNote")
        self.pay_note.setPlaceholderText(_("note"))
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
        pay_row.addWidget(self.pay_date)
        pay_row.addWidget(self.pay_amount, 1)
        pay_row.addWidget(self.pay_note, 2)
        pay_layout.addLayout(pay_row)
        pay_layout.addWidget(self.payment_error)  # right under the fields it is about
        pay_buttons = QHBoxLayout()
        pay_buttons.addWidget(add_payment)
        pay_buttons.addWidget(delete_payment)
        pay_buttons.addStretch(1)
        pay_layout.addLayout(pay_buttons)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.form_box)
        right_layout.addWidget(self.payment_box, 1)
        scroll = self.scroll = VerticalScrollArea(right)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)  # the tree's long project names want the room
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])  # a proportion: the splitter scales it to its width
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        QVBoxLayout(self).addWidget(splitter)
        self.fy = None
        self._projects: dict[int, Project] = {}

    # -- data -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        fy = self.fy = self.session.fiscal_year()
        if fy is None:
            return
        lang = self.session.translator.lang
        keep = self.current_id()
        self._projects = {p.id: p for p in fy.all_projects()}
        progress = {p.project_id: p for p in project_progress(fy)}
        self.tree.blockSignals(True)
        self.tree.clear()
        items = {}
        for project in fy.projects:
            parent = QTreeWidgetItem(self.tree)
            items[project.id] = parent
            for child in project.children:
                items[child.id] = QTreeWidgetItem(parent)
        for project_id, item in items.items():
            project, p = self._projects[project_id], progress[project_id]
            item.setText(0, project.name + (" ★" if project.is_key else ""))
            item.setToolTip(0, project.name)  # the column may cut a long name
            item.setText(1, format_wan(p.adjusted_fen, lang))
            item.setText(2, format_wan(p.executed_fen, lang))
            item.setText(3, format_percent(p.rate, lang))
            for column in (1, 2, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(0, PROJECT_ROLE, project_id)
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
        return self._projects.get(self.current_id())

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
        for label in self.form_errors.values():
            label.show_message("")
        self.payment_error.show_message("")
        if project is None:
            self.payments.set_payments([])
            return
        lang = self.session.translator.lang
        self.name.set_value(project.name)
        self.source.setCurrentIndex(max(self.source.findData(project.funding_source), 0))
        self.implementer.set_value(project.implementer)
        self.initial.set_fen(project.total_initial_fen)
        self.adjusted.set_fen(project.total_adjusted_fen)
        for edit in (self.initial, self.adjusted):
            edit.setEnabled(not project.children)
        self.is_key.setChecked(project.is_key)
        self.expected.set_value(project.expected_goal)
        self.actual.set_value(project.actual_result)
        self.performance.set_value(project.performance_text)
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
        return any(p.id == project.id for p in (self.fy.projects if self.fy else []))

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
        for label in self.form_errors.values():
            label.show_message("")
        initial, adjusted = self.initial.fen(), self.adjusted.fen()
        if initial is None or adjusted is None:
            self.form_errors["money"].show_message(self._("Enter an amount of money."))
            return
        changed = Project(
            name=self.name.text(),
            funding_source=self.source.currentData(),
            implementer=self.implementer.text().strip(),
            initial_fen=project.initial_fen if project.children else initial,
            adjusted_fen=project.adjusted_fen if project.children else adjusted,
            is_key=self.is_key.isChecked(),
            expected_goal=self.expected.toPlainText().strip(),
            actual_result=self.actual.toPlainText().strip(),
            performance_text=self.performance.value().strip(),
            id=project.id,
        )

        def place(error) -> bool:
            for field, message, params in error.problems:
                label = self.form_errors["name" if field == "name" else "money"]
                label.show_message(Message(message, **params).translated(self._))
            return True

        self.run(project_service.update_project, changed, errors=place)

    def delete_project(self) -> None:
        project = self.current()
        if project is None:
            return
        question = self._("Delete the project “{name}” with its sub-projects, payments and indicators?")
        if self.asker.confirm(self._("Delete"), question.format(name=project.name)):
            self.run(project_service.delete_project, project.id)

    def move(self, step: int) -> None:
        project = self.current()
        if project is None or self.fy is None:
            return
        parent = next((p for p in self.fy.projects if project in p.children), None)
        siblings = [p.id for p in (parent.children if parent else self.fy.projects)]
        index = siblings.index(project.id)
        if not 0 <= index + step < len(siblings):
            return
        siblings.insert(index + step, siblings.pop(index))
        self.run(
            project_service.reorder_projects,
            self.session.year_id,
            parent.id if parent else None,
            siblings,
        )

    def add_payment(self) -> None:
        project = self.current()
        if project is None:
            return
        self.payment_error.show_message("")
        amount = self.pay_amount.fen()
        if amount is None:
            self.payment_error.show_message(self._("Enter an amount of money."))
            self.pay_amount.setFocus()
            self.scroll.ensureWidgetVisible(self.payment_error)
            return
        day = self.pay_date.date()
        payment = Payment(dt.date(day.year(), day.month(), day.day()), amount, self.pay_note.text().strip())

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
