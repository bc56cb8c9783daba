"""The built packages (scripts/package.sh): the .deb checked from a scratch root with a bare
environment, and installed/removed with apt when asked.

Building takes minutes, so the default run only checks a .deb already in dist/ (skips otherwise);
``JIXIAO_BUILD_PACKAGES=1`` builds first. ``JIXIAO_APT_TEST=1`` also installs the .deb with apt-get
and removes it again (it changes this machine: root only).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def deb() -> Path:
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb is not installed")
    if os.environ.get("JIXIAO_BUILD_PACKAGES") == "1":
        subprocess.run([str(ROOT / "scripts" / "package.sh"), "--no-check"], check=True, cwd=ROOT)
    built = sorted((ROOT / "dist").glob("jixiao_*_amd64.deb"))
    if not built:
        pytest.skip("no .deb in dist/: run scripts/package.sh (or set JIXIAO_BUILD_PACKAGES=1)")
    return built[-1]


def test_the_deb_works_from_a_scratch_root_with_a_bare_environment(deb):
    result = subprocess.run(
        [str(ROOT / "packaging" / "linux" / "check_deb.sh"), str(deb)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "selfcheck: passed" in result.stdout


@pytest.mark.skipif(
    os.environ.get("JIXIAO_APT_TEST") != "1", reason="set JIXIAO_APT_TEST=1 (changes the system)"
)
def test_apt_installs_and_removes_the_menu_entry_and_command(deb):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-q", str(deb)], check=True, env=env, capture_output=True)
    try:
        assert Path("/usr/bin/jixiao").resolve() == Path("/opt/jixiao/jixiao")
        assert "Name=绩效自评助手" in Path("/usr/share/applications/jixiao.desktop").read_text(
            encoding="utf-8"
        )
        out = subprocess.run(
            ["/usr/bin/jixiao", "--help"], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}
        )
        assert out.returncode == 0
    finally:
        subprocess.run(["apt-get", "remove", "-y", "-q", "jixiao"], check=True, env=env, capture_output=True)
    assert not Path("/usr/bin/jixiao").exists() and not Path("/usr/bin/jixiao").is_symlink()
    assert not Path("/usr/share/applications/jixiao.desktop").exists()
    assert not Path("/opt/jixiao").exists()


def test_the_self_check_passes_from_the_source_tree(tmp_path):
    """What the frozen app runs as ``--jixiao-selfcheck`` (packaging/selfcheck.py) works from the
    source tree too: a renamed function or module it uses fails here, not only in a built package."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "packaging")]),
        "JIXIAO_CACHE_DIR": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path / "tmp"),
    }
    (tmp_path / "tmp").mkdir()
    result = subprocess.run(
        [sys.executable, "-c", "import selfcheck, sys; sys.exit(selfcheck.run())"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "selfcheck: passed" in result.stdout
    assert list((tmp_path / "tmp").iterdir()) == []  # its temporary folder is gone, settings and all
