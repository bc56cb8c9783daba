"""The money block tab (预算): the year's budget lines with sub-rows checked against totals, and the
incomes; execution rates come from the core."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
)

from jixiao.core.model import BUDGET_LINE_LABELS, BUDGET_LINES, BudgetLine
from jixiao.core.money import ratio
from jixiao.core.numbers import format_percent
from jixiao.core.readiness import check_budget
from jixiao.core.scoring import year_money_rows
from jixiao.gui.pages.base import Page
from jixiao.gui.widgets.fields import (
    ErrorLabel,
    join_messages,
    with_error,
)
from jixiao.gui.widgets.layout import scrolling_column
from jixiao.gui.widgets.money import MoneyEdit
from jixiao.services import money_block
from jixiao.services import years as year_service

INDENT = {
    "fiscal": 1,
    "fiscal_general": 2,
    "fiscal_fund": 2,
    "fiscal_state_capital": 2,
    "other": 1,
    "basic": 1,
    "project": 1,
}


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
        scrolling_column(self, money_box, self.checks, income_box)

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
