"""services.exports.write_atomically: the GUI's workbook and report exports write through the one safe
writer of services.files."""

from __future__ import annotations

import pytest

from jixiao.core.errors import JixiaoError
from jixiao.services.exports import write_atomically


def test_a_planted_partial_link_is_not_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    out = tmp_path / "scores.xlsx"
    (tmp_path / "scores.xlsx.partial").symlink_to(victim)
    assert write_atomically(out, b"PK new") == out
    assert out.read_bytes() == b"PK new" and victim.read_text() == "precious"


def test_a_missing_folder_is_a_translated_error(tmp_path):
    with pytest.raises(JixiaoError, match="does not exist"):
        write_atomically(tmp_path / "gone" / "scores.xlsx", b"x")
