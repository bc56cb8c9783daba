"""PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` per call of a Qt method that returns
nothing (``gui.pyside_fixes``): without ``pin_immortals`` the window died after some fifty repaints
of the overview. Run in a fresh process: the test session itself pins them (tests/conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

REPAINTS = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from jixiao.gui.app import AppController

    folder = Path(sys.argv[1])
    app = QApplication([])
    controller = AppController(app, QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat),
                               "zh_CN", data_dir=folder)
    controller.start(folder / "data.sqlite3")
    window = controller.window
    window.resize(1280, 820)
    window.show()
    app.processEvents()
    before = sys.getrefcount(None)
    for _ in range(300):
        window.grab()  # a repaint of the overview: its charts make ~170 calls that return nothing
    print("repainted", before, sys.getrefcount(None), flush=True)
    controller.shutdown()
    """
)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None and True are immortal from Python 3.12")
def test_the_window_survives_many_repaints_and_its_exit(sample_template, tmp_path):
    import shutil

    shutil.copy(sample_template, tmp_path / "data.sqlite3")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", REPAINTS, str(tmp_path)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    _, before, after = done.stdout.split()
    assert int(after) > 10**12 and int(before) - int(after) > 300 * 100  # the calls were made; None lives


def test_the_quicker_feature_scan_gives_pyside6s_answer_for_every_loaded_module():
    """``quicker_feature_scan`` (installed by ``import jixiao.gui``) must find "PySide6" exactly where
    PySide6's own ``inspect.getsource`` scan does: in jixiao's GUI modules, not in its core."""
    import jixiao.core.model
    import jixiao.gui.app  # noqa: F401 - a module that uses PySide6

    feature = sys.modules["shibokensupport.feature"]
    quicker = feature._mod_uses_pyside
    assert quicker.quicker
    modules = [m for name, m in sorted(sys.modules.items()) if name.startswith(("jixiao", "json", "sqlite3"))]
    answers = {m.__name__: quicker(m) for m in modules}
    assert answers == {m.__name__: quicker.original(m) for m in modules}
    assert answers["jixiao.gui.app"] and not answers["jixiao.core.model"]
    assert not quicker(sys)  # a built-in module: no source, PySide6's own scan answers
