"""Migration 0004 and the year's report settings: stored, read back, previous year from the file,
carried by the year package (optional key) and into a new year."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from yeardata import sample_year

from jixiao.core.errors import ValidationError
from jixiao.core.model import YearReport
from jixiao.core.outline import get_outline
from jixiao.core.yearpackage import from_package, to_package, validate_package
from jixiao.services import report_settings
from jixiao.services.yearpackages import export_year, import_year, new_year_from
from jixiao.store.database import known_migration_names, open_book, schema_version
from jixiao.store.repos import find_year_id, insert_year, load_year

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"


def test_migration_0004_is_appended():
    assert known_migration_names()[3] == "0004_year_report"


def test_a_0003_file_upgrades_and_its_years_have_default_report_settings(tmp_path, clock):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "schema-0003.sqlite3", path)
    with open_book(path, clock=clock) as book:
        assert schema_version(book.db) == len(known_migration_names())
        year_id = find_year_id(book.db, 2022)
        assert load_year(book.db, year_id).report == YearReport()


@pytest.fixture
def book(tmp_path, clock):
    with open_book(tmp_path / "b.sqlite3", create=True, clock=clock) as book:
        yield book


def test_settings_round_trip_and_the_previous_year_comes_from_the_file(book):
    earlier = sample_year(2021)
    earlier.final_income_fen = 5_000_000
    earlier.report = YearReport(expenditure_fen=4_000_000, personnel_fen=3_000_000, public_fen=1_000_000)
    with book.atomic():
        insert_year(book.db, earlier)
        year_id = insert_year(book.db, sample_year(2022))
    report_settings.choose_outline(book, year_id, "guangzhou-2022")
    report_settings.save_report_facts(
        book,
        year_id,
        expenditure_fen=3_600_000,
        staff_authorized=9,
        staff_active=8,
        staff_retired=3,
        previous={"expenditure_fen": 1},
    )
    report = load_year(book.db, year_id).report
    assert report.outline_key == "guangzhou-2022" and report.expenditure_fen == 3_600_000
    assert (report.staff_authorized, report.staff_active, report.staff_retired) == (9, 8, 3)
    assert report.previous == {"expenditure_fen": 1}  # typed, but the file's year wins:
    assert report.file_previous == {
        "income_fen": 5_000_000,
        "expenditure_fen": 4_000_000,
        "personnel_fen": 3_000_000,
        "public_fen": 1_000_000,
    }
    with pytest.raises(ValidationError):
        report_settings.save_report_facts(book, year_id, public_fen=-1)
    with pytest.raises(ValidationError):
        report_settings.choose_outline(book, year_id, "nowhere")


def test_an_own_outline_travels_in_the_year_package_and_into_a_new_year(book, tmp_path, clock):
    with book.atomic():
        year_id = insert_year(book.db, sample_year(2022))
    mine = get_outline("guangzhou-2022").copy("mine", "我的提纲")
    mine.sections[0].heading = "单位基本情况"
    report_settings.save_own_outline(book, year_id, mine)
    report_settings.save_report_facts(book, year_id, fiscal_income_fen=6_000_000)
    text = export_year(book, 2022)
    assert '"report"' in text and "单位基本情况" in text
    with open_book(tmp_path / "other.sqlite3", create=True, clock=clock) as other:
        import_year(other, text)
        report = load_year(other.db, find_year_id(other.db, 2022)).report
        assert report.outline["sections"][0]["heading"] == "单位基本情况"
        assert report.outline_key == "guangzhou-2022" and report.fiscal_income_fen == 6_000_000
        new_id = new_year_from(other, 2022, 2023)
        carried = load_year(other.db, new_id).report
        assert carried.outline == report.outline and carried.fiscal_income_fen is None
        assert carried.file_previous["income_fen"] == sample_year(2022).final_income_fen


def test_an_older_package_without_report_still_imports_and_a_bad_outline_is_named():
    package = to_package(sample_year(2022))
    assert "report" not in package  # default settings: what older versions wrote
    assert from_package(package).report == YearReport()
    package["report"] = {
        "outline": {"format": "jixiao-outline", "format_version": 1, "key": "x", "title": []}
    }
    problems = validate_package(package)
    assert [p.field for p in problems] == ["report.outline"]
    package["report"] = {"outline_key": "nowhere"}
    assert [p.field for p in validate_package(package)] == ["report.outline_key"]
