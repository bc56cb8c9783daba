"""GUI test fixtures: an AppController on a temporary data folder with scripted answers, the sample
year (imported once, copied per test), and Chinese typed as IME commits."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from jixiao.gui.app import SAMPLE_FILE_NAME, AppController  # noqa: E402
from jixiao.gui.ask import ScriptedAsker  # noqa: E402
from jixiao.gui.fonts import ensure_cjk_font  # noqa: E402
from jixiao.services.sample import import_sample_year  # noqa: E402
from jixiao.store.database import open_book  # noqa: E402


def ime_type(widget: QWidget, text: str) -> None:
    """Type *text* into *widget* the way a Chinese input method commits it (one commit event)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def replace_text(widget, text: str) -> None:
    """Select all of a line edit / text edit and type *text* over it as an IME commit."""
    widget.selectAll()
    ime_type(widget, text)


@pytest.fixture(scope="session", autouse=True)
def cjk_font(qapp):
    """The UI's Chinese font (bundled one registered when the system has none)."""
    return ensure_cjk_font(qapp)


@pytest.fixture(autouse=True)
def no_typesetter_ahead_of_time(monkeypatch):
    """Windows here live a second or so: none starts the report page's typesetting process ahead of
    time (``main_window.TYPESETTER_DELAY_MS``) unless its test asks for it."""
    from jixiao.gui import main_window

    monkeypatch.setattr(main_window, "TYPESETTER_DELAY_MS", None)


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory):
    """A data file holding the sample year, imported once for the whole session."""
    path = tmp_path_factory.mktemp("sample") / "template.sqlite3"
    with open_book(path, create=True, routine_backup=False) as book:
        import_sample_year(book)
    return path


@pytest.fixture
def asker():
    return ScriptedAsker()


@pytest.fixture
def make_controller(qapp, qtbot, tmp_path, asker):
    made = []

    def make(lang: str = "zh_CN", data_dir=None) -> AppController:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        controller = AppController(qapp, settings, lang, data_dir=data_dir or tmp_path / "data", asker=asker)
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()
        if controller.window is not None:
            controller.window.close()
            controller.window.deleteLater()


@pytest.fixture
def open_sample(make_controller, sample_template, tmp_path):
    """``open_sample()``: the app started on a fresh copy of the sample year, window not yet shown."""

    def open_copy() -> AppController:
        data = tmp_path / "data"
        data.mkdir(exist_ok=True)
        shutil.copy(sample_template, data / SAMPLE_FILE_NAME)
        controller = make_controller()
        controller.start(data / SAMPLE_FILE_NAME)
        return controller

    return open_copy


@pytest.fixture
def sample_controller(open_sample, qtbot):
    """The app opened on a fresh copy of the sample year, window shown (1280×820)."""
    controller = open_sample()
    controller.window.resize(1280, 820)
    controller.window.show()
    qtbot.waitExposed(controller.window)
    return controller


@pytest.fixture
def ime():
    """``ime(widget, text)``: type Chinese as an input method commits it."""
    return ime_type


@pytest.fixture
def retype():
    """``retype(widget, text)``: replace a field's text by an IME commit."""
    return replace_text
