"""The command line: ``jixiao [--db PATH] [--lang zh_CN|en] <command> …``; no command starts the GUI.

Bad input of any kind prints one translated line on stderr and exits 2 without a traceback and
without writing anything. ``check`` exits 1 when it finds problems. A defect of jixiao itself prints
one line naming the log file that holds the details and exits 3.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from jixiao.core.errors import N_, JixiaoError, ValidationError
from jixiao.core.i18n import SUPPORTED_LANGUAGES, Translator, system_language

EXIT_OK, EXIT_PROBLEMS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """Bad command-line input; the message is already translated."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own errors: one line, exit 2
        raise UsageError(message)


def default_db_path() -> Path:
    """The data file in the user's data folder (created on first use)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("jixiao", appauthor=False)) / "jixiao.sqlite3"


def _window_start(argv: Sequence[str]) -> tuple[Path | None, str | None] | None:
    """(db, lang) of a plain start of the desktop application — ``[gui] [--db PATH] [--lang L]``,
    each option once, as ``--opt value`` or ``--opt=value`` — read as ``build_parser`` reads it;
    None for anything else (help, an abbreviation, a bad value, another command), which the full
    parser then handles with its own messages."""
    db: Path | None = None
    lang: str | None = None
    seen: set[str] = set()
    rest = list(argv)
    while rest:
        token = rest.pop(0)
        if token == "gui" and "gui" not in seen:
            seen.add("gui")
            continue
        name, equals, value = token.partition("=")
        if name not in ("--db", "--lang") or name in seen:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        if value.startswith("-") or (name == "--lang" and value not in SUPPORTED_LANGUAGES):
            return None
        seen.add(name)
        if name == "--db":
            db = Path(value)
        else:
            lang = value
    return db, lang


def _pre_scan_lang(argv: Sequence[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def build_parser(tr: Translator) -> argparse.ArgumentParser:
    """The argument parser with every help text translated by *tr*."""
    _ = tr.gettext
    parser = _Parser(
        prog="jixiao", description=_("jixiao: record the year, write the performance self-evaluation report.")
    )
    parser.add_argument(
        "--lang", choices=list(SUPPORTED_LANGUAGES), help=_("language of messages (default: the system's)")
    )
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help=_("the data file (default: jixiao.sqlite3 in the user data folder)"),
    )
    common.add_argument(
        "--lang", choices=list(SUPPORTED_LANGUAGES), default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    parser.add_argument(
        "--db", type=Path, help=_("the data file (default: jixiao.sqlite3 in the user data folder)")
    )
    sub = parser.add_subparsers(dest="command", metavar=_("command"), parser_class=_Parser)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], help=help_text, description=help_text)

    add("gui", _("start the desktop application (the default)"))
    add("sample", _("write the sample year (FY2022) into a new data file"))
    p = add("export", _("export one fiscal year as a year package (JSON)"))
    p.add_argument("--year", type=int, required=True, help=_("the fiscal year, e.g. 2022"))
    p.add_argument("--out", type=Path, required=True, help=_("the JSON file to write"))
    p = add("import", _("import a year package (JSON) into the data file"))
    p.add_argument("package", type=Path, help=_("the year package file"))
    p.add_argument("--replace", action="store_true", help=_("replace the year if the file already has it"))
    p = add("new-year", _("start a new fiscal year from last year's structure"))
    p.add_argument("--from", dest="from_year", type=int, required=True, help=_("the year to copy from"))
    p.add_argument("--year", type=int, required=True, help=_("the new fiscal year"))
    add("check", _("check the data file's integrity and each year's readiness (exit 1 on problems)"))
    p = add("backup", _("back up the data file now"))
    p.add_argument("--out", type=Path, help=_("where to write the backup (default: the backup folder)"))
    add("backups", _("list the backups of the data file"))
    p = add("restore", _("restore a backup in place of the data file (the current file is backed up first)"))
    p.add_argument("backup", type=Path, help=_("the backup file to restore"))
    p = add("score", _("print the self-evaluation score table of a year or a project"))
    p.add_argument("--year", type=int, required=True, help=_("the fiscal year, e.g. 2022"))
    p.add_argument("--project", help=_("a project name: its project table instead of the department's"))
    p.add_argument(
        "--rule", choices=["standard", "rate_as_score"], help=_("score with this rule instead of the year's")
    )
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=_("print JSON instead of a text table"))
    output.add_argument(
        "--out",
        type=Path,
        help=_("write the department's and every project's table to this Excel file (.xlsx)"),
    )
    p.add_argument(
        "--force",
        action="store_true",
        help=_("write the Excel file even when the check finds errors in the year"),
    )
    p = add("report", _("write the year-end report (PDF or Word)"))
    p.add_argument("--year", type=int, required=True, help=_("the fiscal year, e.g. 2022"))
    p.add_argument(
        "--out", type=Path, required=True, help=_("the file to write: .pdf (the default) or .docx (Word)")
    )
    p.add_argument("--layout", choices=["gbt9704", "word"], help=_("page layout (default: the year's)"))
    p.add_argument("--no-attachment", action="store_true", help=_("leave out the score table attachment"))
    p.add_argument("--project-tables", action="store_true", help=_("append each project's score table"))
    p.add_argument(
        "--project",
        help=_(
            "with a project outline: the project (its name) the report is about (default: the first key project)"
        ),
    )
    p.add_argument("--deterministic", action="store_true", help=_("identical bytes for identical data"))
    p.add_argument(
        "--force",
        action="store_true",
        help=_("write the report even when the check finds errors in the year"),
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    tr = Translator(_pre_scan_lang(argv) or system_language())
    try:
        window = _window_start(argv)  # the plain desktop start needs no full parser (~6 ms of the start)
        if window is None:
            _patch_argparse_messages(tr)
            args = build_parser(tr).parse_args(argv)
            command = args.command or "gui"
            if command != "gui":
                args.translator = tr
                return COMMANDS[command](args, tr)
            window = (args.db, args.lang)
        from jixiao.gui.app import run

        return run(*window)
    except UsageError as error:
        _say(tr.format("jixiao: error: {message}", message=str(error)))
        return EXIT_BAD_INPUT
    except ValidationError as error:
        _say(error.translated(tr.gettext))
        for line in error.translated_problems(tr.gettext):
            _say("  " + line)
        return EXIT_BAD_INPUT
    except JixiaoError as error:
        _say(error.translated(tr.gettext))
        return EXIT_BAD_INPUT
    except FileNotFoundError as error:
        _say(tr.format("The file {path} does not exist.", path=error.args[0] if error.args else ""))
        return EXIT_BAD_INPUT
    except OSError as error:
        _say(
            tr.format(
                "The file {path} cannot be used: {detail}",
                path=error.filename or "",
                detail=error.strerror or str(error),
            )
        )
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - a defect: one line for the user, the details in a log file
        log = _write_crash_log(error)
        _say(
            tr.format(
                "Something went wrong; your saved data is safe. Details were written to {path}.",
                path=str(log),
            )
        )
        return EXIT_INTERNAL


def _write_crash_log(error: BaseException) -> Path:
    """Append the traceback of *error* to ``jixiao.log`` in the user log folder; returns its path."""
    import datetime as dt
    import traceback

    from platformdirs import user_log_dir

    folder = Path(user_log_dir("jixiao", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "jixiao.log"
    with path.open("a", encoding="utf-8") as fp:
        fp.write(f"--- {dt.datetime.now().isoformat()} jixiao {' '.join(sys.argv[1:])}\n")
        fp.write("".join(traceback.format_exception(error)))
    return path


def gui_main() -> int:
    """Entry point of the ``jixiao-gui`` launcher (a gui-script: no console window on Windows)."""
    return main(["gui", *sys.argv[1:]])


def _say(line: str) -> None:
    print(line, file=sys.stderr)


def _patch_argparse_messages(tr: Translator) -> None:
    """Translate argparse's own messages ("usage:", "required" …) through our catalogs."""
    argparse._ = tr.gettext  # type: ignore[attr-defined]  # argparse looks ``_`` up at call time
    argparse.ngettext = tr.ngettext  # type: ignore[attr-defined]


