"""Other departments' years print right (tests/data/years): clean check, tables that paginate with
their labels and one header per page, unspread numbers, punctuated lists; planted problems are found."""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from jixiao.core.i18n import Translator
from jixiao.report import pdf_grid as grid_module
from jixiao.report.document import Paragraph
from jixiao.report.fonts import resolve_fonts
from jixiao.services.checks import year_findings
from jixiao.services.reports import build_report, load_fiscal_year, render_report
from jixiao.services.yearpackages import import_year
from jixiao.store.database import open_book
from tests.cli.test_cli_errors import run_cli

YEARS = Path(__file__).resolve().parents[1] / "data" / "years"
NAMES = ["fulian", "zhengxie", "fagai", "shuju"]


@pytest.fixture(scope="module")
def fonts():
    return resolve_fonts(search_dirs=[])  # bundled faces: the same on every machine


def package(name: str) -> dict:
    return json.loads((YEARS / f"{name}.json").read_text(encoding="utf-8"))


def load(tmp_path, data: dict):
    with open_book(tmp_path / "y.sqlite3", create=True) as book:
        import_year(book, data)
        return load_fiscal_year(book, data["year"])


class Drawn:
    """What each table part drew, page by page: (page, header rows, first row's cells as (col, text))."""

    def __init__(self, monkeypatch):
        self.parts: list[tuple[int, int, list[tuple[int, str]], int]] = []
        original = grid_module.Grid.draw

        def draw(grid):
            first = grid.rows[0] if grid.rows else []
            cells = [(c.col, "".join(c.block.glyphs.chars) if c.block is not None else "") for c in first]
            self.parts.append((grid.canv.getPageNumber(), len(grid.header), cells, len(grid.caption)))
            original(grid)

        monkeypatch.setattr(grid_module.Grid, "draw", draw)


def render(fy, fonts, project_tables=True):
    built = build_report(fy, Translator("zh_CN"), project_tables=project_tables)
    return built, render_report(built, deterministic=True, fonts=fonts)


@pytest.mark.parametrize("name", NAMES)
def test_each_year_is_clean_and_prints_right(name, tmp_path, fonts, monkeypatch):
    fy = load(tmp_path, package(name))
    assert [f.translated(lambda m: m) for f in year_findings(fy, fonts)] == []
    drawn = Drawn(monkeypatch)
    built, pdf = render(fy, fonts)
    reader = PdfReader(io.BytesIO(pdf))
    texts = [re.sub(r"\s+", "", page.extract_text()) for page in reader.pages]
    landscape = [i for i, p in enumerate(reader.pages) if p.mediabox.width > p.mediabox.height]
    assert landscape and landscape[0] > 0
    first = texts[landscape[0]]
    assert first.startswith("附件") or "附件部门整体支出绩效自评表" in first

    # one header per page; a part continued from an earlier page starts with its row labels
    headers: dict[int, int] = {}
    for page, header, cells, caption in drawn.parts:
        headers[page] = headers.get(page, 0) + (1 if header else 0)
        if caption or not cells:
            continue
        labels = [text for col, text in cells if col < (3 if header else 1)]
        assert all(labels) and labels, (page, cells)
    assert all(count <= 1 for count in headers.values())
    assert len(drawn.parts) > len(headers) - 1  # parts were seen (the checks above ran)
    # numbers and words are never spread: no digit, gap, digit in the body's text layer
    for page in reader.pages[: landscape[0]]:
        text = page.extract_text()
        assert not re.search(r"\d [\d.%]|[A-Za-z] [a-z]", text), text

    # lists the clerk typed end each item in 。 or ；, the last in 。
    duties = next(p.text for p in built.document.body if isinstance(p, Paragraph) and "主要职责是" in p.text)
    listed = duties.split("：", 1)[1]
    assert re.findall(r"(?<![。；])\d\.", listed[2:]) == [] and listed.endswith("。")
    goals_cell = built.document.attachments[0].rows
    goals = next(row[1].text for row in goals_cell if row[0].text == "年度整体绩效目标")
    lines = goals.split("\n")
    assert all(line.endswith("；") for line in lines[:-1]) and lines[-1].endswith("。")

    # no sentences about zero things; money block and total that a reader can check
    body = "".join(block.text for block in built.document.body)
    assert "二级项目0个" not in body and not re.search(r"(?<![\d.])0(个|场|次|件)", body)
    all_text = "".join(texts)
    assert "总分：" in all_text and "＝" in all_text
    # project tables: their own money label, only for projects with indicators
    projects = [p for p in fy.all_projects() if p.indicators]
    assert all_text.count("项目支出绩效自评表") == len(projects)
    assert all_text.count("年度部门整体支出规模") == 1
    assert all_text.count("项目资金（万元）") == len(projects)


