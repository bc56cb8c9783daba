"""Exports of a year: the report as PDF or Word (.docx), the score tables as Excel (.xlsx).

One place decides the format from the file name (``report_format``) and writes the file atomically
(a temporary file in the same folder, then a rename), for the CLI and the GUI alike. The Word file
and the workbook are made from the same ``ReportDocument`` and score tables as the PDF. Readiness
problems do not stop an export, exactly as they do not stop the PDF: the clerk sees them listed on
the report page and in ``jixiao check``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from jixiao.core.errors import N_, JixiaoError, Message
from jixiao.core.i18n import Translator
from jixiao.core.model import FiscalYear
from jixiao.core.scoring import ScoreRules, score_project, score_year
from jixiao.services import files
from jixiao.services.files import in_existing_folder
from jixiao.services.reports import (
    BuiltReport,
    Progress,
    build_report,
    load_fiscal_year,
    read_and_build,
    write_report,
)
from jixiao.store.database import Book

REPORT_FORMATS = {".pdf": "pdf", ".docx": "docx"}
FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)  # the creation time of deterministic files


def report_format(path: Path | str) -> str:
    """ "pdf" or "docx" from *path*'s extension (no extension: PDF, the default).

    :raises JixiaoError: another extension (.doc, .xlsx …).
    """
    suffix = Path(path).suffix.lower()
    if not suffix:
        return "pdf"
    if suffix not in REPORT_FORMATS:
        raise JixiaoError(
            N_("The report can be written as a .pdf or a .docx file, not {suffix}."), suffix=Path(path).suffix
        )
    return REPORT_FORMATS[suffix]


def check_workbook_path(path: Path | str) -> Path:
    """*path* if it names an .xlsx file.

    :raises JixiaoError: another extension.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise JixiaoError(N_("The score tables are written as an .xlsx file, not {name}."), name=path.name)
    return path


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write *data* to *path*, never half written (``services.files.write_atomically``), with a
    translated error when the folder is missing or the file cannot be written."""
    return files.save_file(path, data)


def render_word(built: BuiltReport, *, layout: str | None = None, deterministic: bool = False) -> bytes:
    """The .docx bytes of an assembled report (*layout*: "gbt9704", "word"; default the year's)."""
    from jixiao.report.word import render_docx

    return render_docx(
        built.document, profile=layout or built.layout, created=FIXED_TIME if deterministic else None
    )


def score_forms(
    fy: FiscalYear, tr: Translator, *, project: str | None = None, rule: str | None = None
) -> list[tuple[str, list]]:
    """The score tables as (sheet name, report ``Table`` parts): the department's, then each project's
    (only *project*'s when named), scored under *rule* ("standard", "rate_as_score") or the year's."""
    from jixiao.report.build_score_tables import department_table, project_table

    rules = ScoreRules.of_year(fy)
    if rule is not None:
        rules = ScoreRules.parse(rule, rules.options())
    forms: list[tuple[str, list]] = []
    projects = fy.all_projects()
    if project is None:
        forms.append((tr.gettext("Department table"), department_table(fy, score_year(fy, rules), tr)))
    else:
        projects = [p for p in projects if p.name == project]
        if not projects:
            raise JixiaoError(N_("The year {year} has no project named {name}."), year=fy.year, name=project)
        if not projects[0].indicators:
            raise JixiaoError(
                N_("The project {name} has no indicators of its own, so it has no score table."), name=project
            )
    for item in projects:
        parts = project_table(fy, item, score_project(item, fy, rules), tr)
        if parts:  # only projects with indicators of their own have a table
            forms.append((item.name, parts))
    return forms


def render_workbook(
    fy: FiscalYear,
    tr: Translator | None = None,
    *,
    project: str | None = None,
    rule: str | None = None,
    deterministic: bool = False,
) -> bytes:
    """The score tables of *fy* as .xlsx bytes (see ``score_forms``)."""
    from jixiao.report.excel import render_xlsx

    tr = tr or Translator("zh_CN")
    title = tr.format("{year} {unit}", year=fy.year, unit=fy.unit.full_name) + tr.gettext(
        "Overall Departmental Expenditure Performance Self-Evaluation Table"
    )
    return render_xlsx(
        score_forms(fy, tr, project=project, rule=rule),
        title=title,
        author=fy.unit.full_name,
        created=FIXED_TIME if deterministic else datetime.now(UTC),
    )


def report_docx(
    fy: FiscalYear,
    *,
    layout: str | None = None,
    attachment: bool = True,
    project_tables: bool = False,
    tr: Translator | None = None,
    project: str | None = None,
) -> bytes:
    """The report of a loaded year as .docx bytes (assembled as for the PDF)."""
    built = build_report(fy, tr, attachment=attachment, project_tables=project_tables, project=project)
    return render_word(built, layout=layout)


def save_report(
    path: Path | str,
    *,
    pdf: bytes,
    fy: FiscalYear,
    layout: str | None = None,
    project_tables: bool = False,
    project: str | None = None,
) -> Path:
    """The GUI's export: *pdf* (the one on screen) to a .pdf *path*, or the same report as Word to a
    .docx *path* (made from *fy*, the records the PDF shows, about *project* with a project outline).
    Returns the path written."""
    if report_format(path) == "pdf":
        return write_atomically(path, pdf)
    return write_atomically(
        path, report_docx(fy, layout=layout, project_tables=project_tables, project=project)
    )


def write_report_file(
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
    """Write the report of *year* to *out* as PDF or Word, by *out*'s extension; *fy*, when given,
    is that year already loaded from *book* (it is not read again); *project*: the project a
    project outline writes about (see ``services.reports.build_report``)."""
    kind = report_format(out)
    if kind == "pdf":
        return write_report(
            book,
            year,
            out,
            layout=layout,
            attachment=attachment,
            project_tables=project_tables,
            deterministic=deterministic,
            tr=tr,
            progress=progress,
            fy=fy,
            project=project,
        )
    out = in_existing_folder(out)
    built = read_and_build(book, year, fy, tr, attachment, project_tables, progress, project)
    if progress:
        progress(Message(N_("Writing the Word file …")))
    write_atomically(out, render_word(built, layout=layout, deterministic=deterministic))
    return built


def write_score_workbook(
    book: Book,
    year: int,
    out: Path,
    *,
    project: str | None = None,
    rule: str | None = None,
    deterministic: bool = False,
    tr: Translator | None = None,
    fy: FiscalYear | None = None,
) -> Path:
    """Write the score tables of *year* to the .xlsx file *out*; returns its path. *fy*, when
    given, is that year already loaded from *book* (it is not read again)."""
    out = in_existing_folder(check_workbook_path(out))
    fy = load_fiscal_year(book, year) if fy is None else fy
    return write_atomically(
        out, render_workbook(fy, tr, project=project, rule=rule, deterministic=deterministic)
    )
