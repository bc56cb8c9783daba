"""What is Windows-specific and testable anywhere: frozen-app paths, the preview child of a frozen app,
the console-less launcher, and the packaging files that the Windows runner uses."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from jixiao import paths

ROOT = Path(__file__).resolve().parents[1]


def test_a_frozen_app_finds_its_files_in_its_bundle(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "_internal"), raising=False)
    assert paths.is_frozen()
    assert paths._find("resources") == tmp_path / "_internal" / "jixiao" / "resources"


def test_a_frozen_app_starts_the_preview_child_as_itself(monkeypatch):
    from jixiao.gui import report_worker

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", r"C:\Users\clerk\AppData\Local\Programs\jixiao\jixiao-gui.exe")
    assert report_worker.worker_command() == [sys.executable, paths.REPORT_WORKER_ARG]
    monkeypatch.setattr(sys, "frozen", False)
    assert report_worker.worker_command()[1:] == ["-m", "jixiao.services.report_job"]


def test_the_entry_point_sends_the_hidden_argument_to_the_job_and_the_gui_exe_to_the_gui(monkeypatch):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import jixiao_main
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    from jixiao import cli
    from jixiao.services import report_job

    calls = []
    monkeypatch.setattr(report_job, "main", lambda: calls.append("job") or 0)
    monkeypatch.setattr(cli, "gui_main", lambda: calls.append("gui") or 0)
    monkeypatch.setattr(cli, "main", lambda: calls.append("cli") or 0)
    monkeypatch.setattr(sys, "argv", ["jixiao.exe", paths.REPORT_WORKER_ARG])
    monkeypatch.setattr(sys, "executable", r"C:\jixiao\jixiao.exe")
    assert jixiao_main.run() == 0
    monkeypatch.setattr(sys, "argv", ["jixiao-gui.exe", "--db", "x.sqlite3"])
    monkeypatch.setattr(sys, "executable", str(Path("C:/jixiao/jixiao-gui.exe")))
    jixiao_main.run()
    monkeypatch.setattr(sys, "argv", ["jixiao", "report"])
    monkeypatch.setattr(sys, "executable", "/opt/jixiao/jixiao")
    jixiao_main.run()
    assert calls == ["job", "gui", "cli"]


def test_the_console_less_launcher_is_declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["gui-scripts"] == {"jixiao-gui": "jixiao.cli:gui_main"}
    spec = (ROOT / "packaging" / "jixiao.spec").read_text(encoding="utf-8")
    assert '_exe("jixiao-gui", console=False)' in spec and '_exe("jixiao", console=True)' in spec


def test_the_installer_is_per_user_with_shortcuts_to_the_console_less_exe():
    iss = (ROOT / "packaging" / "windows" / "jixiao.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert "DefaultDirName={localappdata}" in iss
    assert '{userprograms}\\绩效自评助手"; Filename: "{app}\\jixiao-gui.exe"' in iss
    assert '{userdesktop}\\绩效自评助手"; Filename: "{app}\\jixiao-gui.exe"' in iss
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in workflow and "packaging/jixiao.spec" in workflow
    assert "packaging\\windows\\jixiao.iss" in workflow
