"""``jixiao report --out 报告.docx`` and ``jixiao score --out 自评表.xlsx``: the format follows the
extension, a wrong one is refused (exit 2) before anything is written."""

from __future__ import annotations

import docx
import openpyxl
import pytest

from tests.cli.test_cli_errors import run_cli


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-exports")
    result = run_cli("sample", "--db", str(folder / "s.sqlite3"))
    assert result.returncode == 0, result.stderr
    return folder


def test_report_as_word(sample):
    result = run_cli(
        "report", "--db", "s.sqlite3", "--year", "2022", "--out", "报告.docx", "--project-tables", cwd=sample
    )
    assert result.returncode == 0, result.stderr
    word = docx.Document(str(sample / "报告.docx"))
    assert word.paragraphs[0].text.startswith("2022年度")
    assert len(word.tables) > 2  # the department's form and the projects' forms
    assert not list(sample.glob("*.partial"))


def test_deterministic_word_files_are_identical(sample):
    for name in ("a.docx", "b.docx"):
        args = ("report", "--db", "s.sqlite3", "--year", "2022", "--out", name, "--deterministic")
        assert run_cli(*args, cwd=sample).returncode == 0
    assert (sample / "a.docx").read_bytes() == (sample / "b.docx").read_bytes()


def test_score_tables_as_excel(sample):
    result = run_cli(
        "--lang", "en", "score", "--db", "s.sqlite3", "--year", "2022", "--out", "自评表.xlsx", cwd=sample
    )
    assert result.returncode == 0, result.stderr
    assert "自评表.xlsx" in result.stdout
    book = openpyxl.load_workbook(sample / "自评表.xlsx")
    assert book.sheetnames[0] == "部门整体支出绩效自评表"  # the report language, as the PDF


@pytest.mark.parametrize(
    "args",
    [
        ("report", "--year", "2022", "--out", "r.doc"),
        ("report", "--year", "2022", "--out", "r.xlsx"),
        ("score", "--year", "2022", "--out", "t.csv"),
        ("score", "--year", "2022", "--out", "t.xlsx", "--json"),
    ],
)
def test_a_wrong_extension_is_refused(sample, args):
    result = run_cli("--lang", "zh_CN", args[0], "--db", "s.sqlite3", *args[1:], cwd=sample)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()
    assert not (sample / args[4]).exists()


@pytest.mark.parametrize(("command", "out"), [("report", "r.pdf"), ("report", "r.docx"), ("score", "t.xlsx")])
def test_the_year_is_read_once_for_the_check_and_the_file(sample, monkeypatch, command, out):
    from jixiao import cli
    from jixiao.services import reports

    reads = []
    real = reports.load_year
    monkeypatch.setattr(reports, "load_year", lambda db, year_id: reads.append(year_id) or real(db, year_id))
    code = cli.main(
        [
            "--lang",
            "en",
            command,
            "--db",
            str(sample / "s.sqlite3"),
            "--year",
            "2022",
            "--out",
            str(sample / out),
        ]
    )
    assert code == 0
    assert (sample / out).is_file()
    assert len(reads) == 1


def test_a_project_outline_reports_on_the_project_named(tmp_path):
    """``--project`` chooses the project a project outline writes about (红河州数据发展中心, two
    projects); an unknown name, or a project with a department outline, is refused (exit 2)."""
    from pathlib import Path

    from pypdf import PdfReader

    package = Path(__file__).resolve().parents[1] / "data" / "outline_years" / "honghe-2024.json"
    assert run_cli("import", "--db", "h.sqlite3", str(package), cwd=tmp_path).returncode == 0
    common = ("report", "--db", "h.sqlite3", "--year", "2024", "--force")

    def title_of(pdf: str) -> str:
        return "".join(PdfReader(str(tmp_path / pdf)).pages[0].extract_text().split())

    assert run_cli(*common, "--out", "first.pdf", cwd=tmp_path).returncode == 0
    assert "数说红河" in title_of("first.pdf")  # the first key project
    chosen = run_cli(
        *common, "--out", "second.pdf", "--project", "红河州一中心一平台六大库N应用经费", cwd=tmp_path
    )
    assert chosen.returncode == 0, chosen.stderr
    assert "一中心一平台六大库N应用经费" in title_of("second.pdf") and "数说红河" not in title_of(
        "second.pdf"
    )

    unknown = run_cli(*common, "--out", "x.pdf", "--project", "无此项目", cwd=tmp_path, lang="zh_CN")
    assert unknown.returncode == 2 and "无此项目" in unknown.stderr and not (tmp_path / "x.pdf").exists()
    run_cli("sample", "--db", "s.sqlite3", cwd=tmp_path)
    department_args = ("report", "--db", "s.sqlite3", "--year", "2022", "--out", "y.pdf", "--project", "无")
    department = run_cli(*department_args, cwd=tmp_path, lang="zh_CN")
    assert department.returncode == 2 and "提纲" in department.stderr and not (tmp_path / "y.pdf").exists()
