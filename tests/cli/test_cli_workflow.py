"""The command line end to end: the sample year, export/import round trip, new year, check, score, report."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli_errors import run_cli


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    result = run_cli("sample", "--db", str(folder / "s.sqlite3"))
    assert result.returncode == 0, result.stderr
    return folder


def test_export_import_export_gives_identical_files(sample):
    steps = [
        ("export", "--db", "s.sqlite3", "--year", "2022", "--out", "a.json"),
        ("import", "--db", "t.sqlite3", "a.json"),
        ("export", "--db", "t.sqlite3", "--year", "2022", "--out", "b.json"),
    ]
    for step in steps:
        result = run_cli(*step, cwd=sample)
        assert result.returncode == 0, result.stderr
    assert (sample / "a.json").read_bytes() == (sample / "b.json").read_bytes()
    assert json.loads((sample / "a.json").read_text(encoding="utf-8"))["year"] == 2022


def test_score_json_under_both_rules(sample):
    result = run_cli("score", "--db", "s.sqlite3", "--year", "2022", "--json", cwd=sample)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] == "98.02"
    result = run_cli(
        "score", "--db", "s.sqlite3", "--year", "2022", "--json", "--rule", "standard", cwd=sample
    )
    assert json.loads(result.stdout)["total"] == "99.80"


def test_score_of_a_project_and_text_table(sample):
    result = run_cli(
        "--lang",
        "zh_CN",
        "score",
        "--db",
        "s.sqlite3",
        "--year",
        "2022",
        "--project",
        "党务宣传、党员素质教育培训费",
        cwd=sample,
    )
    assert result.returncode == 0, result.stderr
    assert "100.00" in result.stdout


def test_check_is_clean_for_the_sample_and_finds_a_planted_problem(sample, tmp_path):
    assert run_cli("check", "--db", "s.sqlite3", cwd=sample).returncode == 0
    package = (
        json.loads((sample / "a.json").read_text(encoding="utf-8")) if (sample / "a.json").exists() else None
    )
    if package is None:
        run_cli(
            "export", "--db", "s.sqlite3", "--year", "2022", "--out", str(tmp_path / "a.json"), cwd=sample
        )
        package = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    package["indicators"][0]["actual_source"] = None
    package["indicators"][0]["actual"] = None  # an actual missing
    (tmp_path / "p.json").write_text(json.dumps(package, ensure_ascii=False), encoding="utf-8")
    assert run_cli("import", "--db", str(tmp_path / "p.sqlite3"), str(tmp_path / "p.json")).returncode == 0
    result = run_cli("check", "--db", str(tmp_path / "p.sqlite3"))
    assert result.returncode == 1
    assert "missing" in result.stdout


def test_new_year_then_backup_and_restore(tmp_path):
    db = str(tmp_path / "n.sqlite3")
    assert run_cli("sample", "--db", db).returncode == 0
    result = run_cli("new-year", "--db", db, "--from", "2022", "--year", "2023")
    assert result.returncode == 0, result.stderr
    assert run_cli("new-year", "--db", db, "--from", "2022", "--year", "2023").returncode == 2  # exists
    backup = tmp_path / "manual.sqlite3"
    assert run_cli("backup", "--db", db, "--out", str(backup)).returncode == 0
    listing = run_cli("backups", "--db", db)
    assert listing.returncode == 0 and "sqlite3" in listing.stdout
    result = run_cli("restore", "--db", db, str(backup))
    assert result.returncode == 0, result.stderr
    assert "2023" in run_cli("export", "--db", db, "--year", "2023", "--out", str(tmp_path / "y.json")).stdout


def test_report_command_writes_a_pdf(sample):
    result = run_cli("report", "--db", "s.sqlite3", "--year", "2022", "--out", "r.pdf", cwd=sample)
    assert result.returncode == 0, result.stderr
    assert (sample / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "Typesetting" in result.stderr  # the progress line
    result = run_cli("report", "--db", "s.sqlite3", "--year", "2031", "--out", "x.pdf", cwd=sample)
    assert result.returncode == 2 and "Traceback" not in result.stderr
