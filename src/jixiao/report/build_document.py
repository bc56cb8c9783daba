"""Builds the report: a year's records → ``ReportDocument`` (plain data, text final). No reportlab here.

The outline is data (``core.outline``, ``docs/outlines.md``): the title, the numbered sections and
what each holds. The default outline is the seed report's (``domain.md`` §1). Every sentence with
numbers is generated from budget, project, score and activity data; an outline may reword a sentence
(with variants by grade, rate band, missed targets); narrative texts go through live figures first.
The text is written in the report language of the Translator passed in (zh_CN for the submitted report).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core import livefigures
from jixiao.core.i18n import N_, Translator
from jixiao.core.model import FiscalYear, Measure, Project, Task
from jixiao.core.money import ratio
from jixiao.core.numbers import format_decimal2, format_percent, format_wan
from jixiao.core.outline import Outline, Section, chinese_ordinal, get_outline, pick
from jixiao.core.outline import number as outline_number
from jixiao.core.yoy import change_of, current_figures
from jixiao.report.document import Heading, Paragraph, ReportDocument, Title


def ordinal_word(n: int, tr: Translator) -> str:
    """The enumeration word of item *n*: 一, 二 … in Chinese, (1), (2) … otherwise."""
    return chinese_ordinal(n) if tr.lang.startswith("zh") else f"({n})"


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


@dataclass
class ReportFacts:
    """What the outline's conditional wording and the year-on-year sentences look at.

    ``grade`` is the grade code of the total, ``rate`` the unrounded execution rate, ``missed``
    whether an applicable indicator missed its target; ``previous`` the previous year's figures
    (``core.yoy.previous_figures``).
    """

    grade: str = ""
    rate: Decimal | None = None
    missed: bool = False
    previous: dict[str, int] = field(default_factory=dict)

    def as_conditions(self) -> dict:
        return {"grade": self.grade, "rate": self.rate, "missed": self.missed}


class _Writer:
    def __init__(
        self,
        fy: FiscalYear,
        tr: Translator,
        score_total: Decimal,
        execution_rate: Decimal | None,
        outline: Outline,
        facts: ReportFacts,
        attachment: bool,
    ):
        self.fy = fy
        self.tr = tr
        self.score_total = score_total
        self.execution_rate = execution_rate
        self.outline = outline
        self.facts = facts
        self.attachment = attachment
        self.lang = tr.lang
        self.body: list[Heading | Paragraph] = []
        self.problems: list[tuple[str, livefigures.TextProblem]] = []
        self.project: Project | None = None  # the project a project outline reports on
        unit = fy.unit
        self.unit_name = (
            (unit.short_name or unit.full_name) if outline.unit_name == "short" else unit.full_name
        )
        self.self_name = unit.self_name or tr.gettext("this department")

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

    def say(self, key: str, message: str, **params) -> str:
        """Sentence *key* in the outline's wording (its first variant that applies), else *message*
        (a msgid) in the report language."""
        for variant in self.outline.wording.get(key, ()):
            if variant.applies(self.facts.as_conditions()):
                return _fill(pick(variant.text, self.lang), params)
        return self.tr.format(message, **params)

    def style(self, level: int) -> str:
        """The numbering style of heading *level* (1 = top; deeper levels reuse the last style)."""
        styles = self.outline.numbering
        return styles[min(max(level, 1), len(styles)) - 1]

    def number(self, level: int, n: int) -> str:
        return outline_number(self.style(level), n, self.lang)

    def items(self, level: int, texts: list[str]) -> None:
        """Numbered paragraphs at *level* ("（一）…。"), one per text."""
        for n, text in enumerate(texts, start=1):
            self.para(self.number(level, n) + _end_stop(text, self.tr))


def _fill(template: str, params: dict) -> str:
    """*template* with its ``{name}`` fields filled (unknown fields stay as written)."""

    class Keep(dict):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    return template.format_map(Keep({k: str(v) for k, v in params.items()}))


def assemble_report(
    fy: FiscalYear,
    tr: Translator,
    score_total: Decimal,
    execution_rate: Decimal | None,
    attachment: bool = True,
    *,
    outline: Outline | None = None,
    facts: ReportFacts | None = None,
    project: Project | None = None,
) -> AssemblyResult:
    """Build the report body of *fy* by *outline* (the default, the seed's, when None).

    *score_total* (2 places) and *execution_rate* (a ratio) come from scoring (of *project* for a
    project outline). With *attachment* the ``attachments`` sections are printed.
    """
    outline = outline or get_outline(None)
    facts = facts or ReportFacts(rate=execution_rate)
    w = _Writer(fy, tr, score_total, execution_rate, outline, facts, attachment)
    w.project = project
    _sections(w, outline.sections, 1)
    params = {"year": fy.year, "unit": w.unit_name, "project": project.name if project else ""}
    title_lines = [_fill(pick(line, w.lang), params) for line in outline.title]
    document = ReportDocument(
        title=Title(title_lines),
        body=w.body,
        author=fy.unit.full_name,
        subject=title_lines[-1] if title_lines else "",
        keywords=[str(fy.year), fy.unit.full_name],
        year=fy.year,
    )
    return AssemblyResult(document, w.problems)


def _sections(w: _Writer, sections: list[Section], level: int) -> None:
    """Write *sections* at heading *level*; a section without a heading belongs to its parent."""
    n = 0
    for section in sections:
        if section.block == "attachments" and not w.attachment:
            continue
        if section.heading is not None:
            n += 1
            w.heading(w.number(level, n) + pick(section.heading, w.lang), level)
            own = level
        else:
            own = level - 1
        if section.block:
            BLOCK_WRITERS[section.block](w, section, own)
        _sections(w, section.sections, own + 1)


# blocks: each writes what one section holds; *level* is the section's own heading level ------------
def _duties(w: _Writer, section: Section, level: int) -> None:
    if w.fy.unit.duties:
        w.para(
            w.say(
                "duties",
                N_("The main duties of {unit} are: {duties}"),
                unit=w.fy.unit.full_name,
                duties=enumerate_sentences(w.fy.unit.duties, w.tr),
            )
        )


def _departments(w: _Writer, section: Section, level: int) -> None:
    departments = w.fy.unit.departments
    if departments:
        w.para(
            w.say(
                "departments",
                N_("The internal departments of this department are {names}."),
                names=w.tr.gettext(", ").join(departments),
                count=len(departments),
                self_name=w.self_name,
                unit=w.unit_name,
            )
        )
    else:
        w.para(w.say("no_departments", N_("This department has no internal departments.")))


def _staffing(w: _Writer, section: Section, level: int) -> None:
    report = w.fy.report
    counts = (report.staff_authorized, report.staff_active, report.staff_retired)
    if all(c is not None for c in counts):
        w.para(
            w.say(
                "staffing",
                N_(
                    "{self_name} has an authorised staff of {authorized}, {active} in post and {retired} retired."
                ),
                self_name=w.self_name,
                authorized=counts[0],
                active=counts[1],
                retired=counts[2],
            )
        )
    elif w.fy.unit.staffing.strip():
        w.para(_end_stop(w.fy.unit.staffing, w.tr))


def _work_overview(w: _Writer, section: Section, level: int) -> None:
    fy = w.fy
    overview = w.live(fy.texts.get("work_overview", ""), "texts.work_overview")
    if fy.tasks:
        tasks_sentence = w.say(
            "tasks",
            N_("The main work completed was: {tasks}."),
            tasks=enumerate_inline([t.title for t in fy.tasks], w.tr),
        )
        w.para(overview + tasks_sentence)
    else:
        w.para(overview)


def _goals(w: _Writer, section: Section, level: int) -> None:
    fy = w.fy
    goals = fy.goals or [task.goal_text or task.title for task in fy.tasks]
    if goals:
        w.para(
            w.say(
                "goals",
                N_(
                    "In {year}, {self_name} accomplished the department's overall annual performance goals well: {goals}."
                ),
                year=fy.year,
                self_name=w.self_name,
                goals=enumerate_inline(goals, w.tr),
            )
        )


def _income(w: _Writer, section: Section, level: int) -> None:
    fy = w.fy
    budget_rate = ratio(fy.final_income_fen, fy.budget_income_fen)
    if not fy.budget_income_fen:  # no budget: a rate "—" would say nothing (readiness flags it)
        w.para(
            w.say(
                "income_only",
                N_("Final revenue of the year was {final} 10k yuan."),
                final=format_wan(fy.final_income_fen),
            )
        )
    else:
        w.para(
            w.say(
                "income",
                N_(
                    "Final revenue of the year was {final} 10k yuan against budgeted revenue of {budget} 10k yuan, {rate} of the year's budget."
                ),
                final=format_wan(fy.final_income_fen),
                budget=format_wan(fy.budget_income_fen),
                rate=format_percent(budget_rate),
            )
        )


def change_phrase(w: _Writer, key: str) -> str:
    """ "同比增加X万元，增长Y%" / "同比减少…，下降…" / "与上年持平" for figure *key*; "" when unknown."""
    change = change_of(key, current_figures(w.fy), w.facts.previous)
    if change is None:
        return ""
    amount = format_wan(abs(change.difference_fen))
    percent = format_percent(change.percent) if change.percent is not None else ""
    if change.direction == "same":
        return w.say("yoy_same", N_("unchanged from the previous year"))
    if change.percent is None:
        if change.direction == "up":
            return w.say("yoy_up_new", N_("up {amount} 10k yuan year on year"), amount=amount)
        return w.say("yoy_down_new", N_("down {amount} 10k yuan year on year"), amount=amount)
    if change.direction == "up":
        return w.say(
            "yoy_up", N_("up {amount} 10k yuan or {percent} year on year"), amount=amount, percent=percent
        )
    return w.say(
        "yoy_down", N_("down {amount} 10k yuan or {percent} year on year"), amount=amount, percent=percent
    )


def _money_summary(w: _Writer, section: Section, level: int) -> None:
    fy = w.fy
    report = fy.report
    sentences = []

    def with_change(text: str, key: str) -> str:
        phrase = change_phrase(w, key)
        return (w.f(", {change}", text=text, change=phrase) if phrase else "") + w.tr.gettext(".")

    if fy.final_income_fen:
        text = w.say(
            "revenue",
            N_("Revenue of the year was {amount} 10k yuan"),
            year=fy.year,
            amount=format_wan(fy.final_income_fen),
        )
        if report.fiscal_income_fen is not None:
            text += w.say(
                "fiscal_income",
                N_(", of which fiscal appropriation revenue {amount} 10k yuan"),
                amount=format_wan(report.fiscal_income_fen),
            )
        sentences.append(text + with_change(text, "income_fen"))
    if report.expenditure_fen is not None:
        text = w.say(
            "expenditure",
            N_("Expenditure of the year was {amount} 10k yuan"),
            year=fy.year,
            amount=format_wan(report.expenditure_fen),
        )
        if report.personnel_fen is not None and report.public_fen is not None:
            text += w.say(
                "expenditure_split",
                N_(
                    ", of which personnel expenses {personnel} 10k yuan and public expenses {public} 10k yuan"
                ),
                personnel=format_wan(report.personnel_fen),
                public=format_wan(report.public_fen),
            )
        sentences.append(text + with_change(text, "expenditure_fen"))
    w.para("".join(sentences))


def _year_text(key: str):
    def write(w: _Writer, section: Section, level: int) -> None:
        w.para(w.live(w.fy.texts.get(key, ""), f"texts.{key}"))

    return write


def _text_block(w: _Writer, section: Section, level: int) -> None:
    _year_text(section.text_key)(w, section, level)


def _report_text(key: str):
    def write(w: _Writer, section: Section, level: int) -> None:
        for paragraph in getattr(w.fy.report, key).split("\n"):
            w.para(w.live(paragraph, f"report.{key}"))

    return write


def _custom(w: _Writer, section: Section, level: int) -> None:
    where = f"outline[{section.key or pick(section.heading, 'zh')}]"
    for paragraph in pick(section.text, w.lang).split("\n"):
        w.para(w.live(paragraph, where))


def _evaluation_summary(w: _Writer, section: Section, level: int) -> None:
    summary = w.live(w.fy.texts.get("evaluation_summary", ""), "texts.evaluation_summary")
    w.para(
        summary
        + w.say(
            "score",
            N_("The overall expenditure performance self-evaluation score of {self_name} is {score} points."),
            self_name=w.self_name,
            score=format_decimal2(w.score_total),
            year=w.fy.year,
            grade=w.tr.gettext(_grade_label(w.facts.grade)) if w.facts.grade else "",
        )
    )


def _grade_label(code: str) -> str:
    from jixiao.core.scoring import GRADES

    return next((g.label for g in GRADES if g.code == code), "")


def _project_sentence(w: _Writer, prefix: str, project: Project) -> None:
    rate = project.execution_rate
    performance = w.live(project.performance_text, f"projects[{project.name}].performance_text")
    w.para(
        prefix
        + w.say(
            "project_summary",
            N_(
                "{name} project self-evaluation summary: the full-year budget was {budget} 10k yuan and {executed} 10k yuan was spent, {rate} of the budget. The completion of its performance goals and its benefits are mainly: {text}"
            ),
            name=project.name,
            budget=format_wan(project.total_adjusted_fen),
            executed=format_wan(project.executed_fen),
            rate=format_percent(rate),
            text=performance,
        )
    )


def _key_projects(w: _Writer, section: Section, level: int) -> None:
    key_projects = [p for p in w.fy.all_projects() if p.is_key]
    for n, project in enumerate(key_projects, start=1):
        _project_sentence(w, w.number(level + 1, n), project)
    if not key_projects:
        w.para(w.say("no_key_projects", N_("There were no key projects this year.")))


def _all_projects(w: _Writer, section: Section, level: int) -> None:
    for n, project in enumerate(w.fy.projects, start=1):
        _project_sentence(w, w.number(level + 1, n), project)
    if not w.fy.projects:
        w.para(w.say("no_projects", N_("There were no projects this year.")))


def _indicator_results(w: _Writer, rows: list) -> None:
    """One sentence: how many of the applicable indicator *rows* were met, and which were not."""
    from jixiao.core.scoring import DEVIATION_MISSED

    missed = [row for row in rows if row.deviation == DEVIATION_MISSED]
    if not missed:
        w.para(
            w.say(
                "indicators_met",
                N_("Of {count} performance indicators set for the year, all were met."),
                count=len(rows),
            )
        )
    else:
        w.para(
            w.say(
                "indicators_missed",
                N_(
                    "Of {count} performance indicators set for the year, {met} were met and {missed} were not: {names}."
                ),
                count=len(rows),
                met=len(rows) - len(missed),
                missed=len(missed),
                names=w.tr.gettext(", ").join(row.level3 for row in missed),
            )
        )


def _indicators_summary(w: _Writer, section: Section, level: int) -> None:
    from jixiao.core.scoring import score_year

    rows = [row for row in score_year(w.fy).indicator_rows if row.applicable]
    _indicator_results(w, rows)


def _problems(w: _Writer, section: Section, level: int) -> None:
    w.items(level + 1, [w.live(p, f"problems[{n}]") for n, p in enumerate(w.fy.problems, start=1)])


def _improvements(w: _Writer, section: Section, level: int) -> None:
    w.items(level + 1, [w.live(m, f"improvements[{n}]") for n, m in enumerate(w.fy.improvements, start=1)])


def _attachments(w: _Writer, section: Section, level: int) -> None:
    if w.outline.kind == "project":
        w.para(w.say("attachment_project", N_("Project expenditure performance self-evaluation table.")))
    else:
        w.para(w.say("attachment", N_("Overall departmental expenditure performance self-evaluation table.")))


def _project_text(w: _Writer, field: str) -> None:
    """The project's narrative *field* as a paragraph, live figures written out."""
    project = w.project
    if project is not None:
        w.para(w.live(getattr(project, field), f"projects[{project.name}].{field}"))


def _project_background(w: _Writer, section: Section, level: int) -> None:
    _project_text(w, "expected_goal")


def _project_money(w: _Writer, section: Section, level: int) -> None:
    project = w.project
    if project is None:
        return
    w.para(
        w.say(
            "project_money",
            N_(
                "The full-year budget of the project was {budget} 10k yuan (initial budget {initial} 10k yuan); {executed} 10k yuan was spent, an execution rate of {rate}."
            ),
            budget=format_wan(project.total_adjusted_fen),
            initial=format_wan(project.total_initial_fen),
            executed=format_wan(project.executed_fen),
            rate=format_percent(project.execution_rate),
        )
    )


def _project_goals(w: _Writer, section: Section, level: int) -> None:
    _project_text(w, "actual_result")


def _project_indicators(w: _Writer, section: Section, level: int) -> None:
    from jixiao.core.scoring import score_project

    project = w.project
    if project is None:
        return
    rows = [row for row in score_project(project, w.fy).indicator_rows if row.applicable]
    _indicator_results(w, rows)


def _project_performance(w: _Writer, section: Section, level: int) -> None:
    _project_text(w, "performance_text")


def _task_results_block(w: _Writer, section: Section, level: int) -> None:
    for n, task in enumerate(w.fy.tasks, start=1):
        _task_results(w, n, task, level + 1)


BLOCK_WRITERS = {
    "duties": _duties,
    "departments": _departments,
    "staffing": _staffing,
    "work_overview": _work_overview,
    "goals": _goals,
    "income": _income,
    "money_summary": _money_summary,
    "performance_management": _year_text("performance_management"),
    "evaluation_summary": _evaluation_summary,
    "project_overview": lambda w, s, level: _project_overview(w, w.self_name),
    "key_projects": _key_projects,
    "all_projects": _all_projects,
    "task_results": _task_results_block,
    "indicators_summary": _indicators_summary,
    "problems": _problems,
    "improvements": _improvements,
    "attachments": _attachments,
    "opening": _report_text("opening"),
    "closing": _report_text("closing"),
    "text": _text_block,
    "custom": _custom,
    "project_background": _project_background,
    "project_money": _project_money,
    "project_goals": _project_goals,
    "project_indicators": _project_indicators,
    "project_performance": _project_performance,
}


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
        + w.say(
            "project_overview",
            N_(
                "In line with budget management requirements, {self_name} carried out a performance self-evaluation of all projects funded by fiscal money in {year}: {projects}, involving {amount} 10k yuan in all, {share} of the general public budget's project expenditure."
            ),
            self_name=self_name,
            year=fy.year,
            projects=counted,
            amount=format_wan(total_fen),
            share=format_percent(share),
            count=level1 + level2,
            initial=format_wan(sum(p.total_initial_fen for p in fy.projects)),
            executed=format_wan(fy.projects_executed_fen()),
            rate=format_percent(ratio(fy.projects_executed_fen(), total_fen)),
            unit=w.unit_name,
        )
    )


def _task_results(w: _Writer, number: int, task: Task, level: int = 3) -> None:
    tr = w.tr
    w.heading(w.number(level, number) + _end_stop(task.title, tr), level)
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
    title = _end_stop(measure.title, tr)
    if w.outline.running == "ordinal-is":
        lead = w.f("{ordinal} is {title}", ordinal=ordinal_word(position, tr), title=title)
    else:
        lead = outline_number(w.outline.running, position, w.lang) + title
    return lead + text.strip()


REPORT_MSGIDS = (N_("this department"),)
