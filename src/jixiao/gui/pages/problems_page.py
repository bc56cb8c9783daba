"""问题与改进: the main problems (三、) and the improvement measures (四、), one sentence each."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QVBoxLayout

from jixiao.gui.pages.base import Page
from jixiao.gui.widgets.text_list import TextListEditor
from jixiao.services import texts as text_service


class ProblemsPage(Page):
    kinds = ("texts",)

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        year = self.open_year  # problems and improvements may hold live figures
        self.problems = TextListEditor(self._, lambda texts: self.save("problems", texts), year=year)
        self.problems.setObjectName("problems")
        self.improvements = TextListEditor(self._, lambda texts: self.save("improvements", texts), year=year)
        self.improvements.setObjectName("improvements")
        left = QGroupBox(_("Main problems (part three of the report)"))
        QVBoxLayout(left).addWidget(self.problems)
        right = QGroupBox(_("Next steps for improvement (part four of the report)"))
        QVBoxLayout(right).addWidget(self.improvements)
        layout = QHBoxLayout(self)
        layout.addWidget(left, 1)
        layout.addWidget(right, 1)

    def refresh(self) -> None:
        fy = self.session.fiscal_year()
        if fy is None:
            return
        self.problems.set_texts(fy.problems)
        self.improvements.set_texts(fy.improvements)

    def save(self, name: str, texts: list[str]) -> bool:
        return self.run(text_service.set_list, self.session.year_id, name, texts)[0]
