"""One jixiao at a time per data file: a clear refusal for the second opener, no stale lock after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.core.errors import FileLockedError, StorageError
from jixiao.store.database import open_book
from jixiao.store.lock import FileLock, lock_path_for

SRC = str(Path(__file__).resolve().parents[2] / "src")

HOLDER = """
import sys
from jixiao.store.database import open_book
book = open_book(sys.argv[1], create=True)
print("ready", flush=True)
sys.stdin.read()  # hold the file until the parent closes our stdin (or kills us)
book.close()
"""

SECOND_OPENER = """
import sys
from jixiao.core.errors import FileLockedError
from jixiao.store.database import open_book
try:
    open_book(sys.argv[1])
except FileLockedError as error:
    print("refused", error.params["pid"], error, sep="\\n")
    sys.exit(3)
print("opened")
"""


def _python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env, text=True, **kwargs)


def test_second_opener_in_the_same_process_is_refused(book_path):
    first = open_book(book_path, create=True)
    try:
        with pytest.raises(FileLockedError) as caught:
            open_book(book_path)
        assert caught.value.params["pid"] == str(os.getpid())
        assert str(book_path) in str(caught.value) and "Close it there first" in str(caught.value)
    finally:
        first.close()
    open_book(book_path).close()  # released on close


def test_refused_open_keeps_the_holders_lock(book_path):
    first = open_book(book_path, create=True)
    try:
        for _ in range(3):
            with pytest.raises(FileLockedError):
                open_book(book_path)
        assert first.lock.held
        first.db.execute("CREATE TABLE still_writable (id INTEGER PRIMARY KEY) STRICT")
    finally:
        first.close()


def test_second_opener_in_another_process_is_refused(book_path):
    with open_book(book_path, create=True):
        child = _python(SECOND_OPENER, str(book_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = child.communicate(timeout=30)
    assert child.returncode == 3, err
    refused, pid, message = out.splitlines()[:3]
    assert refused == "refused" and pid == str(os.getpid())
    assert "is open in another jixiao window" in message
    assert "Traceback" not in err


def test_lock_of_a_killed_process_does_not_block_the_next_open(book_path):
    child = _python(HOLDER, str(book_path), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert child.stdout.readline().strip() == "ready"
        with pytest.raises(FileLockedError) as caught:
            open_book(book_path)
        assert caught.value.params["pid"] == str(child.pid)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert lock_path_for(book_path).exists()  # the lock file stays behind, harmlessly
    with open_book(book_path) as book:
        assert book.lock.held


def test_lock_file_that_cannot_be_created_is_a_clear_error(tmp_path):
    with pytest.raises(StorageError, match="lock file .* cannot be created"):
        FileLock(tmp_path / "missing-folder" / "year.sqlite3")


def test_release_is_idempotent(book_path):
    lock = FileLock(book_path)
    lock.release()
    lock.release()
    assert not lock.held
    FileLock(book_path).release()
