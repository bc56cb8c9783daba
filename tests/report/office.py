"""LibreOffice for tests: convert a .docx/.xlsx to PDF with ``soffice`` in a private profile, with the
official face names (仿宋_GB2312, 黑体 …) mapped to the faces bundled in resources/fonts.

A machine without the official faces (a CI box) would otherwise show Chinese in whatever face
fontconfig finds, or as boxes; the mapping gives LibreOffice what an office PC gives Word.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from jixiao.paths import resources_dir

# official name → the bundled family standing in for it
ALIASES = {
    "仿宋_GB2312": "FandolFang",
    "仿宋": "FandolFang",
    "楷体_GB2312": "AR PL KaitiM GB",
    "楷体": "AR PL KaitiM GB",
    "黑体": "WenQuanYi Micro Hei",
    "SimHei": "WenQuanYi Micro Hei",
    "方正小标宋简体": "Jixiao Title Serif SC",
    "宋体": "FandolFang",
    "SimSun": "FandolFang",
}


def soffice() -> str | None:
    """The ``soffice`` program, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def fontconfig_file(folder: Path) -> Path:
    """A fonts.conf in *folder* adding the bundled faces and the aliases; includes the system config."""
    aliases = "".join(
        f"<alias binding='same'><family>{name}</family><prefer><family>{face}</family></prefer></alias>"
        for name, face in ALIASES.items()
    )
    text = (
        "<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>"
        f"<dir>{resources_dir() / 'fonts'}</dir><cachedir>{folder / 'fc-cache'}</cachedir>"
        f"{aliases}</fontconfig>"
    )
    path = folder / "fonts.conf"
    path.write_text(text, encoding="utf-8")
    return path


def convert_to_pdf(source: Path, folder: Path, timeout: float = 180, target: str = "pdf") -> Path:
    """*source* converted to PDF (or *target*, e.g. a csv filter) in *folder* by LibreOffice (headless,
    private profile); the converted file's path."""
    program = soffice()
    if program is None:
        raise RuntimeError("soffice is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file(folder)), HOME=str(folder))
    subprocess.run(
        [
            program,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=timeout,
        env=env,
    )
    return folder / (source.stem + "." + target.split(":")[0])
