"""A self-check of the built app (``jixiao --jixiao-selfcheck``, hidden): the desktop app opened on the
sample year in a scratch folder, offscreen, with its report preview made by the child process.

Prints one line per check and exits 0 when all pass, 1 otherwise. scripts/package.sh and
tests/packaging run it on the frozen app (and from the unpacked .deb, with a bare environment): it
proves that resources, fonts, catalogs, the sample year and the preview's child process all work
without Python or the project beside them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def run(lang: str = "zh_CN") -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from jixiao.gui.app import AppController
    from jixiao.gui.branding import apply_metadata
    from jixiao.gui.input_method import choose_input_method
    from jixiao.gui.pyside_fixes import pin_immortals
    from jixiao.paths import resources_dir
    from jixiao.services.sample import import_sample_year
    from jixiao.store.database import open_book

    pin_immortals()
    decision = choose_input_method()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_metadata(app)
    failures = []

    def check(name: str, ok: bool, detail: object = "") -> None:
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' if detail != '' else ''}{detail}", flush=True)
        if not ok:
            failures.append(name)

    check("resources", (resources_dir() / "sample").is_dir(), resources_dir())
    check("input method", True, decision.reason)
    check("window icon", not app.windowIcon().isNull())
    with tempfile.TemporaryDirectory(prefix="jixiao-selfcheck-") as folder:
        data = Path(folder)
        path = data / "sample.sqlite3"
        with open_book(path, create=True, routine_backup=False) as book:
            import_sample_year(book)
        settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
        controller = AppController(app, settings, lang, data_dir=data)
        controller.start(path)
        window = controller.window
        window.resize(1280, 820)
        window.show()
        check("window title", "2022" in window.windowTitle(), window.windowTitle())
        window.go_to("report")
        page = window.pages["report"]
        loop = QEventLoop()
        QTimer.singleShot(0, loop.quit)
        loop.exec()
        job = page.render_now()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (page.current and page.document.pageCount()):
            if "✖" in page.status.text():
                break
            QTimer.singleShot(50, loop.quit)
            loop.exec()
        check("preview job", job is not None)
        check("preview made by the child process", page.current, page.status.text())
        if page.result is not None:
            check("pages", page.result.pages >= 10, page.result.pages)
            origins = sorted({f.origin for f in page.result.fonts})
            check("fonts", all(f.path and Path(f.path).is_file() for f in page.result.fonts), origins)
        text = page.document.getAllText(0).text() if page.document.pageCount() else ""
        check("Chinese text in the preview", "部门整体支出绩效自评报告" in text.replace("\n", ""), len(text))
        controller.shutdown()
        window.close()
        app.processEvents()
        settings.sync()  # nothing left to write when the object goes, after its folder is removed
    print("selfcheck:", "passed" if not failures else "FAILED " + ", ".join(failures), flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(run())
