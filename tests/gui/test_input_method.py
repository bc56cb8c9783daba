"""Choosing Qt's input-method module from what runs (gui/input_method.py): the decision rules."""

from __future__ import annotations

import os
import sys

import pytest

from jixiao.gui import input_method
from jixiao.gui.input_method import FCITX4, FCITX5, IBUS, available_modules, decide, running_input_methods

WHEEL = {"ibus", "compose", "qtvirtualkeyboard"}  # what the PySide6 wheel's Qt carries


def changes(environ, running, available=WHEEL):
    return decide(dict(environ), set(running), set(available)).changes


def test_fcitx5_gets_ibus_through_the_portal():
    assert changes({}, {FCITX5}) == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}


def test_ibus_gets_ibus_without_the_portal():
    assert changes({}, {IBUS}) == {"QT_IM_MODULE": "ibus"}
    assert changes({}, {IBUS, FCITX5}) == {"QT_IM_MODULE": "ibus"}  # a real ibus-daemon answers


def test_nothing_running_changes_nothing():
    assert changes({}, set()) == {}


def test_fcitx4_is_left_alone_and_said_unsupported():
    decision = decide({}, {FCITX4}, WHEEL)
    assert decision.changes == {}
    assert "not supported" in decision.reason


def test_a_working_explicit_choice_is_never_overridden():
    assert changes({"QT_IM_MODULE": "ibus"}, {IBUS}) == {}
    assert changes({"QT_IM_MODULE": "compose"}, {FCITX5}) == {}
    assert changes({"QT_IM_MODULE": "none"}, {FCITX5}) == {}
    assert changes({"QT_IM_MODULE": "fcitx"}, {FCITX5}, WHEEL | {"fcitx"}) == {}  # a Qt with the plugin


def test_explicit_ibus_with_fcitx5_gets_the_portal_only():
    assert changes({"QT_IM_MODULE": "ibus"}, {FCITX5}) == {"IBUS_USE_PORTAL": "1"}
    assert changes({"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "0"}, {FCITX5}) == {}


def test_an_explicit_choice_this_qt_cannot_load_is_replaced_when_something_works():
    # 统信UOS sets QT_IM_MODULE=fcitx system-wide; the wheel has no fcitx plugin: raw pinyin
    assert changes({"QT_IM_MODULE": "fcitx"}, {FCITX5}) == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}
    assert changes({"QT_IM_MODULE": "fcitx5"}, {IBUS}) == {"QT_IM_MODULE": "ibus"}
    assert changes({"QT_IM_MODULE": "fcitx"}, {FCITX4}) == {}
    assert changes({"QT_IM_MODULE": "fcitx"}, set()) == {}


def test_a_qt_without_ibus_changes_nothing():
    assert changes({}, {FCITX5}, {"compose"}) == {}


def test_plugin_keys_come_from_the_plugin_files(tmp_path):
    folder = tmp_path / "plugins" / "platforminputcontexts"
    folder.mkdir(parents=True)
    for name in ("libibusplatforminputcontextplugin.so", "libcomposeplatforminputcontextplugin.so"):
        (folder / name).touch()
    assert available_modules([tmp_path / "plugins", tmp_path / "missing"]) == {"ibus", "compose"}
    (folder / "libfcitx5platforminputcontextplugin.so").touch()
    assert {"fcitx", "fcitx5"} <= available_modules([tmp_path / "plugins"])


def test_the_wheels_qt_has_ibus(qapp):
    assert "ibus" in available_modules(input_method.qt_plugin_dirs({}))


def test_running_input_methods_reads_process_names(tmp_path):
    for pid, name in ((11, "fcitx5"), (12, "bash"), (13, "ibus-daemon"), (14, "fcitx5-remote")):
        (tmp_path / str(pid)).mkdir()
        (tmp_path / str(pid) / "comm").write_text(name + "\n")
    (tmp_path / "self").mkdir()
    assert running_input_methods(tmp_path) == {FCITX5, IBUS}
    assert running_input_methods(tmp_path / "missing") == set()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
def test_choose_updates_the_environment_it_is_given(monkeypatch):
    monkeypatch.setattr(input_method, "running_input_methods", lambda: {FCITX5})
    environ = {"PATH": os.environ.get("PATH", "")}
    decision = input_method.choose_input_method(environ)
    assert environ["QT_IM_MODULE"] == "ibus" and environ["IBUS_USE_PORTAL"] == "1"
    assert decision.changes == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}


def test_choose_does_nothing_off_linux(monkeypatch):
    monkeypatch.setattr(input_method.sys, "platform", "win32")
    environ: dict[str, str] = {}
    assert input_method.choose_input_method(environ).changes == {}
    assert environ == {}