def test_live_figures_are_written_in_the_table(tmp_path, fonts):
    fy = load(tmp_path, package("fulian"))
    built, _pdf = render(fy, fonts, project_tables=False)
    cells = [cell.text for table in built.document.attachments for row in table.rows for cell in row]
    completion = next(text for text in cells if text.startswith("全年开展"))
    assert "{{" not in completion and "主题宣讲24场" in completion


def test_a_long_cell_continues_with_its_labels_on_the_next_page(tmp_path, fonts, monkeypatch):
    data = package("fulian")
    data["indicators"][0]["deviation_reason"] = "受场地影响推迟举办，下一步提前落实场地。" * 60
    fy = load(tmp_path, data)
    drawn = Drawn(monkeypatch)
    render(fy, fonts, project_tables=False)
    marked = [cells for _p, header, cells, caption in drawn.parts if header and not caption]
    assert any(
        [text for col, text in cells if col < 3] == ["产出指标（续）", "数量指标（续）", "主题宣讲场次（续）"]
        for cells in marked
    )


def test_stress_year_department_table_stays_within_twice_the_pages(tmp_path, fonts):
    pages = {}
    for name in ("fulian", "stress-fulian"):
        (tmp_path / name).mkdir()
        fy = load(tmp_path / name, package(name))
        _built, pdf = render(fy, fonts, project_tables=False)
        reader = PdfReader(io.BytesIO(pdf))
        pages[name] = sum(1 for p in reader.pages if p.mediabox.width > p.mediabox.height)
    assert pages["stress-fulian"] <= 2 * pages["fulian"], pages


def plant(data: dict) -> dict:
    data = copy.deepcopy(data)
    data["texts"]["goals_completion"] = ""  # an empty printed cell
    data["tasks"][0]["measures"][0]["text"] += (
        '举办读书会{{{"source": "activities", "types": ["技能培训"], "date_from": "2023-12-31"} | exact}}场。'
    )
    data["problems"][0] += "𠀀"  # a character no bundled font has (CJK Extension B)
    data["budget_income_fen"] = 0  # zero budget
    for item in data["projects"][0]["indicators"]:
        item["applicable"] = False  # all not applicable
    return data


def test_planted_problems_are_each_listed_with_their_locator(tmp_path, fonts):
    fy = load(tmp_path, plant(package("fulian")))
    fy.budget["basic"].initial_fen = -1_000_000  # negative money (import refuses it: planted in memory)
    found = {(f.code, f.where) for f in year_findings(fy, fonts)}
    task = fy.tasks[0]
    expected = {
        ("section_empty", ("text", "goals_completion")),
        ("live_figure_zero", ("measure", task.measures[0].id)),
        ("characters_uncovered", ("problem", 0)),
        ("income_budget_missing", ("budget", "income")),
        ("all_not_applicable", ("project", fy.projects[0].id)),
        ("money_negative", ("budget", "basic")),
    }
    assert expected <= found, expected - found


def test_check_lists_them_and_report_refuses_unless_forced(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(plant(package("fulian")), ensure_ascii=False), encoding="utf-8")
    db = str(tmp_path / "p.sqlite3")
    assert run_cli("import", "--db", db, str(path)).returncode == 0
    check = run_cli("check", "--db", db, lang="zh_CN")
    assert check.returncode == 1
    assert "整体绩效目标完成情况" in check.stdout and "“𠀀”" in check.stdout and "预算收入为0" in check.stdout
    assert "读书会0场" in check.stdout
    out = tmp_path / "r.pdf"
    refused = run_cli("report", "--db", db, "--year", "2023", "--out", str(out), lang="zh_CN")
    assert refused.returncode == 1 and not out.exists()
    assert "未生成报告" in refused.stdout and "预算收入为0" in refused.stdout
    forced = run_cli("report", "--db", db, "--year", "2023", "--out", str(out), "--force")
    assert forced.returncode == 0 and out.read_bytes().startswith(b"%PDF")


def test_score_workbook_refuses_the_same_errors_unless_forced(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(plant(package("fulian")), ensure_ascii=False), encoding="utf-8")
    db = str(tmp_path / "p.sqlite3")
    assert run_cli("import", "--db", db, str(path)).returncode == 0
    out = tmp_path / "t.xlsx"
    refused = run_cli("score", "--db", db, "--year", "2023", "--out", str(out), lang="zh_CN")
    assert refused.returncode == 1 and not out.exists()
    assert "未生成自评表" in refused.stdout and "预算收入为0" in refused.stdout
    forced = run_cli("score", "--db", db, "--year", "2023", "--out", str(out), "--force", lang="zh_CN")
    assert forced.returncode == 0 and out.read_bytes().startswith(b"PK")
    assert "预算收入为0" in forced.stderr  # the errors are still said
