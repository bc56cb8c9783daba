"""The sample year (resources/sample/fy2022.json) reproduces the seed report's FY2022.

The file is built by scripts/build_sample.py. Most checks read it as plain JSON: every figure the seed
states must come out of the records (activities filtered by type / task / measure / date, metrics),
the money must add up, the texts must be the seed's (live figures standing for numbers), and every
indicator's actual must come from the records. The last tests cross-check with jixiao.core (package
validation, export round trip, scoring, figure specs). tests/report/test_sample_narrative.py renders
the narrative's live figures through a real book.
"""

from __future__ import annotations

import importlib.util
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "fy2022.json"
BUILDER = ROOT / "scripts" / "build_sample.py"
SEED = ROOT.parent / "shared" / "seed" / "000_d8175bff132402d7.txt"
WAN = Decimal(1_000_000)
EPIDEMIC_FROM = "2022-10-12"  # the "1012" epidemic figures count the 4.1 records from this day


def load_builder():
    """scripts/build_sample.py as a module (it is not a package)."""
    spec = importlib.util.spec_from_file_location("build_sample", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = load_builder()
INDICATOR_SPECS = BUILD.INDICATOR_SPECS  # level3 → the spec that computes the indicator's actual
TOKEN = re.compile(r"\{\{(\{[^{}]*\})\s*\|\s*([a-z0-9:余多-]+)\}\}")  # a live figure (flat specs only)


@pytest.fixture(scope="module")
def text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def pkg(text: str) -> dict:
    return json.loads(text)


def q2(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def figure(pkg: dict, spec: dict) -> Decimal:
    """A plain-Python reading of the figure specs used below (docs/figures.md)."""
    if spec["source"] == "metric":
        return Decimal(next(m["value"] for m in pkg["metrics"] if m["name"] == spec["name"]))
    if spec["source"] == "budget":
        line = pkg["budget"][spec["line"]]
        return Decimal(line[spec["field"].replace("_wan", "_fen")]) / WAN
    if spec["source"] == "project":
        assert spec["field"] == "executed_wan"
        found = [c for p in pkg["projects"] for c in [p, *p["children"]] if c["name"] == spec["name"]]
        assert len(found) == 1, spec["name"]
        return Decimal(executed(found[0])) / WAN
    assert spec["source"] == "activities"
    known_types = {t["name"] for t in pkg["activity_types"]}
    for name in spec.get("types", []):
        assert name in known_types, name
    found = [
        a
        for a in pkg["activities"]
        if ("types" not in spec or a["type"] in spec["types"])
        and ("task" not in spec or a["task"] == spec["task"])
        and ("measure" not in spec or a["measure"] == spec["measure"])
        and ("date_from" not in spec or a["date"] >= spec["date_from"])
        and ("date_to" not in spec or a["date"] <= spec["date_to"])
    ]
    aggregate = spec.get("aggregate", "count")
    if aggregate == "count":
        return Decimal(len(found))
    if aggregate == "amount_wan":
        return Decimal(sum(a["amount_fen"] for a in found)) / WAN
    return Decimal(sum(a[aggregate] for a in found))


def acts(
    aggregate: str, types: list[str], task: int | None = None, measure: int | None = None, **more
) -> dict:
    spec: dict = {"source": "activities", "aggregate": aggregate, "types": types}
    if task is not None:
        spec["task"] = task
    if measure is not None:
        spec["measure"] = measure
    spec.update(more)
    return spec


def metric(name: str) -> dict:
    return {"source": "metric", "name": name}


# Every figure the seed states, as (seed wording, spec, value recorded in the sample).
SEED_FIGURES = [
    ("举办宣讲会、党史学习教育3场", acts("sessions", ["宣讲会", "党史学习教育"], 1, 1), "3"),
    ("组织召开政企沟通座谈会3场", acts("sessions", ["座谈会"], 1, 2), "3"),
    ("红联共建主题活动2场", acts("sessions", ["共建活动"], 1, 3), "2"),
    ("困难企业、困难员工问活动2场", acts("sessions", ["慰问"], 1, 3), "2"),
    ("投稿60多篇", acts("items", ["投稿"], 1, 3), "63"),
    ("投稿60多篇 (one record per article)", acts("count", ["投稿"], 1, 3), "63"),
    ("走访200多家民营企业", acts("enterprises", ["走访"], 2, 2), "213"),
    ("为8家企业开展两化融合体系认证", acts("enterprises", ["两化融合体系认证"], 2, 2), "8"),
    ("为2家企业辅导专精特新申报", acts("enterprises", ["专精特新申报辅导"], 2, 2), "2"),
    ("为8家企业对接国资基金资源", acts("enterprises", ["国资基金资源对接"], 2, 2), "8"),
    ("为3家企业定制高质量的媒体深度宣传", acts("enterprises", ["媒体深度宣传"], 2, 2), "3"),
    ("为1家企业推进光伏用电厂房改造", acts("enterprises", ["光伏厂房改造"], 2, 2), "1"),
    ("开展5期区工商联执委会轮值活动", acts("sessions", ["执委会轮值"], 2, 2), "5"),
    ("2022年1月组织举办了开班仪式", acts("count", ["会议"], 2, 3, date_to="2022-01-31"), "1"),
    ("4次政策宣讲", acts("sessions", ["政策宣讲"], 2, 3), "4"),
    ("16天能力提升课程培训", acts("sessions", ["能力提升课程"], 2, 3), "16"),
    ("6次企业对接帮扶活动", acts("sessions", ["对接帮扶"], 2, 3), "6"),
    ("6场主题沙龙", acts("sessions", ["沙龙"], 2, 3), "6"),
    ("7次企业省内外参访活动", acts("sessions", ["参访"], 2, 3), "7"),
    ("1场参展活动", acts("sessions", ["参展"], 2, 3), "1"),
    ("动员99名企业员工参加…线上培训", acts("participants", ["培训"], 2, 4), "99"),
    ("积极发动近100多家…办…理想信念教育培训班", acts("enterprises", ["培训"], 1, 1), "103"),
    ("普法等活动10余场", acts("sessions", ["普法活动"], 3, 1), "12"),
    ("民营经济人士600多人次参与学习活动", acts("participants", ["普法活动"], 3, 1), "637"),
    ("开展2场宣传活动", acts("sessions", ["宣传活动"], 3, 2), "2"),
    ("累计调解涉企案件30多件", acts("items", ["调解"], 3, 2), "33"),
    ("调解驿站已成功调解2起涉企案件", acts("items", ["调解"], 3, 3), "2"),
    ("捐赠防控物资140多万件", acts("items", ["捐物"], 4, 1), "1426350"),
    ("款项2300多万元", acts("amount_wan", ["捐款"], 4, 1), "2336.85"),
    (
        "“1012”：700多家…参与疫情捐赠",
        acts("enterprises", ["捐款", "捐物"], 4, 1, date_from=EPIDEMIC_FROM),
        "726",
    ),
    ("“1012”：募集捐款1180多万元", acts("amount_wan", ["捐款"], 4, 1, date_from=EPIDEMIC_FROM), "1184.63"),
    ("“1012”：捐赠物资价值500多万元", acts("amount_wan", ["捐物"], 4, 1, date_from=EPIDEMIC_FROM), "513.68"),
    ("机关干部职工100多人次参与支援", acts("participants", ["抗疫支援"], 4, 1), "108"),
    ("突击队企业员工代表600多人次", acts("participants", ["志愿服务"], 4, 1), "632"),
    ("发动14家爱心企业", acts("enterprises", ["捐款"], 4, 3), "14"),
    ("募集资金35万元助力东西部协作", acts("amount_wan", ["捐款"], 4, 3), "35"),
    ("为伤病军人捐款10万元", acts("amount_wan", ["慰问"], 4, 3), "10"),
    ("推荐6名年轻企业家", acts("participants", ["推荐"], 4, 4), "6"),
    ("推荐6名年轻企业家 (one record each)", acts("sessions", ["推荐"], 4, 4), "6"),
    ("深入调研520余家非公企业", acts("enterprises", ["走访"], 5), "523"),
    ("党组织活动共75场", acts("sessions", ["党建活动"], 5, 1), "75"),
    ("参加学习1024人次", acts("participants", ["党建活动"], 5, 1), "1024"),
    (
        "2022年8月12日举办一期新任党支部书记履职培训班",
        acts("sessions", ["培训"], 5, 1, date_from="2022-08-12", date_to="2022-08-12"),
        "1",
    ),
    ("开展共建活动34次", acts("sessions", ["共建活动"], 5, 3), "34"),
    ("区工商联会员人数3782人", metric("会员人数"), "3782"),
    ("全区已建立非公企业党组织468个", metric("非公企业党组织"), "468"),
    ("目前共建小组29个", metric("红联共建小组"), "29"),
    ("聘请了16家顾问单位", metric("顾问单位"), "16"),
    ("6个…“双强六好”先进党组织", metric("“双强六好”先进党组织"), "6"),
    ("6名同志获评…党务工作标兵", metric("党务工作标兵"), "6"),
    ("7名同志所在的岗位获评…党务先锋示范岗", metric("党务先锋示范岗"), "7"),
]


# -- the file -------------------------------------------------------------------------------------


def test_file_is_what_the_builder_writes(text):
    assert BUILD.dumps(BUILD.build()) == text
    assert text.endswith("}\n") and "\r" not in text


def test_header_and_unit(pkg):
    assert list(pkg) == [
        "format", "format_version", "illustrative_note", "unit", "year", "score_rule", "rule_options",
        "layout_profile", "budget_income_fen", "final_income_fen", "budget", "texts", "goals", "problems",
        "improvements", "tasks", "activity_types", "activities", "projects", "indicators", "metrics",
    ]  # fmt: skip
    assert (pkg["format"], pkg["format_version"], pkg["year"]) == ("jixiao-year-package", 2, 2022)
    assert (pkg["score_rule"], pkg["layout_profile"], pkg["rule_options"]) == ("rate_as_score", "gbt9704", {})
    assert "虚构" in pkg["illustrative_note"] and "invented" in pkg["illustrative_note"]
    unit = pkg["unit"]
    assert (unit["full_name"], unit["short_name"], unit["self_name"]) == (
        "广州市花都区工商业联合会",
        "区工商联",
        "我会",
    )
    assert unit["departments"] == ["会员服务科"]
    assert len(unit["duties"]) == 8
    for duty in unit["duties"]:
        assert duty.endswith("。") and not re.match(r"[0-9]", duty)
    assert unit["duties"][5] == "指导镇街商会和行业商会开展工作。"


def test_no_floats_anywhere(text):
    def walk(value):
        assert not isinstance(value, float), value
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(text))


# -- money ----------------------------------------------------------------------------------------


def test_budget_lines_add_up(pkg):
    budget = pkg["budget"]
    assert pkg["budget_income_fen"] == budget["total"]["adjusted_fen"] == 628_470_000
    assert pkg["final_income_fen"] == budget["total"]["executed_fen"] == 616_040_000
    assert budget["project"]["adjusted_fen"] == 118_730_000
    for field in ("initial_fen", "adjusted_fen", "executed_fen"):
        line = {key: value[field] for key, value in budget.items()}
        assert line["total"] == line["fiscal"] + line["other"], field
        assert (
            line["fiscal"] == line["fiscal_general"] + line["fiscal_fund"] + line["fiscal_state_capital"]
        ), field
        assert line["total"] == line["basic"] + line["project"], field
        for key, value in line.items():
            assert value >= 0, (key, field)
    for key, value in budget.items():
        assert value["executed_fen"] <= value["adjusted_fen"], key


def test_execution_rate_and_scores(pkg):
    total = pkg["budget"]["total"]
    rate = Decimal(total["executed_fen"]) / Decimal(total["adjusted_fen"]) * 100
    assert q2(rate) == Decimal("98.02")  # rate_as_score: 自评得分为98.02分
    points = sum(Decimal(i["points"]) for i in pkg["indicators"])
    assert q2(min(rate, Decimal(100)) / 10) + points == Decimal("99.80")  # the standard rule, all met


def executed(project: dict) -> int:
    return sum(p["amount_fen"] for p in project["payments"]) + sum(
        executed(c) for c in project.get("children", [])
    )


def test_projects_4_first_level_12_second_level_118_73(pkg):
    projects = pkg["projects"]
    children = [c for p in projects for c in p["children"]]
    assert (len(projects), len(children)) == (4, 12)
    assert all("children" not in c for c in children)
    assert sum(c["adjusted_fen"] for c in children) == 118_730_000 == pkg["budget"]["project"]["adjusted_fen"]
    assert sum(c["initial_fen"] for c in children) == pkg["budget"]["project"]["initial_fen"]
    assert sum(executed(p) for p in projects) == pkg["budget"]["project"]["executed_fen"]
    for project in projects + children:
        assert project["funding_source"] == "fiscal_general"
        assert project["expected_goal"] and project["actual_result"]
        for payment in project["payments"]:
            assert payment["date"].startswith("2022-") and payment["amount_fen"] > 0
    for project in projects:  # 一级: money only in the children
        assert (project["adjusted_fen"], project["initial_fen"], project["payments"]) == (0, 0, [])
    for child in children:
        assert 0 < executed(child) <= child["adjusted_fen"], child["name"]
    names = [c["name"] for c in children]
    assert len(set(names)) == 12


def test_key_projects(pkg):
    children = [c for p in pkg["projects"] for c in p["children"]]
    key = [c for c in children if c["is_key"]]
    assert [c["name"] for c in key] == [
        "“鲲鹏计划”——花都区培育扶持高新企业创新工作",
        "党务宣传、党员素质教育培训费",
    ]
    kunpeng, party = key
    assert kunpeng["adjusted_fen"] == executed(kunpeng) == 79_880_000
    assert party["adjusted_fen"] == executed(party) == 800_000
    assert kunpeng["performance_text"].startswith("“鲲鹏计划”为期一年，")
    assert kunpeng["performance_text"].endswith("对鲲鹏计划企业展开全面服务工作。")
    assert party["performance_text"].startswith(
        "2022年8月12日，举办一期非公有制企业党组织新任党支部书记履职培训班"
    )
    assert party["performance_text"].endswith("以优异成绩迎接党的二十大胜利召开。")
    for project in key:
        assert 3 <= len(project["indicators"]) <= 6
        assert sum(Decimal(i["points"]) for i in project["indicators"]) == 90
    for project in children:
        if not project["is_key"]:
            assert project["performance_text"] == ""


# -- texts ----------------------------------------------------------------------------------------


def test_tasks_goals_problems(pkg):
    titles = [t["title"] for t in pkg["tasks"]]
    assert titles == [
        "加强思想政治引导，做好新时代民营经济统战工作",
        "始终立足“两个健康”发展，助力企业实现高质量发展",
        "深化企业法律服务工作，依法保护民营企业与民营企业家合法权益",
        "大力弘扬企业家精神，凝聚同心共筑中国梦的磅礴力量",
        "进一步创新非公党建工作，推动非公党建工作出新出彩",
        "加强商（协）会联系、指导与服务，夯实基层服务力量",
    ]
    assert [len(t["measures"]) for t in pkg["tasks"]] == [4, 4, 3, 4, 4, 4]
    assert pkg["tasks"][0]["measures"][0]["title"] == "组织理论学习"
    assert pkg["tasks"][0]["measures"][0]["text"].startswith("围绕党的十九届六中全会")
    assert pkg["tasks"][0]["measures"][0]["text"].endswith("部分企业家认真撰写了心得体会。")
    # Task 5's lead-in paragraph is its intro; the other tasks have none.
    assert [bool(t["intro"]) for t in pkg["tasks"]] == [False, False, False, False, True, False]
    assert pkg["tasks"][4]["intro"].startswith("2022年，单独或联合其他部门深入调研{{")
    assert pkg["tasks"][4]["measures"][0]["text"].startswith("积极谋划“新时代基层干部主题培训行动计划”")
    for task in pkg["tasks"]:
        assert not task["title"].endswith(("。", "；"))
        assert task["goal_text"] == "" and list(task) == ["title", "goal_text", "intro", "measures"]
        for measure in task["measures"]:
            assert not measure["title"].endswith("。") and measure["text"].endswith("。")
            assert not re.search("[一二三四]是", measure["text"][:2])
    goals = pkg["goals"]
    assert len(goals) == 6
    assert goals[0] == titles[0] and goals[2:4] == titles[2:4] and goals[4] == titles[5]
    assert goals[1] == "立足“两个健康”发展，助力企业实现高质量发展"
    assert goals[5] == "深化拓展红联共建机制，扎实推进党建链引领产业链供应链创新链发展行动"
    assert pkg["problems"] == ["因疫情影响，启动时间滞后，项目执行进度受到一定影响。", "项目预算不够精准。"]
    assert pkg["improvements"] == [
        "加强项目前期调研，细化支出预算。",
        "提前筹划准备，并做好应急预案，加强项目进度管理。",
    ]
    texts = pkg["texts"]
    assert texts["work_overview"].endswith("不断助力民营企业实现高质量发展。")
    assert texts["evaluation_summary"].endswith("取得了监督、控制、管理的效果。")
    assert texts["performance_management"].startswith("我会按要求对所有财政资金安排的项目进行了绩效评价。")


def clean_seed(raw: str) -> str:
    """The seed without its PDF-extraction artefacts (line breaks, spaces around digits)."""
    joined = raw.replace("\n", "")
    joined = re.sub(r"(?<=[0-9]) +| +(?=[0-9])", "", joined)
    return joined.replace("推进 “", "推进“")


def seed_pattern(text: str) -> str:
    """A regex for *text* as the seed prints it: each live figure stands for a number ("3", "200多")."""
    parts, position = [], 0
    for token in TOKEN.finditer(text):
        parts += [re.escape(text[position : token.start()]), r"[0-9]+(?:\.[0-9]+)?[多余]?"]
        position = token.end()
    return "".join([*parts, re.escape(text[position:])])


def test_seed_pattern_reads_live_figures():
    token = BUILD.live(acts("sessions", ["宣讲会"], 1, 1), "approx:10:余")
    assert TOKEN.fullmatch(token) and "{{" not in seed_pattern("举办" + token + "场")
    assert re.fullmatch(seed_pattern("举办" + token + "场"), "举办10余场")
    assert not re.fullmatch(seed_pattern("举办" + token + "场"), "举办十余场")


@pytest.mark.skipif(not SEED.exists(), reason="the seed report (../shared) is not beside the project")
def test_texts_are_the_seeds(pkg):
    seed = clean_seed(SEED.read_text(encoding="utf-8"))
    pieces = list(pkg["unit"]["duties"]) + list(
        pkg["texts"][k] for k in ("work_overview", "performance_management", "evaluation_summary")
    )
    pieces += pkg["goals"] + pkg["problems"] + pkg["improvements"]
    patterns = []
    for n, task in enumerate(pkg["tasks"], 1):
        pieces.append(task["title"])
        if task["intro"]:
            patterns.append(re.escape(f"{n}.{task['title']}。") + seed_pattern(task["intro"]) + "一是")
        for measure in task["measures"]:
            patterns.append(re.escape(measure["title"] + "。") + seed_pattern(measure["text"]))
    for project in pkg["projects"]:
        for child in project["children"]:
            if child["is_key"]:
                pieces.append("项目绩效目标完成情况与效益主要是：" + child["performance_text"])
    for piece in pieces:
        assert "{{" not in piece and piece in seed, piece
    for pattern in patterns:
        assert re.search(pattern, seed), pattern
    duties = "".join(f"{n}.{d}" for n, d in enumerate(pkg["unit"]["duties"], 1))
    assert "主要职责是：" + duties + "2.部门机构设置。" in seed


# -- activities -----------------------------------------------------------------------------------


def test_activities_are_well_formed(pkg):
    activities = pkg["activities"]
    assert 300 <= len(activities) <= 600
    types = {t["name"]: t["measure_word"] for t in pkg["activity_types"]}
    assert len(types) == len(pkg["activity_types"])
    assert (
        types["宣讲会"] == "场" and types["走访"] == "家" and types["培训"] == "期" and types["调解"] == "件"
    )
    used = set()
    for a in activities:
        assert a["date"].startswith("2022-") and a["title"].strip()
        assert a["type"] in types
        used.add(a["type"])
        if a["measure"] is not None:
            assert a["task"] is not None
            assert 1 <= a["measure"] <= len(pkg["tasks"][a["task"] - 1]["measures"])
        if a["task"] is not None:
            assert 1 <= a["task"] <= len(pkg["tasks"])
        for field in ("sessions", "participants", "enterprises", "items", "amount_fen"):
            assert isinstance(a[field], int) and a[field] >= 0
        assert a["items"] <= 100_000 and a["participants"] <= 100_000  # no "unusually large" warnings
    assert used == set(types), "every activity type is used"
    dates = [a["date"] for a in activities]
    assert dates == sorted(dates)
    assert any(a["attachments"] for a in activities)
    training = [a for a in activities if a["date"] == "2022-08-12" and a["type"] == "培训"]
    assert [a["title"] for a in training] == ["非公有制企业党组织新任党支部书记履职培训班"]
    # every task and every measure has records behind it (measure 5.4 and 6.4 are metrics only)
    filed = {(a["task"], a["measure"]) for a in activities}
    for t, task in enumerate(pkg["tasks"], 1):
        for m in range(1, len(task["measures"]) + 1):
            assert (t, m) in filed or (t, m) in {(5, 4), (6, 4)}, (t, m)


def test_epidemic_records_are_in_the_1012_period(pkg):
    for a in pkg["activities"]:
        if a["task"] == 4 and a["measure"] == 1 and a["type"] in ("抗疫支援", "志愿服务"):
            assert a["date"] >= EPIDEMIC_FROM
        if (
            a["task"] == 4
            and a["measure"] == 1
            and a["date"] >= EPIDEMIC_FROM
            and a["type"] in ("捐款", "捐物")
        ):
            assert "1012" in a["notes"]


@pytest.mark.parametrize(("wording", "spec", "expected"), SEED_FIGURES, ids=[w for w, _, _ in SEED_FIGURES])
def test_seed_figures_come_from_the_records(pkg, wording, spec, expected):
    assert figure(pkg, spec) == Decimal(expected)


# -- indicators -----------------------------------------------------------------------------------


def test_indicator_table(pkg):
    indicators = pkg["indicators"]
    points: dict[str, Decimal] = {}
    for i in indicators:
        points[i["level1"]] = points.get(i["level1"], Decimal(0)) + Decimal(i["points"])
    assert points == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    level2 = {i["level2"] for i in indicators if i["level1"] == "产出指标"}
    assert level2 == {"数量指标", "质量指标", "时效指标", "成本指标"}
    assert [i["level3"] for i in indicators] == list(INDICATOR_SPECS)
    for i in indicators:
        assert i["kind"] in (">=", "<=") and i["applicable"]
        assert i["score_override"] is None and i["qual_band"] is None


def met_not_beaten(indicator: dict, actual: Decimal) -> bool:
    """The actual meets the target and does not beat it by 30% (no deviation reason needed)."""
    target = Decimal(indicator["target"])
    if indicator["kind"] == ">=":
        return target <= actual < target * Decimal("1.3")
    assert indicator["kind"] == "<="
    return target * Decimal("0.7") < actual <= target


@pytest.mark.parametrize("level3", list(INDICATOR_SPECS))
def test_indicator_actuals_come_from_the_records(pkg, level3):
    indicator = next(i for i in pkg["indicators"] if i["level3"] == level3)
    assert indicator["actual"] is None  # nothing typed: the figure is the actual
    assert indicator["actual_source"] == INDICATOR_SPECS[level3]
    assert met_not_beaten(indicator, figure(pkg, indicator["actual_source"])), level3


def test_key_project_indicators_come_from_the_records(pkg):
    key = [c for p in pkg["projects"] for c in p["children"] if c["is_key"]]
    sources = []
    for project in key:
        for indicator in project["indicators"]:
            if indicator["kind"] == "qual":
                assert indicator["actual_source"] is None and indicator["actual"]
                assert indicator["qual_band"] == "achieved"
            else:
                assert indicator["actual"] is None and indicator["actual_source"] is not None
                assert met_not_beaten(indicator, figure(pkg, indicator["actual_source"])), indicator["level3"]
                sources.append(indicator["actual_source"]["source"])
    assert sorted(set(sources)) == ["activities", "metric", "project"] and len(sources) == 9


# -- cross-checks with jixiao.core ----------------------------------------------------------------


def test_package_validates_and_round_trips(pkg, text):
    from jixiao.core import yearpackage

    assert yearpackage.validate_package(pkg) == []
    fy = yearpackage.from_package(pkg)
    assert yearpackage.package_json(fy, illustrative_note=pkg["illustrative_note"]) == text


def test_scores_with_jixiao_scoring(pkg):
    from jixiao.core import scoring, yearpackage

    fy = yearpackage.from_package(pkg)
    assert scoring.score_year(fy).total == Decimal("98.02")
    rows = scoring.score_year(fy).indicator_rows
    assert all(row.actual_from_records and not row.issues for row in rows)
    assert {row.level3: row.actual_text for row in rows}["走访民营企业数"] == "213"
    assert {row.level3: row.actual_text for row in rows}["“1012”疫情期间募集捐款"] == "1184.63"
    assert scoring.score_year(fy, scoring.ScoreRules.parse("standard")).total == Decimal("99.80")
    table = scoring.score_year(fy, scoring.ScoreRules.parse("standard", {"beaten_penalty": True}))
    assert table.total == Decimal("99.80")
    assert not any(row.deviation_reason_required for row in table.indicator_rows)
    for project in fy.all_projects():
        if project.is_key:
            table = scoring.score_project(project, fy)
            assert table.total == Decimal("100.00")
            assert [row.actual_from_records for row in table.indicator_rows] == [
                i.kind != "qual" for i in project.indicators
            ]


def test_figures_with_jixiao_figures(pkg):
    from jixiao.core import figures, yearpackage

    fy = yearpackage.from_package(pkg)
    for wording, spec, expected in SEED_FIGURES:
        assert figures.compute_figure(spec, fy) == Decimal(expected), wording
    for project in [pkg, *(c for p in pkg["projects"] for c in p["children"])]:
        for indicator in project["indicators"]:
            if indicator["actual_source"] is not None:
                spec = indicator["actual_source"]
                assert figures.compute_figure(spec, fy) == figure(pkg, spec), indicator["level3"]
