#!/usr/bin/env python3
"""Build the sample year ``resources/sample/fy2022.json`` (a year package, see docs/year-package.md).

The sample reproduces the model report (FY2022 of 广州市花都区工商业联合会): every prose text is the
seed's own, and every figure the seed states can be recomputed from the records. What the seed does
not give (activity details and dates, the other ten projects, the budget split, indicators) is
invented: the 534 activity records are ``scripts/sample_fy2022_activities.csv`` (a clerk's
spreadsheet, read through the spreadsheet import ``core.activity_import``), the rest is below. The
script builds ``core.model`` objects and writes them with the package writer (``core.yearpackage``),
so running it twice writes identical bytes, and the file is exactly what an export would write.

How the seed's figures are recorded (a figure = a sum over activities filtered by type/task/measure;
task and measure are 1-based positions):

* counts of sessions (场/次/期/天) are ``sum(sessions)``: 宣讲会+党史学习教育 in 1.1 = 3,
  座谈会 in 1.2 = 3, 共建活动 in 1.3 = 2, 慰问 in 1.3 = 2, 执委会轮值 in 2.2 = 5, 政策宣讲 in 2.3 = 4,
  能力提升课程 in 2.3 = 16 (8 two-day modules, ``sessions`` = days), 对接帮扶 in 2.3 = 6, 沙龙 = 6,
  参访 = 7, 参展 = 1, 普法活动 in 3.1 = 12, 宣传活动 in 3.2 = 2, 党建活动 in 5.1 = 75, 共建活动 in 5.3 = 34;
* articles and cases are one record each (``sessions`` = ``items`` = 1): 投稿 in 1.3 = 63,
  调解 in 3.2 = 33, 调解 in 3.3 = 2; 推荐 in 4.4 = 6 records of one person each;
* enterprises are ``sum(enterprises)``: 走访 in 2.2 = 213, 走访 in task 5 (no measure: the task's
  lead-in paragraph) = 523, 培训 in 1.1 = 103 ("近100多家"); the five services of 2.2 are one record
  per enterprise (8/2/8/3/1); 捐款 in 4.3 = 14 enterprises / 35.00 万元;
* participants: 党建活动 in 5.1 = 1024 人次, 普法活动 in 3.1 = 637 人次, 培训 in 2.4 = 99 人,
  抗疫支援 in 4.1 = 108 人次 (机关干部), 志愿服务 in 4.1 = 632 人次 (突击队);
* money and materials of 4.1: 捐款 ``amount_fen`` over the year = 2336.85 万元, 捐物 ``items`` =
  1,426,350 件; the "1012" epidemic = records of 4.1 dated 2022-10-12 … 2022-11-25: 捐款 1184.63 万元,
  捐物 value (``amount_fen``) 513.68 万元, enterprises (捐款 + 捐物) 726;
* states, not events, are metrics: 会员人数 3782 人, 非公企业党组织 468 个, 共建小组 29 个, 顾问单位 16 家 ….

The narrative (measure texts, task 5's intro) writes each of these counts and amounts as a live figure
(``{{<spec> | <style>}}``, docs/live-figures.md), styled so that the report prints the seed's wording:
"3场" exact, "200多家" ``approx:100``, "10余场" ``approx:10:余``, "1180多万元" ``wan-approx:10`` ….
Left as typed text: dates, names and ordinals ("第二期", "十四届", "一期", written in Chinese numerals)
and "140多万件" (the records count single items; no style writes a count in 万). Task 5's lead-in
paragraph is the task's ``intro``. The indicators' actuals are figure specs too (``INDICATOR_SPECS``;
the key projects' quantitative indicators likewise): their 实际完成值 is computed from the records.

Usage: ``python scripts/build_sample.py [--check] [-o PATH]`` (run from a checkout: it imports jixiao
from ``src``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # runs from a checkout without installing jixiao

from jixiao.core.activity_import import ImportContext, TaskChoice, convert, guess_mapping, read_csv  # noqa: E402
from jixiao.core.figures import validate_figure_spec  # noqa: E402
from jixiao.core.livefigures import make_token  # noqa: E402
from jixiao.core.model import (  # noqa: E402
    Activity,
    ActivityType,
    Attachment,
    BudgetLine,
    FiscalYear,
    Indicator,
    Measure,
    Metric,
    Payment,
    Project,
    Task,
    Unit,
)
from jixiao.core.yearpackage import dumps, to_package  # noqa: E402

OUT = ROOT / "resources" / "sample" / "fy2022.json"
ACTIVITIES_CSV = ROOT / "scripts" / "sample_fy2022_activities.csv"  # the records, as a clerk's spreadsheet
YEAR = 2022
FEN_PER_WAN = 1_000_000
EPIDEMIC_1012 = (dt.date(2022, 10, 12), dt.date(2022, 11, 25))  # 花都“1012”疫情, as recorded here


def wan(text: str) -> int:
    """Fen for an amount in 万元 given as text ("79.88")."""
    return int(Decimal(text) * FEN_PER_WAN)


# --------------------------------------------------------------------------------------------------
# Texts: the seed's own (line breaks and spaces around digits removed; typos of the original kept)
# --------------------------------------------------------------------------------------------------

ILLUSTRATIVE_NOTE = (
    "示例数据：本年度数据包依据广州市花都区工商业联合会2022年度部门整体支出绩效自评报告编制，报告所列文字与"
    "各项数字均可由本数据重现；活动记录的日期、地点和明细，除两个重点项目外的其他项目名称与金额，预算资金的"
    "分项构成，绩效指标及其指标值，满意度等均为虚构。工作成效叙述中的计数与金额（“140多万件”除外）和绩效指标的"
    "实际完成值均由活动记录和年度数据实时计算。"
    " Sample data: this year package is built from the FY2022 self-evaluation report of the Guangzhou Huadu "
    "District Federation of Industry and Commerce, and every text and figure that report states can be "
    "reproduced from it; activity dates, places and details, the names and amounts of all projects except the "
    "two key ones, the split of the budget lines, the indicators and their targets, and satisfaction figures "
    "are invented. The counts and amounts in the narrative of the work results (except “140多万件”) and the "
    "indicators' actual values are computed from the records when the report is made."
)

DUTIES = [
    "贯彻执行党的路线、方针、政策，在中国共产党的领导下，同各民主党派一起参政议政；参与国家事务、经济和社会重大的政治协商，发挥民主监督作用。",
    "协助上级和有关部门对非公有制经济发展过程中带有政策性、代表性的问题进行专题调研。",
    "引导、教育会员“爱国、敬业、守法、诚信”，督促会员自觉遵守国家的政策法令，履行应尽的社会责任和加强自身建设；维护会员的合法权益，反映会员的意见、要求，为参政议政、民主监督提供素材；为会员企业扩大经营，完善管理，提高效益等方面提供服务。",
    "协助会员出国（境）从事商务活动申办护照，出具证明和办理有关事项；牵头管理非公有制企业人员专业技术资格（职称）的评定工作；协助做好非公有制企业的产品质量技术监督工作；为非公有制经济人士的档案管理、人才交流、人才培训提供服务。",
    "开展与港澳同胞、海外侨胞中工商社团和工商界人士的联络工作，组织企业会员举办和参加各类招商会、展销会、交流贸易洽谈等活动，积极帮助会员企业拓展国内外市场，协助政府引进技术、资金、人才。",
    "指导镇街商会和行业商会开展工作。",
    "做好工商联会务服务工作。",
    "承办全国工商联、省工商联、广州市工商联交办的有关事项。",
]

TEXTS = {
    "work_overview": "2022年，区工商联以习近平总书记新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大、全国两会精神，认真落实省委“1+1+9”工作部署和市委“1+1+4”工作举措，立足新发展阶段，全面贯彻新发展理念，服务和融入新发展格局。紧紧围绕区委区政府中心工作，全力推动全区创建省市“两个健康”示范城市工作，进一步转变工作思路、提高工作效能，不断助力民营企业实现高质量发展。",
    "performance_management": "我会按要求对所有财政资金安排的项目进行了绩效评价。从评价情况来看，预算编制、执行及使用效益情况均达到了预期的绩效目标，立项方面依据工商联工作的职责，加强调查研究，坚持程序化、制度化、价值化的立项原则；绩效目标坚持效益化，花钱必问效贯穿项目管理始终；在指标体系、项目管理、项目产出和效益等方面进行组织上、制度上的保障，设置项目资金管理制度，对出现项目资金滞留、进度不畅等问题，及时跟进，形成规范的操作程序和科学的评价体系，使得我单位绩效自评工作有序开展，扎实推进。",
    "evaluation_summary": "根据各级财政预算绩效管理的要求，我部门积极推进预算绩效管理，有效开展部门整体支出绩效和项目绩效等各项管理工作，通过对绩效目标的有效管理，较好的推动了本部门预算管理的规范和资金使用效益的提高，取得了监督、控制、管理的效果。",
    # The two score-table cells are not in the seed (invented, consistent with its 三、存在的主要问题).
    "goals_completion": "年度整体绩效目标基本完成，六项重点工作任务均按计划推进，产出、效益和满意度指标均达到年度指标值。",
    "goals_shortfall": "受疫情影响，部分项目启动时间滞后，执行进度受到一定影响，部门整体支出未能全部执行。",
}

GOALS = [
    "加强思想政治引导，做好新时代民营经济统战工作",
    "立足“两个健康”发展，助力企业实现高质量发展",
    "深化企业法律服务工作，依法保护民营企业与民营企业家合法权益",
    "大力弘扬企业家精神，凝聚同心共筑中国梦的磅礴力量",
    "加强商（协）会联系、指导与服务，夯实基层服务力量",
    "深化拓展红联共建机制，扎实推进党建链引领产业链供应链创新链发展行动",
]

PROBLEMS = [
    "因疫情影响，启动时间滞后，项目执行进度受到一定影响。",
    "项目预算不够精准。",
]

IMPROVEMENTS = [
    "加强项目前期调研，细化支出预算。",
    "提前筹划准备，并做好应急预案，加强项目进度管理。",
]

METRICS = [
    ("会员人数", "3782", "人", "截至2022年12月"),
    ("非公企业党组织", "468", "个", "截至2022年12月，全区"),
    ("红联共建小组", "29", "个", "汽车城园区“红联共建，五链融合”"),
    ("顾问单位", "16", "家", "十四届执委会就职仪式暨二次执委会议聘请"),
    ("“双强六好”先进党组织", "6", "个", "2022年获评广州市非公有制经济组织“双强六好”先进党组织"),
    ("党务工作标兵", "6", "名", "2022年获评广州市非公有制经济组织党务工作标兵"),
    ("党务先锋示范岗", "7", "个", "2022年获评广州市非公有制经济组织党务先锋示范岗"),
    ("会员企业满意度", "96.5", "%", "年度会员企业满意度问卷（示例数据）"),
    ("“鲲鹏计划”参训企业满意度", "95", "%", "结业问卷（示例数据）"),
    ("新任党支部书记履职培训班满意度", "96", "%", "培训评估问卷（示例数据）"),
]


# --------------------------------------------------------------------------------------------------
# Figure specs and live figures (docs/figures.md, docs/live-figures.md)
# --------------------------------------------------------------------------------------------------

EPIDEMIC_FROM, EPIDEMIC_TO = (d.isoformat() for d in EPIDEMIC_1012)


def acts(
    aggregate: str, types: list[str], task: int | None = None, measure: int | None = None, **more: str
) -> dict:
    """An ``activities`` figure spec; *task* and *measure* are 1-based positions."""
    spec: dict = {"source": "activities", "aggregate": aggregate, "types": types}
    if task is not None:
        spec["task"] = task
    if measure is not None:
        spec["measure"] = measure
    spec.update(more)
    validate_figure_spec(spec)
    return spec


def metric(name: str) -> dict:
    """A ``metric`` figure spec (the metric must be in ``METRICS``)."""
    assert name in {m[0] for m in METRICS}, name
    return {"source": "metric", "name": name}


def live(spec: dict, style: str = "exact") -> str:
    """A live figure: the report writes the value computed from the records, in *style*."""
    validate_figure_spec(spec)
    return make_token(spec, style)


# Specs used both in the narrative and as indicator actuals.
VISITS = acts("enterprises", ["走访"], 2, 2)
FORUMS = acts("sessions", ["座谈会"], 1, 2)
ARTICLES = acts("items", ["投稿"], 1, 3)
ROTATIONS = acts("sessions", ["执委会轮值"], 2, 2)
FUND_MATCHING = acts("enterprises", ["国资基金资源对接"], 2, 2)
COURSE_DAYS = acts("sessions", ["能力提升课程"], 2, 3)
MATCHMAKING = acts("sessions", ["对接帮扶"], 2, 3)
SALONS = acts("sessions", ["沙龙"], 2, 3)
STUDY_TOURS = acts("sessions", ["参访"], 2, 3)
LAW_EVENTS = acts("sessions", ["普法活动"], 3, 1)
LAW_PEOPLE = acts("participants", ["普法活动"], 3, 1)
MEDIATIONS = acts("items", ["调解"], 3, 2)
DONATIONS_1012 = acts("amount_wan", ["捐款"], 4, 1, date_from=EPIDEMIC_FROM, date_to=EPIDEMIC_TO)
EAST_WEST_FUNDS = acts("amount_wan", ["捐款"], 4, 3)
PARTY_EVENTS = acts("sessions", ["党建活动"], 5, 1)
PARTY_LEARNERS = acts("participants", ["党建活动"], 5, 1)
NEW_SECRETARY_TRAINING = acts("sessions", ["培训"], 5, 1)
NEW_SECRETARY_TRAINEES = acts("participants", ["培训"], 5, 1)

# Task 5's lead-in paragraph (二（四）, before its "一是…"): the task's "intro".
TASK5_INTRO = (
    "2022年，单独或联合其他部门深入调研"
    + live(acts("enterprises", ["走访"], 5), "approx:10:余")
    + "家非公企业，截至目前，全区已建立非公企业党组织"
    + live(metric("非公企业党组织"))
    + "个。"
)

# (task title, [(measure title, measure text)]): the seed's texts, every count and amount the records
# can give written as a live figure.
TASKS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "加强思想政治引导，做好新时代民营经济统战工作",
        [
            (
                "组织理论学习",
                "围绕党的十九届六中全会、省第十三次党代会精神等，举办宣讲会、党史学习教育"
                + live(acts("sessions", ["宣讲会", "党史学习教育"], 1, 1))
                + "场，不断提高非公经济人士政治素养。积极发动近"
                + live(acts("enterprises", ["培训"], 1, 1), "approx:100")
                + "家执委会成员、直属会员、各商协会及其会员办花都区非公经济理想信念教育培训班，组织企业家参与各级举办的理论宣企业收看中国共产党第二十次全国代表大会开幕式与闭幕式，部分企业家认真撰写了心得体会。",
            ),
            (
                "搭建政企沟通平台",
                "认真贯彻落实《花都区政企沟通例会制度》，2022年，围绕营商环境、民营企业高质量发展等工作，组织召开政企沟通座谈会"
                + live(FORUMS)
                + "场，形成《区工商联关于推进“搭建微平台 推动大集聚”工作的情况报告》等材料报区委、区政府决策参考。",
            ),
            (
                "丰富统战工作举措",
                "组织开展民营经济人士理想信念教育活动，联合商会与民营企业开展红联共建主题活动"
                + live(acts("sessions", ["共建活动"], 1, 3))
                + "场，开展困难企业、困难员工问活动"
                + live(acts("sessions", ["慰问"], 1, 3))
                + "场，慰问奋战一线抗疫工作的干部职工。做好民营经济代表人士担任各级社会职务的考察推荐工作，完善民营经济代表人士关爱机制，加大优秀民营企业与民营企业家宣传报道，全年累计向各类平台投稿"
                + live(ARTICLES, "approx:10")
                + "篇。",
            ),
            (
                "认真推动“两个健康”示范城市创建工作",
                "召开协调会议，充分征求意见建议，制定了《花都区创建“两个健康”示范城市工作分工方案》和《关于成立“两个健康”示范城市创建工作联席会议的通知》，对照《广州市“两个健康”示范城市创建评估指标（试行）》按时提交了花都区自评报告及相应指标佐证材料。组织召开花都区“两个健康”示范城市创建工作会议，指导各责任单位依据职责分工制定本单位工作方案，每月填报《花都区创建省市“两个健康”示范城市任务分工及推进落实情况表》。",
            ),
        ],
    ),
    (
        "始终立足“两个健康”发展，助力企业实现高质量发展",
        [
            (
                "落实落细亲商助企工作",
                "与区税务局印发《2022年助力小微市场主体发展“春雨润苗”专项行动实施方案》，推动惠企政策应知尽知，应享尽享，共同助力企业纾困解难。",
            ),
            (
                "加强企业走访调研",
                "深化“大学习、深调研、真落实”活动，全年累计走访"
                + live(VISITS, "approx:100")
                + "家民营企业，为"
                + live(acts("enterprises", ["两化融合体系认证"], 2, 2))
                + "家企业开展两化融合体系认证，为"
                + live(acts("enterprises", ["专精特新申报辅导"], 2, 2))
                + "家企业辅导专精特新申报，为"
                + live(FUND_MATCHING)
                + "家企业对接国资基金资源，为"
                + live(acts("enterprises", ["媒体深度宣传"], 2, 2))
                + "家企业定制高质量的媒体深度宣传，为"
                + live(acts("enterprises", ["光伏厂房改造"], 2, 2))
                + "家企业推进光伏用电厂房改造。开展"
                + live(ROTATIONS)
                + "期区工商联执委会轮值活动，深化企业合作、实现资源对接，扩大企业发展“朋友圈”。",
            ),
            (
                "扎实推进区委区政府重点工作第二期“鲲鹏计划”",
                "2022年1月组织举办了开班仪式，截至目前，累计举办了"
                + live(acts("sessions", ["政策宣讲"], 2, 3))
                + "次政策宣讲、"
                + live(COURSE_DAYS)
                + "天能力提升课程培训、"
                + live(MATCHMAKING)
                + "次企业对接帮扶活动、"
                + live(SALONS)
                + "场主题沙龙、"
                + live(STUDY_TOURS)
                + "次企业省内外参访活动、"
                + live(acts("sessions", ["参展"], 2, 3))
                + "场参展活动。通过分类指导、分层服务、梯度培育，组织供需对接、互动互助、数字化赋能等方式，进一步优化区内营商环境，帮助优质企业提升自主创新能力和核心竞争力，构建具有国际竞争力的高新技术产业集群。",
            ),
            (
                "做好人才就业服务",
                "与花都区税务局、广州城市理工学院联合成立“助力大学生就业创业税费服务站”，动员"
                + live(acts("participants", ["培训"], 2, 4))
                + "名企业员工参加人社电子劳动合同公共服务平台线上培训，动员商（协）会与会员企业积极响应《关于做好2022年集体协商相关工作的通知》邀约，通过平台搭建、政策宣讲、人才培训、定向招聘等多种方式，进一步助力企业解决招工难、专业人才需求等问题。",
            ),
        ],
    ),
    (
        "深化企业法律服务工作，依法保护民营企业与民营企业家合法权益",
        [
            (
                "加强普法宣传",
                "深入学习宣传习近平法治思想，以企业合规改革工作为切入点，加强企业普法宣传。2022年，组织民营企业代表开展“送法进企业”“知识产权日”“法治体检”、线上普法讲座等活动"
                + live(LAW_EVENTS, "approx:10:余")
                + "场，民营经济人士"
                + live(LAW_PEOPLE, "approx:100")
                + "人次参与学习活动。同时，聚焦《民法典》《宪法》等法律要点，积极组织企业参与市联劳动用工、知识产权等“法治体检”活动，为企业拟定一揽子法律问题解决方案。",
            ),
            (
                "与司法行政部门建立长效联系机制",
                "区人民检察院签订《关于服务保障民营经济健康发展的实施意见》，召开座谈会、开展"
                + live(acts("sessions", ["宣传活动"], 3, 2))
                + "场宣传活动，合力推动花都区涉案企业合规第三方监督评估机制运行；与区人民法院积极探索“建巡服”工作机制，强化区商事联调中心工作运行，区商事联调中心与各基层调解组织成立至今已累计调解涉企案件"
                + live(MEDIATIONS, "approx:10")
                + "件。其中，新雅街商会与狮岭镇商会为广州市基层商会调解组织试点；与区司法局制发《关于落实“百所联百会”机制工作方案》，为我区民营企业提供优质法律服务。",
            ),
            (
                "深化多元化纠纷解决机制",
                "在花山商会设立全市首家“羊城新乡贤”调解驿站，共同构筑化解社会矛盾纠纷的新防线，目前已成功调解"
                + live(acts("items", ["调解"], 3, 3))
                + "起涉企案件。",
            ),
        ],
    ),
    (
        "大力弘扬企业家精神，凝聚同心共筑中国梦的磅礴力量",
        [
            (
                "继续统筹做好疫情防控与经济社会发展工作",
                # "140多万件": the records count items (1,426,350 件); no style writes counts in 万.
                "累计发动民营企业、商（协）会向区慈善会等捐赠防控物资140多万件、款项"
                + live(acts("amount_wan", ["捐款"], 4, 1), "wan-approx:100")
                + "万元。其中，在花都“1012”新冠肺炎疫情期间，积极发动"
                + live(
                    acts("enterprises", ["捐款", "捐物"], 4, 1, date_from=EPIDEMIC_FROM, date_to=EPIDEMIC_TO),
                    "approx:100",
                )
                + "家民营企业、商（协）会、非公经济党组织参与疫情捐赠活动，募集捐款"
                + live(DONATIONS_1012, "wan-approx:10")
                + "万元，捐赠防疫物资与生活物资价值"
                + live(
                    acts("amount_wan", ["捐物"], 4, 1, date_from=EPIDEMIC_FROM, date_to=EPIDEMIC_TO),
                    "wan-approx:100",
                )
                + "万元。动机关干部职工"
                + live(acts("participants", ["抗疫支援"], 4, 1), "approx:100")
                + "人次参与支援区疫情防控、宣传引导、人员流调、志愿服务等工作。发动花都区工商联民营企业疫情防控突击队企业员工代表"
                + live(acts("participants", ["志愿服务"], 4, 1), "approx:100")
                + "人次配合镇（街）村或社区开展核酸检测、秩序维护、人员流调、物质保障、隔离转运等疫情防控工作或志愿服务活动。",
            ),
            (
                "积极参加公益慈善活动",
                "结合扶贫济困、东西部协作、乡村振兴等重点工作，积极发动广大民营企业参与6·30”广东扶贫济困日、消费扶贫等活动。",
            ),
            (
                "进一步推动乡村振兴工作",
                "成立工作领导小组，与区农业农村局、区协作办、区委统战部等部门建立民营企业“万企兴万村”工作联动机制。制定东西部帮扶计划，与贵州安顺市驻粤招商工作组进行座谈，组织捐赠企业赴贵州关岭县开展东西部协作调研活动。今年共发动"
                + live(acts("enterprises", ["捐款"], 4, 3))
                + "家爱心企业募集资金"
                + live(EAST_WEST_FUNDS)
                + "万元助力东西部协作发展，为伤病军人捐款"
                + live(acts("amount_wan", ["慰问"], 4, 3))
                + "万元。",
            ),
            (
                "大力弘扬优秀建设者精神",
                "加强正面宣传，积极推荐民营企业家参与选优评先活动，广泛宣传优秀非公有制经济人士的先进事迹。2022年5月，花都区工商联副主席、广州市明道文化科技集团股份有限公司董事长兼总裁刘水河被广东省委、省政府授予“广东省非公经济人士优秀中国特色社会主义事业建设者”荣誉称号。2022年，推荐"
                + live(acts("participants", ["推荐"], 4, 4))
                + "名年轻企业家参与加2022-2023年度“新时代穗商培养工程”。",
            ),
        ],
    ),
    (
        "进一步创新非公党建工作，推动非公党建工作出新出彩",
        [
            (
                "持续巩固党史学习教育成",
                "积极谋划“新时代基层干部主题培训行动计划”，通过“线上+线下”培训模式，组织非公党员参加“党员干部城市工作能力水平专题培训”、“疫情防控专题培训”等非公经济组织党组织活动共"
                + live(PARTY_EVENTS)
                + "场，非公企业党组织负责人及党务工作者参加学习"
                + live(PARTY_LEARNERS)
                + "人次，通过学习强国、微信小程序等打造党员教育随身课堂，推动“两新”党员学习教育全覆盖。",
            ),
            (
                "持续推进“双同步”工作",
                "强化组织领导，参与花都区“双同步”督导工作，依托镇街、园区，根据花都区挂点联系服务“两新”组织党组织工作机制，通过走访暖企纾困，加强与联系点党组织的沟通交流，听取非公企业主、党组织书记、党务工作者和党员群众的意见建议，帮助解决实际问题等方式，指导“两新”组织党组织理清思路、开展工作、总结经验，不断提高我区非公组织党建工作水平。",
            ),
            (
                "深化拓展红联共建机制",
                "认真落实汽车城园区非公党委的“红联共建，五链融合”工作机制，积极落实汽车城党群服务中心二楼青年科创基地项目建成，目前共建小组"
                + live(metric("红联共建小组"))
                + "个，开展共建活动"
                + live(acts("sessions", ["共建活动"], 5, 3))
                + "次，在为企业解决融资难题、促进企业党建发展，深度参与乡村振兴等工作上，扎实推进党建链引领产业链、供应链、创新链发展行动。",
            ),
            (
                "树立先进典型",
                "2022年，花都区共有"
                + live(metric("“双强六好”先进党组织"))
                + "个非公企业党组织获评广州市非公有制经济组织“双强六好”先进党组织，"
                + live(metric("党务工作标兵"))
                + "名同志获评广州市非公有制经济组织党务工作标兵，"
                + live(metric("党务先锋示范岗"))
                + "名同志所在的岗位获评广州市非公有制经济组织党务先锋示范岗。",
            ),
        ],
    ),
    (
        "加强商（协）会联系、指导与服务，夯实基层服务力量",
        [
            (
                "举办十四届执委会就职仪式",
                "举办区工商联（总商会）十四届执委会就职仪式暨二次执委会议，审议通过区工商联（总商会）相关工作，增补一批执委会成员，表彰一批爱心企业，聘请了"
                + live(metric("顾问单位"))
                + "家顾问单位。",
            ),
            (
                "加强“四好”商会培育",
                "通过实地指导、举办交流活动、召开秘书长工作会议等多种形式，指导商会协会以“四好”商会为标准，不断完善制度建设、规范会务工作、提升服务效能，区包装印刷业商会荣获2022年度广东省工商联系统“四好”商会。",
            ),
            (
                "引导商（协）会积极参与社会治理",
                "引导狮岭镇商会、花山商会等多家商会与广州城市理工学院签约人才战略合作协议，成立就业与实习基地，为企业提供中高端人才输送，将院校的高层次理论科研技术成果与企业的实体经营进行双结合，真正实现产学研有效融合。引导花山商会等积极与镇（街）税务部门、司法所等加强联系，积极构建亲清政商关系。",
            ),
            (
                "认真做好会员发展工作",
                "截至2022年12月，区工商联会员人数" + live(metric("会员人数")) + "人，实现稳步增长。",
            ),
        ],
    ),
]

KUNPENG_TEXT = "“鲲鹏计划”为期一年，主要分为企业遴选、开班动员、企业家能力提升、结业典礼、企业培育、创新社区活动等内容，从“专精特新”、“研发平台”和“拟上市”三个维度培育企业，以体系课程和交流活动为抓手，从“普惠”走向“做精”，通过创新能力提升、帮扶服务、专项服务、生态链接等内容，对鲲鹏计划企业展开全面服务工作。"
PARTY_TRAINING_TEXT = "2022年8月12日，举办一期非公有制企业党组织新任党支部书记履职培训班，切实提升我区非公企业新任党组织书记的思想觉悟、政治水平和履职能力。通过培训，着力提升非公有制经济组织党支部书记党的理论、政策法规和作用发挥等发面的政治理论水平和工作业务能力，努力造就一支树牢“四个意识”，坚定“四个自信”、做到“两个维护”的“领头羊”队伍，强化党组织的政治属性和政治功能，建立落实“书记抓”、“抓书记”和“一岗双责”等党建工作制度，进一步巩固和扩大非公有制经济组织“双同步”的工作成果，进一步促进非公有制经济组织“两个健康”的发展，确保非公有制经济组织党组织“两个作用”的发挥，以优异成绩迎接党的二十大胜利召开。"

# --------------------------------------------------------------------------------------------------
# Activity types (name, measure word)
# --------------------------------------------------------------------------------------------------

ACTIVITY_TYPES = [
    ("宣讲会", "场"),
    ("党史学习教育", "场"),
    ("学习活动", "次"),
    ("培训", "期"),
    ("座谈会", "场"),
    ("会议", "次"),
    ("制度文件", "份"),
    ("报送", "次"),
    ("填报", "次"),
    ("共建活动", "次"),
    ("慰问", "次"),
    ("投稿", "篇"),
    ("走访", "家"),
    ("两化融合体系认证", "家"),
    ("专精特新申报辅导", "家"),
    ("国资基金资源对接", "家"),
    ("媒体深度宣传", "家"),
    ("光伏厂房改造", "家"),
    ("执委会轮值", "期"),
    ("政策宣讲", "次"),
    ("能力提升课程", "天"),
    ("对接帮扶", "次"),
    ("沙龙", "场"),
    ("参访", "次"),
    ("参展", "场"),
    ("签约", "次"),
    ("普法活动", "场"),
    ("宣传活动", "场"),
    ("调解", "件"),
    ("捐款", "次"),
    ("捐物", "次"),
    ("抗疫支援", "次"),
    ("志愿服务", "次"),
    ("公益活动", "次"),
    ("调研", "次"),
    ("推荐", "名"),
    ("荣誉", "项"),
    ("党建活动", "场"),
    ("督导", "次"),
    ("指导", "次"),
    ("交流活动", "场"),
]

# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------


def day(month: int, d: int, weekday: bool = True) -> dt.date:
    """A date of the year; with *weekday*, Saturday moves to Friday and Sunday to Monday."""
    date = dt.date(YEAR, month, d)
    if weekday and date.weekday() == 5:
        date -= dt.timedelta(days=1)
    elif weekday and date.weekday() == 6:
        date += dt.timedelta(days=1)
    return date


# --------------------------------------------------------------------------------------------------
# Money: budget lines and projects
# --------------------------------------------------------------------------------------------------


def indicator(
    level1: str,
    level2: str,
    level3: str,
    kind: str,
    target: str,
    unit: str,
    actual: str | dict | None,
    points: str,
    *,
    qual_band: str | None = None,
    deviation_reason: str = "",
) -> Indicator:
    """An indicator; *actual* is the typed 实际完成值, or a figure spec that computes it from the records."""
    source = actual if isinstance(actual, dict) else None
    if source is not None:
        validate_figure_spec(source)
    return Indicator(
        level1=level1,
        level2=level2,
        level3=level3,
        kind=kind,
        points=Decimal(points),
        target=target,
        unit=unit,
        actual=None if source is not None else actual,
        actual_source=source,
        qual_band=qual_band,
        deviation_reason=deviation_reason,
    )


def project(
    name: str,
    initial: str,
    adjusted: str,
    payments: list[tuple[dt.date, str, str]],
    *,
    expected: str,
    actual: str,
    is_key: bool = False,
    performance_text: str = "",
    indicators: list[Indicator] | None = None,
) -> Project:
    return Project(
        name=name,
        funding_source="fiscal_general",
        implementer="广州市花都区工商业联合会",
        initial_fen=wan(initial),
        adjusted_fen=wan(adjusted),
        is_key=is_key,
        expected_goal=expected,
        actual_result=actual,
        performance_text=performance_text,
        payments=[Payment(date=d, amount_fen=wan(x), note=note) for d, x, note in payments],
        indicators=indicators or [],
    )


def parent(name: str, expected: str, actual: str, children: list[Project]) -> Project:
    node = project(name, "0", "0", [], expected=expected, actual=actual)
    node.children = children
    return node


OUT_, BEN_, SAT_ = "产出指标", "效益指标", "满意度指标"  # 一级指标


def build_projects() -> list[Project]:
    kunpeng = project(
        "“鲲鹏计划”——花都区培育扶持高新企业创新工作",
        "80.00",
        "79.88",
        [
            (day(3, 30), "23.96", "首期服务费"),
            (day(7, 28), "31.95", "第二期服务费"),
            (day(12, 26), "23.97", "尾款"),
        ],
        expected="完成第二期“鲲鹏计划”企业遴选、开班、能力提升课程、对接帮扶、主题沙龙与参访等服务，培育扶持一批高新企业。",
        actual="举办开班仪式，完成4次政策宣讲、16天能力提升课程、6次对接帮扶、6场主题沙龙、7次参访和1场参展活动。",
        is_key=True,
        performance_text=KUNPENG_TEXT,
        indicators=[
            indicator(OUT_, "数量指标", "能力提升课程培训天数", ">=", "15", "天", COURSE_DAYS, "20"),
            indicator(OUT_, "数量指标", "企业对接帮扶活动次数", ">=", "6", "次", MATCHMAKING, "15"),
            indicator(OUT_, "数量指标", "主题沙龙场次", ">=", "6", "场", SALONS, "15"),
            indicator(OUT_, "数量指标", "企业省内外参访活动次数", ">=", "6", "次", STUDY_TOURS, "10"),
            indicator(
                BEN_,
                "社会效益指标",
                "帮助企业提升自主创新能力和核心竞争力",
                "qual",
                "有效提升",
                "",
                "参训企业创新能力和核心竞争力有效提升",
                "20",
                qual_band="achieved",
            ),
            indicator(
                SAT_,
                "服务对象满意度指标",
                "参训企业满意度",
                ">=",
                "90",
                "%",
                metric("“鲲鹏计划”参训企业满意度"),
                "10",
            ),
        ],
    )
    party_training = project(
        "党务宣传、党员素质教育培训费",
        "0.80",
        "0.80",
        [(day(8, 26), "0.80", "培训班费用")],
        expected="举办一期非公有制企业党组织新任党支部书记履职培训班，提升新任书记履职能力。",
        actual="2022年8月12日举办新任党支部书记履职培训班一期，72人参训。",
        is_key=True,
        performance_text=PARTY_TRAINING_TEXT,
        indicators=[
            indicator(OUT_, "数量指标", "举办履职培训班期数", ">=", "1", "期", NEW_SECRETARY_TRAINING, "20"),
            indicator(OUT_, "数量指标", "参训人数", ">=", "60", "人", NEW_SECRETARY_TRAINEES, "20"),
            indicator(
                OUT_,
                "时效指标",
                "培训按计划及时举办",
                "qual",
                "2022年9月底前完成",
                "",
                "2022年8月12日完成",
                "10",
                qual_band="achieved",
            ),
            indicator(
                OUT_,
                "成本指标",
                "培训经费支出",
                "<=",
                "0.80",
                "万元",
                {"source": "project", "name": "党务宣传、党员素质教育培训费", "field": "executed_wan"},
                "10",
            ),
            indicator(
                BEN_,
                "社会效益指标",
                "提升新任党组织书记政治水平和履职能力",
                "qual",
                "有效提升",
                "",
                "新任书记履职能力有效提升",
                "20",
                qual_band="achieved",
            ),
            indicator(
                SAT_,
                "服务对象满意度指标",
                "参训人员满意度",
                ">=",
                "90",
                "%",
                metric("新任党支部书记履职培训班满意度"),
                "10",
            ),
        ],
    )

    def simple(
        name: str,
        initial: str,
        adjusted: str,
        executed: list[str],
        months: list[int],
        expected: str,
        actual: str,
    ) -> dict:
        payments = [(day(m, 28), x, "") for m, x in zip(months, executed, strict=True)]
        return project(name, initial, adjusted, payments, expected=expected, actual=actual)

    return [
        parent(
            "非公有制经济服务发展专项",
            "服务民营企业高质量发展，推进“两个健康”示范城市创建。",
            "完成“鲲鹏计划”、企业走访服务和“两个健康”创建各项工作。",
            [
                kunpeng,
                simple(
                    "民营企业服务活动经费",
                    "6.00",
                    "6.50",
                    ["1.62", "1.85", "1.39"],
                    [4, 8, 12],
                    "开展企业走访调研、政企沟通座谈和执委会轮值活动。",
                    "走访民营企业213家，召开政企沟通座谈会3场，开展执委会轮值活动5期。",
                ),
                simple(
                    "“两个健康”示范城市创建工作经费",
                    "0.00",
                    "3.20",
                    ["1.20", "2.00"],
                    [6, 11],
                    "完成“两个健康”示范城市创建自评及佐证材料。",
                    "按时提交自评报告及指标佐证材料。",
                ),
            ],
        ),
        parent(
            "非公有制经济组织党建工作",
            "加强非公有制经济组织党建工作，扩大党的组织和工作覆盖。",
            "完成党务培训、党组织活动和红联共建各项工作。",
            [
                party_training,
                simple(
                    "非公企业党建工作经费",
                    "5.60",
                    "5.60",
                    ["1.35", "1.30", "1.30"],
                    [3, 7, 11],
                    "组织非公经济组织党组织活动，开展党建调研和“双同步”督导。",
                    "组织党组织活动75场、1024人次参加，调研非公企业523家。",
                ),
                simple(
                    "红联共建活动经费",
                    "2.00",
                    "2.40",
                    ["0.90", "1.50"],
                    [6, 12],
                    "深化红联共建机制，开展共建活动。",
                    "共建小组29个，开展共建活动34次。",
                ),
            ],
        ),
        parent(
            "工商联会务及商会建设",
            "做好工商联会务服务，加强商（协）会指导与会员发展。",
            "完成执委会会议、商会指导和会员发展工作。",
            [
                simple(
                    "工商联会务工作经费",
                    "6.80",
                    "6.80",
                    ["1.66", "2.35", "1.62"],
                    [3, 6, 12],
                    "举办执委会会议等会务活动。",
                    "举办十四届执委会就职仪式暨二次执委会议等会务活动。",
                ),
                simple(
                    "商会建设指导经费",
                    "3.00",
                    "3.50",
                    ["1.40", "2.10"],
                    [5, 10],
                    "指导商（协）会规范化建设，培育“四好”商会。",
                    "实地指导商会6次，1家商会获评省“四好”商会。",
                ),
                simple(
                    "会员发展与服务经费",
                    "1.85",
                    "1.85",
                    ["0.85", "1.00"],
                    [6, 12],
                    "做好会员发展与服务工作。",
                    "会员人数达3782人。",
                ),
            ],
        ),
        parent(
            "企业法律服务与理想信念教育",
            "依法保护民营企业合法权益，开展非公经济人士理想信念教育。",
            "完成普法宣传、商事调解和理想信念教育培训工作。",
            [
                simple(
                    "企业法律服务经费",
                    "3.00",
                    "3.00",
                    ["1.20", "1.80"],
                    [5, 11],
                    "开展普法宣传和“法治体检”活动。",
                    "开展普法活动12场，637人次参与。",
                ),
                simple(
                    "商事调解工作经费",
                    "2.00",
                    "2.20",
                    ["1.00", "1.20"],
                    [6, 12],
                    "推进商事调解工作，化解涉企纠纷。",
                    "调解涉企案件35件。",
                ),
                simple(
                    "非公经济人士理想信念教育培训经费",
                    "3.00",
                    "3.00",
                    ["1.31"],
                    [7],
                    "举办非公经济人士理想信念教育培训班。",
                    "举办培训班1期，部分培训因疫情未能开展。",
                ),
            ],
        ),
    ]


BUDGET = {  # 万元: (年初预算数, 全年预算数, 全年执行数); invented split of the seed's totals
    "total": ("607.87", "628.47", "616.04"),
    "fiscal": ("607.87", "624.97", "612.54"),
    "fiscal_general": ("607.87", "624.97", "612.54"),
    "fiscal_fund": ("0", "0", "0"),
    "fiscal_state_capital": ("0", "0", "0"),
    "other": ("0", "3.50", "3.50"),
    "basic": ("493.82", "509.74", "503.46"),
    "project": ("114.05", "118.73", "112.58"),
}


def build_budget() -> dict[str, BudgetLine]:
    return {line: BudgetLine(line, wan(i), wan(a), wan(e)) for line, (i, a, e) in BUDGET.items()}


# The department's indicators: level3 → the figure spec that computes its 实际完成值 from the records.
INDICATOR_SPECS: dict[str, dict] = {
    "走访民营企业数": VISITS,
    "政企沟通座谈会场次": FORUMS,
    "普法活动场次": LAW_EVENTS,
    "非公经济组织党组织活动场次": PARTY_EVENTS,
    "“鲲鹏计划”能力提升课程天数": COURSE_DAYS,
    "执委会轮值活动期数": ROTATIONS,
    "向各类平台投稿篇数": ARTICLES,
    "普法活动参与人次": LAW_PEOPLE,
    "党组织负责人及党务工作者参学人次": PARTY_LEARNERS,
    "“两个健康”任务推进落实情况表按月填报次数": acts("count", ["填报"], 1, 4),
    "部门整体支出": {"source": "budget", "line": "total", "field": "executed_wan"},
    "“1012”疫情期间募集捐款": DONATIONS_1012,
    "为企业对接国资基金资源": FUND_MATCHING,
    "调解涉企案件数": MEDIATIONS,
    "东西部协作募集资金": EAST_WEST_FUNDS,
    "会员人数": metric("会员人数"),
    "非公企业党组织数": metric("非公企业党组织"),
    "会员企业满意度": metric("会员企业满意度"),
}


def build_indicators() -> list[Indicator]:
    """The department's score table: 产出 50, 效益 30, 满意度 10; every actual comes from the records
    (met, none beaten by 30%)."""
    rows = [
        (OUT_, "数量指标", "走访民营企业数", ">=", "200", "家", "6"),
        (OUT_, "数量指标", "政企沟通座谈会场次", ">=", "3", "场", "5"),
        (OUT_, "数量指标", "普法活动场次", ">=", "10", "场", "5"),
        (OUT_, "数量指标", "非公经济组织党组织活动场次", ">=", "70", "场", "5"),
        (OUT_, "数量指标", "“鲲鹏计划”能力提升课程天数", ">=", "15", "天", "4"),
        (OUT_, "数量指标", "执委会轮值活动期数", ">=", "5", "期", "4"),
        (OUT_, "数量指标", "向各类平台投稿篇数", ">=", "60", "篇", "4"),
        (OUT_, "质量指标", "普法活动参与人次", ">=", "600", "人次", "4"),
        (OUT_, "质量指标", "党组织负责人及党务工作者参学人次", ">=", "1000", "人次", "4"),
        (OUT_, "时效指标", "“两个健康”任务推进落实情况表按月填报次数", ">=", "12", "次", "4"),
        (OUT_, "成本指标", "部门整体支出", "<=", "628.47", "万元", "5"),
        (BEN_, "经济效益指标", "“1012”疫情期间募集捐款", ">=", "1000", "万元", "5"),
        (BEN_, "经济效益指标", "为企业对接国资基金资源", ">=", "8", "家", "5"),
        (BEN_, "社会效益指标", "调解涉企案件数", ">=", "30", "件", "5"),
        (BEN_, "社会效益指标", "东西部协作募集资金", ">=", "30", "万元", "5"),
        (BEN_, "可持续影响指标", "会员人数", ">=", "3700", "人", "5"),
        (BEN_, "可持续影响指标", "非公企业党组织数", ">=", "450", "个", "5"),
        (SAT_, "服务对象满意度指标", "会员企业满意度", ">=", "90", "%", "10"),
    ]
    assert [row[2] for row in rows] == list(INDICATOR_SPECS)
    return [
        indicator(l1, l2, l3, kind, target, unit, INDICATOR_SPECS[l3], points)
        for l1, l2, l3, kind, target, unit, points in rows
    ]


# --------------------------------------------------------------------------------------------------
# The package
# --------------------------------------------------------------------------------------------------


def build_tasks() -> list[Task]:
    """The key tasks with their measures; ids are positions (measures numbered across the year)."""
    tasks = []
    measure_id = 0
    for number, (title, measures) in enumerate(TASKS, 1):
        task = Task(title=title, intro=TASK5_INTRO if number == 5 else "", id=number)
        for measure_title, text in measures:
            measure_id += 1
            task.measures.append(Measure(title=measure_title, text=text, id=measure_id))
        tasks.append(task)
    return tasks


def build_activities(tasks: list[Task], types: list[ActivityType]) -> list[Activity]:
    """The records of ``ACTIVITIES_CSV``, read through the spreadsheet import as a clerk's list would be,
    plus the one attachment (a file a spreadsheet cannot hold)."""
    sheet = read_csv(ACTIVITIES_CSV.read_bytes(), ACTIVITIES_CSV.name)
    mapping = guess_mapping(sheet.headers)
    context = ImportContext(
        year=YEAR,
        types={t.name: t.id for t in types},
        tasks=tuple(TaskChoice(t.id, t.title, tuple((m.id, m.title) for m in t.measures)) for t in tasks),
    )
    result = convert(sheet, mapping, context)
    if len(mapping) != len(sheet.headers) or not result.ok:
        problems = [f"row {p.row} {p.column}: {p.message} {p.params}" for p in result.problems]
        raise SystemExit(f"{ACTIVITIES_CSV} does not import cleanly: {mapping}\n" + "\n".join(problems))
    activities = [activity for _row, activity in result.activities]
    (training,) = [a for a in activities if a.title == TRAINING_TITLE and a.date == TRAINING_DAY]
    training.attachments.append(Attachment("培训通知.txt", TRAINING_NOTICE.encode("utf-8"), "text/plain"))
    return activities


def build_year() -> FiscalYear:
    """The sample year as model objects."""
    tasks = build_tasks()
    types = [
        ActivityType(name=n, measure_word=w, counts=ALL_COUNTS, id=i)
        for i, (n, w) in enumerate(ACTIVITY_TYPES, 1)
    ]
    return FiscalYear(
        year=YEAR,
        unit=Unit(
            full_name="广州市花都区工商业联合会",
            short_name="区工商联",
            self_name="我会",
            duties=list(DUTIES),
            departments=["会员服务科"],
            kind="federation",
        ),
        budget=build_budget(),
        budget_income_fen=wan("628.47"),
        final_income_fen=wan("616.04"),
        score_rule="rate_as_score",
        texts=dict(TEXTS),
        goals=list(GOALS),
        problems=list(PROBLEMS),
        improvements=list(IMPROVEMENTS),
        tasks=tasks,
        activity_types=types,
        activities=build_activities(tasks, types),
        projects=build_projects(),
        indicators=build_indicators(),
        metrics=[Metric(name=n, value=Decimal(v), unit=u, note=note) for n, v, u, note in METRICS],
    )


def build() -> dict:
    """The sample year package, as the package writer makes it."""
    return to_package(build_year(), illustrative_note=ILLUSTRATIVE_NOTE)


ALL_COUNTS = ("participants", "enterprises", "items", "amount_fen")  # every type records every count
# The one record with an attachment (a spreadsheet cannot carry a file).
TRAINING_TITLE = "非公有制企业党组织新任党支部书记履职培训班"
TRAINING_DAY = dt.date(2022, 8, 12)
TRAINING_NOTICE = (
    "关于举办非公有制企业党组织新任党支部书记履职培训班的通知（示例附件）\n"
    "时间：2022年8月12日\n对象：全区非公有制企业党组织新任党支部书记\n"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    parser.add_argument(
        "--check", action="store_true", help="fail if the file differs from what would be written"
    )
    args = parser.parse_args(argv)
    text = dumps(build())
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run scripts/build_sample.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