def _db_path(args) -> Path:
    return args.db if args.db is not None else default_db_path()


@contextlib.contextmanager
def _open(args, create: bool = False, readonly: bool | None = False) -> Iterator:
    """The open data file for one command; closed at the end, or discarded when the command created
    it and failed. Opening warnings go to stderr. A failed read (damage that the open checks cannot
    see: see ``store.database.READ_ERRORS``) becomes the "damaged" message naming the newest good
    backup; its traceback goes to the log file. *readonly* as in ``open_book``: None for commands
    that only read (they work on a read-only file or folder, and upgrade a writable file)."""
    from jixiao.services.files import READ_ERRORS, damage_of, open_book

    path = _db_path(args)
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    book = open_book(path, create=create, readonly=readonly, routine_backup=False)
    tr = getattr(args, "translator", None)
    for warning in book.warnings:
        _say(warning.translated(tr.gettext) if tr else str(warning))
    try:
        yield book
    except READ_ERRORS as error:
        if isinstance(error, JixiaoError) or book.closed:
            raise
        failure = damage_of(book, error)  # a defect (None) stays a defect: exit 3
        book.discard()
        if failure is None:
            raise
        _write_crash_log(error)
        raise book.damaged(failure) from error
    except BaseException:
        book.discard()
        raise
    shown = len(book.warnings)
    try:
        book.backup_if_due()  # only now: the command read what it needed without a failure
    finally:
        book.close()
    for warning in book.warnings[shown:]:  # the routine backup failed: the work itself is done
        _say(warning.translated(tr.gettext) if tr else str(warning))


