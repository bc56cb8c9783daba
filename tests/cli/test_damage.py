"""Damaged, foreign and hostile data files on the command line: never written, always a clear message.

Every case asserts the message, the exit code, and that the bytes of the data file and of its backups
are unchanged (issue 9). The sample year (77 pages) is the subject.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from jixiao.cli import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS, main
from jixiao.store.backups import list_backups
from jixiao.store.database import default_backup_dir


def cli(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--lang", "en", *args])
    out, err = capsys.readouterr()
    return code, out, err


def digests(data: Path) -> dict[str, str]:
    """SHA-256 of the data file and of every backup beside it."""
    found = {data.name: hashlib.sha256(data.read_bytes()).hexdigest()}
    folder = default_backup_dir(data)
    if folder.is_dir():
        for entry in folder.iterdir():
            found[entry.name] = hashlib.sha256(entry.read_bytes()).hexdigest()
    return found


def unchanged(before: dict[str, str], data: Path) -> bool:
    """The data file and every backup in *before* have the same bytes (new backups may be added)."""
    after = digests(data)
    return all(after.get(name) == value for name, value in before.items())


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory) -> Path:
    """The sample year with one verified backup, closed (made once; tests copy it)."""
    folder = tmp_path_factory.mktemp("sample")
    data = folder / "year.sqlite3"
    assert main(["--lang", "en", "sample", "--db", str(data)]) == EXIT_OK
    assert main(["--lang", "en", "backup", "--db", str(data)]) == EXIT_OK
    return folder


@pytest.fixture
def data(sample_dir, tmp_path) -> Path:
    """A fresh copy of the sample data file and its backups."""
    shutil.copytree(sample_dir, tmp_path / "work")
    path = tmp_path / "work" / "year.sqlite3"
    (tmp_path / "work" / "year.sqlite3.lock").unlink(missing_ok=True)
    return path


def newest_backup(data: Path) -> Path:
    return list_backups(data, default_backup_dir(data))[0].path


def hot_wal_of_other_database(folder: Path) -> bytes:
    """The -wal of another program's SQLite database, with one committed table not checkpointed."""
    other = folder / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE their_table (x TEXT)")
    conn.execute("INSERT INTO their_table VALUES ('not jixiao')")
    conn.commit()
    wal = Path(str(other) + "-wal").read_bytes()
    conn.close()
    return wal


# -- a -wal that does not belong to the file -----------------------------------------------------------


def test_a_foreign_wal_is_never_replayed_check_leaves_it_and_a_write_sets_it_aside(data, capsys):
    wal = Path(str(data) + "-wal")
    foreign = hot_wal_of_other_database(data.parent.parent)
    wal.write_bytes(foreign)
    before = digests(data)

    code, out, err = cli(capsys, "check", "--db", str(data))
    assert code == EXIT_PROBLEMS
    assert f"The file {wal} beside the data file {data} does not belong to it" in out
    assert "left as it is" in out
    assert unchanged(before, data) and wal.read_bytes() == foreign

    code, out, err = cli(capsys, "new-year", "--db", str(data), "--from", "2022", "--year", "2023")
    assert code == EXIT_OK, err
    asides = list(data.parent.glob("year.sqlite3-wal.set-aside-*"))
    assert len(asides) == 1 and asides[0].read_bytes() == foreign  # kept, named in the message
    assert f"was kept as {asides[0]}" in err
    code, out, _ = cli(capsys, "score", "--db", str(data), "--year", "2023")
    assert code == EXIT_OK and "their_table" not in out
    assert all(digests(data).get(name) == value for name, value in before.items() if name != data.name)


def diverged_wal(data: Path, folder: Path) -> bytes:
    """The -wal of a copy of *data* that went its own way (while *data* itself was compacted)."""
    copy = folder / "copy.sqlite3"
    shutil.copyfile(data, copy)
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE activity SET title = title || '（复本）'")
    conn.execute("DELETE FROM activity WHERE id % 3 = 0")
    conn.commit()
    wal = Path(str(copy) + "-wal").read_bytes()
    shutil.copyfile(Path(str(copy) + "-wal"), folder / "kept-wal")
    conn.close()
    original = sqlite3.connect(data)
    original.execute("DELETE FROM activity WHERE id % 2 = 0")
    original.commit()
    original.execute("VACUUM")
    original.close()
    return wal


