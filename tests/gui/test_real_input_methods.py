"""Chinese input through real input methods (ibus-libpinyin, fcitx5 pinyin) under Xvfb.

Each case runs ``ime/session.py`` in a private session bus: pinyin typed with xdotool must arrive
as 汉字 in a line edit and a multi-line field of a window started the way jixiao starts (its own
input-method choice before the QApplication). Skips when Xvfb, xdotool, dbus-run-session or the
input method is not installed (``apt-get install xvfb xdotool dbus ibus ibus-libpinyin fcitx5
fcitx5-chinese-addons``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SESSION = Path(__file__).resolve().parent / "ime" / "session.py"
NEEDS = {
    "ibus": ("ibus-daemon", "ibus", Path("/usr/share/ibus/component/libpinyin.xml")),
    "fcitx5": ("fcitx5", "fcitx5-remote", Path("/usr/share/fcitx5/inputmethod/pinyin.conf")),
}


def typed(method: str, *extra: str) -> dict:
    commands = ("Xvfb", "xdotool", "dbus-run-session") + NEEDS[method][:2]
    missing = [c for c in commands if shutil.which(c) is None]
    if missing or not NEEDS[method][2].exists():
        pytest.skip(f"{method} under Xvfb needs {missing or NEEDS[method][2]}")
    result = subprocess.run(
        ["dbus-run-session", "--", sys.executable, str(SESSION), method, *extra],
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith('{"method"')]
    assert lines, result.stdout[-2000:] + result.stderr[-2000:]
    outcome = json.loads(lines[-1])
    if "busy" in outcome:
        pytest.skip(f"another input method of this user runs: {outcome['busy']}")
    assert "error" not in outcome, outcome
    return outcome


def test_ibus_libpinyin_types_chinese_into_both_kinds_of_field():
    outcome = typed("ibus")
    assert outcome["module"] == "ibus"
    assert (outcome["line"], outcome["text"]) == ("你好", "你好")


def test_fcitx5_pinyin_types_chinese_through_the_ibus_portal():
    outcome = typed("fcitx5")
    assert outcome["decision"] == {"QT_IM_MODULE": "ibus", "IBUS_USE_PORTAL": "1"}
    assert (outcome["line"], outcome["text"]) == ("你好", "你好")


def test_fcitx5_with_the_desktops_fcitx_setting_still_types_chinese():
    # 统信UOS sets QT_IM_MODULE=fcitx; the wheel's Qt has no such plugin
    outcome = typed("fcitx5", "fcitx")
    assert outcome["module"] == "ibus"
    assert (outcome["line"], outcome["text"]) == ("你好", "你好")


def test_without_the_choice_the_desktops_setting_gives_raw_pinyin():
    # the control: what the clerk saw before jixiao chose the module
    outcome = typed("fcitx5", "fcitx", "--no-choice")
    assert outcome["module"] == "fcitx"
    assert (outcome["line"], outcome["text"]) == ("nihao ", "nihao ")
