"""A window with a line edit and a multi-line field, started the way jixiao starts its GUI.

Run by ``session.py`` under Xvfb with a real input method: it chooses the input-method module
with jixiao's own ``choose_input_method`` before the QApplication exists (as ``gui.app.run``
does), then obeys one-word commands on stdin (``text``: focus the multi-line field; ``refocus``: focus the field again; ``report``:
print both fields as JSON; ``quit``) and prints ``READY`` once the line edit has the focus.
"""

from __future__ import annotations

import json
import os
import sys

from jixiao.gui.input_method import choose_input_method


def main() -> int:
    decision = choose_input_method() if "--no-choice" not in sys.argv else None
    changes = decision.changes if decision else None
    print(json.dumps({"decision": changes, "module": os.environ.get("QT_IM_MODULE", "")}), flush=True)

    from PySide6.QtCore import QSocketNotifier, QTimer
    from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    layout = QVBoxLayout(window)
    line, text = QLineEdit(), QPlainTextEdit()
    layout.addWidget(line)
    layout.addWidget(text)
    window.resize(400, 300)
    window.show()
    window.activateWindow()
    line.setFocus()

    def obey() -> None:
        command = sys.stdin.readline().strip()
        if command == "text":
            text.setFocus()
            print("FOCUSED", flush=True)
        elif command == "refocus":  # a fresh focus-in for an input context that connected late
            field = QApplication.focusWidget() or line
            window.setFocus()
            field.setFocus()
            print("FOCUSED", flush=True)
        elif command == "report":
            print(json.dumps({"line": line.text(), "text": text.toPlainText()}), flush=True)
        elif command in ("quit", ""):
            app.quit()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(obey)

    def ready() -> None:
        if line.hasFocus():
            print("READY", flush=True)
        else:
            QTimer.singleShot(100, ready)

    QTimer.singleShot(200, ready)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
