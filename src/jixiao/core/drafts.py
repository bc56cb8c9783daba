"""Auto-drafted narrative for a measure, from the activities recorded under it, in office register.

The draft counts per activity type, each in the type's own measure word, the way the report's
paragraphs do: "全年共举办培训2期，调解纠纷12件，累计参与群众230人次。主要有：3月1日，…；…等。"
Every number is a live figure (it stays right when more activities are recorded); blank counts
(None) are left out rather than counted as 0. The clerk adopts the draft and edits it.

The verb before a type (举办培训, 召开会议, 开展调研; none for 走访企业, 调解纠纷 …) is chosen by
``type_phrase`` from the type's name; English drafts write "培训: 2 期".
"""

from __future__ import annotations

import datetime as dt

from jixiao.core.i18n import N_, Translator
from jixiao.core.livefigures import make_token
from jixiao.core.model import Activity, ActivityType, FiscalYear

MAX_LISTED = 5

# Names that start with a verb already: no verb is added (走访企业12次, 调解纠纷12件).
_VERB_STARTS = (
    "走访", "调解", "开展", "组织", "举办", "召开", "慰问", "办理", "督导", "接待", "参加", "发放",
    "视察", "帮扶", "指导", "提供", "宣传投稿", "报送", "审批",
)  # fmt: skip
# Names ending in an action on an object come out as action + object: 提案办理 → 办理提案.
_MOVED_ENDINGS = ("办理", "督办", "报送")
_HELD = ("培训", "宣讲会", "讲座", "培训班", "论坛", "展览", "比赛", "竞赛", "沙龙")  # 举办…
_CONVENED = ("会议", "会")  # 召开…
_VERB_ORDER = {"召开": 0, "举办": 1, "开展": 2}  # then the types that carry their own verb


def verb_and_object(name: str) -> tuple[str, str]:
    """The verb put before type *name* and what follows it: ("举办", "培训"), ("", "走访企业")."""
    if name.startswith(_VERB_STARTS):
        return "", name
    for ending in _MOVED_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending):
            return ending, name[: -len(ending)]
    if name.endswith(_HELD):
        return "举办", name
    if name.endswith(_CONVENED):
        return "召开", name
    return "开展", name


def type_phrase(name: str) -> str:
    """The verb phrase for counting activities of type *name*, e.g. 举办培训, 召开会议, 走访企业."""
    return "".join(verb_and_object(name))


def measure_activities(fy: FiscalYear, task_position: int, measure_position: int) -> list[Activity]:
    """The year's activities recorded under a measure (positions are 1-based), by date."""
    task = fy.tasks[task_position - 1]
    measure = task.measures[measure_position - 1]
    found = [a for a in fy.activities if a.measure_id == measure.id and not a.deleted]
    return sorted(found, key=lambda a: (a.date, a.id or 0))


def _day(day: dt.date, lang: str) -> str:
    return f"{day.month}月{day.day}日" if lang.startswith("zh") else day.strftime("%b %d").replace(" 0", " ")


def draft_measure_text(fy: FiscalYear, task_position: int, measure_position: int, tr: Translator) -> str:
    """A draft paragraph for the measure, or "" when nothing is recorded under it."""
    activities = measure_activities(fy, task_position, measure_position)
    if not activities:
        return ""
    zh = tr.lang.startswith("zh")
    base = {"source": "activities", "task": task_position, "measure": measure_position}
    used = {a.type_id for a in activities}
    types: list[ActivityType] = [t for t in fy.activity_types if t.id in used]
    counted: list[str] = []
    last_verb = ""
    if zh:  # types sharing a verb go together: 举办培训1期、宣讲会2场
        types = sorted(types, key=lambda t: _VERB_ORDER.get(verb_and_object(t.name)[0], len(_VERB_ORDER)))
    for activity_type in types:
        token = make_token({**base, "types": [activity_type.name], "aggregate": "sessions"}, "exact")
        if zh:
            verb, thing = verb_and_object(activity_type.name)
            if verb and verb == last_verb:
                counted[-1] += f"、{thing}{token}{activity_type.measure_word}"
            else:
                counted.append(f"{verb}{thing}{token}{activity_type.measure_word}")
            last_verb = verb
        else:
            counted.append(f"{activity_type.name}: {token} {activity_type.measure_word}")
    totals = []
    for field, message in (
        ("participants", N_("{value} person-times took part")),
        ("enterprises", N_("{value} enterprises served")),
    ):
        if any(getattr(a, field) for a in activities):
            totals.append(tr.format(message, value=make_token({**base, "aggregate": field}, "exact")))
    if any(a.amount_fen for a in activities):
        money = make_token({**base, "aggregate": "amount_fen"}, "wan")
        totals.append(tr.format("{value} 10k yuan of funds involved", value=money))
    separator = "，" if zh else ", "
    text = tr.format("In all, {counts}", counts=separator.join(counted + totals)) + tr.gettext(".")
    listed = [
        tr.format("{date}, {title}", date=_day(a.date, tr.lang), title=a.title.strip())
        for a in activities[:MAX_LISTED]
    ]
    more = tr.gettext(", and more") if len(activities) > MAX_LISTED else ""
    return (
        text
        + tr.format("They included: {items}", items=tr.gettext("; ").join(listed))
        + more
        + tr.gettext(".")
    )
