"""A second start of jixiao brings the running window to the front; a file held elsewhere is refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from jixiao.gui.app import SAMPLE_FILE_NAME
from jixiao.gui.single_instance import InstanceServer, bring_to_front, send_to_running, server_name
from jixiao.store.lock import FileLock

SRC = Path(__file__).resolve().parents[2] / "src"


class FakeWindow(QMainWindow):
    """A window that records being brought to the front."""

    def __init__(self) -> None:
        super().__init__()
        self.raised = 0

    def raise_(self) -> None:
        self.raised += 1
        super().raise_()


def send_from_process(name: str, message: dict) -> subprocess.Popen:
    """Run ``send_to_running`` in another process, as a second start does (exit 0: answered).

    (Not a thread of this one: PySide6 keeps the interpreter lock in ``waitForReadyRead``, so the
    server here could not answer until the client gave up.)
    """
    code = (
        "import json, sys\n"
        "from jixiao.gui.single_instance import send_to_running\n"
        "sys.exit(0 if send_to_running(sys.argv[1], json.loads(sys.argv[2]), 5000) else 3)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen([sys.executable, "-c", code, name, json.dumps(message)], env=env)


def test_second_start_reaches_the_first_and_raises_its_window(qtbot, tmp_path):
    name = server_name(tmp_path)
    assert name == server_name(tmp_path) != server_name(tmp_path / "other")
    server = InstanceServer(name)
    assert server.listen()
    window = FakeWindow()
    window.show()
    window.showMinimized()
    got: list[dict] = []
    server.activated.connect(got.append)
    server.activated.connect(lambda _message: bring_to_front(window))
    sender = send_from_process(name, {"db": "/data/年度.sqlite3", "lang": None})
    qtbot.waitUntil(lambda: sender.poll() is not None, timeout=20_000)
    assert sender.returncode == 0 and got == [{"db": "/data/年度.sqlite3", "lang": None}]
    assert window.raised == 1 and not window.windowState() & Qt.WindowState.WindowMinimized
    # a second instance starting at the same moment does not take the name over from this one
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from jixiao.gui.single_instance import InstanceServer\n"
        "app = QCoreApplication([])\n"
        "sys.exit(5 if InstanceServer(sys.argv[1]).listen() else 0)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    rival = subprocess.Popen([sys.executable, "-c", code, name], env=env)
    qtbot.waitUntil(lambda: rival.poll() is not None, timeout=20_000)
    assert rival.returncode == 0
    server.close()
    assert send_to_running(name, {"db": None}, 300) is False  # nobody listens: start normally


def test_a_socket_left_by_a_crash_is_taken_over(qtbot, tmp_path):
    name = server_name(tmp_path)
    dead = InstanceServer(name)
    assert dead.listen()
    dead.server.setParent(None)  # simulate a crashed owner: the socket file stays, nobody answers
    dead.server.newConnection.disconnect()
    fresh = InstanceServer(name)
    assert fresh.listen()
    got: list[dict] = []
    fresh.activated.connect(got.append)
    sender = send_from_process(name, {"db": None})
    qtbot.waitUntil(lambda: sender.poll() is not None, timeout=20_000)
    assert sender.returncode == 0 and got == [{"db": None}]
    fresh.close()


def test_starting_jixiao_again_hands_over_and_exits_0(sample_controller, tmp_path, qtbot):
    """The real second start: ``python -m jixiao --db …`` in another process."""
    data_home = tmp_path / "xdg"
    data_dir = data_home / "jixiao"  # platformdirs' user data folder under XDG_DATA_HOME
    server = InstanceServer(server_name(data_dir))
    assert server.listen()
    server.activated.connect(sample_controller.second_start)
    window = sample_controller.window
    window.showMinimized()
    other = tmp_path / "data" / SAMPLE_FILE_NAME
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(data_home),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "jixiao", "--db", str(other)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
    out, err = process.communicate()
    assert process.returncode == 0, err.decode(errors="replace")
    assert not window.windowState() & Qt.WindowState.WindowMinimized and window.isVisible()
    assert sample_controller.book.path == other  # it was open already: nothing reopened
    server.close()
    qtbot.wait(20)
    copy = tmp_path / "another.sqlite3"
    import shutil

    shutil.copy(other, copy)
    sample_controller.second_start({"db": str(copy)})  # another file named: it is opened
    assert sample_controller.book.path == copy


def test_a_file_held_by_another_program_gets_the_clear_message(
    make_controller, sample_template, tmp_path, asker
):
    import shutil

    path = tmp_path / "held.sqlite3"
    shutil.copy(sample_template, path)
    lock = FileLock(path)  # another jixiao process (or the command line) has it open
    try:
        controller = make_controller()
        controller.start(path)
        errors = [a for a in asker.asked if a[0] == "error"]
        assert errors and str(path) in errors[0][1][1] and str(os.getpid()) in errors[0][1][1]
        assert controller.book is None
    finally:
        lock.release()
