"""Export, import (all or nothing, replace) and a new year from the last one, on real book files."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from yeardata import UNIT_NAME, sample_year

from jixiao.core import yearpackage as yp
from jixiao.core.errors import NotFoundError, ValidationError
from jixiao.core.model import BudgetLine
from jixiao.services import yearpackages
from jixiao.store import repos
from jixiao.store.database import open_book

SAMPLE_TEXT = yp.package_json(sample_year())


def snapshot(book) -> list:
    """Every row of every table (attachments' bytes included): to prove nothing was written."""
    tables = [
        name
        for (name,) in book.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    return [(t, book.db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()) for t in tables]


def statements(book) -> list[str]:
    """Start recording the SQL *book* runs; returns the list it fills."""
    seen: list[str] = []
    book.db.conn.set_trace_callback(seen.append)
    return seen


def test_export_import_export_gives_identical_text(book, tmp_path):
    year_id = yearpackages.import_year(book, json.loads(SAMPLE_TEXT))
    exported = yearpackages.export_year(book, 2022)
    assert exported == SAMPLE_TEXT
    path = tmp_path / "2022.json"
    path.write_text(exported, encoding="utf-8")
    with open_book(tmp_path / "other.sqlite3", create=True) as other:
        yearpackages.import_year(other, path)
        assert yearpackages.export_year(other, 2022) == exported
    assert repos.list_years(book.db) == [(year_id, UNIT_NAME, 2022)]


def test_import_takes_a_dict_a_path_or_json_text(book, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(yp.package_json(sample_year(2020)), encoding="utf-8")
    yearpackages.import_year(book, str(path))
    yearpackages.import_year(book, yp.package_json(sample_year(2021)))
    yearpackages.import_year(book, yp.to_package(sample_year(2022)))
    assert [y for _, _, y in repos.list_years(book.db)] == [2020, 2021, 2022]


def test_each_call_is_one_transaction(book):
    seen = statements(book)
    yearpackages.import_year(book, json.loads(SAMPLE_TEXT))
    assert [s for s in seen if s in ("BEGIN", "COMMIT", "ROLLBACK")] == ["BEGIN", "COMMIT"]
    seen.clear()
    yearpackages.new_year_from(book, 2022, 2023)
    assert [s for s in seen if s in ("BEGIN", "COMMIT", "ROLLBACK")] == ["BEGIN", "COMMIT"]
    seen.clear()
    yearpackages.import_year(book, json.loads(SAMPLE_TEXT), replace=True)
    assert [s for s in seen if s in ("BEGIN", "COMMIT", "ROLLBACK")] == ["BEGIN", "COMMIT"]
    book.db.conn.set_trace_callback(None)


def broken(change) -> dict:
    data = json.loads(SAMPLE_TEXT)
    data["year"] = 2023
    for activity in data["activities"]:
        activity["date"] = "2023" + activity["date"][4:]
    change(data)
    return data


BROKEN = [
    ("bad date", lambda d: d["activities"][1].update(date="2023-13-01"), "activities[1].date"),
    ("unknown type", lambda d: d["activities"][0].update(type="座谈会"), "activities[0].type"),
    ("measure out of range", lambda d: d["activities"][1].update(measure=3), "activities[1].measure"),
    (
        "float money",
        lambda d: d["projects"][0]["children"][0]["payments"][0].update(amount_fen=5000.0),
        "projects[0].children[0].payments[0].amount_fen",
    ),
    ("missing key", lambda d: d["indicators"][1].pop("points"), "indicators[1].points"),
    ("missing unit name", lambda d: d["unit"].pop("full_name"), "unit.full_name"),
    (
        "last activity broken",
        lambda d: d["activities"][-1]["attachments"].append({"filename": "x"}),
        "activities[3].attachments[0].data_base64",
    ),
]


@pytest.mark.parametrize("replace", [False, True], ids=["new", "replace"])
@pytest.mark.parametrize(("change", "path"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_broken_package_writes_nothing(book, tmp_path, change, path, replace):
    yearpackages.import_year(book, json.loads(SAMPLE_TEXT))
    if replace:  # the broken package is for a year already there: it must stay untouched
        yearpackages.new_year_from(book, 2022, 2023)
    before = snapshot(book)
    changes = book.db.conn.total_changes
    file = tmp_path / "broken.json"
    file.write_text(json.dumps(broken(change), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        yearpackages.import_year(book, file, replace=replace)
    assert path in [p for p, _, _ in caught.value.problems]
    assert book.db.conn.total_changes == changes
    assert snapshot(book) == before


def test_wrong_format_version_is_refused_before_anything(book, tmp_path):
    file = tmp_path / "new.json"
    data = broken(lambda d: d.update(format_version=4))
    file.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(book)
    with pytest.raises(yp.PackageFileError) as caught:
        yearpackages.import_year(book, file)
    assert caught.value.message == yp.MSG_FILE_TOO_NEW
    with pytest.raises(ValidationError) as caught:
        yearpackages.import_year(book, data)
    assert caught.value.problems == [("format_version", yp.MSG_TOO_NEW, {"found": 4, "known": 3})]
    assert snapshot(book) == before


def test_import_twice_needs_replace(book):
    yearpackages.import_year(book, json.loads(SAMPLE_TEXT))
    before = snapshot(book)
    with pytest.raises(yearpackages.YearExistsError) as caught:
        yearpackages.import_year(book, json.loads(SAMPLE_TEXT))
    assert caught.value.message == yearpackages.MSG_YEAR_EXISTS_REPLACE
    assert caught.value.params == {"year": 2022, "unit": UNIT_NAME}
    assert isinstance(caught.value, ValidationError) and caught.value.problems[0][0] == "year"
    assert snapshot(book) == before
    changed = json.loads(SAMPLE_TEXT)
    changed["activities"][0]["title"] = "改过的标题"
    changed["metrics"] = []
    second = yearpackages.import_year(book, changed, replace=True)
    assert repos.list_years(book.db) == [(second, UNIT_NAME, 2022)]  # (row ids may be reused)
    assert yearpackages.export_year(book, 2022) == yp.dumps(changed)
    assert book.db.execute("SELECT count(*) FROM metric").fetchone() == (0,)
    assert book.db.execute("SELECT count(*) FROM activity").fetchone() == (len(changed["activities"]),)


def test_replace_rolls_back_the_delete_when_the_insert_fails(book, monkeypatch):
    yearpackages.import_year(book, json.loads(SAMPLE_TEXT))
    before = snapshot(book)

    def failing_insert(db, fy, activities=None):
        raise RuntimeError("disk full")

    monkeypatch.setattr(repos, "insert_year", failing_insert)
    with pytest.raises(RuntimeError):
        yearpackages.import_year(book, json.loads(SAMPLE_TEXT), replace=True)
    assert snapshot(book) == before


def test_the_same_year_of_another_unit_is_a_new_year(book):
    yearpackages.import_year(book, json.loads(SAMPLE_TEXT))
    other = json.loads(SAMPLE_TEXT)
    other["unit"]["full_name"] = "广州市白云区工商业联合会"
    yearpackages.import_year(book, other)
    assert len(repos.list_years(book.db)) == 2
    unit_id = repos.find_unit_id(book.db, "广州市白云区工商业联合会")
    assert yearpackages.export_year(book, 2022, unit_id=unit_id) == yp.dumps(other)


def test_export_of_a_missing_year(book):
    with pytest.raises(NotFoundError) as caught:
        yearpackages.export_year(book, 2022)
    assert str(caught.value) == "The year 2022 was not found."


# -- new year -----------------------------------------------------------------------------------


def test_new_year_from_copies_exactly_what_it_says(book):
    yearpackages.import_year(book, json.loads(SAMPLE_TEXT))
    year_id = yearpackages.new_year_from(book, 2022, 2023)
    new = repos.load_year(book.db, year_id)
    old = sample_year()
    assert new.year == 2023 and new.id == year_id
    assert new.unit.id == repos.find_unit_id(book.db, UNIT_NAME)
    assert len(repos.list_years(book.db)) == 2
    # Kept.
    assert (new.score_rule, new.rule_options, new.layout_profile) == (
        old.score_rule,
        old.rule_options,
        old.layout_profile,
    )
    assert (new.goals, new.problems, new.improvements) == (old.goals, old.problems, old.improvements)
    assert [(t.title, t.goal_text, [m.title for m in t.measures]) for t in new.tasks] == [
        (t.title, t.goal_text, [m.title for m in t.measures]) for t in old.tasks
    ]
    assert [(t.name, t.measure_word) for t in new.activity_types] == [
        (t.name, t.measure_word) for t in old.activity_types
    ]
    assert [
        (p.name, p.funding_source, p.implementer, p.is_key, p.expected_goal) for p in new.all_projects()
    ] == [(p.name, p.funding_source, p.implementer, p.is_key, p.expected_goal) for p in old.all_projects()]
    assert [len(p.children) for p in new.projects] == [1, 0]
    # Reset.
    assert all(m.text == "" for t in new.tasks for m in t.measures)
    assert new.texts == {} and new.activities == []
    assert new.budget == {key: BudgetLine(key) for key in old.budget}
    assert (new.budget_income_fen, new.final_income_fen) == (0, 0)
    for p in new.all_projects():
        assert (p.initial_fen, p.adjusted_fen, p.payments, p.actual_result, p.performance_text) == (
            0,
            0,
            [],
            "",
            "",
        )
    assert [(m.name, m.value, m.unit, m.note) for m in new.metrics] == [
        ("会员人数", Decimal(0), "人", ""),
        ("捐款", Decimal(0), "万元", ""),
    ]
    # Indicator definitions kept, results dropped.
    pairs = list(zip(new.indicators, old.indicators, strict=True)) + [
        (n, o)
        for np, op in zip(new.all_projects(), old.all_projects(), strict=True)
        for n, o in zip(np.indicators, op.indicators, strict=True)
    ]
    assert len(pairs) == 4
    for n, o in pairs:
        definition = (
            "level1",
            "level2",
            "level3",
            "kind",
            "target",
            "unit",
            "points",
            "applicable",
            "actual_source",
        )
        assert [getattr(n, f) for f in definition] == [getattr(o, f) for f in definition]
        assert (n.actual, n.score_override, n.override_note, n.qual_band, n.deviation_reason) == (
            None,
            None,
            "",
            None,
            "",
        )
    # The source year is untouched.
    assert yearpackages.export_year(book, 2022) == SAMPLE_TEXT


def test_carry_over_is_pure():
    old = sample_year()
    new = yearpackages.carry_over(old, 2023)
    new.rule_options["x"] = 1
    new.indicators[0].actual_source["x"] = 1
    new.unit.duties.append("x")
    assert yp.package_json(old) == SAMPLE_TEXT
    assert all(t.id is None for t in new.tasks) and new.id is None


def test_new_year_refusals(book):
    with pytest.raises(NotFoundError):
        yearpackages.new_year_from(book, 2022, 2023)
    yearpackages.import_year(book, json.loads(SAMPLE_TEXT))
    yearpackages.new_year_from(book, 2022, 2023)
    before = snapshot(book)
    with pytest.raises(yearpackages.YearExistsError) as caught:
        yearpackages.new_year_from(book, 2022, 2023)
    assert caught.value.params == {"year": 2023, "unit": UNIT_NAME}
    with pytest.raises(ValidationError) as caught:
        yearpackages.new_year_from(book, 2022, 2201)
    assert caught.value.problems == [
        ("year", "Enter a year between {low} and {high}.", {"low": 1990, "high": 2200})
    ]
    assert snapshot(book) == before


def test_export_to_file_streams_the_same_text(book, tmp_path):
    fy = sample_year()
    fy.activities[0].deleted = True  # left out, as by export_year
    with book.atomic():
        repos.insert_year(book.db, fy)
    path = yearpackages.export_year_to_file(book, fy.year, tmp_path / "year.json")
    assert path.read_text(encoding="utf-8") == yearpackages.export_year(book, fy.year)
    assert any(a["attachments"] for a in json.loads(path.read_text(encoding="utf-8"))["activities"])
    assert not any(p.name.startswith(".year.json") for p in tmp_path.iterdir())  # no partial file left


def test_export_to_file_of_a_missing_year_leaves_no_file(book, tmp_path):
    with pytest.raises(NotFoundError):
        yearpackages.export_year_to_file(book, 1999, tmp_path / "none.json")
    assert not any(p.name.startswith((".none.json", "none.json")) for p in tmp_path.iterdir())
