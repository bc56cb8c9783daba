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


def _another_file(sample_template, tmp_path):
    import shutil

    other = tmp_path / "other.sqlite3"
    shutil.copy(sample_template, other)
    return other


def test_a_second_start_asks_before_dropping_a_unit_being_created(
    make_controller, sample_template, tmp_path, asker, ime
):
    controller = make_controller()
    controller.start(None)
    welcome = controller.window.stack.currentWidget()
    ime(welcome.full_name, "某区残疾人联合会")
    other = _another_file(sample_template, tmp_path)
    asker.answers["confirm"] = [False]
    controller.second_start({"db": str(other)})
    asked = [args for name, args in asker.asked if name == "confirm"]
    assert len(asked) == 1 and "某区残疾人联合会" in asked[0][1] and str(other) in asked[0][1]
    assert (
        controller.window.stack.currentWidget() is welcome and welcome.full_name.text() == "某区残疾人联合会"
    )
    assert controller.book is None or controller.book.path != other
    assert "未打开" in controller.window.statusBar().currentMessage()
    asker.answers["confirm"] = [True]
    controller.second_start({"db": str(other)})
    assert controller.book.path == other


def test_a_second_start_with_a_dialog_open_asks_and_with_edits_pending_saves_them(
    sample_controller, sample_template, tmp_path, asker, ime, qtbot
):
    window = sample_controller.window
    window.go_to("work")
    dialog = window.pages["work"].activities.new_activity()
    ime(dialog.title, "写了一半的活动")
    other = _another_file(sample_template, tmp_path)
    asker.answers["confirm"] = [False]
    sample_controller.second_start({"db": str(other)})
    assert dialog.isVisible() and dialog.title.text() == "写了一半的活动"
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # in front, not behind the window
    assert sample_controller.book.path != other
    assert any(name == "confirm" and dialog.windowTitle() in args[1] for name, args in asker.asked)
    dialog.reject()

    # No dialog, an edit being typed on a page: saved first, then the switch, announced.
    window.go_to("unit")
    page = window.pages["unit"]
    field = page.fields["contact_person"]
    ime(field, "张三")  # typed, not yet committed
    first = sample_controller.book.path
    asker.asked.clear()
    sample_controller.second_start({"db": str(other)})
    assert not [name for name, _args in asker.asked if name == "confirm"]  # nothing to lose: no question
    assert sample_controller.book.path == other
    assert str(other) in window.statusBar().currentMessage()
    from jixiao.store.database import open_book

    sample_controller.close_book()
    with open_book(first) as book:
        assert book.db.execute("SELECT contact_person FROM unit").fetchone()[0] == "张三"


def test_a_handler_that_waits_for_the_clerk_outlives_the_second_start(qtbot, tmp_path):
    """The clerk answers a question (a nested event loop) while the second start hangs up: the
    socket it came on is gone by then, and nothing may touch it (this crashed once)."""
    from PySide6.QtCore import QEventLoop, QTimer

    server = InstanceServer(server_name(tmp_path))
    assert server.listen()
    seen: list[dict] = []

    def ask_the_clerk(message: dict) -> None:
        loop = QEventLoop()
        QTimer.singleShot(1500, loop.quit)  # the sender has exited and hung up meanwhile
        loop.exec()
        seen.append(message)

    server.activated.connect(ask_the_clerk)
    sender = send_from_process(server.name, {"db": "/data/b.sqlite3"})
    qtbot.waitUntil(lambda: sender.poll() is not None, timeout=20_000)
    qtbot.waitUntil(lambda: seen == [{"db": "/data/b.sqlite3"}], timeout=10_000)
    assert sender.returncode == 0
    qtbot.wait(50)
    server.close()
