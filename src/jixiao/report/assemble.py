"""Report assembly: a year's records → ``ReportDocument`` (plain data, text final). No reportlab here.

The outline follows the seed report (``domain.md`` §1). Every sentence with numbers is generated from
budget, project, score and activity data; narrative texts go through live figures first. The text is
written in the report language of the Translator passed in (zh_CN for the submitted report).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core import livefigures
from jixiao.core.i18n import N_, Translator
from jixiao.core.model import FiscalYear, Measure, Task
from jixiao.core.money import ratio
from jixiao.core.numbers import format_decimal2, format_percent, format_wan
from jixiao.report.document import Heading, Paragraph, ReportDocument, Title

CHINESE_ORDINALS = "一二三四五六七八九十"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99)."""
    if n <= 10:
        return CHINESE_ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else CHINESE_ORDINALS[tens - 1]) + "十"
    return text + (CHINESE_ORDINALS[ones - 1] if ones else "")


def ordinal_word(n: int, tr: Translator) -> str:
    """The enumeration word of item *n*: 一, 二 … in Chinese, (1), (2) … otherwise."""
    return chinese_ordinal(n) if tr.lang.startswith("zh") else f"({n})"


def paren_ordinal(n: int, tr: Translator) -> str:
    """A list number: （一）, （二） … in Chinese, (1) , (2)  … otherwise."""
    return f"（{chinese_ordinal(n)}）" if tr.lang.startswith("zh") else f"({n}) "


def enumerate_inline(items: list[str], tr: Translator) -> str:
    """ "1.甲；2.乙；3.丙" (no final stop); items lose a trailing "。；;" so the joins stay clean."""
    separator = tr.gettext("; ")
    return separator.join(f"{i}.{_strip_end(item)}" for i, item in enumerate(items, start=1))


def enumerate_sentences(items: list[str], tr: Translator | None = None) -> str:
    """ "1.甲；2.乙。" — every item ends in a stop or a semicolon, the last in a stop.

    An item keeps its own 。 or ；; one ending otherwise (nothing, ，、,) gets ；, the last item 。
    (so the seed's "1.….2.….…8.….", all typed with 。, stays as typed).
    """
    items = [item.strip() for item in items if item.strip()]
    return "".join(f"{i}.{item}" for i, item in enumerate(punctuate_list(items, tr), start=1))


def punctuate_list(items: list[str], tr: Translator | None = None) -> list[str]:
    """*items* each ending in 。 or ； (the last in 。): what a clerk typed, punctuated consistently.

    A trailing ，、： is replaced, unless it is all the item holds (then it is kept, not lost)."""
    stop = tr.gettext(".") if tr else "。"
    semicolon = tr.gettext("; ").strip() if tr else "；"
    out = []
    for number, item in enumerate(items, start=1):
        text = item.strip()
        last = number == len(items)
        if last:
            text = text.rstrip("；;，,、：:") or text
            if not text.endswith(("。", "！", "？", ".", "!", "?")):
                text += stop
        else:
            if not text.endswith(("。", "；", ";", "！", "？", ".", "!", "?")):
                text = (text.rstrip("，,、：:") or text) + semicolon
        out.append(text)
    return out


def _strip_end(text: str) -> str:
    return text.strip().rstrip("。；;.")


def _end_stop(text: str, tr: Translator) -> str:
    """*text* ending with a full stop (unless it already ends with closing punctuation)."""
    text = text.strip()
    return text if not text or text[-1] in "。！？.!?" else text + tr.gettext(".")


@dataclass
class AssemblyResult:
    """The document plus the live-figure problems found while writing it (each with where it was)."""

    document: ReportDocument
    problems: list[tuple[str, livefigures.TextProblem]] = field(default_factory=list)


class _Writer:
    def __init__(self, fy: FiscalYear, tr: Translator, score_total: Decimal, execution_rate: Decimal | None):
        self.fy = fy
        self.tr = tr
        self.score_total = score_total
        self.execution_rate = execution_rate
        self.body: list[Heading | Paragraph] = []
        self.problems: list[tuple[str, livefigures.TextProblem]] = []

    # helpers ----------------------------------------------------------------------------------------
    def live(self, text: str, where: str) -> str:
        rendered, problems = livefigures.render(text, self.fy, self.score_total)
        self.problems.extend((where, problem) for problem in problems)
        return rendered

    def heading(self, text: str, level: int) -> None:
        self.body.append(Heading(text, level))

    def para(self, text: str, lead: str = "") -> None:
        if text.strip() or lead:
            self.body.append(Paragraph(text.strip(), lead))

    def f(self, message: str, **params) -> str:  # extracted as a gettext keyword
        return self.tr.format(message, **params)