def test_a_diverged_jixiao_wal_is_set_aside_and_the_file_stays_as_it_was(data, capsys):
    wal = Path(str(data) + "-wal")
    foreign = diverged_wal(data, data.parent.parent)
    wal.write_bytes(foreign)
    before = digests(data)

    code, out, _ = cli(capsys, "check", "--db", str(data))
    assert code == EXIT_PROBLEMS and "does not belong to it" in out
    assert unchanged(before, data) and wal.read_bytes() == foreign

    code, out, err = cli(capsys, "score", "--db", str(data), "--year", "2022")
    assert code == EXIT_OK and "was kept as" in err
    assert not wal.exists() and next(data.parent.glob("year.sqlite3-wal.set-aside-*")).read_bytes() == foreign
    assert unchanged(before, data)


# -- damage inside pages --------------------------------------------------------------------------------


def test_32_flipped_bytes_in_the_middle_of_every_page_never_crash_and_check_never_writes(data, capsys):
    pristine = data.read_bytes()
    page_size = int.from_bytes(pristine[16:18], "big")
    pages = len(pristine) // page_size
    assert pages >= 70
    outcomes = {}
    for page in range(pages):
        damaged = bytearray(pristine)
        middle = page * page_size + page_size // 2 - 16
        for offset in range(middle, middle + 32):
            damaged[offset] ^= 0xFF
        data.write_bytes(damaged)
        before = digests(data)
        code, out, err = cli(capsys, "check", "--db", str(data))
        assert code != EXIT_INTERNAL, (page, err)
        assert unchanged(before, data), page
        assert not Path(str(data) + "-wal").exists()
        if code == EXIT_BAD_INPUT:
            assert "is damaged" in err and f"The newest good backup is {newest_backup(data)}" in err, err
        if code == EXIT_PROBLEMS and "Database integrity" in out:
            assert f"The newest good backup is {newest_backup(data)}" in out
        code2, _, err2 = cli(capsys, "score", "--db", str(data), "--year", "2022")
        assert code2 != EXIT_INTERNAL, (page, err2)
        if code2 == EXIT_BAD_INPUT and "is damaged" in err2:
            assert f"The newest good backup is {newest_backup(data)}" in err2
        outcomes[page] = (code, code2)
    refused = [page for page, (code, _) in outcomes.items() if code != EXIT_OK]
    # Flips in a page's free space change nothing; damage to records and text is found, not survived.
    assert len(refused) >= pages // 4, outcomes


def test_undecodable_text_that_passes_quick_check_is_refused_on_open(data, capsys):
    conn = sqlite3.connect(data)
    conn.execute("UPDATE activity SET title = CAST(X'E4BDA0FF' AS TEXT) WHERE id = 1")
    conn.commit()
    conn.close()
    before = digests(data)
    code, _, err = cli(capsys, "check", "--db", str(data))
    assert code == EXIT_BAD_INPUT
    assert "a text in activity.title is unreadable" in err
    assert f"The newest good backup is {newest_backup(data)}" in err
    assert unchanged(before, data)


# -- objects jixiao did not make ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sql", "kind", "name"),
    [
        (
            "CREATE TRIGGER pad AFTER UPDATE ON activity BEGIN "
            "UPDATE budget_line SET budget_fen = budget_fen + 10000000000; END",
            "trigger",
            "pad",
        ),
        ("CREATE VIEW v AS SELECT * FROM activity", "view", "v"),
        ("CREATE TABLE extra (x TEXT)", "table", "extra"),
        ("CREATE INDEX extra_idx ON activity(title)", "index", "extra_idx"),
    ],
)
def test_a_planted_schema_object_is_refused_by_every_command_and_by_restore(data, capsys, sql, kind, name):
    conn = sqlite3.connect(data)
    conn.execute(sql)
    conn.commit()
    conn.close()
    before = digests(data)
    for args in (["check"], ["score", "--year", "2022"], ["new-year", "--from", "2022", "--year", "2023"]):
        code, _, err = cli(capsys, *args, "--db", str(data))
        assert code == EXIT_BAD_INPUT, args
        assert f"it contains a {kind} jixiao did not create: {name}" in err
        assert unchanged(before, data)
    other = data.with_name("other.sqlite3")
    code, _, err = cli(capsys, "restore", "--db", str(other), str(data))
    assert code == EXIT_BAD_INPUT and "is not a good backup; nothing was changed" in err
    assert not other.exists() and unchanged(before, data)


# -- backups from the future ----------------------------------------------------------------------------


def test_a_backup_dated_in_the_future_is_never_the_newest_good_backup(data, capsys):
    folder = default_backup_dir(data)
    good = newest_backup(data)
    future = folder / "year-20991231-235959-manual.sqlite3"
    shutil.copyfile(good, future)
    old_good = folder / "year-20200101-000000-open.sqlite3"
    shutil.copyfile(good, old_good)
    data.write_bytes(b"")  # emptied: damaged
    before = digests(data)

    code, _, err = cli(capsys, "check", "--db", str(data))
    assert code == EXIT_BAD_INPUT
    assert "the file is empty" in err and f"The newest good backup is {good}" in err
    assert unchanged(before, data) and data.stat().st_size == 0

    code, out, _ = cli(capsys, "backups", "--db", str(data))
    lines = out.splitlines()
    assert code == EXIT_OK and str(good) in lines[0] and str(future) in lines[-1]
    assert "(dated in the future: the clock was wrong)" in lines[-1]
    assert unchanged(before, data)