def _year_id(book, year: int) -> int:
    from jixiao.services.years import find_year_id

    year_id = find_year_id(book, year)
    if year_id is None:
        raise JixiaoError(N_("The data file has no fiscal year {year}."), year=year)
    return year_id


# -- commands ---------------------------------------------------------------------------------------
def cmd_sample(args, tr: Translator) -> int:
    from jixiao.services.sample import import_sample_year
    from jixiao.services.years import load_outline

    path = _db_path(args)
    exists = JixiaoError(
        N_("{path} already exists; the sample year is only written into a new file."), path=str(path)
    )
    if path.exists():
        raise exists
    with _open(args, create=True) as book:  # a failure deletes the file only when this run created it
        if not book.created:  # another process made it in the meantime: never write into theirs
            raise exists
        year_id = import_sample_year(book)
        year = load_outline(book, year_id).year
    print(tr.format("The sample year {year} was written to {path}.", year=year, path=str(path)))
    return EXIT_OK


def cmd_export(args, tr: Translator) -> int:
    from jixiao.services.yearpackages import export_year_to_file

    with _open(args, readonly=None) as book:  # the service checks the folder before it reads
        export_year_to_file(book, args.year, args.out)
    print(tr.format("Year {year} was exported to {path}.", year=args.year, path=str(args.out)))
    return EXIT_OK


def cmd_import(args, tr: Translator) -> int:
    from jixiao.core.yearpackage import PackageStream
    from jixiao.services.yearpackages import import_year

    stream = PackageStream(args.package)
    header = stream.header()  # read the file (piece by piece) before creating anything
    path = _db_path(args)
    with _open(args, create=True) as book:  # a failure deletes the file only when this run created it
        import_year(book, stream, replace=args.replace)
    print(tr.format("Year {year} was imported into {path}.", year=header.get("year"), path=str(path)))
    return EXIT_OK


def cmd_new_year(args, tr: Translator) -> int:
    from jixiao.services.yearpackages import new_year_from

    with _open(args) as book:
        new_year_from(book, args.from_year, args.year)
    print(tr.format("Year {year} was created from {source}.", year=args.year, source=args.from_year))
    return EXIT_OK


def cmd_check(args, tr: Translator) -> int:
    from jixiao.services.checks import check_book
    from jixiao.services.files import newest_good_backup

    with _open(args, readonly=True) as book:  # check never writes
        lines = [warning.translated(tr.gettext) for warning in book.warnings]
        findings = check_book(book)
        damaged = any(finding.year is None for finding in findings)
        newest = newest_good_backup(book.path, book.backup_dir) if damaged else None
    lines += [finding.translated(tr.gettext) for finding in findings]
    for line in lines:
        print(line)
    if damaged:
        if newest is not None:
            print(
                tr.format(
                    "The newest good backup is {backup}; restore it with “jixiao restore”.",
                    backup=str(newest),
                )
            )
        else:
            print(tr.gettext("No backup of it was found."))
    if lines:
        print(tr.format("{count} problem(s) found.", count=len(lines)))
        return EXIT_PROBLEMS
    print(tr.gettext("No problems found."))
    return EXIT_OK


def cmd_backup(args, tr: Translator) -> int:
    with _open(args, readonly=None) as book:
        path = book.backup("manual", out=args.out)
    print(tr.format("Backup written to {path}.", path=str(path)))
    return EXIT_OK


