#!/usr/bin/env python3
"""Build the sample year ``resources/sample/fy2022.json`` (a year package, see docs/year-package.md).

The sample reproduces the model report (FY2022 of 广州市花都区工商业联合会): every prose text is the
seed's own, and every figure the seed states can be recomputed from the records below. What the seed
does not give (activity details and dates, the other ten projects, the budget split, indicators) is
invented here, deterministically: the only randomness is ``random.Random(SEED)``, so running the
script twice writes identical bytes.

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
import base64
import datetime as dt
import json
import random
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))  # runs from a checkout without installing jixiao

from jixiao.core.figures import validate_figure_spec  # noqa: E402
from jixiao.core.livefigures import make_token  # noqa: E402

OUT = ROOT / "resources" / "sample" / "fy2022.json"
YEAR = 2022
SEED = 20221231
FEN_PER_WAN = 1_000_000
FEN_PER_YUAN = 100
EPIDEMIC_1012 = (dt.date(2022, 10, 12), dt.date(2022, 11, 25))  # 花都“1012”疫情, as recorded here


def wan(text: str) -> int:
    """Fen for an amount in 万元 given as text ("79.88")."""
    return int(Decimal(text) * FEN_PER_WAN)


def yuan(amount: int) -> int:
    return amount * FEN_PER_YUAN


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

TOWNS = [
    "新华街道",
    "新雅街道",
    "秀全街道",
    "花城街道",
    "狮岭镇",
    "花山镇",
    "花东镇",
    "炭步镇",
    "赤坭镇",
    "梯面镇",
]
TOWN_INDUSTRIES = {
    "新华街道": ["商贸服务", "珠宝首饰", "建筑装饰"],
    "新雅街道": ["电子信息", "智能制造", "物流"],
    "秀全街道": ["汽车零部件", "新材料", "医药"],
    "花城街道": ["音视频设备", "商贸服务", "文化创意"],
    "狮岭镇": ["皮革皮具", "服装辅料", "电子商务"],
    "花山镇": ["空港物流", "现代农业", "食品加工"],
    "花东镇": ["空港物流", "电子信息", "机械设备"],
    "炭步镇": ["机械设备", "建材", "文化旅游"],
    "赤坭镇": ["现代农业", "园林花卉", "新能源"],
    "梯面镇": ["文化旅游", "林业", "农产品加工"],
}
# Manufacturers, for the enterprise services (认证, 辅导, 基金对接 …) of task 2.
MAKERS = [
    "汽车零部件",
    "皮革皮具",
    "电子信息",
    "智能制造",
    "新材料",
    "音视频设备",
    "机械设备",
    "医药",
    "食品加工",
    "珠宝首饰",
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


def spread(
    rng: random.Random,
    n: int,
    start: dt.date,
    end: dt.date,
    *,
    weekday: bool = True,
    avoid: tuple[dt.date, dt.date] | None = None,
) -> list[dt.date]:
    """*n* sorted dates between *start* and *end*, roughly evenly spread, optionally on weekdays only."""
    days = []
    current = start
    while current <= end:
        if (not weekday or current.weekday() < 5) and not (avoid and avoid[0] <= current <= avoid[1]):
            days.append(current)
        current += dt.timedelta(days=1)
    step = len(days) / n
    picked = [days[min(len(days) - 1, int(i * step + rng.random() * step))] for i in range(n)]
    return sorted(picked)


def split(rng: random.Random, total: int, n: int, lo: int, hi: int) -> list[int]:
    """*n* integers in [lo, hi] summing to *total* (deterministic for a given rng state)."""
    assert n * lo <= total <= n * hi, (total, n, lo, hi)
    values = [rng.randint(lo, hi) for _ in range(n)]
    diff = total - sum(values)
    while diff:
        i = rng.randrange(n)
        if diff > 0 and values[i] < hi:
            values[i] += 1
            diff -= 1
        elif diff < 0 and values[i] > lo:
            values[i] -= 1
            diff += 1
    return values


class Activities:
    """Collects activity records in order of entry."""

    def __init__(self) -> None:
        self.records: list[dict] = []

    def add(
        self,
        date: dt.date,
        task: int | None,
        measure: int | None,
        type_: str,
        title: str,
        *,
        notes: str = "",
        place: str = "",
        sessions: int = 1,
        participants: int = 0,
        enterprises: int = 0,
        items: int = 0,
        amount_fen: int = 0,
        attachments: list[dict] | None = None,
    ) -> None:
        assert date.year == YEAR, date
        self.records.append(
            {
                "date": date.isoformat(),
                "task": task,
                "measure": measure,
                "type": type_,
                "title": title,
                "notes": notes,
                "place": place,
                "sessions": sessions,
                "participants": participants,
                "enterprises": enterprises,
                "items": items,
                "amount_fen": amount_fen,
                "attachments": attachments or [],
            }
        )

    def sorted(self) -> list[dict]:
        return sorted(self.records, key=lambda r: r["date"])  # stable: order of entry within a day


def attachment_text(filename: str, text: str) -> dict:
    data = text.encode("utf-8")
    return {
        "filename": filename,
        "media_type": "text/plain",
        "data_base64": base64.b64encode(data).decode("ascii"),
    }


# --------------------------------------------------------------------------------------------------
# Activities, task by task
# --------------------------------------------------------------------------------------------------


def task1(a: Activities, rng: random.Random) -> None:
    # 1.1 组织理论学习: 宣讲会 + 党史学习教育 = 3 场
    a.add(day(1, 20), 1, 1, "宣讲会", "党的十九届六中全会精神宣讲会", place="区工商联会议室", participants=86)
    a.add(
        day(4, 14),
        1,
        1,
        "党史学习教育",
        "非公经济人士党史学习教育专题学习会",
        place="区工商联会议室",
        participants=64,
    )
    a.add(
        day(6, 16),
        1,
        1,
        "宣讲会",
        "广东省第十三次党代会精神宣讲会",
        place="区民营企业服务中心",
        participants=92,
    )
    a.add(
        day(7, 8),
        1,
        1,
        "培训",
        "花都区非公经济理想信念教育培训班",
        notes="发动执委会成员、直属会员、各商协会及其会员参加",
        place="区委党校",
        participants=126,
        enterprises=103,  # "近100多家": the text writes it as approx:100 after "近"
    )
    a.add(
        day(10, 16, weekday=False),
        1,
        1,
        "学习活动",
        "组织企业家收看党的二十大开幕式",
        notes="部分企业家撰写心得体会",
        participants=135,
        enterprises=62,
    )
    a.add(
        day(10, 22, weekday=False),
        1,
        1,
        "学习活动",
        "组织企业家收看党的二十大闭幕式",
        participants=88,
        enterprises=41,
    )
    # 1.2 搭建政企沟通平台: 政企沟通座谈会 3 场
    a.add(
        day(3, 24),
        1,
        2,
        "座谈会",
        "政企沟通座谈会（优化营商环境专题）",
        place="区政府会议室",
        participants=32,
        enterprises=18,
    )
    a.add(
        day(7, 21),
        1,
        2,
        "座谈会",
        "政企沟通座谈会（民营企业高质量发展专题）",
        place="区政府会议室",
        participants=28,
        enterprises=15,
    )
    a.add(
        day(12, 15),
        1,
        2,
        "座谈会",
        "政企沟通座谈会（“搭建微平台 推动大集聚”专题）",
        place="区工商联会议室",
        participants=30,
        enterprises=16,
    )
    a.add(
        day(12, 22),
        1,
        2,
        "报送",
        "报送《区工商联关于推进“搭建微平台 推动大集聚”工作的情况报告》",
        notes="报区委、区政府决策参考",
    )
    # 1.3 丰富统战工作举措
    a.add(day(1, 25), 1, 3, "慰问", "春节前走访慰问困难企业、困难员工", participants=24, enterprises=12)
    a.add(day(5, 19), 1, 3, "学习活动", "民营经济人士理想信念教育活动", place="花都区党史馆", participants=58)
    a.add(
        day(6, 28),
        1,
        3,
        "共建活动",
        "“红联共建”主题活动：庆祝建党101周年",
        place="汽车城党群服务中心",
        participants=46,
        enterprises=14,
    )
    a.add(
        day(9, 23),
        1,
        3,
        "共建活动",
        "“红联共建”主题活动：商会与民营企业党建联建",
        place="狮岭镇商会",
        participants=38,
        enterprises=11,
    )
    a.add(day(11, 18), 1, 3, "慰问", "慰问困难员工及奋战一线抗疫的干部职工", participants=40, enterprises=8)
    platforms = [
        "“花都工商联”微信公众号",
        "花都区融媒体中心",
        "“南方+”客户端",
        "《广州日报》",
        "广州市工商联网站",
        "广东省工商联网站",
        "《中华工商时报》",
        "“学习强国”广东学习平台",
    ]
    topics = [
        "民营企业家风采",
        "商会服务会员工作",
        "“两个健康”示范城市创建",
        "“鲲鹏计划”企业成长",
        "“送法进企业”活动",
        "红联共建工作",
        "乡村振兴“万企兴万村”",
        "政企沟通座谈会",
        "民营企业科技创新",
        "民营企业社会责任",
        "非公企业党建工作",
        "商会人民调解工作",
    ]
    epidemic_topics = ["民营企业抗疫捐赠", "民营企业疫情防控突击队", "企业复工复产"]
    for date in spread(rng, 63, day(1, 5), day(12, 28)):
        pool = epidemic_topics if EPIDEMIC_1012[0] <= date <= EPIDEMIC_1012[1] else topics
        topic = pool[rng.randrange(len(pool))]
        platform = platforms[rng.randrange(len(platforms))]
        a.add(date, 1, 3, "投稿", f"向{platform}投稿：{topic}", items=1)
    # 1.4 “两个健康”示范城市创建
    a.add(
        day(3, 10),
        1,
        4,
        "会议",
        "“两个健康”示范城市创建工作协调会议",
        place="区工商联会议室",
        participants=26,
    )
    a.add(day(3, 18), 1, 4, "制度文件", "制定《花都区创建“两个健康”示范城市工作分工方案》")
    a.add(day(3, 18), 1, 4, "制度文件", "印发《关于成立“两个健康”示范城市创建工作联席会议的通知》")
    a.add(
        day(4, 13),
        1,
        4,
        "会议",
        "花都区“两个健康”示范城市创建工作会议",
        place="区政府会议室",
        participants=45,
    )
    a.add(
        day(9, 16),
        1,
        4,
        "报送",
        "提交花都区“两个健康”示范城市创建自评报告及指标佐证材料",
        notes="对照《广州市“两个健康”示范城市创建评估指标（试行）》",
    )
    for month in range(1, 13):
        a.add(
            day(month, 25),
            1,
            4,
            "填报",
            f"填报《花都区创建省市“两个健康”示范城市任务分工及推进落实情况表》（{month}月）",
        )


def task2(a: Activities, rng: random.Random) -> None:
    # 2.1 亲商助企
    a.add(
        day(3, 8), 2, 1, "制度文件", "与区税务局印发《2022年助力小微市场主体发展“春雨润苗”专项行动实施方案》"
    )
    # 2.2 走访调研: 213 家
    dates = spread(rng, 62, day(1, 6), day(12, 23), avoid=EPIDEMIC_1012)
    for date, n in zip(dates, split(rng, 213, 62, 2, 6), strict=True):
        town = TOWNS[rng.randrange(len(TOWNS))]
        industry = TOWN_INDUSTRIES[town][rng.randrange(3)]
        a.add(
            date,
            2,
            2,
            "走访",
            f"走访调研{town}{industry}企业",
            place=town,
            notes="了解企业生产经营情况，收集困难诉求",
            enterprises=n,
        )
    services = [
        ("两化融合体系认证", 8, "为一家{}企业开展两化融合管理体系认证"),
        ("专精特新申报辅导", 2, "辅导一家{}企业申报专精特新"),
        ("国资基金资源对接", 8, "为一家{}企业对接国资基金资源"),
        ("媒体深度宣传", 3, "为一家{}企业定制媒体深度宣传"),
        ("光伏厂房改造", 1, "推进一家{}企业光伏用电厂房改造"),
    ]
    for type_, count, pattern in services:
        for date in spread(rng, count, day(3, 1), day(12, 20), avoid=EPIDEMIC_1012):
            a.add(date, 2, 2, type_, pattern.format(MAKERS[rng.randrange(len(MAKERS))]), enterprises=1)
    rotations = [
        (day(3, 25), "汽车零部件企业"),
        (day(5, 27), "皮革皮具企业"),
        (day(7, 29), "空港物流企业"),
        (day(9, 23), "珠宝首饰企业"),
        (day(12, 9), "电子信息企业"),
    ]
    for n, (date, host) in enumerate(rotations, 1):
        a.add(
            date,
            2,
            2,
            "执委会轮值",
            f"区工商联执委会轮值活动（第{'一二三四五'[n - 1]}期）走进{host}",
            participants=rng.randint(35, 60),
            enterprises=rng.randint(18, 30),
        )
    # 2.3 第二期“鲲鹏计划”
    a.add(
        day(1, 14),
        2,
        3,
        "会议",
        "第二期“鲲鹏计划”开班仪式",
        place="区民营企业服务中心",
        participants=120,
        enterprises=50,
    )
    for date, topic in zip(
        [day(2, 24), day(4, 21), day(6, 23), day(8, 18)],
        ["高新技术企业认定政策", "专精特新企业培育政策", "研发费用加计扣除政策", "企业上市扶持政策"],
        strict=True,
    ):
        a.add(
            date,
            2,
            3,
            "政策宣讲",
            f"“鲲鹏计划”政策宣讲：{topic}",
            participants=rng.randint(45, 70),
            enterprises=rng.randint(30, 48),
        )
    modules = [
        "战略管理与商业模式",
        "数字化转型",
        "资本市场与上市规划",
        "知识产权与研发管理",
        "财税合规",
        "组织与人才发展",
        "品牌建设与市场营销",
        "专精特新申报实务",
    ]
    starts = [day(3, 11), day(4, 8), day(5, 13), day(6, 10), day(7, 15), day(8, 5), day(9, 9), day(9, 23)]
    for n, (date, module) in enumerate(zip(starts, modules, strict=True), 1):
        a.add(
            date,
            2,
            3,
            "能力提升课程",
            f"“鲲鹏计划”能力提升课程第{n}模块：{module}",
            notes="两天课程",
            place="区民营企业服务中心",
            sessions=2,
            participants=rng.randint(38, 55),
        )
    for date, topic in zip(
        spread(rng, 6, day(3, 1), day(12, 20), avoid=EPIDEMIC_1012),
        [
            "银企融资对接",
            "校企人才对接",
            "产业链上下游对接",
            "知识产权服务对接",
            "数字化转型诊断",
            "高企认定辅导对接",
        ],
        strict=True,
    ):
        a.add(date, 2, 3, "对接帮扶", f"“鲲鹏计划”企业对接帮扶：{topic}", enterprises=rng.randint(8, 20))
    for date, topic in zip(
        spread(rng, 6, day(2, 15), day(12, 20), avoid=EPIDEMIC_1012),
        [
            "企业创新与研发平台建设",
            "专精特新之路",
            "企业数字化转型",
            "资本赋能企业成长",
            "出海与国际市场",
            "企业传承与创新",
        ],
        strict=True,
    ):
        a.add(date, 2, 3, "沙龙", f"“鲲鹏计划”主题沙龙：{topic}", participants=rng.randint(25, 45))
    visits = [
        ("深圳市", "参访深圳市南山区科技企业"),
        ("东莞市", "参访东莞松山湖高新区企业"),
        ("佛山市", "参访佛山市顺德区智能制造企业"),
        ("珠海市", "参访珠海横琴粤澳深度合作区"),
        ("中山市", "参访中山市专精特新企业"),
        ("杭州市", "赴浙江杭州参访数字经济企业"),
        ("苏州市", "赴江苏苏州参访工业园区企业"),
    ]
    for date, (place, title) in zip(
        spread(rng, 7, day(3, 1), day(12, 16), avoid=EPIDEMIC_1012), visits, strict=True
    ):
        a.add(
            date,
            2,
            3,
            "参访",
            f"“鲲鹏计划”{title}",
            place=place,
            participants=rng.randint(20, 35),
            enterprises=rng.randint(12, 25),
        )
    a.add(
        day(8, 26),
        2,
        3,
        "参展",
        "组织“鲲鹏计划”企业参加粤港澳大湾区高新技术产品展",
        place="广州市",
        enterprises=9,
    )
    # 2.4 人才就业服务: 99 名员工参加线上培训
    a.add(
        day(5, 18),
        2,
        4,
        "签约",
        "与花都区税务局、广州城市理工学院联合成立“助力大学生就业创业税费服务站”",
        place="广州城市理工学院",
    )
    a.add(
        day(6, 9),
        2,
        4,
        "政策宣讲",
        "宣传《关于做好2022年集体协商相关工作的通知》",
        participants=40,
        enterprises=26,
    )
    a.add(
        day(6, 22),
        2,
        4,
        "培训",
        "人社电子劳动合同公共服务平台线上培训（第一批）",
        notes="线上",
        participants=56,
        enterprises=21,
    )
    a.add(
        day(8, 24),
        2,
        4,
        "培训",
        "人社电子劳动合同公共服务平台线上培训（第二批）",
        notes="线上",
        participants=43,
        enterprises=17,
    )


def task3(a: Activities, rng: random.Random) -> None:
    # 3.1 普法: 12 场, 637 人次
    events = [
        (day(2, 23), "“送法进企业”：企业合规经营"),
        (day(3, 15), "线上普法讲座：《民法典》合同编要点"),
        (day(4, 26), "“知识产权日”主题普法活动"),
        (day(5, 20), "“送法进企业”：劳动用工风险防范"),
        (day(6, 14), "“法治体检”：劳动用工专项"),
        (day(7, 12), "线上普法讲座：企业合规改革"),
        (day(8, 10), "“法治体检”：知识产权专项"),
        (day(9, 7), "“送法进企业”：狮岭镇皮具企业"),
        (day(9, 28), "线上普法讲座：安全生产法律责任"),
        (day(11, 30), "线上普法讲座：疫情期间合同履行"),
        (day(12, 4, weekday=False), "国家宪法日：《宪法》宣传进商会"),
        (day(12, 20), "“法治体检”：企业合同管理"),
    ]
    for (date, title), people in zip(events, split(rng, 637, 12, 35, 75), strict=True):
        a.add(date, 3, 1, "普法活动", title, participants=people)
    # 3.2 长效联系机制
    a.add(
        day(4, 19),
        3,
        2,
        "签约",
        "与区人民检察院签订《关于服务保障民营经济健康发展的实施意见》",
        place="区人民检察院",
    )
    a.add(
        day(4, 19),
        3,
        2,
        "座谈会",
        "与区人民检察院召开服务保障民营经济健康发展座谈会",
        place="区人民检察院",
        participants=24,
    )
    a.add(
        day(6, 17),
        3,
        2,
        "宣传活动",
        "联合区人民检察院开展涉案企业合规宣传活动（狮岭镇）",
        place="狮岭镇",
        participants=65,
    )
    a.add(
        day(9, 21),
        3,
        2,
        "宣传活动",
        "联合区人民检察院开展涉案企业合规宣传活动（新华街道）",
        place="新华街道",
        participants=58,
    )
    a.add(day(5, 25), 3, 2, "会议", "与区人民法院研究“建巡服”工作机制", place="区人民法院", participants=12)
    a.add(day(8, 16), 3, 2, "制度文件", "与区司法局制发《关于落实“百所联百会”机制工作方案》")
    kinds = [
        "买卖合同纠纷",
        "货款纠纷",
        "劳动争议",
        "租赁合同纠纷",
        "加工承揽合同纠纷",
        "借款纠纷",
        "运输合同纠纷",
    ]
    places = ["区商事联调中心", "区商事联调中心", "新雅街商会调解委员会", "狮岭镇商会调解委员会"]
    for date in spread(rng, 33, day(1, 10), day(12, 28)):
        a.add(
            date,
            3,
            2,
            "调解",
            f"调解涉企{kinds[rng.randrange(len(kinds))]}",
            place=places[rng.randrange(4)],
            items=1,
        )
    # 3.3 “羊城新乡贤”调解驿站
    a.add(day(7, 6), 3, 3, "会议", "在花山商会设立“羊城新乡贤”调解驿站", place="花山商会", participants=40)
    a.add(day(9, 14), 3, 3, "调解", "“羊城新乡贤”调解驿站调解涉企货款纠纷", place="花山商会", items=1)
    a.add(day(12, 7), 3, 3, "调解", "“羊城新乡贤”调解驿站调解涉企劳动争议", place="花山商会", items=1)


def task4(a: Activities, rng: random.Random) -> None:
    # 4.1 疫情防控: 捐款 2336.85 万元 (of which "1012" 1184.63), 捐物 1,426,350 件 ("1012" value 513.68)
    donors = [
        "区各商会",
        "区直属会员企业",
        "镇街商会会员企业",
        "行业商会会员企业",
        "非公经济党组织",
        "执委会成员企业",
    ]
    pre_money_dates = spread(rng, 14, day(1, 4), day(9, 30))
    pre_money = split(rng, 115_222, 14, 2_000, 15_000)  # hundreds of yuan: 1152.22 万元
    pre_goods_dates = spread(rng, 10, day(1, 4), day(9, 30))
    goods_items = split(rng, 142_635, 22, 1_000, 9_900)  # tens of items: 1,426,350 件
    for date, hundreds in zip(pre_money_dates, pre_money, strict=True):
        a.add(
            date,
            4,
            1,
            "捐款",
            f"发动{donors[rng.randrange(len(donors))]}向区慈善会捐赠疫情防控款项",
            enterprises=rng.randint(3, 15),
            amount_fen=yuan(hundreds * 100),
        )
    for date, tens in zip(pre_goods_dates, goods_items[:10], strict=True):
        a.add(
            date,
            4,
            1,
            "捐物",
            f"发动{donors[rng.randrange(len(donors))]}捐赠防控物资",
            notes="口罩、防护服、消杀用品等",
            enterprises=rng.randint(2, 10),
            items=tens * 10,
            amount_fen=yuan(rng.randint(800, 6_000) * 100),
        )
    start, end = EPIDEMIC_1012
    money_dates = spread(rng, 20, start, end, weekday=False)
    goods_dates = spread(rng, 12, start, end, weekday=False)
    firms = split(rng, 726, 32, 8, 40)
    money = split(rng, 118_463, 20, 1_500, 12_000)  # hundreds of yuan: 1184.63 万元
    value = split(rng, 51_368, 12, 1_500, 9_000)  # hundreds of yuan: 513.68 万元
    for i, (date, hundreds) in enumerate(zip(money_dates, money, strict=True)):
        a.add(
            date,
            4,
            1,
            "捐款",
            f"花都“1012”疫情：{donors[rng.randrange(len(donors))]}向区慈善会捐款",
            notes="花都“1012”疫情期间",
            enterprises=firms[i],
            amount_fen=yuan(hundreds * 100),
        )
    for i, (date, hundreds) in enumerate(zip(goods_dates, value, strict=True)):
        a.add(
            date,
            4,
            1,
            "捐物",
            f"花都“1012”疫情：{donors[rng.randrange(len(donors))]}捐赠防疫物资与生活物资",
            notes="花都“1012”疫情期间",
            enterprises=firms[20 + i],
            items=goods_items[10 + i] * 10,
            amount_fen=yuan(hundreds * 100),
        )
    works = ["疫情防控值守", "宣传引导", "人员流调", "志愿服务"]
    for date, people in zip(
        spread(rng, 8, start, end, weekday=False), split(rng, 108, 8, 9, 18), strict=True
    ):
        town = TOWNS[rng.randrange(len(TOWNS))]
        a.add(
            date,
            4,
            1,
            "抗疫支援",
            f"机关干部职工下沉{town}支援{works[rng.randrange(4)]}",
            place=town,
            participants=people,
        )
    duties = ["核酸检测", "秩序维护", "人员流调", "物资保障", "隔离转运"]
    for date, people in zip(
        spread(rng, 12, start, end, weekday=False), split(rng, 632, 12, 30, 80), strict=True
    ):
        town = TOWNS[rng.randrange(len(TOWNS))]
        a.add(
            date,
            4,
            1,
            "志愿服务",
            f"民营企业疫情防控突击队配合{town}开展{duties[rng.randrange(5)]}",
            place=town,
            participants=people,
        )
    # 4.2 公益慈善
    a.add(day(1, 18), 4, 2, "公益活动", "发动民营企业参与消费扶贫年货采购")
    a.add(day(6, 30), 4, 2, "公益活动", "发动民营企业参与“6·30”广东扶贫济困日活动", enterprises=46)
    a.add(day(9, 15), 4, 2, "公益活动", "组织商会会员企业参与消费扶贫展销")
    # 4.3 乡村振兴: 14 家企业 35 万元, 伤病军人 10 万元
    a.add(
        day(4, 12),
        4,
        3,
        "会议",
        "成立“万企兴万村”工作领导小组，建立工作联动机制",
        notes="与区农业农村局、区协作办、区委统战部等部门",
    )
    a.add(day(6, 8), 4, 3, "座谈会", "与贵州安顺市驻粤招商工作组座谈东西部帮扶计划", participants=18)
    a.add(day(7, 26), 4, 3, "慰问", "为伤病军人捐款", amount_fen=yuan(100_000))
    a.add(
        day(8, 2),
        4,
        3,
        "调研",
        "组织捐赠企业赴贵州关岭县开展东西部协作调研活动",
        place="贵州省关岭县",
        participants=16,
        enterprises=9,
    )
    for date, thousands in zip(
        spread(rng, 14, day(8, 8), day(9, 30)), split(rng, 350, 14, 10, 45), strict=True
    ):
        a.add(
            date,
            4,
            3,
            "捐款",
            "爱心企业捐赠东西部协作帮扶资金（贵州关岭县）",
            enterprises=1,
            amount_fen=yuan(thousands * 1_000),
        )
    # 4.4 优秀建设者
    a.add(
        day(5, 24),
        4,
        4,
        "荣誉",
        "刘水河获授“广东省非公经济人士优秀中国特色社会主义事业建设者”荣誉称号",
        participants=1,
    )
    for date, industry in zip(
        spread(rng, 6, day(11, 28), day(12, 9)),
        ["汽车零部件", "皮革皮具", "电子信息", "珠宝首饰", "空港物流", "新材料"],
        strict=True,
    ):
        a.add(
            date,
            4,
            4,
            "推荐",
            f"推荐一名{industry}企业年轻企业家参加2022-2023年度“新时代穗商培养工程”",
            participants=1,
        )


def task5(a: Activities, rng: random.Random) -> None:
    # lead-in: 调研 520 余家 (523) 非公企业 — task 5, no measure
    partners = ["", "联合区委组织部", "联合区委统战部", "联合镇街党建办"]
    dates = spread(rng, 58, day(1, 10), day(12, 23), avoid=EPIDEMIC_1012)
    for date, n in zip(dates, split(rng, 523, 58, 4, 14), strict=True):
        town = TOWNS[rng.randrange(len(TOWNS))]
        partner = partners[rng.randrange(len(partners))]
        a.add(date, 5, None, "走访", f"{partner}调研{town}非公企业党建工作", place=town, enterprises=n)
    # 5.1 党组织活动 75 场 / 1024 人次; 新任党支部书记履职培训班 (project 党务宣传、党员素质教育培训费)
    themes = [
        "党员干部城市工作能力水平专题培训",
        "疫情防控专题培训",
        "主题党日活动",
        "学习贯彻党的二十大精神专题学习",
        "党务工作者业务培训",
        "“学习强国”学习交流",
        "党史专题学习",
        "非公企业党组织书记讲党课",
    ]
    dates = spread(rng, 40, day(1, 12), day(12, 27))
    sessions = split(rng, 75, 40, 1, 3)
    people = split(rng, 1024, 40, 12, 40)
    for date, s, p in zip(dates, sessions, people, strict=True):
        theme = themes[rng.randrange(len(themes))]
        online = rng.random() < 0.4
        a.add(
            date,
            5,
            1,
            "党建活动",
            theme + ("（线上）" if online else ""),
            notes="线上" if online else "线下",
            sessions=s,
            participants=p,
        )
    note = (
        "关于举办非公有制企业党组织新任党支部书记履职培训班的通知（示例附件）\n"
        "时间：2022年8月12日\n对象：全区非公有制企业党组织新任党支部书记\n"
    )
    a.add(
        dt.date(2022, 8, 12),
        5,
        1,
        "培训",
        "非公有制企业党组织新任党支部书记履职培训班",
        place="区委党校",
        participants=72,
        attachments=[attachment_text("培训通知.txt", note)],
    )
    # 5.2 “双同步”督导
    for date in spread(rng, 6, day(3, 1), day(12, 16), avoid=EPIDEMIC_1012):
        town = TOWNS[rng.randrange(len(TOWNS))]
        a.add(
            date,
            5,
            2,
            "督导",
            f"参与{town}“两新”组织“双同步”督导",
            place=town,
            enterprises=rng.randint(4, 10),
        )
    # 5.3 红联共建: 共建活动 34 次
    a.add(
        day(6, 29),
        5,
        3,
        "会议",
        "汽车城党群服务中心青年科创基地建成启用",
        place="汽车城党群服务中心",
        participants=60,
    )
    topics = [
        "银企融资对接",
        "党建联建",
        "乡村振兴结对",
        "产业链供需对接",
        "志愿服务",
        "人才交流",
        "联学联做",
    ]
    for date in spread(rng, 34, day(1, 14), day(12, 23), avoid=EPIDEMIC_1012):
        a.add(
            date,
            5,
            3,
            "共建活动",
            f"红联共建小组共建活动：{topics[rng.randrange(len(topics))]}",
            place="汽车城园区",
            participants=rng.randint(15, 40),
            enterprises=rng.randint(3, 8),
        )


def task6(a: Activities, rng: random.Random) -> None:
    a.add(
        day(6, 17),
        6,
        1,
        "会议",
        "区工商联（总商会）十四届执委会就职仪式暨二次执委会议",
        notes="增补执委会成员，表彰爱心企业，聘请16家顾问单位",
        place="区会议中心",
        participants=185,
    )
    chambers = [
        "狮岭镇商会",
        "花山商会",
        "新雅街商会",
        "区包装印刷业商会",
        "区汽车零部件行业商会",
        "炭步镇商会",
    ]
    for date, chamber in zip(
        spread(rng, 6, day(2, 20), day(12, 16), avoid=EPIDEMIC_1012), chambers, strict=True
    ):
        a.add(date, 6, 2, "指导", f"实地指导{chamber}规范化建设", place=chamber)
    a.add(day(4, 28), 6, 2, "会议", "商（协）会秘书长工作会议（上半年）", participants=42)
    a.add(day(9, 29), 6, 2, "会议", "商（协）会秘书长工作会议（下半年）", participants=45)
    a.add(day(5, 12), 6, 2, "交流活动", "“四好”商会建设经验交流会", participants=50)
    a.add(day(8, 18), 6, 2, "交流活动", "商会会务工作交流活动", participants=38)
    a.add(day(12, 27), 6, 2, "荣誉", "区包装印刷业商会荣获2022年度广东省工商联系统“四好”商会")
    a.add(
        day(5, 26),
        6,
        3,
        "签约",
        "狮岭镇商会、花山商会等商会与广州城市理工学院签约人才战略合作协议",
        notes="成立就业与实习基地",
        place="广州城市理工学院",
        enterprises=4,
    )
    a.add(day(7, 14), 6, 3, "座谈会", "花山商会与镇税务部门、司法所联系座谈", place="花山镇", participants=20)


def build_activities() -> list[dict]:
    rng = random.Random(SEED)
    a = Activities()
    for step in (task1, task2, task3, task4, task5, task6):
        step(a, rng)
    return a.sorted()


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
) -> dict:
    """An indicator; *actual* is the typed 实际完成值, or a figure spec that computes it from the records."""
    source = actual if isinstance(actual, dict) else None
    if source is not None:
        validate_figure_spec(source)
    return {
        "level1": level1,
        "level2": level2,
        "level3": level3,
        "kind": kind,
        "target": target,
        "unit": unit,
        "actual": None if source is not None else actual,
        "actual_source": source,
        "points": points,
        "score_override": None,
        "override_note": "",
        "qual_band": qual_band,
        "applicable": True,
        "deviation_reason": deviation_reason,
    }


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
    indicators: list[dict] | None = None,
) -> dict:
    return {
        "name": name,
        "funding_source": "fiscal_general",
        "implementer": "广州市花都区工商业联合会",
        "initial_fen": wan(initial),
        "adjusted_fen": wan(adjusted),
        "is_key": is_key,
        "expected_goal": expected,
        "actual_result": actual,
        "performance_text": performance_text,
        "payments": [{"date": d.isoformat(), "amount_fen": wan(x), "note": note} for d, x, note in payments],
        "indicators": indicators or [],
    }


def parent(name: str, expected: str, actual: str, children: list[dict]) -> dict:
    node = project(name, "0", "0", [], expected=expected, actual=actual)
    node["children"] = children
    return node


OUT_, BEN_, SAT_ = "产出指标", "效益指标", "满意度指标"  # 一级指标


def build_projects() -> list[dict]:
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


def build_budget() -> dict:
    return {
        line: {"initial_fen": wan(i), "adjusted_fen": wan(a), "executed_fen": wan(e)}
        for line, (i, a, e) in BUDGET.items()
    }


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


def build_indicators() -> list[dict]:
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


def build() -> dict:
    tasks = [
        {
            "title": title,
            "goal_text": "",
            "intro": TASK5_INTRO if n == 5 else "",
            "measures": [{"title": t, "text": x} for t, x in measures],
        }
        for n, (title, measures) in enumerate(TASKS, 1)
    ]
    return {
        "format": "jixiao-year-package",
        "format_version": 2,
        "illustrative_note": ILLUSTRATIVE_NOTE,
        "unit": {
            "full_name": "广州市花都区工商业联合会",
            "short_name": "区工商联",
            "self_name": "我会",
            "supervisor": "",
            "staffing": "",
            "contact_person": "",
            "contact_phone": "",
            "duties": DUTIES,
            "departments": ["会员服务科"],
            "kind": "federation",
        },
        "year": YEAR,
        "score_rule": "rate_as_score",
        "rule_options": {},
        "layout_profile": "gbt9704",
        "budget_income_fen": wan("628.47"),
        "final_income_fen": wan("616.04"),
        "budget": build_budget(),
        "texts": TEXTS,
        "goals": GOALS,
        "problems": PROBLEMS,
        "improvements": IMPROVEMENTS,
        "tasks": tasks,
        "activity_types": [
            {"name": n, "measure_word": w, "counts": list(ALL_COUNTS)} for n, w in ACTIVITY_TYPES
        ],
        "activities": build_activities(),
        "projects": build_projects(),
        "indicators": build_indicators(),
        "metrics": [{"name": n, "value": v, "unit": u, "note": note} for n, v, u, note in METRICS],
    }


ALL_COUNTS = ("participants", "enterprises", "items", "amount_fen")  # every type records every count


def dumps(package: dict) -> str:
    return json.dumps(package, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


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
