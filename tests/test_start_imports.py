"""What the report command and the window's start import: nothing they do not use (issue 16).

Each check runs in a fresh interpreter and looks at ``sys.modules`` afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules_after(code: str, tmp_path: Path, **env: str) -> set[str]:
    """The modules loaded after running *code* (which must set ``done``) in a fresh interpreter."""
    script = code + "\nimport json, sys\nprint('MODULES=' + json.dumps(sorted(sys.modules)))\n"
    environment = {**os.environ, "PYTHONPATH": str(SRC), **env}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=environment,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("MODULES="))
    return set(json.loads(line.removeprefix("MODULES=")))


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    from jixiao.services.sample import import_sample_year
    from jixiao.store.database import open_book

    path = tmp_path_factory.mktemp("sample") / "sample.sqlite3"
    with open_book(path, create=True, routine_backup=False) as book:
        import_sample_year(book)
    return path


def test_report_command_imports_neither_sqlite_utils_nor_reportlab_platypus(sample_file, tmp_path):
    out = tmp_path / "report.pdf"
    code = (
        "from jixiao.cli import main\n"
        f"status = main(['--lang', 'zh_CN', 'report', '--db', {str(sample_file)!r}, '--year', '2022',"
        f" '--out', {str(out)!r}])\n"
        "assert status in (0, None), status\n"
    )
    modules = _modules_after(code, tmp_path)
    assert out.stat().st_size > 0
    assert "reportlab.pdfgen.canvas" in modules  # the check looks at a process that did write the PDF
    assert "sqlite_utils" not in modules
    assert not {m for m in modules if m.startswith("reportlab.platypus")}  # its paragraph module above all


def test_window_start_imports_neither_reportlab_nor_babel(sample_file, tmp_path):
    pytest.importorskip("PySide6")
    code = (
        "from PySide6.QtCore import QSettings\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from jixiao.gui.app import AppController\n"
        "app = QApplication([])\n"
        "settings = QSettings('s.ini', QSettings.Format.IniFormat)\n"
        "controller = AppController(app, settings, 'zh_CN', data_dir='.')\n"
        f"controller.start({str(sample_file)!r})\n"
        "controller.window.show()\n"
        "for _ in range(5):\n"
        "    app.processEvents()\n"
        "controller.window.grab()\n"
        "assert controller.session is not None\n"
        "controller.shutdown()\n"
    )
    modules = _modules_after(code, tmp_path, QT_QPA_PLATFORM="offscreen")
    assert "jixiao.gui.main_window" in modules
    assert not {m for m in modules if m.split(".")[0] in ("reportlab", "sqlite_utils")}
    # numbers are formatted without babel's locale data (~20 ms of the start), dialogs made when shown
    assert not {m for m in modules if m.split(".")[0] == "babel"}
    assert "jixiao.services.yearpackages" not in modules
