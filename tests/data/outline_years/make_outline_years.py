"""Builds the outline test years in this folder (a developer step; the JSON is committed).

    .venv/bin/python tests/data/outline_years/make_outline_years.py

One year per shipped regional outline, written from the published report the outline comes from
(README.md names each source and says which parts are taken from it and which are constructed).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "years"))

from make_years import budget_block, fen, indicator, qual  # noqa: E402


def project(year, name, adjusted, paid, *, initial=None, key=False, indicators=(), **texts):
    payments = [{"date": f"{year}-11-30", "amount_fen": fen(paid), "note": "全年支付"}] if paid != "0" else []
    return {
        "name": name,
        "funding_source": "fiscal_general",
        "implementer": texts.get("implementer", ""),
        "initial_fen": fen(initial or adjusted),
        "adjusted_fen": fen(adjusted),
        "is_key": key,
        "expected_goal": texts.get("expected", ""),
        "actual_result": texts.get("actual", ""),
        "performance_text": texts.get("performance", ""),
        "payments": payments,
        "indicators": list(indicators),
    }


def base(year, unit, **rest) -> dict:
    out = {
        "format": "jixiao-year-package",
        "format_version": 1,
        "illustrative_note": rest.pop("note"),
        "unit": unit,
        "year": year,
        "score_rule": "standard",
        "rule_options": {},
        "layout_profile": "gbt9704",
        "activity_types": [],
        "activities": [],
        "metrics": [],
    }
    out.update(rest)
    return out


def department_indicators(missed: bool = False) -> list[dict]:
    return [
        indicator(
            "产出指标", "数量指标", "完成年度重点工作任务数", 20, "6", "项", "6" if not missed else "4"
        ),
        indicator("产出指标", "质量指标", "文件审核合格率", 15, "100", "%", "100"),
        indicator("产出指标", "时效指标", "按时完成率", 15, "95", "%", "96"),
        qual("效益指标", "社会效益指标", "服务对象工作效率提升", 30, "明显提升", "明显提升"),
        indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", 10, "90", "%", "92"),
    ]


HENGXIAN_UNIT = {
    "full_name": "横县机构编制委员会办公室",
    "short_name": "横县编办",
    "self_name": "我办",
    "supervisor": "中共横县县委",
    "staffing": "",
    "contact_person": "",
    "contact_phone": "",
    "kind": "administration",
    "duties": [
        "贯彻执行党中央、国务院有关行政管理和机构改革以及机构编制管理的方针、政策和法规，拟定我县相应的规定、办法和实施细则",
        "负责县直党政机关和事业单位机构编制的日常管理，指导、协调全县各级党政群机关和事业单位的机构编制工作",
        "指导全县各级机构改革工作",
    ],
    "departments": ["事业单位管理登记局"],
}


def hengxian() -> dict:
    return base(
        2017,
        HENGXIAN_UNIT,
        note="Outline test year: unit, duties, internal unit, the opening paragraph and its notice are from the "
        "published report (README.md); staffing and money figures are constructed.",
        budget_income_fen=fen("180.00"),
        final_income_fen=fen("176.42"),
        budget=budget_block(
            ("175.00", "180.00", "176.42"),
            ("175.00", "180.00", "176.42"),
            ("0", "0", "0"),
            ("150.00", "152.00", "151.20"),
            ("25.00", "28.00", "25.22"),
        ),
        texts={"evaluation_summary": "我办部门整体支出管理规范，资金使用效益较好。"},
        goals=["完成全县机构改革任务", "做好机构编制日常管理", "完成事业单位登记管理工作"],
        problems=["预算编制不够细化", "绩效目标设置不够具体"],
        improvements=["细化预算编制，提高预算的准确性", "完善绩效目标，加强绩效运行监控"],
        tasks=[
            {
                "title": "深化机构改革",
                "goal_text": "",
                "intro": "",
                "measures": [{"title": "制定改革方案", "text": "按时完成县直部门机构改革方案的制定。"}],
            },
        ],
        projects=[
            project(
                2017,
                "机构编制实名制管理经费",
                "18.00",
                "16.42",
                key=True,
                performance="完成全县机构编制实名制数据的更新与核查。",
            ),
            project(
                2017, "事业单位登记管理经费", "10.00", "8.80", performance="完成事业单位法人年度报告公示。"
            ),
        ],
        indicators=department_indicators(),
        report={
            "outline_key": "guangxi-hengxian-2017",
            "opening": "根据《横县财政局关于开展2017年度预算绩效自评工作的通知》（横财预〔2018〕3号）的要求，"
            "我办对2017年度部门整体支出绩效进行了全面综合评价。现将有关情况报告如下：",
            "expenditure_fen": fen("176.42"),
            "personnel_fen": fen("132.60"),
            "public_fen": fen("18.60"),
            "fiscal_income_fen": fen("176.42"),
            "staff_authorized": 12,
            "staff_active": 11,
            "staff_retired": 4,
            "previous": {"income_fen": fen("190.50"), "expenditure_fen": fen("188.30")},
        },
    )


TEMPLATE_UNIT = {
    "full_name": "某市某区档案馆",
    "short_name": "区档案馆",
    "self_name": "我馆",
    "supervisor": "",
    "staffing": "",
    "contact_person": "",
    "contact_phone": "",
    "kind": "institution",
    "duties": ["负责全区档案的接收、征集、保管和利用", "指导全区各单位的档案工作"],
    "departments": ["办公室", "接收征集科", "保管利用科"],
}


def template(year: int, income: str, expenditure: str, missed: bool) -> dict:
    return base(
        year,
        TEMPLATE_UNIT,
        note="Outline test year for the unit template: the outline is the published template's; the unit "
        "and all figures are constructed (README.md).",
        budget_income_fen=fen("320.00"),
        final_income_fen=fen(income),
        budget=budget_block(
            ("300.00", "320.00", expenditure),
            ("300.00", "320.00", expenditure),
            ("0", "0", "0"),
            ("260.00", "270.00", "268.00"),
            ("40.00", "50.00", f"{int(expenditure.split('.')[0]) - 268}.{expenditure.split('.')[1]}"),
        ),
        texts={
            "work_overview": f"{year}年，区档案馆围绕档案资源建设和利用服务开展工作。",
            "performance_management": "我馆按要求对全部项目开展了绩效自评。",
            "evaluation_summary": "",
        },
        goals=["完成馆藏档案数字化", "做好档案利用服务"],
        problems=["部分指标未按期完成"],
        improvements=["加强项目进度管理"],
        tasks=[
            {
                "title": "推进档案数字化",
                "goal_text": "",
                "intro": "",
                "measures": [
                    {"title": "扫描馆藏档案", "text": "全年完成馆藏档案扫描。"},
                    {"title": "建设数字档案室", "text": "完成数字档案室的建设。"},
                ],
            },
        ],
        projects=[
            project(year, "档案数字化加工", "50.00", "40.00", key=True, performance="完成档案数字化加工。")
        ],
        indicators=department_indicators(missed),
        report={
            "outline_key": "unit-template-2022",
            "closing": "综上，我馆本年度整体支出绩效良好，下一步将持续提升档案管理水平。",
            "expenditure_fen": fen(expenditure),
            "personnel_fen": fen("230.00"),
            "public_fen": fen("38.00"),
            "fiscal_income_fen": fen(income),
            "staff_authorized": 20,
            "staff_active": 18,
            "staff_retired": 9,
        },
    )


HONGHE_UNIT = {
    "full_name": "红河州数据发展中心",
    "short_name": "州数据发展中心",
    "self_name": "州数据发展中心",
    "supervisor": "",
    "staffing": "",
    "contact_person": "",
    "contact_phone": "",
    "kind": "institution",
    "duties": [],
    "departments": [],
}


def honghe() -> dict:
    project_indicators = [
        indicator("产出指标", "数量指标", "展厅正常运行天数", 30, "300", "天", "310"),
        indicator("产出指标", "质量指标", "设备完好率", 20, "95", "%", "90"),
        qual("效益指标", "社会效益指标", "展示数字化建设成果", 30, "有效展示", "有效展示"),
        indicator("满意度指标", "服务对象满意度指标", "参观者满意度", 10, "90", "%", "93"),
    ]
    projects = [
        project(
            2024,
            "“数说红河”展厅运维经费",
            "120.00",
            "45.80",
            initial="150.00",
            key=True,
            indicators=project_indicators,
            expected="“数说红河”展厅位于蒙自市红河文化广场红河展览馆一楼，预算项目经费用于保障展厅各个展陈模块的正常运转，"
            "向政府及公民展示红河的数字化建设成果。",
            actual="全年保障展厅正常开放，完成展陈设备的日常维护。",
            performance="展厅全年正常运行，较好地展示了全州数字化建设成果。",
        ),
        project(
            2024,
            "红河州一中心一平台六大库N应用经费",
            "741.46",
            "288.87",
            initial="835.00",
            performance="推进政务大数据体系建设。",
        ),
    ]
    return base(
        2024,
        HONGHE_UNIT,
        note="Outline test year: the unit, the 2024 project totals (年初 985 万元, 调整后 861.46 万元, 334.67 万元) "
        "and the first project's background are from the published report (README.md); the split between "
        "projects and the indicators are constructed.",
        budget_income_fen=fen("861.46"),
        final_income_fen=fen("334.67"),
        budget=budget_block(
            ("985.00", "861.46", "334.67"),
            ("985.00", "861.46", "334.67"),
            ("0", "0", "0"),
            ("0", "0", "0"),
            ("985.00", "861.46", "334.67"),
        ),
        texts={},
        goals=["保障展厅运行", "推进政务大数据体系建设"],
        problems=["项目资金到位不足，执行进度慢"],
        improvements=["加强与财政部门沟通，加快资金拨付和支出进度"],
        tasks=[],
        projects=projects,
        indicators=department_indicators(),
        report={"outline_key": "project-honghe-2024"},
    )


def main() -> None:
    years = {
        "hengxian-2017.json": [hengxian()],
        "template-2021-2022.json": [
            template(2021, "300.00", "300.00", False),
            template(2022, "285.00", "282.50", True),
        ],
        "honghe-2024.json": [honghe()],
    }
    for name, packages in years.items():
        text = json.dumps(packages if len(packages) > 1 else packages[0], ensure_ascii=False, indent=1)
        (HERE / name).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
