"""Bad input on the command line: one clear line on stderr, exit 2, no traceback, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.cli import main


def run_cli(*args: str, cwd: Path | None = None, lang: str = "en") -> subprocess.CompletedProcess:
    env = {**os.environ, "LANG": "C.UTF-8", "LANGUAGE": ""}
    return subprocess.run(
        [sys.executable, "-m", "jixiao", "--lang", lang, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def _assert_clean_failure(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert result.stderr.strip(), "a message is expected"
    assert len(result.stderr.strip().splitlines()) <= 3


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--year", "2022", "--out", "x.json"],  # no data file
        ["frobnicate"],
        ["export", "--db", "nowhere/x.sqlite3", "--year", "abc", "--out", "x.json"],
        ["check", "--db", "missing.sqlite3"],
        ["import", "--db", "t.sqlite3", "missing.json"],
        ["restore", "--db", "t.sqlite3", "no-backup.sqlite3"],
        ["score", "--db", "t.sqlite3"],
    ],
)
def test_bad_input_exits_2_without_traceback(tmp_path, args):
    args = [a if not a.endswith((".sqlite3", ".json")) else str(tmp_path / a) for a in args]
    if args[0] == "export" and "--db" not in args:
        args += ["--db", str(tmp_path / "absent.sqlite3")]
    result = run_cli(*args, cwd=tmp_path)
    _assert_clean_failure(result)
    assert not (tmp_path / "t.sqlite3").exists(), "nothing may be written"


def test_damaged_file_gives_the_clear_message(tmp_path):
    damaged = tmp_path / "d.sqlite3"
    damaged.write_bytes(b"%PDF-1.4 not a database" * 50)
    before = damaged.read_bytes()
    result = run_cli("check", "--db", str(damaged))
    _assert_clean_failure(result)
    assert "damaged" in result.stderr
    assert damaged.read_bytes() == before


def test_messages_follow_the_language(tmp_path):
    result = run_cli("check", "--db", str(tmp_path / "missing.sqlite3"), lang="zh_CN")
    _assert_clean_failure(result)
    assert "不存在" in result.stderr


def test_help_is_translated(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--lang", "zh_CN", "export", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "导出" in out and "用法" in out


def test_import_of_broken_package_writes_nothing(tmp_path):
    package = tmp_path / "bad.json"
    package.write_text(
        '{"format": "jixiao-year-package", "format_version": 1, "year": "x"}', encoding="utf-8"
    )
    result = run_cli("import", "--db", str(tmp_path / "t.sqlite3"), str(package))
    _assert_clean_failure(result) if result.returncode == 2 else None
    assert result.returncode == 2
    assert not (tmp_path / "t.sqlite3").exists()


def test_sample_refuses_an_existing_file(tmp_path):
    existing = tmp_path / "s.sqlite3"
    existing.write_bytes(b"keep me")
    result = run_cli("sample", "--db", str(existing))
    _assert_clean_failure(result)
    assert existing.read_bytes() == b"keep me"


def test_a_defect_prints_one_line_and_logs_the_details(tmp_path, monkeypatch, capsys):
    import jixiao.cli as cli

    def broken(args, tr):
        raise RuntimeError("boom")

    monkeypatch.setitem(cli.COMMANDS, "check", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert main(["--lang", "en", "check", "--db", str(tmp_path / "x.sqlite3")]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    log = err.split("written to ")[1].strip().rstrip(".")
    assert "RuntimeError: boom" in Path(log).read_text(encoding="utf-8")
