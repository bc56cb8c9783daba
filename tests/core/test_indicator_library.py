"""The shipped framework, indicator library and templates; and that broken library files are refused."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from jixiao.core.figures import validate_figure_spec
from jixiao.core.indicator_library import (
    TEMPLATES,
    LibraryError,
    default_indicator_table,
    default_library,
    framework,
    list_indicators,
    load_library,
    name_initials,
)
from jixiao.core.model import INDICATOR_KINDS, FiscalYear, Unit
from jixiao.core.readiness import check_indicators
from jixiao.core.scoring import ScoreRules, score_indicators
from jixiao.core.unit_kinds import KINDS, all_kinds, get_kind
from jixiao.paths import resources_dir

D = Decimal


def test_framework_is_the_national_skeleton():
    assert [(level.level1, level.points) for level in framework()] == [
        ("产出指标", D(50)),
        ("效益指标", D(30)),
        ("满意度指标", D(10)),
    ]
    assert framework()[0].level2 == ("数量指标", "质量指标", "时效指标", "成本指标")
    assert framework()[1].level2 == ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")


def test_library_has_the_common_indicators():
    entries = list_indicators()
    assert len(entries) >= 25
    names = {e.level3 for e in entries}
    for name in (
        "会员发展数",
        "走访企业数",
        "培训人次",
        "调解涉企案件数",
        "政企沟通座谈会次数",
        "服务对象满意度",
        "预算执行率",
    ):
        assert name in names
    assert any("三公" in name for name in names)
    for entry in entries:
        assert entry.kind in INDICATOR_KINDS and entry.points > 0
        if entry.actual_source is not None:
            validate_figure_spec(entry.actual_source)


def test_kinds_pick_their_own_indicators():
    everything = list_indicators()
    federation = list_indicators("federation")
    women = list_indicators("mass_org")
    assert len(federation) < len(everything) and len(women) < len(everything)
    assert any(e.level3 == "调解涉企案件数" for e in federation)
    assert not any(e.level3 == "调解涉企案件数" for e in women)
    assert not any("企业" in e.level3 or "营商" in e.level3 for e in women)
    assert any(e.level3 == "调解矛盾纠纷件数" for e in women)
    assert all(not e.kinds or "mass_org" in e.kinds for e in women)
    for kind in KINDS:  # every kind has its own indicators beside the common ones
        assert any(kind in e.kinds for e in everything), kind
    assert all(e.level1 == "满意度指标" for e in default_library().entries(level1="满意度指标"))


def test_search_by_name_pinyin_initials_and_levels():
    library = default_library()
    assert [e.level3 for e in library.search("培训人次", kind="federation")] == ["培训人次"]
    assert "培训人次" in [e.level3 for e in library.search("pxrc")]
    assert "培训人次" in [e.level3 for e in library.search("PX RC")]  # case and spaces ignored
    assert library.search("满意度", level1="产出指标") == []
    quality = library.search("", kind="congress", level1="产出指标", level2="质量指标")
    assert quality and all(e.level2 == "质量指标" for e in quality)
    assert library.search("no such thing") == []
    assert name_initials("培训人次") == "pxrc"
    assert len(library.search("")) == len(library.indicators)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_starts_a_year_that_scores_and_counts_its_types(kind):
    unit_kind = get_kind(kind)
    indicators = unit_kind.new_indicators()
    assert sum(i.points for i in indicators) == D(90)
    types = unit_kind.new_activity_types()
    for i, activity_type in enumerate(types, start=1):
        activity_type.id = i
    fy = FiscalYear(2022, Unit("某单位", kind=kind), activity_types=types)
    assert "weights_sum" not in {
        p.code for p in check_indicators(indicators, fy, ScoreRules(), owner=("indicators", "department"))
    }
    counted = [i for i in indicators if i.actual_source and i.actual_source["source"] == "activities"]
    assert counted, kind  # each kind's table counts some of its own activities
    rows = score_indicators(counted, fy, ScoreRules())
    assert all(code != "figure" for row in rows for code, _ in row.issues)
    assert unit_kind.title_placeholder and unit_kind.self_name


def test_only_the_federation_kind_speaks_of_enterprises():
    for key, kind in all_kinds().items():
        words = " ".join([kind.title_placeholder, *(t.name for t in kind.activity_types)])
        if key != "federation":
            assert not any(w in words for w in ("企业家", "商会指导", "走访企业", "政企")), key
    assert get_kind("").key == get_kind("nonsense").key == "administration"


@pytest.mark.parametrize("template", TEMPLATES)
def test_templates_sum_to_90_by_the_framework(template):
    indicators = default_indicator_table(template)
    assert sum(i.points for i in indicators) == D(90)
    for level in framework():
        assert sum(i.points for i in indicators if i.level1 == level.level1) == level.points
        assert {i.level2 for i in indicators if i.level1 == level.level1} <= set(level.level2)
    assert all(i.id is None and i.actual is None for i in indicators)


def test_default_table_passes_the_weights_check():
    fy = FiscalYear(2022, Unit("某局"))
    problems = check_indicators(
        default_indicator_table(), fy, ScoreRules(), owner=("indicators", "department")
    )
    assert "weights_sum" not in {p.code for p in problems}


def test_default_indicators_are_fresh_copies():
    first = get_kind("federation").new_indicators()
    first[1].actual_source["types"].append("别的")
    first[1].points = D(1)
    second = get_kind("federation").new_indicators()
    assert second[1].actual_source == {
        "source": "activities",
        "aggregate": "enterprises",
        "types": ["走访企业"],
    }
    assert second[1].points == D(5)


def test_library_figures_count_the_types_of_some_kind():
    """Every library figure that counts activities counts a type that some unit kind suggests."""
    suggested = {t.name for kind in all_kinds().values() for t in kind.activity_types}
    sources = [e for e in list_indicators() if e.actual_source and e.actual_source["source"] == "activities"]
    assert len(sources) >= 10
    for entry in sources:
        assert set(entry.actual_source["types"]) <= suggested, entry.key


def test_unknown_template():
    with pytest.raises(ValueError):
        default_indicator_table("city")


def shipped() -> dict:
    return json.loads((resources_dir() / "indicator-library.json").read_text(encoding="utf-8"))


def _break_points(d):
    d["templates"]["department"][0]["points"] = "11"


def _break_level2(d):
    d["indicators"][0]["level2"] = "社会效益指标"


def _break_kind(d):
    d["indicators"][0]["kind"] = ">"


def _break_source(d):
    d["indicators"][2]["actual_source"] = {"source": "activities", "typo": 1}


def _break_key(d):
    d["templates"]["project"][0]["key"] = "nothing"


def _duplicate(d):
    d["indicators"].append(dict(d["indicators"][0]))


def _float_points(d):
    d["indicators"][0]["points"] = 5.0


def _framework(d):
    d["framework"][0]["points"] = "60"


def _version(d):
    d["format_version"] = 1


def _kinds(d):
    d["indicators"][0]["kinds"] = "federation"


@pytest.mark.parametrize(
    "breaker",
    [
        _break_points,
        _break_level2,
        _break_kind,
        _break_source,
        _break_key,
        _duplicate,
        _float_points,
        _framework,
        _version,
        _kinds,
    ],
)
def test_broken_library_files_are_refused(tmp_path, breaker):
    data = shipped()
    breaker(data)
    path = tmp_path / "lib.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(LibraryError):
        load_library(path)


def test_unreadable_library_file_is_refused(tmp_path):
    with pytest.raises(LibraryError):
        load_library(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(LibraryError):
        load_library(tmp_path / "bad.json")


def test_shipped_file_round_trips(tmp_path):
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(shipped(), ensure_ascii=False), encoding="utf-8")
    assert load_library(path) == load_library()
