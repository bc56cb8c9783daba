"""Backups: made with the backup API and verified, when they are made, what retention keeps, restore."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from tablerows import make_year

from jixiao.core.errors import FileLockedError, StorageError
from jixiao.store import backups
from jixiao.store.backups import BackupInfo, backup_due, backups_to_keep, list_backups, prune, restore
from jixiao.store.database import default_backup_dir, open_book

UTC = dt.UTC


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def count(path: Path, table: str = "activity") -> int:
    conn = sqlite3.connect(backups._readonly_uri(path), uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def add_rows(book, ids, n: int, title: str = "政企沟通座谈会") -> None:
    with book.db.atomic():
        for i in range(n):
            book.db["activity"].insert(
                {
                    "year_id": ids.year_id,
                    "date": "2022-07-01",
                    "type_id": ids.types["座谈会"],
                    "title": f"{title}{i}",
                }
            )


@pytest.fixture
def saved_book(book_path, clock):
    """A closed data file with a year and 5 activities, and its closing backup."""
    with open_book(book_path, create=True, clock=clock) as book:
        ids = make_year(book.db)
        add_rows(book, ids, 5)
    return book_path, ids


# -- making backups ------------------------------------------------------------------------------------


def test_backup_holds_the_committed_data_including_the_wal_and_verifies(book_path, clock):
    with open_book(book_path, create=True, clock=clock) as book:
        book.db.execute("PRAGMA wal_autocheckpoint = 0")  # keep everything in the -wal
        ids = make_year(book.db)
        add_rows(book, ids, 40)
        book.db["attachment"].insert(
            {"activity_id": 1, "filename": "签到表.pdf", "size": 3, "sha256": "x", "data": b"%PD"}
        )
        assert Path(str(book_path) + "-wal").stat().st_size > 0
        path = book.backup("manual")
    assert path.parent == default_backup_dir(book_path)
    assert path.name.startswith("year-20220601-080000") and path.name.endswith("-manual.sqlite3")
    header = path.read_bytes()[:100]
    assert header[18:20] == b"\x01\x01"  # a self-contained rollback-journal file, no -wal needed
    assert backups.verify_backup(path) and backups.is_jixiao_file(path)
    assert count(path) == 40 and count(path, "attachment") == 1
    assert [p.name for p in path.parent.iterdir() if not p.name.endswith(".sqlite3")] == []  # no .partial


def test_backup_to_a_chosen_file_and_its_errors(book_path, clock, tmp_path):
    with open_book(book_path, create=True, clock=clock) as book:
        make_year(book.db)
        (tmp_path / "U盘").mkdir()
        out = book.backup("manual", out=tmp_path / "U盘" / "备份.sqlite3")
        assert backups.verify_backup(out) and count(out, "fiscal_year") == 1
        assert book.changed_since_backup  # an extra copy elsewhere is not the rotation's backup
        with pytest.raises(StorageError, match="does not exist"):
            book.backup("manual", out=tmp_path / "missing" / "b.sqlite3")
        with pytest.raises(StorageError, match="cannot replace the data file"):
            book.backup("manual", out=book_path)
    assert list_backups(book_path, default_backup_dir(book_path))[0].reason == "close"


def test_backups_in_the_same_second_get_distinct_names(book_path, clock):
    with open_book(book_path, create=True, clock=clock) as book:
        first, second, third = (book.backup("manual") for _ in range(3))
    assert len({first, second, third}) == 3
    found = list_backups(book_path, default_backup_dir(book_path))
    assert [b.path for b in found] == [third, second, first]  # newest first; no change: no closing backup


def test_backup_due_after_a_day(tmp_path):
    data = tmp_path / "year.sqlite3"
    folder = tmp_path / "year-backups"
    now = dt.datetime(2022, 6, 1, 8, 0, tzinfo=UTC)
    assert backup_due(data, folder, now)
    folder.mkdir()
    (folder / "year-20220601-080000-open.sqlite3").write_bytes(b"")
    (folder / "other-20220601-120000-open.sqlite3").write_bytes(b"")  # another data file's
    assert not backup_due(data, folder, now + dt.timedelta(hours=23, minutes=59))
    assert backup_due(data, folder, now + dt.timedelta(days=1))


def test_backup_if_changed_and_close_back_up_only_after_changes(book_path, clock):
    with open_book(book_path, create=True, clock=clock) as book:
        ids = make_year(book.db)
        first = book.backup_if_changed()
        assert first is not None and first.name.endswith("-periodic.sqlite3")
        clock.advance(minutes=30)
        assert book.backup_if_changed() is None
        book.db.execute("SELECT count(*) FROM activity").fetchone()  # reading is no change
        assert book.backup_if_changed() is None
        add_rows(book, ids, 1)
        clock.advance(minutes=30)
        assert book.backup_if_changed() is not None
    folder = default_backup_dir(book_path)
    assert [b.reason for b in list_backups(book_path, folder)] == [
        "periodic",
        "periodic",
    ]  # close: nothing new
    clock.advance(minutes=5)
    with open_book(book_path, clock=clock) as book:
        add_rows(book, ids, 2, "培训")
    found = list_backups(book_path, folder)
    assert [b.reason for b in found] == ["close", "periodic", "periodic"]
    assert count(found[0].path) == 3


# -- retention -----------------------------------------------------------------------------------------


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def simulated_year(now: dt.datetime) -> list[dt.datetime]:
    """Every 30 minutes for the last 50 hours; once a day at 09:00 before that, back to 2022-06-01."""
    times = [now - dt.timedelta(minutes=30 * k) for k in range(1, 101)]
    day = dt.date(2023, 6, 12)
    while day >= dt.date(2022, 6, 1):
        times.append(dt.datetime.combine(day, dt.time(9, 0), UTC))
        day -= dt.timedelta(days=1)
    return times


NOW = _at("2023-06-15T12:00:00")  # a Thursday
# Worked out by hand from the rule (module docstring of store/backups.py):
RECENT = [NOW - dt.timedelta(minutes=30 * k) for k in range(1, 96)]  # younger than 48 h: all 95
# 2023-06-13 10:00–12:00 are older than 48 h but their day already has a kept backup; then 12 days:
DAILY = [_at(f"2023-06-{d:02d}T09:00:00") for d in range(12, 0, -1)]
# 06-01 is in ISO week 22 (May 29–Jun 4); the newest backup of each of the 10 older weeks is a Sunday:
WEEKLY = [
    _at(f"2023-{md}T09:00:00")
    for md in ("05-28", "05-21", "05-14", "05-07", "04-30", "04-23", "04-16", "04-09", "04-02", "03-26")
]
# the last weekly is in March; then the newest backup of each of 9 older months:
MONTHLY = [
    _at(f"{ymd}T09:00:00")
    for ymd in (
        "2023-02-28",
        "2023-01-31",
        "2022-12-31",
        "2022-11-30",
        "2022-10-31",
        "2022-09-30",
        "2022-08-31",
        "2022-07-31",
        "2022-06-30",
    )
]


def test_retention_over_a_simulated_year_keeps_exactly_what_the_rule_says(tmp_path):
    data, folder = tmp_path / "year.sqlite3", tmp_path / "year-backups"
    folder.mkdir()
    times = simulated_year(NOW)
    for when in times:
        (folder / f"year-{when:%Y%m%d-%H%M%S}-periodic.sqlite3").write_bytes(b"")
    (folder / "year-20220101-000000-damaged.sqlite3").write_bytes(b"kept by restore")
    (folder / "notes.txt").write_text("not a backup")
    deleted = prune(data, folder, NOW)
    kept = [b.taken_at for b in list_backups(data, folder)]
    assert kept == RECENT + DAILY + WEEKLY + MONTHLY
    assert len(kept) == 95 + 12 + 10 + 9
    assert len(deleted) == len(times) - len(kept)
    assert (folder / "year-20220101-000000-damaged.sqlite3").exists() and (folder / "notes.txt").exists()
    assert prune(data, folder, NOW) == []  # stable


def test_retention_in_steady_use_never_drops_below_the_rule(tmp_path):
    """Backups made day after day (with pruning each time) keep the same shape as a one-off prune."""
    data, folder = tmp_path / "year.sqlite3", tmp_path / "year-backups"
    folder.mkdir()
    now = _at("2022-01-03T09:00:00")
    while now < _at("2023-06-12T09:00:00"):
        (folder / f"year-{now:%Y%m%d-%H%M%S}-open.sqlite3").write_bytes(b"")
        prune(data, folder, now)
        now += dt.timedelta(days=1)
    kept = [b.taken_at for b in list_backups(data, folder)]
    # the last prune ran at 2023-06-11 09:00: the backups of 06-11 and 06-10 are younger than 48 h
    assert len(kept) == 2 + 12 + 10 + 9
    assert kept[:2] == [_at("2023-06-11T09:00:00"), _at("2023-06-10T09:00:00")]


def test_backups_to_keep_with_few_backups_keeps_them_all():
    now = _at("2023-06-15T12:00:00")
    few = [BackupInfo(Path(f"b{i}"), now - dt.timedelta(days=40 * i), "open", 0) for i in range(8)]
    assert backups_to_keep(few, now) == {b.path for b in few}


def test_making_a_backup_prunes_the_old_ones(book_path, clock):
    folder = default_backup_dir(book_path)
    folder.mkdir()
    for day in range(1, 32):  # daily backups at 07:00 on each day of May 2022
        (folder / f"year-202205{day:02d}-070000-open.sqlite3").write_bytes(b"")
    with open_book(book_path, create=True, clock=clock) as book:  # 2022-06-01 08:00
        book.backup("manual")
    kept = {b.taken_at.strftime("%m-%d %H") for b in list_backups(book_path, default_backup_dir(book_path))}
    # younger than 48 h: the new one and May 31; then 12 days (May 30–19); then a backup for each
    # older ISO week: the Sundays May 15, 8 and 1
    expected = (
        {"06-01 08", "05-31 07"}
        | {f"05-{d:02d} 07" for d in range(19, 31)}
        | {"05-15 07", "05-08 07", "05-01 07"}
    )
    assert kept == expected


# -- restore -------------------------------------------------------------------------------------------


def test_restore_keeps_the_current_file_then_replaces_it(saved_book, clock):
    book_path, ids = saved_book
    folder = default_backup_dir(book_path)
    (good,) = list_backups(book_path, folder)
    clock.advance(hours=2)
    with open_book(book_path, clock=clock, routine_backup=False) as book:
        add_rows(book, ids, 7, "after the backup")
        book.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    clock.advance(hours=1)
    saved = restore(good.path, book_path, folder, clock())
    assert saved is not None and saved.name.endswith("-before-restore.sqlite3")
    assert backups.verify_backup(saved) and count(saved) == 12  # the file as it was, with the later rows
    assert count(book_path) == 5
    assert not Path(str(book_path) + "-wal").exists()
    assert good.path.exists()  # restoring does not consume the backup
    with open_book(book_path, clock=clock) as book:
        assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 5


def test_restore_over_a_crashed_file_keeps_its_wal_and_does_not_replay_it(saved_book, clock, tmp_path):
    book_path, ids = saved_book
    folder = default_backup_dir(book_path)
    (good,) = list_backups(book_path, folder)
    # make a crashed state: rows only in the -wal, then copy file and -wal while the writer is open
    with open_book(book_path, clock=clock, routine_backup=False) as book:
        book.db.execute("PRAGMA wal_autocheckpoint = 0")
        add_rows(book, ids, 9, "only in the wal")
        crashed = tmp_path / "crashed"
        crashed.mkdir()
        for suffix in ("", "-wal"):
            shutil.copyfile(str(book_path) + suffix, str(crashed / "year.sqlite3") + suffix)
        book._mark_backed_up()
    for suffix in ("", "-wal"):
        shutil.copyfile(str(crashed / "year.sqlite3") + suffix, str(book_path) + suffix)
    saved = restore(good.path, book_path, folder, clock())
    assert count(saved) == 14  # the before-restore backup has the rows that were only in the -wal
    assert not Path(str(book_path) + "-wal").exists()
    with open_book(book_path, clock=clock) as book:
        assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 5
        assert book.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("damage", ["random", "truncated", "pdf"])
def test_restore_over_a_damaged_file_copies_it_byte_for_byte_first(saved_book, clock, damage):
    book_path, _ = saved_book
    folder = default_backup_dir(book_path)
    (good,) = list_backups(book_path, folder)
    data = book_path.read_bytes()
    book_path.write_bytes(
        {"random": bytes(range(256)) * 300, "truncated": data[: len(data) // 3], "pdf": b"%PDF-1.7\n%%EOF\n"}[
            damage
        ]
    )
    digest = sha256(book_path)
    saved = restore(good.path, book_path, folder, clock())
    assert saved.name.endswith("-damaged.sqlite3") and saved.parent == folder
    assert sha256(saved) == digest
    assert saved not in [b.path for b in list_backups(book_path, folder)]  # not offered as a backup
    with open_book(book_path, clock=clock) as book:
        assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 5


def _bad_backups(tmp_path: Path, good: Path) -> dict[str, Path]:
    random_bytes = tmp_path / "random.sqlite3"
    random_bytes.write_bytes(bytes(range(256)) * 100)
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(good.read_bytes()[: 4096 * 3])
    other = tmp_path / "other-app.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.commit()
    conn.close()
    return {
        "random": random_bytes,
        "truncated": truncated,
        "other-app": other,
        "missing": tmp_path / "nope.sqlite3",
    }


def test_restore_refuses_a_bad_backup_and_changes_nothing(saved_book, clock, tmp_path):
    book_path, _ = saved_book
    folder = default_backup_dir(book_path)
    (good,) = list_backups(book_path, folder)
    (tmp_path / "bad").mkdir()
    bad = _bad_backups(tmp_path / "bad", good.path)
    digest, before = sha256(book_path), listing(book_path.parent)
    for name, path in bad.items():
        with pytest.raises(StorageError, match="not a good backup") as caught:
            restore(path, book_path, folder, clock())
        assert str(path) in str(caught.value), name
        assert sha256(book_path) == digest and listing(book_path.parent) == before, name
    with pytest.raises(StorageError, match="the data file itself"):
        restore(book_path, book_path, folder, clock())
    assert sha256(book_path) == digest and listing(book_path.parent) == before


def test_restore_refuses_while_the_file_is_open(saved_book, clock):
    book_path, _ = saved_book
    folder = default_backup_dir(book_path)
    (good,) = list_backups(book_path, folder)
    with open_book(book_path, clock=clock, routine_backup=False) as book:
        before = listing(book_path.parent)
        with pytest.raises(FileLockedError):
            restore(good.path, book_path, folder, clock())
        assert listing(book_path.parent) == before
        assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 5


def test_restore_into_a_missing_file(saved_book, clock, tmp_path):
    book_path, _ = saved_book
    (good,) = list_backups(book_path, default_backup_dir(book_path))
    target = tmp_path / "new" / "year.sqlite3"
    target.parent.mkdir()
    assert restore(good.path, target, tmp_path / "new" / "year-backups", clock()) is None
    assert count(target) == 5


def test_verify_backup_with_odd_characters_in_the_path(saved_book, tmp_path):
    book_path, _ = saved_book
    (good,) = list_backups(book_path, default_backup_dir(book_path))
    odd = tmp_path / "备份 #1 ?%20&mode=rw" / "年度 数据#.sqlite3"
    odd.parent.mkdir()
    shutil.copyfile(good.path, odd)
    assert backups.verify_backup(odd) and backups.is_jixiao_file(odd)
    assert not backups.verify_backup(odd.with_name("missing.sqlite3"))


# -- risky storage -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "parts",
    [
        ("OneDrive", "文档"),
        ("OneDrive - 某市工商业联合会", "绩效"),
        ("Dropbox",),
        ("Dropbox (Personal)", "x"),
        ("坚果云",),
        ("Google Drive", "My Drive"),
    ],
)
def test_synced_folders_are_risky(tmp_path, parts):
    assert backups.is_on_risky_storage(tmp_path.joinpath(*parts, "year.sqlite3"))


def test_normal_folders_are_not_risky(tmp_path):
    assert not backups.is_on_risky_storage(tmp_path / "year.sqlite3")
    assert not backups.is_on_risky_storage(tmp_path / "notes-about-dropbox" / "year.sqlite3")


def test_network_mounts_are_risky(monkeypatch):
    mounts = [("/", "ext4"), ("/mnt/nas", "cifs"), ("/mnt/nas/local", "ext4"), ("/srv/my share", "nfs4")]
    monkeypatch.setattr(backups, "_mount_points", lambda: mounts)
    assert backups.is_on_risky_storage(Path("/mnt/nas/year.sqlite3"))
    assert backups.is_on_risky_storage(Path("/srv/my share/year.sqlite3"))
    assert not backups.is_on_risky_storage(Path("/mnt/nas/local/year.sqlite3"))
    assert not backups.is_on_risky_storage(Path("/mnt/nasty/year.sqlite3"))


def test_mount_table_escapes_are_decoded(tmp_path):
    table = tmp_path / "mounts"
    table.write_text("server:/x /srv/my\\040share nfs4 rw 0 0\n/dev/vda / ext4 rw 0 0\n")
    assert backups._mount_points(table) == [("/srv/my share", "nfs4"), ("/", "ext4")]
    assert backups._mount_points(tmp_path / "none") == []


@pytest.mark.parametrize(
    "stamp",
    [
        "20221231-235959",
        "20220101-000000",
        "20240229-120000",
        "20230229-120000",  # no such day
        "20221301-000000",
        "20220001-000000",
        "20220100-000000",
        "20220132-000000",
        "20220101-240000",
        "20220101-006000",
        "20220101-000060",
        "20220101-000061",
        "00000101-000000",
        "٢٠٢٢٠١٠١-٠٠٠٠٠٠",  # other digits that \d matches
    ],
)
def test_stamp_time_is_strptime(stamp):
    assert backups._NAME.match(f"jixiao-{stamp}-manual.sqlite3")["stamp"] == stamp

    def outcome(parse):
        try:
            return parse()
        except ValueError:
            return ValueError

    expected = outcome(lambda: dt.datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC))
    assert outcome(lambda: backups.stamp_time(stamp)) == expected
