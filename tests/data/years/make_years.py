"""Builds the constructed department years in this folder (a developer step; its JSON is committed).

    .venv/bin/python tests/data/years/make_years.py

Every year is written from a compact description below: unit, texts, tasks whose measures count
activities through live figures, activities generated over the year, projects with payments and
indicators. The content is constructed (see README.md): it follows what the published 部门整体支出
绩效自评报告 of such units typically contain, and plants what broke the report before — long cells,
characters outside GB2312 (镕堃玥), markup characters (& < >), empty optional parts.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fen(wan: str) -> int:
    """万元 text → fen (exact, no floats)."""
    whole, _, frac = wan.partition(".")
    frac = (frac + "0000")[:4]
    return (int(whole) * 10000 + int(frac)) * 100


def act(spec_types, aggregate="sessions", style="exact"):
    """A live-figure token counting activities of *spec_types*."""
    spec = {"source": "activities", "aggregate": aggregate, "types": list(spec_types)}
    return "{{" + json.dumps(spec, ensure_ascii=False, separators=(", ", ": ")) + " | " + style + "}}"


def spread(year: int, count: int, offset: int = 0) -> list[str]:
    """*count* dates spread over the year (ISO text)."""
    start = dt.date(year, 1, 5)
    return [
        (start + dt.timedelta(days=(offset + i * 350 // max(count, 1)) % 355)).isoformat()
        for i in range(count)
    ]


def indicator(level1, level2, level3, points, target, unit="", actual=None, kind=">=", source=None, **extra):
    out = {
        "level1": level1,
        "level2": level2,
        "level3": level3,
        "kind": kind,
        "target": target,
        "unit": unit,
        "actual": actual,
        "actual_source": source,
        "points": str(points),
        "score_override": None,
        "override_note": "",
        "qual_band": None,
        "applicable": True,
        "deviation_reason": "",
    }
    out.update(extra)
    return out


def qual(level1, level2, level3, points, target, actual, band="achieved", **extra):
    return indicator(
        level1, level2, level3, points, target, "", actual, "qual", None, qual_band=band, **extra
    )


def budget_block(total, fiscal, other, basic, project):
    """Lines as (initial, adjusted, executed) 万元 text triples."""

    def line(values):
        return {"initial_fen": fen(values[0]), "adjusted_fen": fen(values[1]), "executed_fen": fen(values[2])}

    return {
        "total": line(total),
        "fiscal": line(fiscal),
        "fiscal_general": line(fiscal),
        "other": line(other),
        "basic": line(basic),
        "project": line(project),
    }


def project(name, adjusted, paid, *, initial=None, key=False, indicators=(), children=(), **texts):
    payments = []
    if paid:
        first = fen(paid) // 2
        payments = [
            {"date": "2023-06-30", "amount_fen": first, "note": "上半年支付"},
            {"date": "2023-12-20", "amount_fen": fen(paid) - first, "note": "下半年支付"},
        ]
    out = {
        "name": name,
        "funding_source": "fiscal_general",
        "implementer": texts.get("implementer", ""),
        "initial_fen": fen(initial or adjusted) if not children else 0,
        "adjusted_fen": fen(adjusted) if not children else 0,
        "is_key": key,
        "expected_goal": texts.get("expected", ""),
        "actual_result": texts.get("actual", ""),
        "performance_text": texts.get("performance", ""),
        "payments": payments if not children else [],
        "indicators": list(indicators),
    }
    if children:
        out["children"] = list(children)
    return out


def package(d: dict) -> dict:
    year = d["year"]
    activities = []
    for offset, (type_name, count, fields) in enumerate(d["activities"]):
        for i, date in enumerate(spread(year, count, offset * 7)):
            record = {
                "date": date,
                "type": type_name,
                "title": f"{type_name}（第{i + 1}次）",
                "notes": "",
                "place": d.get("place", ""),
                "sessions": 1,
                "participants": fields.get("participants", 0),
                "enterprises": fields.get("enterprises", 0),
                "items": fields.get("items", 0),
                "amount_fen": fields.get("amount_fen", 0),
                "attachments": [],
            }
            activities.append(record)
    return {
        "format": "jixiao-year-package",
        "format_version": 1,
        "illustrative_note": d["note"],
        "unit": d["unit"],
        "year": year,
        "score_rule": d.get("rule", "standard"),
        "rule_options": d.get("options", {}),
        "layout_profile": "gbt9704",
        "budget_income_fen": fen(d["income"][0]),
        "final_income_fen": fen(d["income"][1]),
        "budget": d["budget"],
        "texts": d["texts"],
        "goals": d["goals"],
        "problems": d["problems"],
        "improvements": d["improvements"],
        "tasks": d["tasks"],
        "activity_types": [{"name": n, "measure_word": w} for n, w in d["types"]],
        "activities": activities,
        "projects": d["projects"],
        "indicators": d["indicators"],
        "metrics": d.get("metrics", []),
    }


NOTE = (
    "构造数据：本年度数据包为测试而编写，参照同类单位公开的部门整体支出绩效自评报告的常见内容，单位、人名、金额、"
    "活动和指标均为虚构。 Constructed test data: modelled on what published self-evaluation reports of such "
    "units contain; names, amounts, activities and indicators are invented."
)

# -- 区妇联 -------------------------------------------------------------------------------------------

FULIAN = {
    "year": 2023,
    "note": NOTE,
    "place": "区妇女儿童活动中心",
    "unit": {
        "full_name": "广州市花都区妇女联合会",
        "short_name": "区妇联",
        "self_name": "我会",
        "supervisor": "中共广州市花都区委员会",
        "staffing": "行政编制8名",
        "contact_person": "李玥",
        "contact_phone": "020-3688××××",
        "duties": [
            "团结、引导各族各界妇女听党话、跟党走",
            "维护妇女儿童合法权益，推动落实男女平等基本国策和儿童优先原则",
            "代表妇女参与民主决策、民主管理、民主监督，参与有关法律、法规、规章和政策的制定",
            "宣传贯彻《中华人民共和国妇女权益保障法》，受理妇女儿童来信来访，协调处理侵害妇女儿童权益的案件；",
            "教育引导妇女树立自尊、自信、自立、自强精神，提高综合素质，实现全面发展",
            "指导镇（街）妇联、村（社区）妇联开展工作，加强妇联组织建设",
        ],
        "departments": ["办公室", "权益部", "家庭儿童工作部"],
    },
    "income": ("412.36", "398.15"),
    "budget": budget_block(
        ("400.00", "412.36", "398.15"),
        ("400.00", "412.36", "398.15"),
        ("0", "0", "0"),
        ("318.20", "322.56", "317.04"),
        ("81.80", "89.80", "81.11"),
    ),
    "texts": {
        "work_overview": "2023年，区妇联在区委的坚强领导和上级妇联的指导下，坚持以习近平新时代中国特色社会主义思想为指导，"
        "全面贯彻党的二十大精神，团结引领全区妇女建功新时代，围绕“巾帼心向党 奋进新征程”主题开展各项工作。",
        "performance_management": "我会严格执行预算绩效管理要求，对项目支出全面设定绩效目标，按季度开展绩效运行监控，"
        "年终对照目标开展自评；对执行进度偏慢的项目及时分析原因、调整安排，确保资金使用规范、有效。",
        "evaluation_summary": "通过自评，我会全年预算执行总体良好，各项绩效目标基本完成，资金使用效益较好。",
        "goals_completion": f"全年开展“巾帼心向党”主题宣讲{act(['主题宣讲'])}场，举办家庭教育讲座{act(['家庭教育讲座'])}场，"
        f"受理妇女儿童来信来访{act(['信访接待'], 'items')}件，各项年度目标基本完成。",
        "goals_shortfall": "个别项目受招标时间影响，支付进度慢于计划，年底前已完成全部采购。",
        "task_analysis_intro": "",
    },
    "goals": [
        "坚持思想政治引领，开展“巾帼心向党”主题宣讲",
        "开展家庭教育指导服务，推进家庭家教家风建设",
        "依法维护妇女儿童合法权益，做好信访接待和矛盾纠纷化解",
        "服务妇女创业就业，开展技能培训",
        "加强基层妇联组织建设",
    ],
    "problems": [
        "部分项目前期论证不够充分，预算编制的精准度有待提高",
        "绩效指标设置偏重数量，质量和效益指标不够细化",
    ],
    "improvements": [
        "加强项目前期调研论证，提高预算编制的科学性和准确性",
        "完善绩效指标体系，增加反映服务质量和群众满意度的指标",
    ],
    "tasks": [
        {
            "title": "强化思想政治引领",
            "goal_text": "",
            "intro": "",
            "measures": [
                {
                    "title": "开展主题宣讲",
                    "text": f"组建巾帼宣讲团，深入镇（街）、村（社区）开展“巾帼心向党”主题宣讲{act(['主题宣讲'])}场，"
                    f"覆盖妇女群众{act(['主题宣讲'], 'participants', 'approx')}人次。",
                },
                {
                    "title": "选树先进典型",
                    "text": "评选表彰“三八”红旗手（集体）和“最美家庭”，发挥榜样示范作用。",
                },
            ],
        },
        {
            "title": "推进家庭家教家风建设",
            "goal_text": "",
            "intro": "",
            "measures": [
                {
                    "title": "开展家庭教育指导",
                    "text": f"举办家庭教育讲座{act(['家庭教育讲座'])}场，线上线下服务家长{act(['家庭教育讲座'], 'participants', 'approx')}人次。",
                },
                {"title": "建设家长学校", "text": "在全区中小学和社区建成家长学校，实现镇（街）全覆盖。"},
            ],
        },
        {
            "title": "依法维护妇女儿童权益",
            "goal_text": "",
            "intro": "",
            "measures": [
                {
                    "title": "做好信访接待",
                    "text": f"全年受理妇女儿童来信来访{act(['信访接待'], 'items')}件，办结率100%。",
                },
                {
                    "title": "开展普法宣传",
                    "text": f"开展《妇女权益保障法》宣传活动{act(['普法宣传'])}场，发放宣传资料{act(['普法宣传'], 'items', 'approx')}份。",
                },
            ],
        },
        {
            "title": "服务妇女创业就业",
            "goal_text": "",
            "intro": "",
            "measures": [
                {
                    "title": "开展技能培训",
                    "text": f"举办家政、电商等技能培训{act(['技能培训'])}期，培训妇女{act(['技能培训'], 'participants')}人次。",
                },
            ],
        },
    ],
    "types": [
        ("主题宣讲", "场"),
        ("家庭教育讲座", "场"),
        ("信访接待", "件"),
        ("普法宣传", "场"),
        ("技能培训", "期"),
    ],
    "activities": [
        ("主题宣讲", 24, {"participants": 85}),
        ("家庭教育讲座", 36, {"participants": 120}),
        ("信访接待", 15, {"items": 9}),
        ("普法宣传", 12, {"items": 400}),
        ("技能培训", 8, {"participants": 45}),
    ],
    "projects": [
        project(
            "妇女儿童维权与家庭教育服务经费",
            "52.30",
            "48.12",
            key=True,
            implementer="广州市花都区妇女联合会",
            expected="开展家庭教育讲座不少于30场，受理信访案件及时办结率100%。",
            actual="举办家庭教育讲座36场，受理信访件135件，全部办结。",
            performance="项目围绕家庭教育和妇女儿童维权两项重点，完成全部年度任务，群众满意度较高。",
            indicators=[
                indicator(
                    "产出指标",
                    "数量指标",
                    "家庭教育讲座场次",
                    20,
                    "30",
                    "场",
                    source={"source": "activities", "aggregate": "sessions", "types": ["家庭教育讲座"]},
                ),
                indicator("产出指标", "质量指标", "信访件办结率", 20, "100", "%", "100"),
                indicator("产出指标", "时效指标", "信访件按时办结率", 10, "95", "%", "100"),
                qual("效益指标", "社会效益指标", "妇女儿童合法权益得到维护", 20, "有效维护", "有效维护"),
                indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", 20, "90", "%", "96"),
            ],
        ),
        project("妇女创业就业技能培训经费", "22.50", "20.99", implementer="广州市花都区妇女联合会"),
        project("基层妇联组织建设经费", "15.00", "12.00", implementer="各镇（街）妇联"),
    ],
    "indicators": [
        indicator(
            "产出指标",
            "数量指标",
            "主题宣讲场次",
            10,
            "20",
            "场",
            source={"source": "activities", "aggregate": "sessions", "types": ["主题宣讲"]},
        ),
        indicator(
            "产出指标",
            "数量指标",
            "家庭教育讲座场次",
            10,
            "30",
            "场",
            source={"source": "activities", "aggregate": "sessions", "types": ["家庭教育讲座"]},
        ),
        indicator(
            "产出指标",
            "数量指标",
            "技能培训期数",
            10,
            "10",
            "期",
            source={"source": "activities", "aggregate": "sessions", "types": ["技能培训"]},
            deviation_reason="受培训场地改造影响，两期培训推迟至次年一季度举办；下一步提前落实场地，按季度均衡安排培训。",
        ),
        indicator("产出指标", "质量指标", "信访件办结率", 10, "100", "%", "100"),
        indicator("产出指标", "时效指标", "预算执行进度达标率", 10, "90", "%", "96.56"),
        qual(
            "效益指标",
            "社会效益指标",
            "家庭文明建设水平",
            15,
            "有效提升",
            "“最美家庭”等评选覆盖全区各镇（街），家风建设氛围浓厚",
        ),
        qual(
            "效益指标",
            "可持续影响指标",
            "基层妇联组织覆盖率持续巩固",
            15,
            "持续巩固",
            "村（社区）妇联实现全覆盖",
        ),
        indicator("满意度指标", "服务对象满意度指标", "妇女群众满意度", 10, "90", "%", "95.2"),
    ],
    "metrics": [],
}

# -- 区政协 ------------------------------------------------------------------------------------------

ZHENGXIE = {
    "year": 2023,
    "note": NOTE,
    "unit": {
        "full_name": "中国人民政治协商会议广州市花都区委员会办公室",
        "short_name": "区政协办",
        "self_name": "本机关",
        "supervisor": "中国人民政治协商会议广州市花都区委员会",
        "staffing": "",
        "contact_person": "王堃",
        "contact_phone": "",
        "duties": [
            "负责区政协全体会议、常务委员会议、主席会议的会务工作和会议决定事项的督办落实。",
            "组织政协委员开展专题协商、对口协商、界别协商和提案办理协商。",
            "负责提案的征集、审查、立案、交办和督办工作。",
            "组织委员视察、调研和民主监督活动，撰写调研报告。",
            "负责委员联络服务和履职管理工作，承担政协文史资料征集和编辑出版工作。",
        ],
        "departments": ["办公室", "研究室", "提案委员会办公室", "委员联络室"],
    },
    "income": ("1356.80", "1320.44"),
    "budget": budget_block(
        ("1300.00", "1356.80", "1320.44"),
        ("1300.00", "1356.80", "1320.44"),
        ("0", "0", "0"),
        ("1021.55", "1038.60", "1027.31"),
        ("278.45", "318.20", "293.13"),
    ),
    "texts": {
        "work_overview": "2023年，本机关围绕区委中心工作，服务保障区政协履行政治协商、民主监督、参政议政职能，"
        "组织开展专题协商、视察调研和提案办理等工作，推动协商成果转化落实。",
        "performance_management": "本机关建立预算绩效管理工作机制，由办公室统筹、各室分工负责，对项目实行事前绩效评估、"
        "事中运行监控和事后绩效评价，评价结果作为下年度预算安排的重要依据。",
        "evaluation_summary": "",
        "goals_completion": f"全年组织专题协商会{act(['专题协商会'])}场、视察调研{act(['视察调研'])}次，"
        f"立案提案{act(['提案立案'], 'items')}件，各项履职任务全面完成。",
        "goals_shortfall": "",
        "task_analysis_intro": "本机关按照区财政局的统一部署开展项目支出绩效自评。",
    },
    "goals": [
        "服务保障区政协全体会议和常委会议顺利召开",
        "组织专题协商、对口协商和界别协商",
        "做好提案征集、立案、交办和督办",
        "组织委员视察调研，形成高质量调研报告",
    ],
    "problems": ["协商成果转化跟踪机制有待健全。"],
    "improvements": ["建立协商成果办理情况跟踪反馈制度，定期通报落实情况。"],
    "tasks": [
        {
            "title": "服务保障履职会议",
            "goal_text": "",
            "intro": "",
            "measures": [
                {"title": "办好全体会议", "text": "精心组织区政协全体会议，保障委员依法依章程履职。"},
                {
                    "title": "开展专题协商",
                    "text": f"全年召开专题协商会{act(['专题协商会'])}场，形成协商意见报区委区政府参考。",
                },
            ],
        },
        {
            "title": "提高提案工作质量",
            "goal_text": "",
            "intro": "",
            "measures": [
                {
                    "title": "严格提案审查",
                    "text": f"全年立案提案{act(['提案立案'], 'items')}件，办复率100%。",
                },
                {
                    "title": "开展重点提案督办",
                    "text": "由主席会议成员领衔督办重点提案，推动提案办理从“重答复”向“重落实”转变。",
                },
            ],
        },
        {
            "title": "深化视察调研",
            "goal_text": "",
            "intro": "",
            "measures": [
                {
                    "title": "组织视察调研",
                    "text": f"围绕乡村振兴、营商环境等组织委员视察调研{act(['视察调研'])}次，参与委员{act(['视察调研'], 'participants', 'approx')}人次。",
                },
            ],
        },
    ],
    "types": [("专题协商会", "场"), ("视察调研", "次"), ("提案立案", "件")],
    "activities": [
        ("专题协商会", 6, {"participants": 40}),
        ("视察调研", 14, {"participants": 25}),
        ("提案立案", 12, {"items": 18}),
    ],
    "projects": [
        project(
            "政协会议及履职活动专项经费",
            "0",
            "0",
            children=[
                project(
                    "区政协全体会议会务经费",
                    "86.50",
                    "80.13",
                    key=True,
                    implementer="中国人民政治协商会议广州市花都区委员会办公室",
                    expected="保障全体会议和常委会议顺利召开，会务服务零差错。",
                    actual="顺利召开全体会议1次、常委会议4次，会务服务零差错。",
                    performance="会议组织严密、保障有力，委员对会务服务满意度高。",
                    indicators=[
                        indicator("产出指标", "数量指标", "召开常委会议次数", 30, "4", "次", "4"),
                        indicator("产出指标", "质量指标", "会务服务差错次数", 20, "0", "次", "0", kind="<="),
                        qual(
                            "效益指标",
                            "社会效益指标",
                            "协商议政成效",
                            20,
                            "成效明显",
                            "形成协商意见12份，被采纳9份",
                        ),
                        indicator("满意度指标", "服务对象满意度指标", "委员满意度", 20, "90", "%", "97"),
                    ],
                ),
                project("委员视察调研经费", "45.70", "41.00", implementer="各专门委员会办公室"),
            ],
        ),
        project("政协文史资料编辑出版经费", "30.00", "28.50", implementer="文史资料委员会办公室", key=False),
        project(
            "政协信息化建设经费",
            "156.00",
            "143.50",
            implementer="中国人民政治协商会议广州市花都区委员会办公室",
        ),
    ],
    "indicators": [
        indicator(
            "产出指标",
            "数量指标",
            "专题协商会场次",
            12,
            "6",
            "场",
            source={"source": "activities", "aggregate": "sessions", "types": ["专题协商会"]},
        ),
        indicator(
            "产出指标",
            "数量指标",
            "视察调研次数",
            12,
            "12",
            "次",
            source={"source": "activities", "aggregate": "sessions", "types": ["视察调研"]},
        ),
        indicator("产出指标", "质量指标", "提案办复率", 13, "100", "%", "100"),
        indicator("产出指标", "时效指标", "提案按期交办率", 13, "100", "%", "100"),
        qual("效益指标", "社会效益指标", "协商成果采纳情况", 15, "有效采纳", "协商意见被采纳率75%"),
        qual("效益指标", "可持续影响指标", "协商制度化水平", 15, "持续提升", "修订完善协商工作规则3项"),
        indicator("满意度指标", "服务对象满意度指标", "政协委员满意度", 10, "90", "%", "96"),
    ],
}

# -- 区发展和改革局 -----------------------------------------------------------------------------------

FAGAI = {
    "year": 2023,
    "note": NOTE,
    "rule": "rate_as_score",
    "unit": {
        "full_name": "广州市花都区发展和改革局",
        "short_name": "区发改局",
        "self_name": "我局",
        "supervisor": "广州市花都区人民政府",
        "staffing": "",
        "contact_person": "陈镕",
        "contact_phone": "020-8689××××",
        "duties": [
            "贯彻执行国家、省、市关于国民经济和社会发展的方针政策，拟订并组织实施全区国民经济和社会发展规划、年度计划，",
            "负责全区固定资产投资综合管理，安排区级政府投资项目，审批、核准、备案投资项目；",
            "负责重大项目的统筹协调和推进工作，组织开展重点项目前期研究",
            "负责价格管理和成本监审工作，组织实施价格政策",
            "负责全区粮食和物资储备管理工作、社会信用体系建设和节能降耗的综合协调工作",
            "承办区委、区政府交办的其他事项",
        ],
        "departments": [],
    },
    "income": ("2436.71", "2381.09"),
    "budget": budget_block(
        ("2300.00", "2436.71", "2381.09"),
        ("2280.00", "2406.71", "2351.09"),
        ("20.00", "30.00", "30.00"),
        ("1350.42", "1362.51", "1355.18"),
        ("949.58", "1074.20", "1025.91"),
    ),
    "texts": {
        "work_overview": "2023年，我局围绕高质量发展首要任务，统筹推进规划编制、重大项目建设、投资管理、价格监管和粮食安全等工作，"
        "全区重点项目完成年度投资计划，经济运行稳中向好。",
        "performance_management": "我局将绩效理念融入预算编制、执行和监督全过程，对政府投资项目实行“项目库+绩效目标”管理，"
        "重点项目按月调度、按季通报，确保资金按进度拨付、项目按计划建成。",
        "evaluation_summary": "我局认真开展部门整体支出绩效自评，总体绩效良好。",
        "goals_completion": f"全年完成重点项目调度{act(['项目调度'])}次，审核投资项目{act(['项目审核'], 'items')}个，"
        f"开展价格监测{act(['价格监测'])}次，完成年度目标。",
        "goals_shortfall": "部分项目因征地拆迁进度滞后未能按计划开工，已纳入下年度重点督办。",
        "task_analysis_intro": "",
    },
    "goals": [
        "编制实施国民经济和社会发展年度计划",
        "推进重点项目建设，完成年度投资计划",
        "加强政府投资项目审核和监管",
        "做好价格监测和成本监审",
        "保障粮食安全和应急物资储备",
    ],
    "problems": [
        "个别重点项目前期工作推进较慢，影响资金支付进度",
        "部分项目绩效目标量化不够，评价依据不够充分",
    ],
    "improvements": ["加强项目前期谋划和要素保障，提高项目成熟度", "细化量化项目绩效目标，完善评价依据"],
    "tasks": [
        {
            "title": "统筹推进重点项目建设",
            "goal_text": "",
            "intro": "",
            "measures": [
                {
                    "title": "强化项目调度",
                    "text": f"建立重点项目月调度机制，全年召开调度会{act(['项目调度'])}次，协调解决问题{act(['项目调度'], 'items')}个。",
                },
                {
                    "title": "加强投资审核",
                    "text": f"全年审核政府投资项目{act(['项目审核'], 'items')}个，核减投资{act(['项目审核'], 'amount_wan', 'wan')}万元。",
                },
            ],
        },
        {
            "title": "做好价格和粮食工作",
            "goal_text": "",
            "intro": "",
            "measures": [
                {
                    "title": "开展价格监测",
                    "text": f"对重要民生商品开展价格监测{act(['价格监测'])}次，发布价格信息。",
                },
                {
                    "title": "保障粮食储备",
                    "text": "按计划完成区级储备粮轮换，储备粮数量真实、质量良好、储存安全。",
                },
            ],
        },
    ],
    "types": [("项目调度", "次"), ("项目审核", "个"), ("价格监测", "次")],
    "activities": [
        ("项目调度", 24, {"items": 6}),
        ("项目审核", 32, {"items": 2, "amount_fen": fen("12.35")}),
        ("价格监测", 52, {}),
    ],
    "projects": [
        project(
            "重点项目前期工作经费",
            "420.00",
            "402.16",
            key=True,
            implementer="广州市花都区发展和改革局",
            expected="完成重点项目可行性研究和前期咨询不少于20项。",
            actual="完成可行性研究和前期咨询23项。",
            performance="项目前期工作经费保障了重点项目谋划储备，项目成熟度明显提高。",
            indicators=[
                indicator("产出指标", "数量指标", "完成前期咨询项目数", 25, "20", "项", "23"),
                indicator("产出指标", "质量指标", "咨询成果评审通过率", 15, "95", "%", "100"),
                indicator("产出指标", "成本指标", "单项咨询平均费用", 10, "20", "万元", "17.49", kind="<="),
                qual("效益指标", "经济效益指标", "带动有效投资", 20, "有效带动", "带动年度投资约56亿元"),
                indicator("满意度指标", "服务对象满意度指标", "项目单位满意度", 20, "90", "%", "94"),
            ],
        ),
        project(
            "区级储备粮轮换费用",
            "380.00",
            "371.25",
            key=True,
            implementer="广州市花都区粮食储备库",
            expected="完成储备粮轮换计划，储备粮质量合格率100%。",
            actual="完成轮换计划，质量合格率100%。",
            performance="储备粮数量真实、质量良好，保障了全区粮食安全。",
            indicators=[
                indicator("产出指标", "数量指标", "储备粮轮换完成率", 30, "100", "%", "100"),
                indicator("产出指标", "质量指标", "储备粮质量合格率", 30, "100", "%", "100"),
                qual("效益指标", "社会效益指标", "粮食安全保障能力", 20, "有效保障", "应急供应能力得到保障"),
                indicator("满意度指标", "服务对象满意度指标", "群众满意度", 10, "90", "%", "93"),
            ],
        ),
        project("价格监测与成本监审经费", "114.20", "96.00", implementer="广州市花都区发展和改革局"),
        project("社会信用体系建设经费", "160.00", "156.50", implementer="广州市花都区发展和改革局"),
    ],
    "indicators": [
        indicator(
            "产出指标",
            "数量指标",
            "重点项目调度次数",
            10,
            "24",
            "次",
            source={"source": "activities", "aggregate": "sessions", "types": ["项目调度"]},
        ),
        indicator(
            "产出指标",
            "数量指标",
            "审核政府投资项目数",
            10,
            "60",
            "个",
            source={"source": "activities", "aggregate": "items", "types": ["项目审核"]},
        ),
        indicator(
            "产出指标",
            "数量指标",
            "价格监测次数",
            10,
            "52",
            "次",
            source={"source": "activities", "aggregate": "sessions", "types": ["价格监测"]},
        ),
        indicator("产出指标", "质量指标", "重点项目年度投资完成率", 10, "100", "%", "103.6"),
        indicator("产出指标", "时效指标", "项目审核按时办结率", 10, "100", "%", "100"),
        qual(
            "效益指标", "经济效益指标", "固定资产投资稳定增长", 10, "稳定增长", "全区固定资产投资同比增长6.8%"
        ),
        qual(
            "效益指标",
            "社会效益指标",
            "重要民生商品价格基本稳定",
            10,
            "基本稳定",
            "居民消费价格涨幅控制在2.1%",
        ),
        qual("效益指标", "生态效益指标", "单位GDP能耗下降", 5, "完成下达任务", "完成市下达的年度节能目标"),
        qual("效益指标", "可持续影响指标", "项目储备持续充实", 5, "持续充实", "新增入库储备项目41个"),
        indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", 10, "90", "%", "95"),
    ],
}

# -- 区政务服务数据管理局数据中心 (事业单位) -----------------------------------------------------------

SHUJU = {
    "year": 2023,
    "note": NOTE,
    "unit": {
        "full_name": "广州市花都区政务服务数据管理局数据中心（广州市花都区信息化建设与运维保障中心）",
        "short_name": "区数据中心",
        "self_name": "本中心",
        "supervisor": "广州市花都区政务服务数据管理局",
        "staffing": "事业编制15名",
        "contact_person": "赵玥",
        "contact_phone": "020-3690××××",
        "duties": [
            "承担全区电子政务外网、政务云平台和数据资源平台的建设、运行维护和安全保障工作。",
            "承担政务数据的汇聚、治理、共享和开放的技术支撑工作。",
            "承担“数字政府”项目建设的技术审核和验收支撑工作。",
            "承担区政务服务中心信息系统的运行维护工作。",
            "完成区政务服务数据管理局交办的其他任务。",
        ],
        "departments": ["综合部", "网络与安全部", "数据资源部", "运维保障部"],
    },
    "income": ("1862.40", "1809.77"),
    "budget": budget_block(
        ("1800.00", "1862.40", "1809.77"),
        ("1760.00", "1822.40", "1769.77"),
        ("40.00", "40.00", "40.00"),
        ("536.90", "548.20", "544.06"),
        ("1263.10", "1314.20", "1265.71"),
    ),
    "texts": {
        "work_overview": "2023年，本中心围绕“数字政府”改革建设，保障政务外网、政务云和数据资源平台安全稳定运行，"
        "推进政务数据汇聚共享，支撑“一网通办”“一网统管”建设，全年未发生重大网络安全事件。",
        "performance_management": "本中心建立项目全生命周期绩效管理制度，对信息化项目实行立项评审、建设监理、"
        "运维考核和绩效评价，运维服务按月考核、按考核结果支付费用。",
        "evaluation_summary": "本中心部门整体支出绩效较好，信息化基础设施运行稳定，数据共享成效明显。",
        "goals_completion": f"全年完成安全巡检{act(['安全巡检'])}次，处置安全告警{act(['告警处置'], 'items')}件，"
        f"新增共享数据接口{act(['数据接口上线'], 'items')}个。政务云资源使用率达到85%以上，A&B两个机房<双活>运行。",
        "goals_shortfall": "",
        "task_analysis_intro": "",
    },
    "goals": [
        "保障政务外网、政务云平台安全稳定运行，可用率不低于99.9%",
        "推进政务数据汇聚治理和共享开放",
        "完成网络安全等级保护测评和整改",
        "做好政务服务中心信息系统运维",
    ],
    "problems": [
        "运维服务外包比例较高，自有技术力量相对薄弱。",
        "部分数据资源更新不及时，数据质量有待提升。",
    ],
    "improvements": [
        "加强技术人员培训，提升自主运维能力。",
        "建立数据质量考核通报机制，督促数据提供单位及时更新。",
    ],
    "tasks": [
        {
            "title": "保障信息基础设施安全稳定运行",
            "goal_text": "",
            "intro": "",
            "measures": [
                {
                    "title": "加强安全巡检",
                    "text": f"全年开展安全巡检{act(['安全巡检'])}次，及时处置安全告警{act(['告警处置'], 'items')}件。",
                },
                {
                    "title": "完成等保测评",
                    "text": "完成政务云平台和电子政务外网网络安全等级保护测评，整改问题全部销号。",
                },
            ],
        },
        {
            "title": "推进政务数据共享",
            "goal_text": "",
            "intro": "",
            "measures": [
                {
                    "title": "上线共享接口",
                    "text": f"新增上线数据共享接口{act(['数据接口上线'], 'items')}个，累计调用{act(['数据接口上线'], 'participants', 'approx')}万次。",
                },
            ],
        },
    ],
    "types": [("安全巡检", "次"), ("告警处置", "件"), ("数据接口上线", "个")],
    "activities": [
        ("安全巡检", 48, {}),
        ("告警处置", 20, {"items": 16}),
        ("数据接口上线", 10, {"items": 7, "participants": 130}),
    ],
    "projects": [
        project(
            "政务云平台运维服务费",
            "680.00",
            "662.41",
            key=True,
            implementer="广州市花都区政务服务数据管理局数据中心",
            expected="政务云平台全年可用率不低于99.9%，运维服务考核合格。",
            actual="全年可用率99.97%，12个月运维考核均合格。",
            performance="平台运行稳定，支撑全区86个业务系统上云运行。",
            indicators=[
                indicator("产出指标", "数量指标", "承载业务系统数", 20, "80", "个", "86"),
                indicator("产出指标", "质量指标", "平台可用率", 20, "99.9", "%", "99.97"),
                indicator(
                    "产出指标",
                    "时效指标",
                    "故障响应时间",
                    10,
                    "30",
                    "分钟",
                    "18",
                    kind="<=",
                    deviation_reason="推行7×24小时值守和分级响应机制，故障平均响应时间明显缩短；下一步将响应时限目标调整为20分钟。",
                ),
                qual(
                    "效益指标",
                    "社会效益指标",
                    "支撑“一网通办”",
                    20,
                    "有效支撑",
                    "全区政务服务事项网上可办率达到98%",
                ),
                indicator("满意度指标", "服务对象满意度指标", "使用单位满意度", 20, "90", "%", "95"),
            ],
        ),
        project(
            "电子政务外网线路租赁费", "420.20", "410.30", implementer="广州市花都区政务服务数据管理局数据中心"
        ),
        project(
            "网络安全等级保护测评费", "96.00", "90.00", implementer="广州市花都区政务服务数据管理局数据中心"
        ),
        project(
            "政务数据治理服务费", "118.00", "103.00", implementer="广州市花都区政务服务数据管理局数据中心"
        ),
    ],
    "indicators": [
        indicator(
            "产出指标",
            "数量指标",
            "安全巡检次数",
            10,
            "48",
            "次",
            source={"source": "activities", "aggregate": "sessions", "types": ["安全巡检"]},
        ),
        indicator(
            "产出指标",
            "数量指标",
            "新增共享数据接口数",
            10,
            "60",
            "个",
            source={"source": "activities", "aggregate": "items", "types": ["数据接口上线"]},
        ),
        indicator("产出指标", "质量指标", "政务外网可用率", 10, "99.9", "%", "99.95"),
        indicator("产出指标", "质量指标", "等保测评整改完成率", 10, "100", "%", "100"),
        indicator("产出指标", "时效指标", "安全告警处置及时率", 10, "100", "%", "100"),
        qual(
            "效益指标", "社会效益指标", "数据共享支撑政务服务", 15, "有效支撑", "为23个部门提供数据共享服务"
        ),
        qual(
            "效益指标", "可持续影响指标", "信息化运维保障能力", 15, "持续提升", "建立运维知识库和应急预案体系"
        ),
        indicator("满意度指标", "服务对象满意度指标", "使用单位满意度", 10, "90", "%", "94.5"),
    ],
}

YEARS = {"fulian": FULIAN, "zhengxie": ZHENGXIE, "fagai": FAGAI, "shuju": SHUJU}


def stress(base: dict) -> dict:
    """*base* with 600-character cells in the table: 整体绩效目标完成情况 and 未能完成原因, one 偏差原因
    of 600 characters and two of 300."""
    import copy

    d = copy.deepcopy(base)
    long = (
        "因受多方面因素影响，本项工作实际推进情况与年初计划存在一定差异，经认真分析，主要原因包括前期调研不够深入、"
        "部门之间协调配合不够顺畅、部分工作受外部条件制约等，下一步将加强统筹协调，细化工作方案，压实工作责任，"
        "确保各项任务按期保质完成。"
    )
    cell = (long * 8)[:600]
    d["texts"]["goals_completion"] = cell
    d["texts"]["goals_shortfall"] = cell
    d["indicators"][0]["deviation_reason"] = cell
    d["indicators"][3]["deviation_reason"] = cell[:300]
    d["indicators"][5]["deviation_reason"] = cell[:300]
    return d


def main() -> None:
    for name, spec in YEARS.items():
        path = HERE / f"{name}.json"
        path.write_text(json.dumps(package(spec), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    path = HERE / "stress-fulian.json"
    path.write_text(
        json.dumps(package(stress(FULIAN)), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