def assemble_report(
    fy: FiscalYear,
    tr: Translator,
    score_total: Decimal,
    execution_rate: Decimal | None,
    attachment: bool = True,
) -> AssemblyResult:
    """Build the report body of *fy*; *score_total* (2 places) and *execution_rate* (a ratio) come from
    scoring. With *attachment* the body ends with "五、附件" naming the score table."""
    w = _Writer(fy, tr, score_total, execution_rate)
    unit = fy.unit
    self_name = unit.self_name or tr.gettext("this department")

    # 一、基本情况 -------------------------------------------------------------------------------------
    w.heading(tr.gettext("I. Basic information"), 1)
    w.heading(tr.gettext("(I) Overview of the department"), 2)
    w.heading(tr.gettext("1. Main duties."), 3)
    if unit.duties:
        w.para(
            w.f(
                "The main duties of {unit} are: {duties}",
                unit=unit.full_name,
                duties=enumerate_sentences(unit.duties, tr),
            )
        )
    w.heading(tr.gettext("2. Internal organisation."), 3)
    if unit.departments:
        w.para(
            w.f(
                "The internal departments of this department are {names}.",
                names=tr.gettext(", ").join(unit.departments),
            )
        )
    else:
        w.para(tr.gettext("This department has no internal departments."))

    w.heading(tr.gettext("(II) Overall work of the year and key tasks"), 2)
    overview = w.live(fy.texts.get("work_overview", ""), "texts.work_overview")
    if fy.tasks:
        tasks_sentence = w.f(
            "The main work completed was: {tasks}.", tasks=enumerate_inline([t.title for t in fy.tasks], tr)
        )
        w.para(overview + tasks_sentence)
    else:
        w.para(overview)

    w.heading(tr.gettext("(III) Overall revenue and expenditure of the department"), 2)
    goals = fy.goals or [task.goal_text or task.title for task in fy.tasks]
    if goals:
        w.para(
            w.f(
                "In {year}, {self_name} accomplished the department's overall annual performance goals well: {goals}.",
                year=fy.year,
                self_name=self_name,
                goals=enumerate_inline(goals, tr),
            )
        )
    budget_rate = ratio(fy.final_income_fen, fy.budget_income_fen)
    if not fy.budget_income_fen:  # no budget: a rate "—" would say nothing (readiness flags it)
        w.para(w.f("Final revenue of the year was {final} 10k yuan.", final=format_wan(fy.final_income_fen)))
    else:
        w.para(
            w.f(
                "Final revenue of the year was {final} 10k yuan against budgeted revenue of {budget} 10k yuan, {rate} of the year's budget.",
                final=format_wan(fy.final_income_fen),
                budget=format_wan(fy.budget_income_fen),
                rate=format_percent(budget_rate),
            )
        )

    w.heading(tr.gettext("(IV) Overall performance management of the department"), 2)
    w.para(w.live(fy.texts.get("performance_management", ""), "texts.performance_management"))

    # 二、综合评价分析 ---------------------------------------------------------------------------------
    w.heading(tr.gettext("II. Overall evaluation and analysis"), 1)
    w.heading(tr.gettext("(I) Summary of the self-evaluation conclusion"), 2)
    summary = w.live(fy.texts.get("evaluation_summary", ""), "texts.evaluation_summary")
    w.para(
        summary
        + w.f(
            "The overall expenditure performance self-evaluation score of {self_name} is {score} points.",
            self_name=self_name,
            score=format_decimal2(score_total),
        )
    )

    w.heading(tr.gettext("(II) Analysis of the performance goals of each task"), 2)
    _project_overview(w, self_name)

    w.heading(tr.gettext("(III) Analysis of the expenditure of each key project"), 2)
    key_projects = [p for p in fy.all_projects() if p.is_key]
    for number, project in enumerate(key_projects, start=1):
        rate = (
            Decimal(project.executed_fen) / Decimal(project.total_adjusted_fen)
            if project.total_adjusted_fen
            else None
        )
        performance = w.live(project.performance_text, f"projects[{project.name}].performance_text")
        w.para(
            w.f(
                "{number}.{name} project self-evaluation summary: the full-year budget was {budget} 10k yuan and {executed} 10k yuan was spent, {rate} of the budget. The completion of its performance goals and its benefits are mainly: {text}",
                number=number,
                name=project.name,
                budget=format_wan(project.total_adjusted_fen),
                executed=format_wan(project.executed_fen),
                rate=format_percent(rate),
                text=performance,
            )
        )
    if not key_projects:
        w.para(tr.gettext("There were no key projects this year."))

    w.heading(tr.gettext("(IV) Main results of the work"), 2)
    for number, task in enumerate(fy.tasks, start=1):
        _task_results(w, number, task)

    # 三、四、五 ---------------------------------------------------------------------------------------
    w.heading(tr.gettext("III. Main problems"), 1)
    for number, problem in enumerate(fy.problems, start=1):
        w.para(paren_ordinal(number, tr) + _end_stop(w.live(problem, f"problems[{number}]"), tr))
    w.heading(tr.gettext("IV. Next steps for improvement"), 1)
    for number, measure in enumerate(fy.improvements, start=1):
        w.para(paren_ordinal(number, tr) + _end_stop(w.live(measure, f"improvements[{number}]"), tr))
    if attachment:
        w.heading(tr.gettext("V. Attachment"), 1)
        w.para(tr.gettext("Overall departmental expenditure performance self-evaluation table."))

    title = Title(
        [
            w.f("{year} {unit}", year=fy.year, unit=unit.full_name),
            tr.gettext("Overall Departmental Expenditure Performance Self-Evaluation Report"),
        ]
    )
    document = ReportDocument(
        title=title,
        body=w.body,
        author=unit.full_name,
        subject=tr.gettext("Overall Departmental Expenditure Performance Self-Evaluation Report"),
        keywords=[str(fy.year), unit.full_name],
        year=fy.year,
    )
    return AssemblyResult(document, w.problems)


