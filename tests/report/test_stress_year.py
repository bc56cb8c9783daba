"""The stress year of ``bench/bench_report.py`` (and of the report page's no-freeze test) must stay a
year the report is made for: when a new check refused it, the benchmark failed without its figure."""

from __future__ import annotations

from benches import bench_module

from jixiao.core.readiness import ERROR, check_year
from jixiao.services.reports import load_fiscal_year
from jixiao.services.yearpackages import import_year
from jixiao.store.database import open_book


def test_the_stress_year_has_no_errors_that_refuse_its_report(tmp_path):
    stress_package = bench_module("bench_report").stress_package
    with open_book(tmp_path / "stress.sqlite3", create=True, routine_backup=False) as book:
        import_year(book, stress_package())
        fy = load_fiscal_year(book, 2022)
    assert len(fy.activities) == 5_000 and len(fy.indicators) == 300
    assert [p for p in check_year(fy) if p.severity == ERROR] == []
