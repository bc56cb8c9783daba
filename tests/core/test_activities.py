"""core.activities: reading counts and amounts as typed or read from a sheet."""

from __future__ import annotations

import pytest

from jixiao.core.activities import read_amount, read_count


def test_read_count_and_read_amount_fold_full_width_forms():
    assert read_count("１２") == 12 and read_count("1,200人次") == 1200 and read_count(" ") is None
    assert read_count(12.0) == 12 and read_count("-3") == -3
    for bad in ("12.5", "abc", True, "NaN"):
        with pytest.raises(ValueError):
            read_count(bad)
    assert read_amount("１２", "yuan") == 1200 and read_amount("1.5万元", "yuan") == 1_500_000
    assert read_amount("", "wan") is None and read_amount(616.04, "wan") == 6_160_400_00
    with pytest.raises(ValueError):
        read_amount("1.2.3", "yuan")


def test_a_blank_list_row_has_every_list_field_and_only_its_id():
    from jixiao.core.activities import (
        LIST_FIELDS,
        ROW_ATTACHMENTS,
        ROW_ID,
        ROW_TITLE,
        ROW_TYPE,
        blank_list_row,
    )

    row = blank_list_row(42)
    assert len(row) == len(LIST_FIELDS) and row[ROW_ID] == 42
    assert row[ROW_TITLE] == "" and row[ROW_TYPE] is None and row[ROW_ATTACHMENTS] == 0
