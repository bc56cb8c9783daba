"""帮助 → 使用说明: a short built-in guide from the first start to the printed report, with the
terms of the forms explained (the same texts as their tooltips, ``widgets.terms``)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from jixiao.core.i18n import N_
from jixiao.gui.widgets.terms import TERMS

# (heading, paragraph) in the order a year is done. msgids; zh_CN gives the Chinese.
STEPS: tuple[tuple[str, str], ...] = (
    (
        N_("1. Create your unit"),
        N_(
            "On the first start choose the kind of unit (工商联, 群团组织, 政协/人大机关, 行政机关 or "
            "事业单位), type its full name, how it names itself in the report and the first year. The kind "
            "fills the year with suitable activity types and indicators; all of them can be changed."
        ),
    ),
    (
        N_("2. Describe the unit"),
        N_(
            "On “Unit profile” fill in the main duties, the internal departments, the year's goals and "
            "the narrative sections. Everything is saved as you type; there is no Save button."
        ),
    ),
    (
        N_("3. Set the key tasks and their measures"),
        N_(
            "Under “Key tasks and activities” → “Key tasks and measures” list the year's key tasks and, "
            "under each, its measures (一是…二是…)."
        ),
    ),
    (
        N_("4. Record activities through the year"),
        N_(
            "Each meeting, training, visit or case is an activity: its date, type, title, the task and "
            "measure it served, its number in the type's measure word and, if the type records them, "
            "participants, enterprises, items and money. Leave a count blank when it is not known; "
            "blank is not 0. Attach sign-in sheets and photos as evidence."
        ),
    ),
    (
        N_("5. Let jixiao draft the measures"),
        N_(
            "Select a measure and press “Draft from the activities”: jixiao writes a paragraph such as "
            "“全年共举办培训2期，调解纠纷12件……” whose numbers are live figures. Edit the wording freely; "
            "the numbers stay right as more activities are recorded."
        ),
    ),
    (
        N_("6. Budget, projects and payments"),
        N_(
            "On “Budget and projects” enter the budget lines, the projects with their budgets, and each "
            "payment when it is made. The execution rate and the project tables come from these."
        ),
    ),
    (
        N_("7. Indicators and self-evaluation"),
        N_(
            "On “Indicators and self-evaluation” adjust the indicator table: add from the library "
            "(search by name or pinyin initials), set targets and points, and enter what was achieved. "
            "Some actual values are counted from the records and cannot be typed over."
        ),
    ),
    (
        N_("8. Problems and improvements"),
        N_("List the main problems of the year and the next steps; they become parts three and four."),
    ),
    (
        N_("9. Print the report"),
        N_(
            "On “Generate report” the checklist shows what is still missing; click an item to go to its "
            "field. The preview is the real PDF: export it, print it, and mark the submitted version as "
            "final."
        ),
    ),
)


TITLE = N_("How to use jixiao")
TERMS_HEADING = N_("Terms")
HOVER_HINT = N_("Hover over a field name in the forms to see its explanation again.")


def guide_html(gettext: Callable[[str], str]) -> str:
    """The guide as HTML in the language of *gettext*."""
    _ = gettext
    parts = [f"<h2>{escape(_(TITLE))}</h2>"]
    for heading, text in STEPS:
        parts.append(f"<h3>{escape(_(heading))}</h3><p>{escape(_(text))}</p>")
    parts.append(f"<h3>{escape(_(TERMS_HEADING))}</h3><dl>")
    for term, text in TERMS.values():
        parts.append(f"<dt><b>{escape(_(term))}</b></dt><dd>{escape(_(text))}</dd>")
    parts.append("</dl>")
    parts.append(f"<p>{escape(_(HOVER_HINT))}</p>")
    return "".join(parts)


class GuideDialog(QDialog):
    """The guide in a window that can stay open beside the main window."""

    def __init__(self, gettext: Callable[[str], str], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(gettext("User guide"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(guide_html(gettext))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)
