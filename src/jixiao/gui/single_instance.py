"""One jixiao window per user: starting jixiao again brings the running window to the front.

The first instance listens on a local socket (``QLocalServer``) whose name is derived from the user
and the data folder. A second start connects, sends what it was asked to open (one JSON line),
waits for the answer "ok" and exits with status 0; the first instance raises its window and, when
another data file was named, opens it. When nobody answers (no instance, or one that hangs), the
second start goes on normally, and the data file's lock then gives the clear "open in another
window" message.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import zlib
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

ANSWER = b"ok\n"
MAX_MESSAGE = 64 * 1024


def server_name(data_dir: Path) -> str:
    """The socket name of this user's jixiao for *data_dir* (short: some systems limit its length)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    key = f"{user}\0{Path(data_dir).absolute()}".encode()
    # two 32-bit checksums: unique enough for one user's folders, and zlib is loaded already
    # (hashlib would add ~3 ms to the start for its OpenSSL binding)
    return f"jixiao-{zlib.crc32(key):08x}{zlib.adler32(key):08x}"


def send_to_running(name: str, message: dict, timeout_ms: int = 2000) -> bool:
    """Hand *message* to the running instance listening on *name*; True when it answered.

    Blocking (for the second start, before it has a window).
    """
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows only: let the first instance take focus
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
    socket.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
    socket.flush()
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answer == ANSWER


class InstanceServer(QObject):
    """Listens for later starts; ``activated`` carries each one's message (a dict)."""

    activated = Signal(dict)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        # No socket options: with them Qt binds elsewhere and renames over the path, which would
        # silently take the name over from an instance that is running.
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; a socket file left by a crashed instance is removed first when needed."""
        if self.server.listen(self.name):
            return True
        if send_to_running(self.name, {"ping": True}, 500):
            return False  # somebody else is listening
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > MAX_MESSAGE:
                socket.abort()
            else:
                self._buffers[socket] = data
            return
        line = data.split(b"\n", 1)[0]
        self._buffers[socket] = b""
        try:
            message = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            socket.abort()
            return
        socket.write(ANSWER)
        socket.flush()
        if isinstance(message, dict) and not message.get("ping"):
            # Later, not from inside this socket's slot: a handler that asks the clerk runs an event
            # loop, in which the client hangs up and the socket is deleted under this very call.
            QTimer.singleShot(0, self, lambda: self.activated.emit(message))


def bring_to_front(window) -> None:
    """Show *window* un-minimised, on top, and give it the keyboard focus; a dialog open over it
    (an activity being entered) is raised above it again, so it never ends up hidden behind."""
    from PySide6.QtWidgets import QApplication

    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        modal.raise_()
        modal.activateWindow()


def unsaved_work(window) -> list[str]:
    """What switching files now would lose, in words for the question (empty: nothing).

    Page edits are not listed: they are saved (``flush``) before a switch. A dialog that is open
    (an activity being entered …) and the welcome form with something typed are.
    """
    from PySide6.QtWidgets import QApplication, QDialog

    found = []
    dialogs = [w for w in window.findChildren(QDialog) if w.isVisible()]
    modal = QApplication.activeModalWidget()
    if modal is not None and modal not in dialogs:
        dialogs.append(modal)
    for dialog in dialogs:
        title = dialog.windowTitle().strip()
        if title and title not in found:
            found.append(title)
    current = window.stack.currentWidget() if hasattr(window, "stack") else None
    pending = getattr(current, "pending_input", None)
    if callable(pending):
        found.extend(pending())
    return found
