"""How the window asks the clerk something (confirm, choose a file, a year) and shows errors.

Pages talk to an ``Asker``; tests plug in ``ScriptedAsker`` answers instead of real dialogs
(the Mnemosyne pattern), so no modal box ever blocks a test.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from jixiao.core.errors import JixiaoError, ValidationError

log = logging.getLogger(__name__)


class Asker:
    """Real dialogs, parented to *parent*; every text is already translated by the caller.

    Each method imports its dialog class: none is shown at start, and their Python types cost
    milliseconds to make."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent

    def confirm(self, title: str, text: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(self.parent, title, text, buttons, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self.parent, title, text)

    def error(self, title: str, text: str, details: str = "") -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def open_file(self, title: str, filters: str, directory: str = "") -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self.parent, title, directory, filters)
        return path or None

    def open_files(self, title: str, filters: str, directory: str = "") -> list[str]:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self.parent, title, directory, filters)
        return list(paths)

    def save_file(self, title: str, filters: str, directory: str = "") -> str | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self.parent, title, directory, filters)
        return path or None

    def get_int(self, title: str, label: str, value: int, low: int, high: int) -> int | None:
        from PySide6.QtWidgets import QInputDialog

        number, ok = QInputDialog.getInt(self.parent, title, label, value, low, high)
        return number if ok else None


class ScriptedAsker(Asker):
    """Answers from a script, for tests: ``answers`` maps a method name to a list of answers."""

    def __init__(self, **answers) -> None:
        super().__init__(None)
        self.answers = {name: list(values) for name, values in answers.items()}
        self.asked: list[tuple[str, tuple]] = []

    def _next(self, name: str, *args, default=None):
        self.asked.append((name, args))
        queue = self.answers.get(name)
        return queue.pop(0) if queue else default

    def confirm(self, title, text):
        return self._next("confirm", title, text, default=True)

    def inform(self, title, text):
        self._next("inform", title, text)

    def error(self, title, text, details=""):
        self._next("error", title, text)

    def open_file(self, title, filters, directory=""):
        return self._next("open_file", title)

    def open_files(self, title, filters, directory=""):
        return self._next("open_files", title, default=[])

    def save_file(self, title, filters, directory=""):
        return self._next("save_file", title)

    def get_int(self, title, label, value, low, high):
        return self._next("get_int", title, value, default=value)


def error_text(error: BaseException, gettext: Callable[[str], str]) -> tuple[str, str]:
    """A translated message (and details) for any error the core or the system raised."""
    if isinstance(error, ValidationError):
        return error.translated(gettext), "\n".join(error.translated_problems(gettext))
    if isinstance(error, JixiaoError):
        return error.translated(gettext), ""
    if isinstance(error, OSError):
        text = gettext("The file {path} cannot be used: {detail}").format(
            path=error.filename or "", detail=error.strerror or str(error)
        )
        return text, ""
    log.error("unexpected error", exc_info=error)
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return gettext("Something went wrong; your saved data is safe. Details were written to the log."), details


def show_error(asker: Asker, error: BaseException, gettext: Callable[[str], str]) -> None:
    """Show *error* translated in a message box (never a traceback in the face of the clerk)."""
    text, details = error_text(error, gettext)
    asker.error(gettext("jixiao"), text, details)