def cmd_backups(args, tr: Translator) -> int:
    from babel.dates import format_datetime

    from jixiao.services.files import list_backups

    path = _db_path(args).absolute()
    if not path.exists():
        raise FileNotFoundError(str(path))
    found = list_backups(path)
    if not found:
        print(tr.gettext("There are no backups yet."))
    for backup in found:
        when = format_datetime(backup.taken_at, format="medium", locale=tr.locale)
        flag = "\t" + tr.gettext("(dated in the future: the clock was wrong)") if backup.future else ""
        print(f"{when}\t{backup.size // 1024} KB\t{backup.reason}\t{backup.path}{flag}")
    return EXIT_OK


def cmd_restore(args, tr: Translator) -> int:
    from jixiao.services.files import restore_backup

    path = _db_path(args).absolute()
    if not args.backup.exists():
        raise FileNotFoundError(str(args.backup))
    saved = restore_backup(args.backup, path)
    print(tr.format("{backup} was restored to {path}.", backup=str(args.backup), path=str(path)))
    if saved:
        print(tr.format("The previous file was kept as {saved}.", saved=str(saved)))
    return EXIT_OK


def cmd_score(args, tr: Translator) -> int:
    from jixiao.services.scores import score_command

    if args.out is not None:
        from jixiao.services.exports import check_workbook_path, write_score_workbook

        check_workbook_path(args.out)  # before opening the data file
        with _open(args, readonly=None) as book:
            from jixiao.services.reports import load_fiscal_year

            fy = load_fiscal_year(book, args.year)  # read once: checked, then written
            if _refused_for_errors(fy, args, tr, SCORES_REFUSED):
                return EXIT_PROBLEMS
            # the workbook is in the report language (zh_CN), like the report itself
            path = write_score_workbook(
                book, args.year, args.out, project=args.project, rule=args.rule, fy=fy
            )
        print(tr.format("The score tables were written to {path}.", path=str(path)))
        return EXIT_OK
    with _open(args, readonly=None) as book:
        print(score_command(book, args.year, project=args.project, rule=args.rule, as_json=args.json, tr=tr))
    return EXIT_OK


REPORT_REFUSED = N_(
    "The report was not written: {count} problem(s) must be fixed first (see jixiao check; --force writes it anyway)."
)
SCORES_REFUSED = N_(
    "The score tables were not written: {count} problem(s) must be fixed first "
    "(see jixiao check; --force writes them anyway)."
)


def _refused_for_errors(fy, args, tr: Translator, refusal: str) -> bool:
    """True (and say why) when the loaded year *fy* has errors that stop its report and tables,
    unless --force; with --force the errors are listed on stderr and the file is written."""
    from jixiao.services.checks import blocking, year_findings

    errors = blocking(year_findings(fy))
    if errors and not args.force:
        for finding in errors:
            print(finding.translated(tr.gettext))
        print(tr.format(refusal, count=len(errors)))
        return True
    for finding in errors:
        _say(finding.translated(tr.gettext))
    return False


def cmd_report(args, tr: Translator) -> int:
    from jixiao.services.exports import report_format, write_report_file
    from jixiao.services.reports import load_fiscal_year

    report_format(args.out)  # an unknown extension is refused before anything is read
    with _open(args, readonly=None) as book:
        fy = load_fiscal_year(book, args.year)  # read once: checked, then written
        if _refused_for_errors(fy, args, tr, REPORT_REFUSED):
            return EXIT_PROBLEMS
        write_report_file(
            book,
            args.year,
            args.out,
            fy=fy,
            layout=args.layout,
            attachment=not args.no_attachment,
            project_tables=args.project_tables,
            project=args.project,
            deterministic=args.deterministic,
            progress=lambda message: _say(message.translated(tr.gettext)),
        )
    print(tr.format("The report was written to {path}.", path=str(args.out)))
    return EXIT_OK


COMMANDS: dict[str, Callable] = {
    "sample": cmd_sample,
    "export": cmd_export,
    "import": cmd_import,
    "new-year": cmd_new_year,
    "check": cmd_check,
    "backup": cmd_backup,
    "backups": cmd_backups,
    "restore": cmd_restore,
    "score": cmd_score,
    "report": cmd_report,
}

# argparse's own user-facing messages, listed so that they are extracted into our catalogs.
ARGPARSE_MSGIDS = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)
