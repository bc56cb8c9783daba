"""The desktop start's arguments are read without the full parser, exactly as the parser reads them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao import cli
from jixiao.core.i18n import Translator

TOKENS = [
    "gui",
    "--db",
    "--lang",
    "zh_CN",
    "en",
    "fr",
    "a.sqlite3",
    "--db=b.sqlite3",
    "--lang=en",
    "--lang=de",
    "-h",
    "--d",
    "report",
    "--year",
    "2022",
    "-x",
    "--db=-y",
    "",
]


def parsed(argv: list[str]) -> tuple[Path | None, str | None] | None:
    """What the full parser makes of *argv* for the window; None when it refuses it or names
    another command."""
    try:
        args = cli.build_parser(Translator("en")).parse_args(argv)
    except (cli.UsageError, SystemExit):
        return None
    if (args.command or "gui") != "gui":
        return None
    return args.db, args.lang


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], (None, None)),
        (["gui"], (None, None)),
        (["--db", "a.sqlite3"], (Path("a.sqlite3"), None)),
        (["--lang=en", "gui", "--db=b.sqlite3"], (Path("b.sqlite3"), "en")),
        (["gui", "--lang", "zh_CN"], (None, "zh_CN")),
    ],
)
def test_plain_starts_are_read_without_the_parser(argv, expected):
    assert cli._window_start(argv) == expected == parsed(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["-h"],
        ["--d", "a"],
        ["--lang", "fr"],
        ["--db"],
        ["--db", "-x"],
        ["report"],
        ["--db", "a", "--db", "b"],
    ],
)
def test_anything_else_goes_to_the_parser(argv):
    assert cli._window_start(argv) is None


@given(st.lists(st.sampled_from(TOKENS), max_size=6))
def test_the_quick_reading_never_differs_from_the_parser(argv):
    quick = cli._window_start(argv)
    if quick is not None:
        assert quick == parsed(argv)


def test_the_window_starts_through_the_quick_reading(monkeypatch):
    import jixiao.gui.app as app_module

    started = []
    monkeypatch.setattr(app_module, "run", lambda db, lang: started.append((db, lang)) or 0)
    monkeypatch.setattr(cli, "build_parser", lambda tr: pytest.fail("the full parser was built"))
    assert cli.main(["--lang", "en", "--db", "x.sqlite3"]) == 0
    assert started == [(Path("x.sqlite3"), "en")]
