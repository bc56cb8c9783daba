"""The sample year (FY2022 of 广州市花都区工商业联合会, from the seed report), shipped as a year package."""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.paths import resources_dir
from jixiao.store.database import Book


def sample_package_path() -> Path:
    """Where the sample year package lies (``resources/sample/fy2022.json``)."""
    return resources_dir() / "sample" / "fy2022.json"


def load_sample_package() -> dict:
    """The sample year package as parsed JSON."""
    return json.loads(sample_package_path().read_text(encoding="utf-8"))


def import_sample_year(book: Book) -> int:
    """Import the sample year into *book* (one transaction); returns its year id."""
    from jixiao.services.yearpackages import import_year

    return import_year(book, load_sample_package())
