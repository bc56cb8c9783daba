"""Type pinyin through a real input method into jixiao's kind of fields; print what arrived.

Usage (inside a private session bus):
``dbus-run-session -- python session.py ibus|fcitx5 [QT_IM_MODULE value] [--no-choice]``.
Starts Xvfb, the input method (ibus-daemon with ibus-libpinyin, or fcitx5 with its pinyin
engine) in a scratch HOME, the window of ``typing_window.py`` with no ``QT_IM_MODULE`` set, then
types ``nihao`` + space with xdotool into the line edit and into the multi-line field. Prints one
JSON object: the module jixiao chose and the text of both fields. A second argument presets
``QT_IM_MODULE`` as a desktop would (统信UOS sets ``fcitx``); ``--no-choice`` starts the window
without jixiao's choice, as a control. Everything it starts is
stopped and its scratch folder removed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FCITX5_PROFILE = """[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
"""


def wait_for(predicate, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def quiet(*command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=20)


def owned(name: str, env: dict[str, str]) -> bool:
    """Whether *name* has an owner on the session bus, asked without starting its service (a
    ``fcitx5-remote`` call would start a second fcitx5 through D-Bus activation)."""
    reply = quiet(
        "dbus-send",
        "--session",
        "--print-reply",
        "--dest=org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus.NameHasOwner",
        f"string:{name}",
        env=env,
    )
    return "boolean true" in reply.stdout


def start_xvfb(env: dict[str, str]) -> subprocess.Popen:
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        env["DISPLAY"] = ":" + pipe.readline().strip()
    return xvfb


def daemon(*command: str, env: dict[str, str]) -> subprocess.Popen:
    log = open(os.environ.get("IME_LOG", os.devnull), "a")
    return subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log)


def start_ibus(env: dict[str, str]) -> subprocess.Popen:
    process = daemon("ibus-daemon", "-x", "-r", "--panel=disable", env=env)
    if not wait_for(
        lambda: (
            owned("org.freedesktop.IBus", env) and "libpinyin" in quiet("ibus", "list-engine", env=env).stdout
        ),
        20,
    ):
        raise RuntimeError("ibus-daemon did not list the libpinyin engine")
    return process


def start_fcitx5(env: dict[str, str], home: Path) -> subprocess.Popen:
    config = home / ".config" / "fcitx5"
    config.mkdir(parents=True)
    (config / "profile").write_text(FCITX5_PROFILE, encoding="utf-8")
    process = daemon("fcitx5", "--disable=classicui,kimpanel,notificationitem", env=env)
    names = ("org.fcitx.Fcitx5", "org.freedesktop.portal.IBus")
    if not wait_for(lambda: all(owned(name, env) for name in names), 20):
        raise RuntimeError("fcitx5 did not answer on the session bus")
    return process


def switch_on(method: str, env: dict[str, str], tell, tries: int = 20) -> bool:
    """Make the focused field's input context take pinyin (what the clerk does with Ctrl+Space).

    Qt's ibus plugin connects to the bus asynchronously; when it connects after the field took
    the focus, the input method sees no focused context until the next focus-in, so each try
    that fails gives the field the focus again."""

    def switched() -> bool:
        if method == "ibus":
            quiet("ibus", "engine", "libpinyin", env=env)
            return quiet("ibus", "engine", env=env).stdout.strip() == "libpinyin"
        quiet("fcitx5-remote", "-o", env=env)
        return quiet("fcitx5-remote", env=env).stdout.strip() == "2"

    for _ in range(tries):
        if wait_for(switched, 1.0):
            return True
        tell("refocus")
    return False


def main(method: str, preset: str = "", no_choice: bool = False) -> int:
    from jixiao.gui.input_method import running_input_methods

    # jixiao's choice looks at every input method this user runs: one left by another session (or
    # a desktop's own) would decide for it, so wait for it to end, else report "busy" (the test skips)
    if not wait_for(lambda: not running_input_methods(), 15, 0.5):
        print(json.dumps({"method": method, "busy": sorted(running_input_methods())}), flush=True)
        return 0
    home = Path(tempfile.mkdtemp(prefix="jixiao-ime-"))
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_IM", "IBUS", "XMODIFIERS", "GTK_IM"))
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        QT_QPA_PLATFORM="xcb",
        LANG="C.UTF-8",
    )
    if preset:
        env["QT_IM_MODULE"] = preset
    xvfb = start_xvfb(env)
    window = method_process = None
    result: dict = {"method": method}
    try:
        method_process = start_ibus(env) if method == "ibus" else start_fcitx5(env, home)
        window = subprocess.Popen(
            [sys.executable, "-u", str(HERE / "typing_window.py")] + (["--no-choice"] if no_choice else []),
            env=env,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(os.environ.get("IME_LOG", os.devnull), "a"),
        )
        result.update(json.loads(window.stdout.readline()))
        if window.stdout.readline().strip() != "READY":
            raise RuntimeError("the window did not start")

        def tell(command: str) -> str:
            window.stdin.write(command + "\n")
            window.stdin.flush()
            return window.stdout.readline()

        def report() -> dict:
            return json.loads(tell("report"))

        for field in ("line", "text"):
            if field == "text":
                tell("text")
            time.sleep(0.3)
            if not switch_on(method, env, tell, 2 if no_choice else 20) and not no_choice:
                raise RuntimeError(f"{method} did not switch the focused field to pinyin")
            quiet("xdotool", "type", "--delay", "60", "nihao", env=env)
            quiet("xdotool", "key", "space", env=env)
            wait_for(lambda field=field: report()[field] != "", 5)
        time.sleep(0.3)
        result.update(report())
    except Exception as error:  # reported to the test, which shows it
        result["error"] = f"{type(error).__name__}: {error}"
    finally:
        if window is not None:
            try:
                window.stdin.write("quit\n")
                window.stdin.flush()
                window.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                window.kill()
        for process in (method_process, xvfb):
            if process is not None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(home, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--no-choice"]
    sys.exit(main(arguments[0], arguments[1] if len(arguments) > 1 else "", "--no-choice" in sys.argv))