def test_an_emptied_data_file_with_backups_is_damage_not_a_new_file(data, capsys):
    data.write_bytes(b"")
    before = digests(data)
    for args in (["check"], ["import", str(data.with_name("none.json"))], ["sample"]):
        code, _, err = cli(capsys, *args, "--db", str(data))
        assert code == EXIT_BAD_INPUT, (args, err)
        assert unchanged(before, data) and data.stat().st_size == 0
    code, _, err = cli(capsys, "check", "--db", str(data))
    assert f"The data file {data} is damaged or is not a jixiao file (the file is empty)" in err
    assert f"The newest good backup is {newest_backup(data)}" in err


# -- read-only file and folder --------------------------------------------------------------------------


def test_a_read_only_data_file_is_read_and_never_written(data, capsys, tmp_path):
    data.chmod(0o444)
    before = digests(data)
    try:
        code, out, _ = cli(capsys, "check", "--db", str(data))
        assert code in (EXIT_OK, EXIT_PROBLEMS) and "Database integrity" not in out
        code, out, _ = cli(capsys, "score", "--db", str(data), "--year", "2022")
        assert code == EXIT_OK and "2022" in out
        code, _, _ = cli(
            capsys, "export", "--db", str(data), "--year", "2022", "--out", str(tmp_path / "y.json")
        )
        assert code == EXIT_OK and (tmp_path / "y.json").stat().st_size > 1000
        code, _, err = cli(capsys, "new-year", "--db", str(data), "--from", "2022", "--year", "2023")
        assert code == EXIT_BAD_INPUT
        assert f"The data file {data} cannot be changed (the file is read-only); nothing was written." in err
        assert unchanged(before, data)
        assert not Path(str(data) + "-wal").exists() and not Path(str(data) + "-shm").exists()
    finally:
        data.chmod(0o644)


def test_a_read_only_folder_allows_the_commands_that_only_read(data, capsys, tmp_path):
    folder = data.parent
    before = digests(data)
    names = sorted(p.name for p in folder.iterdir())
    folder.chmod(0o555)
    try:
        code, _, err = cli(capsys, "check", "--db", str(data))
        assert code in (EXIT_OK, EXIT_PROBLEMS), err
        code, out, err = cli(capsys, "score", "--db", str(data), "--year", "2022")
        assert code == EXIT_OK, err
        code, _, err = cli(
            capsys, "report", "--db", str(data), "--year", "2022", "--out", str(tmp_path / "r.pdf")
        )
        assert code == EXIT_OK, err
        code, _, err = cli(capsys, "backup", "--db", str(data), "--out", str(tmp_path / "copy.sqlite3"))
        assert code == EXIT_OK, err
        code, _, err = cli(capsys, "new-year", "--db", str(data), "--from", "2022", "--year", "2023")
        assert code == EXIT_BAD_INPUT
        assert (
            f"The data file {data} cannot be changed (its folder is read-only); nothing was written." in err
        )
    finally:
        folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == names  # not even a lock file
    assert unchanged(before, data)


# -- two processes creating the same file ---------------------------------------------------------------


