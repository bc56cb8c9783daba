"""Report outlines as data: the format, numbering, conditional wording, and assembly driven by it."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from yeardata import sample_year

from jixiao.core.i18n import Translator
from jixiao.core.outline import (
    OutlineError,
    Variant,
    chinese_ordinal,
    get_outline,
    number,
    parse_outline,
    roman,
    shipped_outlines,
)
from jixiao.report.build_document import ReportFacts, assemble_report
from jixiao.report.document import Heading
from jixiao.services.reports import build_report

ZH = Translator("zh_CN")


def headings(document) -> list[str]:
    return [block.text for block in document.body if isinstance(block, Heading)]


def test_numbering_styles():
    assert [number(s, 3, "zh_CN") for s in ("cn-dun", "cn-paren", "num-dot", "num-paren", "num-dun")] == [
        "三、",
        "（三）",
        "3.",
        "（3）",
        "3、",
    ]
    assert number("cn-dun", 4, "en") == "IV. "
    assert chinese_ordinal(21) == "二十一" and roman(14) == "XIV"


def test_every_shipped_outline_round_trips_through_its_json():
    for key, outline in shipped_outlines().items():
        assert parse_outline(outline.to_json()) == outline, key


@pytest.mark.parametrize(
    ("change", "detail"),
    [
        ({"format": "x"}, "format"),
        ({"kind": "letter"}, "kind"),
        ({"numbering": ["roman"]}, "numbering"),
        ({"sections": [{"heading": "甲", "block": "weather"}]}, "weather"),
        ({"sections": [{"heading": "甲", "colour": "red"}]}, "colour"),
        ({"sections": [{"heading": "甲", "block": "text"}]}, "text_key"),
        ({"wording": {"goals": [{"when": {"mood": "good"}, "text": "x"}]}}, "conditions"),
        ({"wording": {"goals": [{"when": {"grade": ["best"]}, "text": "x"}]}}, "grade"),
        ({"numbering": ["cn-dun"], "sections": [{"heading": "甲", "sections": [{"heading": "乙"}]}]}, "nest"),
    ],
)
def test_a_bad_outline_is_refused_naming_the_fault(change, detail):
    data = get_outline("guangzhou-2022").to_json()
    data.update(change)
    with pytest.raises(OutlineError, match=detail):
        parse_outline(data)


def test_variants_pick_by_grade_rate_band_and_missed_targets():
    good = Variant("a", {"rate_min": "0.9", "missed": False})
    poor = Variant("b", {"rate_below": "0.4", "grade": ["poor"]})
    assert good.applies({"rate": Decimal("0.95"), "missed": False})
    assert not good.applies({"rate": Decimal("0.95"), "missed": True})
    assert not good.applies({"rate": None, "missed": False})
    assert poor.applies({"rate": Decimal("0.3885"), "grade": "poor"})
    assert not poor.applies({"rate": Decimal("0.3885"), "grade": "fair"})


def _goals_sentence(document) -> str:
    return next(b.text for b in document.body if not isinstance(b, Heading) and "绩效目标：" in b.text)


def test_the_goals_sentence_follows_the_result_with_correct_chinese():
    fy = sample_year()
    outline = get_outline("guangzhou-2022")
    good = assemble_report(
        fy,
        ZH,
        Decimal("98.02"),
        Decimal("0.9802"),
        outline=outline,
        facts=ReportFacts(grade="excellent", rate=Decimal("0.9802")),
    )
    assert "我会较好地完成了部门整体年度绩效目标" in _goals_sentence(good.document)
    missed = assemble_report(
        fy,
        ZH,
        Decimal("80"),
        Decimal("0.9802"),
        outline=outline,
        facts=ReportFacts(grade="good", rate=Decimal("0.9802"), missed=True),
    )
    assert "我会基本完成了部门整体年度绩效目标" in _goals_sentence(missed.document)
    low = assemble_report(
        fy,
        ZH,
        Decimal("38.85"),
        Decimal("0.3885"),
        outline=outline,
        facts=ReportFacts(grade="poor", rate=Decimal("0.3885"), missed=True),
    )
    assert "我会部分完成了部门整体年度绩效目标" in _goals_sentence(low.document)
    for result in (good, missed, low):
        assert "较好的完成" not in "".join(b.text for b in result.document.body)


def test_the_outline_drives_headings_numbering_order_and_custom_text():
    fy = sample_year()
    outline = get_outline("guangzhou-2022").copy("mine", "我的提纲")
    data = outline.to_json()
    data["numbering"] = ["cn-dun", "cn-paren", "num-dun", "num-paren"]
    data["sections"][0]["heading"] = "单位基本情况"
    data["sections"].insert(
        0,
        {
            "text": "根据区财政局《关于开展2022年度绩效自评工作的通知》（花财〔2023〕1号）要求，现将自评情况报告如下。",
            "block": "custom",
        },
    )
    problems = data["sections"].pop(2 + 1)  # 三、存在的主要问题 moves after 四
    data["sections"].insert(4, problems)
    data["sections"].append(
        {
            "heading": "其他需要说明的情况",
            "block": "custom",
            "text": '全年举办宣讲会{{{"source": "activities", "types": ["宣讲会"]} | exact}}场。',
        }
    )
    document = assemble_report(
        fy, ZH, Decimal("98.02"), Decimal("0.9802"), outline=parse_outline(data)
    ).document
    top = [h for h in document.body if isinstance(h, Heading) and h.level == 1]
    assert [h.text for h in top] == [
        "一、单位基本情况",
        "二、综合评价分析",
        "三、下一步改进措施",
        "四、存在的主要问题",
        "五、附件",
        "六、其他需要说明的情况",
    ]
    assert document.body[0].text.startswith("根据区财政局")  # the opening paragraph comes before 一、
    assert "1、主要职责。" in headings(document)
    custom = document.body[-1].text
    assert custom.startswith("全年举办宣讲会") and "【?】" not in custom and "{{" not in custom


def test_the_sample_years_document_follows_the_seed_outline():
    document = build_report(sample_year(), ZH).document
    assert document.title.lines == ["2022年度广州市花都区工商业联合会", "部门整体支出绩效自评报告"]
    level12 = [h.text for h in document.body if isinstance(h, Heading) and h.level <= 2]
    assert level12 == [
        "一、基本情况",
        "（一）部门概况",
        "（二）年度总体工作和重点工作任务",
        "（三）部门整体收支情况",
        "（四）部门整体绩效管理情况",
        "二、综合评价分析",
        "（一）自评结论综述",
        "（二）各项工作任务绩效目标完成情况分析",
        "（三）各重点任务项目支出完成情况分析",
        "（四）主要工作成效",
        "三、存在的主要问题",
        "四、下一步改进措施",
        "五、附件",
    ]


def test_an_outline_copy_is_independent():
    original = get_outline("guangzhou-2022")
    clone = original.copy("mine", "我的")
    clone.sections[0].heading = "改过"
    assert get_outline("guangzhou-2022").sections[0].heading == original.sections[0].heading
    assert clone.based_on == "guangzhou-2022"
    assert copy.deepcopy(clone) == clone


def test_the_json_schema_accepts_every_shipped_outline_and_names_every_block():
    import json

    import jsonschema

    from jixiao.core.outline import BLOCKS
    from jixiao.paths import resources_dir

    schema = json.loads((resources_dir() / "outline.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert set(schema["$defs"]["section"]["properties"]["block"]["enum"]) == set(BLOCKS)
    for key, outline in shipped_outlines().items():
        jsonschema.validate(outline.to_json(), schema)
        raw = json.loads((resources_dir() / "outlines" / f"{key}.json").read_text(encoding="utf-8"))
        jsonschema.validate(raw, schema)
    bad = get_outline("guangzhou-2022").to_json()
    bad["sections"][0]["block"] = "weather"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
