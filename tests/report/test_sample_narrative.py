"""The sample year's narrative: its live figures print the seed's own wording, and follow the records.

The sample (resources/sample/fy2022.json) writes the counts and amounts of its measure texts and task
intro as live figures. Loaded through a real book (figures match saved ids), every narrative text
must render to exactly the seed's text (scripts/build_sample.py lists what stays typed). The expected
texts are cut out of the seed report itself, between the headings and "一是/二是…" leads around them.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from seed_text import SEED, seed_text

from jixiao.core import figures, livefigures
from jixiao.core.model import Activity, FiscalYear
from jixiao.services import activities as activity_service
from jixiao.services import yearpackages
from jixiao.services.sample import load_sample_package
from jixiao.store import repos
from jixiao.store.database import open_book

pytestmark = pytest.mark.skipif(
    not SEED.exists(), reason="the seed report (../shared) is not beside the project"
)

ORDINALS = "一二三四五六七八九十"
VISITS_SPEC = {"source": "activities", "aggregate": "enterprises", "types": ["走访"], "task": 2, "measure": 2}


def clean_seed() -> str:
    """The seed without its PDF-extraction artefacts: hard line breaks, spaces next to digits, and the
    space the PDF put between "推进" and an opening quote (the space inside the quote is the seed's)."""
    joined = seed_text().replace("\n", "")
    joined = re.sub(r"(?<=[0-9]) +| +(?=[0-9])", "", joined)
    return joined.replace("推进 “", "推进“")


def between(text: str, start: int, end_marker: str) -> tuple[str, int]:
    end = text.index(end_marker, start)
    return text[start:end], end


def seed_narratives(fy: FiscalYear) -> dict[tuple, str]:
    """The seed's text of every task intro, measure text and key project performance text of *fy*,
    keyed ("intro", task no.), ("measure", task no., measure no.), ("performance", project name)."""
    seed = clean_seed()
    found: dict[tuple, str] = {}
    # 二（三）: "…项目绩效目标完成情况与效益主要是：<text>" up to the next project or 二（四）.
    section = seed.index("（三）各重点任务项目支出完成情况分析")
    key_projects = [p for p in fy.all_projects() if p.is_key]
    lead = "项目绩效目标完成情况与效益主要是："
    for number, project in enumerate(key_projects, 1):
        start = seed.index(f"{number}.{project.name}", section)
        start = seed.index(lead, start) + len(lead)
        following = (
            f"{number + 1}.{key_projects[number].name}"
            if number < len(key_projects)
            else "（四）主要工作成效"
        )
        found[("performance", project.name)], section = between(seed, start, following)
    # 二（四）: "N.<task title>[。]<intro>一是<measure title>。<text>二是…" up to 三、.
    anchors: list[tuple[tuple, str]] = []
    for t_number, task in enumerate(fy.tasks, 1):
        anchors.append((("intro", t_number), f"{t_number}.{task.title}"))
        for m_number, measure in enumerate(task.measures, 1):
            anchors.append((("measure", t_number, m_number), f"{ORDINALS[m_number - 1]}是{measure.title}。"))
    anchors.append((("end",), "三、存在的主要问题"))
    position = seed.index("（四）主要工作成效")
    starts = []
    for key, marker in anchors:
        position = seed.index(marker, position)
        starts.append((key, position, position + len(marker)))
    for (key, _, text_start), (_, next_start, _) in zip(starts, starts[1:], strict=False):
        text = seed[text_start:next_start]
        found[key] = text.removeprefix("。") if key[0] == "intro" else text
    return found


def narrative_texts(fy: FiscalYear) -> dict[tuple, str]:
    """The same keys, with the texts as the sample stores them (live figures unrendered)."""
    texts: dict[tuple, str] = {}
    for t_number, task in enumerate(fy.tasks, 1):
        texts[("intro", t_number)] = task.intro
        for m_number, measure in enumerate(task.measures, 1):
            texts[("measure", t_number, m_number)] = measure.text
    for project in fy.all_projects():
        if project.is_key:
            texts[("performance", project.name)] = project.performance_text
    return texts


def live_count(text: str) -> int:
    return sum(isinstance(part, livefigures.LiveFigure) for part in livefigures.parse(text))


@pytest.fixture(scope="module")
def sample_fy(tmp_path_factory) -> FiscalYear:
    path = tmp_path_factory.mktemp("narrative") / "s.sqlite3"
    with open_book(path, create=True) as book:
        year_id = yearpackages.import_year(book, load_sample_package())
        return repos.load_year(book.db, year_id)


@pytest.fixture
def book_and_year(tmp_path):
    with open_book(tmp_path / "s.sqlite3", create=True) as book:
        yield book, yearpackages.import_year(book, load_sample_package())


def test_the_seed_is_cut_into_every_narrative(sample_fy):
    expected = seed_narratives(sample_fy)
    assert set(expected) == set(narrative_texts(sample_fy))
    assert len(expected) == 6 + 23 + 2  # task intros, measures, key projects
    assert expected[("intro", 5)] == (
        "2022年，单独或联合其他部门深入调研520余家非公企业，截至目前，全区已建立非公企业党组织468个。"
    )
    assert [expected[("intro", n)] for n in (1, 2, 3, 4, 6)] == [""] * 5
    assert expected[("measure", 2, 2)].startswith(
        "深化“大学习、深调研、真落实”活动，全年累计走访200多家民营企业"
    )
    assert expected[("measure", 6, 4)] == "截至2022年12月，区工商联会员人数3782人，实现稳步增长。"
    assert expected[("performance", "党务宣传、党员素质教育培训费")].endswith(
        "以优异成绩迎接党的二十大胜利召开。"
    )


@pytest.mark.parametrize(
    "key",
    [("intro", n) for n in range(1, 7)]
    + [("measure", t, m) for t, count in enumerate([4, 4, 3, 4, 4, 4], 1) for m in range(1, count + 1)]
    + [
        ("performance", "“鲲鹏计划”——花都区培育扶持高新企业创新工作"),
        ("performance", "党务宣传、党员素质教育培训费"),
    ],
    ids=str,
)
def test_each_narrative_renders_to_the_seeds_text(sample_fy, key):
    stored = narrative_texts(sample_fy)[key]
    rendered, problems = livefigures.render(stored, sample_fy)
    assert problems == [] and livefigures.UNRESOLVED not in rendered
    assert rendered == seed_narratives(sample_fy)[key]


def test_the_narrative_is_made_of_live_figures(sample_fy):
    texts = narrative_texts(sample_fy)
    counts = {key: live_count(text) for key, text in texts.items()}
    assert sum(counts.values()) >= 40
    assert counts[("intro", 5)] == 2 and counts[("measure", 2, 2)] == 7 and counts[("measure", 4, 1)] == 6
    assert livefigures.narrative_problems(sample_fy) == []
    # Every narrative with a live figure is one checked above.
    assert {text for _, text in livefigures.narratives(sample_fy)} <= set(texts.values())
    # What stays typed (see scripts/build_sample.py): dates, names, ordinals, and "140多万件".
    plain = livefigures.parse(texts[("measure", 4, 1)])[0]
    assert isinstance(plain, str) and plain.endswith("捐赠防控物资140多万件、款项")


def visits_wording(book, year_id: int) -> tuple[str, str, int]:
    """How measure 2.2 and task 5's intro write their visits now, and the 2.2 visits counted."""
    fy = repos.load_year(book.db, year_id)
    measure, _ = livefigures.render(fy.tasks[1].measures[1].text, fy)
    intro, _ = livefigures.render(fy.tasks[4].intro, fy)
    visits = re.search(r"全年累计走访(.+?)家民营企业", measure).group(1)
    surveyed = re.search(r"深入调研(.+?)家非公企业", intro).group(1)
    return visits, surveyed, int(figures.compute_figure(VISITS_SPEC, fy))


def record_visits(book, year_id: int, task: int, measure: int | None, *enterprises: int) -> list[int]:
    fy = repos.load_year(book.db, year_id)
    type_id = next(t.id for t in fy.activity_types if t.name == "走访")
    owner = fy.tasks[task - 1]
    ids = []
    for n in enterprises:
        activity = Activity(
            dt.date(2022, 12, 28),
            type_id,
            f"走访调研新增企业（{n}家）",
            task_id=owner.id,
            measure_id=None if measure is None else owner.measures[measure - 1].id,
            enterprises=n,
        )
        ids.append(activity_service.add_activity(book, year_id, activity))
    return ids


def test_the_visits_figure_follows_the_records(book_and_year):
    book, year_id = book_and_year
    assert visits_wording(book, year_id) == ("200多", "520余", 213)
    record_visits(book, year_id, 2, 2, 1, 1, 1, 1, 1)
    assert visits_wording(book, year_id) == ("200多", "520余", 218)
    record_visits(book, year_id, 2, 2, 90)
    assert visits_wording(book, year_id) == ("300多", "520余", 308)
    record_visits(book, year_id, 5, None, 10)  # task 5's survey visits are counted apart
    assert visits_wording(book, year_id) == ("300多", "530余", 308)
    fy = repos.load_year(book.db, year_id)
    measure_id = fy.tasks[1].measures[1].id
    type_id = next(t.id for t in fy.activity_types if t.name == "走访")
    visits = [a for a in fy.activities if a.measure_id == measure_id and a.type_id == type_id]
    total = sum(a.enterprises for a in visits)
    for activity in sorted(visits, key=lambda a: -a.enterprises):
        if total < 200:
            break
        activity_service.delete_activity(book, activity.id)
        total -= activity.enterprises
    wording = visits_wording(book, year_id)
    assert wording == ("100多", "530余", total) and 100 <= total < 200