def test_two_creators_of_the_same_new_file_one_wins_and_nothing_is_deleted(tmp_path, capsys, sample_dir):
    package = tmp_path / "year.json"
    assert main(["--lang", "en", "export", "--db", str(sample_dir / "year.sqlite3"), "--year", "2022",
                 "--out", str(package)]) == EXIT_OK  # fmt: skip
    minimal = tmp_path / "minimal.json"
    full = json.loads(package.read_text(encoding="utf-8"))
    full["activities"] = full["activities"][:3]
    minimal.write_text(json.dumps(full, ensure_ascii=False), encoding="utf-8")
    failures = []
    for round_ in range(100):
        target = tmp_path / f"race-{round_}.sqlite3"
        codes: list[int] = []
        barrier = threading.Barrier(2)

        def create(codes=codes, target=target, barrier=barrier):
            barrier.wait()
            codes.append(main(["--lang", "en", "import", "--db", str(target), str(minimal)]))

        threads = [threading.Thread(target=create) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        ok = sorted(codes) == [EXIT_OK, EXIT_BAD_INPUT] and target.stat().st_size > 0
        if ok:
            conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
            ok = conn.execute("SELECT count(*) FROM activity").fetchone()[0] == 3
            conn.close()
        if not ok:
            failures.append((round_, codes))
    err = capsys.readouterr().err
    assert not failures, failures
    assert "open in another jixiao window" in err or "already has" in err or "already exists" in err


# -- hostile files at predictable names -----------------------------------------------------------------


def test_a_planted_partial_symlink_is_never_written_through(data, capsys, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "report.pdf"
    Path(str(out) + ".partial").symlink_to(victim)
    exported = tmp_path / "year.json"
    Path(str(exported) + ".partial").symlink_to(victim)
    before = digests(data)
    code, _, err = cli(capsys, "report", "--db", str(data), "--year", "2022", "--out", str(out))
    assert code == EXIT_OK, err
    code, _, err = cli(capsys, "export", "--db", str(data), "--year", "2022", "--out", str(exported))
    assert code == EXIT_OK, err
    assert victim.read_text() == "precious"
    assert out.read_bytes().startswith(b"%PDF") and not out.is_symlink()
    assert exported.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(out.stat().st_mode) & 0o044  # readable like any file the user saves
    assert unchanged(before, data)


def test_a_killed_backup_leaves_no_partial_for_ever(data, capsys):
    folder = default_backup_dir(data)
    stale = folder / "year-20220101-000000-open.sqlite3.partial"
    stale.write_bytes(b"x" * 4096)
    Path(str(stale) + "-journal").write_bytes(b"j")
    foreign = folder / "other-20220101-000000-open.sqlite3.partial"  # another data file's: not ours
    foreign.write_bytes(b"y")
    code, _, err = cli(capsys, "check", "--db", str(data))
    assert stale.exists()  # check never writes
    code, _, err = cli(capsys, "new-year", "--db", str(data), "--from", "2022", "--year", "2023")
    assert code == EXIT_OK, err
    assert not stale.exists() and not Path(str(stale) + "-journal").exists()
    assert foreign.exists()


def test_a_failed_read_after_opening_is_damaged_with_the_backup(data, capsys, monkeypatch, tmp_path):
    """A damaged value read after opening is "damaged" (exit 2) with the backup, and logged."""
    import jixiao.services.scores as scores

    def broken(*args, **kwargs):
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(scores, "score_command", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path))
    before = digests(data)
    code, _, err = cli(capsys, "score", "--db", str(data), "--year", "2022")
    assert code == EXIT_BAD_INPUT
    assert "is damaged or is not a jixiao file (a value cannot be read: UnicodeDecodeError" in err
    assert f"The newest good backup is {newest_backup(data)}" in err
    assert unchanged(before, data)


def test_check_never_writes_an_odd_user_version_or_makes_an_empty_sqlite_file_a_jixiao_file(
    data, capsys, tmp_path
):
    conn = sqlite3.connect(data)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = digests(data)
    code, _, err = cli(capsys, "check", "--db", str(data))
    assert code in (EXIT_OK, EXIT_PROBLEMS), err
    assert unchanged(before, data)

    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).execute("VACUUM").connection.close()  # a valid SQLite file without tables
    empty_bytes = empty.read_bytes()
    code, _, err = cli(capsys, "check", "--db", str(empty))
    assert code == EXIT_BAD_INPUT
    assert "is damaged or is not a jixiao file (it holds no jixiao data)" in err
    assert empty.read_bytes() == empty_bytes


def test_a_defect_on_a_healthy_file_stays_a_defect(data, capsys, monkeypatch, tmp_path):
    """A ValueError that reading the data again does not reproduce is jixiao's fault: exit 3."""
    import jixiao.services.scores as scores

    def broken(*args, **kwargs):
        raise ValueError("a bug in the score table")

    monkeypatch.setattr(scores, "score_command", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("HOME", str(tmp_path))
    before = digests(data)
    code, _, err = cli(capsys, "score", "--db", str(data), "--year", "2022")
    assert code == EXIT_INTERNAL and "Something went wrong" in err and "damaged" not in err
    assert unchanged(before, data)


def test_a_value_the_decoders_refuse_is_damage_not_a_defect(data, capsys):
    conn = sqlite3.connect(data)
    conn.execute("UPDATE activity SET date = '2022-13-45' WHERE id = (SELECT min(id) FROM activity)")
    conn.commit()
    conn.close()
    before = digests(data)
    for args in (
        ["check"],
        ["score", "--year", "2022"],
        ["export", "--year", "2022", "--out", str(data) + ".json"],
    ):
        code, _, err = cli(capsys, *args, "--db", str(data))
        assert code == EXIT_BAD_INPUT, (args, err)
        assert "a value cannot be read: ValueError: month must be in 1..12" in err
        assert f"The newest good backup is {newest_backup(data)}" in err
        assert unchanged(before, data)
