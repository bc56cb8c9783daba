"""Making the year-end report: load the year, score it, assemble the document, render the PDF.

One function each for what the CLI and the GUI need: ``build_report`` (document + problems, no PDF),
``render_report`` (PDF bytes), ``write_report`` (to a file, atomically).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jixiao.core.collector import collector_paused
from jixiao.core.errors import N_, JixiaoError, Message
from jixiao.core.figures import batch
from jixiao.core.i18n import Translator
from jixiao.core.livefigures import TextProblem
from jixiao.core.model import FiscalYear, Project
from jixiao.core.outline import Outline, year_outline
from jixiao.core.scoring import DEVIATION_MISSED, score_project, score_year
from jixiao.core.yoy import previous_figures
from jixiao.report.build_document import ReportFacts, assemble_report
from jixiao.report.build_score_tables import department_table, project_table
from jixiao.report.document import ReportDocument, Title
from jixiao.services.files import in_existing_folder, save_file
from jixiao.store.database import Book
from jixiao.store.repos import find_year_id, load_year

Progress = Callable[[Message], None]


@dataclass
class BuiltReport:
    """The assembled report and the live-figure problems met on the way (where, problem)."""

    document: ReportDocument
    problems: list[tuple[str, TextProblem]]
    layout: str


def load_fiscal_year(book: Book, year: int) -> FiscalYear:
    """The whole fiscal *year* of the file (the first unit's when several units have one)."""
    year_id = find_year_id(book.db, year)
    if year_id is None:
        raise JixiaoError(N_("The data file has no fiscal year {year}."), year=year)
    return load_year(book.db, year_id)


def build_report(
    fy: FiscalYear,
    tr: Translator | None = None,
    *,
    attachment: bool = True,
    project_tables: bool = False,
    project: str | None = None,
) -> BuiltReport:
    """Assemble the report of *fy* by its outline in the report language of *tr* (zh_CN by default).

    A project outline writes the report of *project* (a project name; default the first key
    project, else the first project); a table-only outline gives just the score table(s).

    :raises JixiaoError: *project* is not a project of the year, or is given while the year's
        outline is not a project outline (it would be ignored).
    """
    # every figure of the report in one pass over the activities; the collector paused as for typesetting
    with batch(fy), collector_paused():
        return _build_report(fy, tr, attachment=attachment, project_tables=project_tables, project=project)


def _build_report(
    fy: FiscalYear, tr: Translator | None, *, attachment: bool, project_tables: bool, project: str | None
) -> BuiltReport:
    tr = tr or Translator("zh_CN")
    outline = year_outline(fy.report)
    table = score_year(fy)
    if outline.kind == "project":
        return _build_project_report(fy, tr, outline, attachment=attachment, project=project)
    if project:
        raise JixiaoError(
            N_(
                "A project is chosen for the report, but the outline of {year} is not a project outline: "
                "choose a project outline for the year, or leave the project out."
            ),
            year=fy.year,
        )
    if outline.kind == "table":
        document = ReportDocument(title=Title([]), year=fy.year, author=fy.unit.full_name)
        document.attachments += department_table(fy, table, tr)
        if project_tables:
            for one in fy.all_projects():
                document.attachments += project_table(fy, one, score_project(one, fy), tr)
        return BuiltReport(document, [], fy.layout_profile)
    facts = _facts(fy, table)
    result = assemble_report(
        fy, tr, table.total, table.execution_rate, attachment=attachment, outline=outline, facts=facts
    )
    document = result.document
    if attachment:
        document.attachments += department_table(fy, table, tr)
    if project_tables:
        for each in fy.all_projects():
            document.attachments += project_table(fy, each, score_project(each, fy), tr)
    return BuiltReport(document, result.problems, fy.layout_profile)


def _facts(fy: FiscalYear, table) -> ReportFacts:
    """What the outline's conditional wording reads: the grade, rate and missed targets of the
    score *table* (the department's or a project's), and the previous year's figures."""
    return ReportFacts(
        grade=table.grade.code,
        rate=table.execution_rate,
        missed=any(row.applicable and row.deviation == DEVIATION_MISSED for row in table.indicator_rows),
        previous=previous_figures(fy)[0],
    )


def report_project(fy: FiscalYear, name: str | None = None) -> Project:
    """The project a project outline writes about: the one named *name*, else the first key
    project, else the first project.

    :raises JixiaoError: no project is named *name*, or the year has no project.
    """
    projects = fy.all_projects()
    if name:
        for project in projects:
            if project.name == name:
                return project
        raise JixiaoError(N_("The year {year} has no project named {name}."), year=fy.year, name=name)
    chosen = next((p for p in projects if p.is_key), projects[0] if projects else None)
    if chosen is None:
        raise JixiaoError(N_("The year {year} has no project to write a project report about."), year=fy.year)
    return chosen


def _build_project_report(
    fy: FiscalYear, tr: Translator, outline: Outline, *, attachment: bool, project: str | None
) -> BuiltReport:
    chosen = report_project(fy, project)
    table = score_project(chosen, fy)
    facts = _facts(fy, table)
    result = assemble_report(
        fy,
        tr,
        table.total,
        table.execution_rate,
        attachment=attachment,
        outline=outline,
        facts=facts,
        project=chosen,
    )
    if attachment:
        result.document.attachments += project_table(fy, chosen, table, tr)
    return BuiltReport(result.document, result.problems, fy.layout_profile)


def render_report(
    built: BuiltReport,
    *,
    layout: str | None = None,
    deterministic: bool = False,
    progress: Progress | None = None,
    fonts=None,
    page_progress: Callable[[int], None] | None = None,
) -> bytes:
    """The PDF bytes of an assembled report.

    *fonts* is a ``report.fonts.FontSet`` (default: the system's official faces, else the bundled
    ones); *page_progress* is called with the page number after each page is laid out.
    """
    from jixiao.report.pdf import render_pdf

    if progress:
        progress(Message(N_("Typesetting the report …")))
    with collector_paused():  # reportlab's many objects hold few cycles (see core.collector)
        return render_pdf(
            built.document,
            profile=layout or built.layout,
            fonts=fonts,
            deterministic=deterministic,
            progress=page_progress,
        )


def write_report(
    book: Book,
    year: int,
    out: Path,
    *,
    layout: str | None = None,
    attachment: bool = True,
    project_tables: bool = False,
    deterministic: bool = False,
    tr: Translator | None = None,
    progress: Progress | None = None,
    fy: FiscalYear | None = None,
    project: str | None = None,
) -> BuiltReport:
    """Write the report PDF of *year* to *out* (through a temporary file, so *out* is never half
    written); *fy*, when given, is that year already loaded from *book* (it is not read again);
    *project* as in ``build_report``."""
    out = in_existing_folder(out)  # checked first: a long render must not end in a missing folder
    built = read_and_build(book, year, fy, tr, attachment, project_tables, progress, project)
    save_pdf(out, render_report(built, layout=layout, deterministic=deterministic, progress=progress))
    return built


def read_and_build(
    book: Book,
    year: int,
    fy: FiscalYear | None,
    tr: Translator | None,
    attachment: bool,
    project_tables: bool,
    progress: Progress | None,
    project: str | None = None,
) -> BuiltReport:
    """The report of *year* assembled (from *fy* when it is given, else read from *book*), saying so
    to *progress*: what every file export of the report starts with."""
    if progress:
        progress(Message(N_("Reading the year's records …")))
    fy = load_fiscal_year(book, year) if fy is None else fy
    if progress:
        progress(Message(N_("Assembling the report …")))
    return build_report(fy, tr, attachment=attachment, project_tables=project_tables, project=project)


def save_pdf(path: Path | str, data: bytes) -> Path:
    """Write PDF bytes to *path* (never half written, never through a planted link: see
    ``services.files``); returns the path."""
    return save_file(path, data, N_("The report could not be written to {path}: {detail}"))