def _project_overview(w: _Writer, self_name: str) -> None:
    fy = w.fy
    level1 = len(fy.projects)
    level2 = sum(len(p.children) for p in fy.projects)
    total_fen = fy.projects_adjusted_fen()
    project_line = fy.budget_line("project")
    share = ratio(total_fen, project_line.adjusted_fen)
    intro = w.live(fy.texts.get("task_analysis_intro", ""), "texts.task_analysis_intro")
    if not level1:
        w.para(
            intro
            + w.f(
                "In {year}, {self_name} had no project expenditure to evaluate.",
                year=fy.year,
                self_name=self_name,
            )
        )
        return
    if level2:
        counted = w.f(
            "{level1} first-level projects and {level2} second-level projects", level1=level1, level2=level2
        )
    else:
        counted = w.f("{level1} first-level projects", level1=level1)
    w.para(
        intro
        + w.f(
            "In line with budget management requirements, {self_name} carried out a performance self-evaluation of all projects funded by fiscal money in {year}: {projects}, involving {amount} 10k yuan in all, {share} of the general public budget's project expenditure.",
            self_name=self_name,
            year=fy.year,
            projects=counted,
            amount=format_wan(total_fen),
            share=format_percent(share),
        )
    )


def _task_results(w: _Writer, number: int, task: Task) -> None:
    tr = w.tr
    w.heading(f"{number}.{_end_stop(task.title, tr)}", 3)
    if task.intro.strip():
        w.para(w.live(task.intro, f"tasks[{number}].intro"))
    sentences = []
    for position, measure in enumerate(task.measures, start=1):
        sentences.append(_measure_sentence(w, number, position, measure))
    if sentences:
        w.para("".join(sentences))


def _measure_sentence(w: _Writer, task_number: int, position: int, measure: Measure) -> str:
    tr = w.tr
    text = w.live(measure.text, f"tasks[{task_number}].measures[{position}].text")
    lead = w.f("{ordinal} is {title}", ordinal=ordinal_word(position, tr), title=_end_stop(measure.title, tr))
    return lead + text.strip()


REPORT_MSGIDS = (N_("this department"),)
