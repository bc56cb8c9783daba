"""Live figures: numbers inside narrative text that are computed from the records when the report is made.

A live figure is written in the text as ``{{<figure spec JSON> | <style>}}``, for example
``举办宣讲会{{{"source": "activities", "types": ["宣讲会"]} | exact}}场``. The spec is the figure spec of
``core/figures.py`` (see ``docs/figures.md``), plus one source of its own here: ``{"source": "score"}``
(the year's total score; ``"field": "rate"`` for the execution rate). The style says how it is written:

- ``exact``: the number as is ("3", "1024");
- ``approx`` / ``approx:STEP`` / ``approx:STEP:余``: "200多", "10余" (floored to STEP, or to two
  leading digits; exact when nothing is above the round number);
- ``wan``: money in 万元 with 2 decimals ("118.73"); ``wan-approx`` "1180多" (floored 万元);
- ``percent``: "98.02%"; ``decimal2``: "98.02";
- ``change``: a signed change in words, "增加14.08" / "减少7.39%" (money in 万元, a rate in percent), for
  year-on-year figures (``{"source": "yoy", "figure": "expenditure_fen", "of": "change"}``).

The measure word stays in the text after the figure. A figure that cannot be computed is printed
as ``【?】`` and reported as a problem; never silently as 0. The GUI's picker writes these tokens, so
nobody has to type them; its editors find them with ``spans`` and say what each writes and counts
with ``explain``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from jixiao.core.errors import N_, JixiaoError, Message, Problem
from jixiao.core.figures import FigureError, compute_figure, describe_figure, figure_quantity
from jixiao.core.model import FiscalYear
from jixiao.core.numbers import format_approximate, format_decimal2, format_number

UNRESOLVED = "【?】"
STYLES = ("exact", "approx", "wan", "wan-approx", "percent", "decimal2", "change")
CHANGE_WORDS = ("增加", "减少")  # the "change" style: the direction of a signed figure, in words
_OPEN, _CLOSE = "{{", "}}"
MSG_LIVE_FIGURE = N_("A live figure cannot be written ({reason}): {token}")
_STYLE = re.compile(r"\s*\|\s*(?P<style>[a-z0-9-]+(?::\d+)?(?::[多余])?)\s*\}\}")


@dataclass(frozen=True)
class LiveFigure:
    """One parsed token: its spec, its style, and the raw text it came from (for error messages)."""

    spec: dict
    style: str
    raw: str


class TextProblem(Problem):
    """A live figure that cannot be written: a ``Problem`` of rule ``live_figure`` whose message names
    the token (``raw``) and why (``reason``, a Message). ``where`` is the text it stands in once
    ``narrative_problems`` has found it (None for a text on its own)."""

    @classmethod
    def of_token(cls, raw: str, reason: Message) -> TextProblem:
        return cls("live_figure", Message(MSG_LIVE_FIGURE, reason=reason, token=raw))

    @property
    def raw(self) -> str:
        """The token as typed."""
        return str(self.message.params["token"])

    @property
    def reason(self) -> Message:
        """Why it cannot be written."""
        reason = self.message.params["reason"]
        assert isinstance(reason, Message)
        return reason


def parse(text: str) -> list[str | LiveFigure | TextProblem]:
    """Split *text* into plain strings, live figures, and malformed tokens (as TextProblem)."""
    parts: list[str | LiveFigure | TextProblem] = []
    position = 0
    decoder = json.JSONDecoder()
    while True:
        start = text.find(_OPEN, position)
        if start < 0:
            break
        body_start = start + len(_OPEN)
        while body_start < len(text) and text[body_start] in " \t":
            body_start += 1
        if body_start >= len(text) or text[body_start] != "{":
            parts.append(text[position:body_start])  # "{{" not followed by a spec: plain text
            position = body_start
            continue
        try:
            spec, spec_end = decoder.raw_decode(text, body_start)
        except json.JSONDecodeError:
            spec, spec_end = None, body_start
        match = _STYLE.match(text, spec_end) if spec is not None else None
        if match is None or not isinstance(spec, dict):
            end = text.find(_CLOSE, body_start)
            end = len(text) if end < 0 else end + len(_CLOSE)
            parts.append(text[position:start])
            parts.append(
                TextProblem.of_token(
                    text[start:end], Message(N_("The live figure is not written correctly."))
                )
            )
            position = end
            continue
        end = match.end()
        parts.append(text[position:start])
        parts.append(LiveFigure(spec, match["style"], text[start:end]))
        position = end
    parts.append(text[position:])
    merged: list[str | LiveFigure | TextProblem] = []
    for part in parts:
        if isinstance(part, str) and merged and isinstance(merged[-1], str):
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return merged


def spans(text: str) -> list[tuple[int, int, LiveFigure | TextProblem]]:
    """Where the tokens of *text* are: ``(start, end, part)`` with ``text[start:end] == part.raw``.

    Offsets count Python characters (code points), as ``parse`` reads the text.
    """
    found: list[tuple[int, int, LiveFigure | TextProblem]] = []
    position = 0
    for part in parse(text):
        if isinstance(part, str):
            position += len(part)
        else:
            found.append((position, position + len(part.raw), part))
            position += len(part.raw)
    return found


@dataclass(frozen=True)
class Explanation:
    """One token as a reader sees it: what it writes now, what it counts, and why it cannot be written.

    ``written`` is the text the report prints (``【?】`` when it cannot); ``counts`` says in words
    what the figure counts (empty for a malformed token); ``problem`` is None when it can be written.
    """

    written: str
    counts: tuple[Message, ...]
    problem: Message | None


def describe(spec: dict, fy: FiscalYear | None = None) -> list[Message]:
    """What the figure *spec* counts, in words (``describe_figure`` plus the year's score)."""
    if isinstance(spec, dict) and spec.get("source") == "score":
        if spec.get("field") == "rate":
            return [Message(N_("Year's budget execution rate"))]
        return [Message(N_("The year's self-evaluation score"))]
    return describe_figure(spec, fy)


def explain(
    part: LiveFigure | TextProblem, fy: FiscalYear, score_total: Decimal | None = None
) -> Explanation:
    """How the report writes *part* today (see ``Explanation``)."""
    if isinstance(part, TextProblem):
        return Explanation(UNRESOLVED, (), part.reason)
    try:
        counts = tuple(describe(part.spec, fy))
    except JixiaoError:
        counts = ()
    written, problem = _write(part, fy, score_total)
    return Explanation(written, counts, problem.reason if problem else None)


def _write(figure: LiveFigure, fy: FiscalYear, score_total: Decimal | None) -> tuple[str, TextProblem | None]:
    try:
        value, quantity = figure_value(figure.spec, fy, score_total)
        return write_value(value, quantity, figure.style), None
    except JixiaoError as error:
        return UNRESOLVED, TextProblem.of_token(figure.raw, Message(error.message, **error.params))


def make_token(spec: dict, style: str = "exact") -> str:
    """The text of a live figure (what the GUI's picker inserts)."""
    check_style(style)
    return "{{" + json.dumps(spec, ensure_ascii=False, separators=(", ", ": ")) + " | " + style + "}}"


def check_style(style: str) -> None:
    """Raise JixiaoError when *style* is not one of ``STYLES`` (with its options)."""
    name = style.split(":")[0]
    if name not in STYLES or (":" in style and name not in ("approx", "wan-approx")):
        raise JixiaoError(N_("Unknown way of writing a figure: {style}."), style=style)


def figure_value(spec: dict, fy: FiscalYear, score_total: Decimal | None = None) -> tuple[Decimal, str]:
    """The unrounded value of *spec* and its quantity (count, fen, wan, percent, number).

    ``{"source": "score"}`` needs *score_total* (the year's total) or computes it.
    """
    if isinstance(spec, dict) and spec.get("source") == "score":
        from jixiao.core.scoring import score_year

        if set(spec) - {"source", "field"} or spec.get("field", "total") not in ("total", "rate"):
            raise FigureError(N_("The figure is not valid."))
        table = score_year(fy)
        if spec.get("field") == "rate":
            if table.execution_rate is None:
                raise FigureError(N_("The figure is not valid."))
            return table.execution_rate * 100, "percent"
        return (score_total if score_total is not None else table.total), "number"
    return compute_figure(spec, fy), figure_quantity(spec)


def write_value(value: Decimal, quantity: str, style: str) -> str:
    """Write *value* (of *quantity*) in *style*; see the module docstring."""
    check_style(style)
    name, *options = style.split(":")
    if name == "change":
        word = CHANGE_WORDS[0] if value >= 0 else CHANGE_WORDS[1]
        size = abs(value) / 1_000_000 if quantity == "fen" else abs(value)
        return word + format_decimal2(size) + ("%" if quantity == "percent" else "")
    if quantity == "fen" and name in ("wan", "wan-approx", "exact", "approx", "decimal2"):
        value, quantity = value / 1_000_000, "wan" if name.startswith("wan") else quantity
    if name == "exact":
        return format_number(value)
    if name == "percent":
        return format_decimal2(value) + "%"
    if name in ("decimal2", "wan"):
        return format_decimal2(value)
    step = int(options[0]) if options and options[0].isdigit() else None
    word = options[-1] if options and not options[-1].isdigit() else "多"
    if name == "wan-approx":
        value = value.to_integral_value(rounding=ROUND_FLOOR) if value >= 10 else value
    return format_approximate(value, step=step, word=word)


def render(text: str, fy: FiscalYear, score_total: Decimal | None = None) -> tuple[str, list[TextProblem]]:
    """*text* with every live figure written out; unresolved ones become 【?】 and are listed."""
    out: list[str] = []
    problems: list[TextProblem] = []
    for part in parse(text):
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, TextProblem):
            out.append(UNRESOLVED)
            problems.append(part)
        else:
            written, problem = _write(part, fy, score_total)
            out.append(written)
            problems += [problem] if problem else []
    return "".join(out), problems


def text_problems(text: str, fy: FiscalYear) -> list[TextProblem]:
    """Only the problems of *text* (for readiness checks)."""
    return render(text, fy)[1]


def narratives(fy: FiscalYear) -> list[tuple[tuple[str, object], str]]:
    """Every narrative text of *fy* that may hold live figures, with where it is edited."""
    found: list[tuple[tuple[str, object], str]] = [(("text", key), text) for key, text in fy.texts.items()]
    for index, task in enumerate(fy.tasks):
        found.append((("task", task.id if task.id is not None else index), task.intro))
        for m_index, measure in enumerate(task.measures):
            found.append(
                (("measure", measure.id if measure.id is not None else (index, m_index)), measure.text)
            )
    for project in fy.all_projects():
        found.append((("project", project.id), project.performance_text))
    found += [(("problem", i), text) for i, text in enumerate(fy.problems)]
    found += [(("improvement", i), text) for i, text in enumerate(fy.improvements)]
    return [(where, text) for where, text in found if text and _OPEN in text]


def narrative_problems(fy: FiscalYear) -> list[TextProblem]:
    """Every live figure of *fy*'s narratives that cannot be written, its ``where`` the text to fix."""
    problems = []
    for where, text in narratives(fy):
        problems += [dataclasses.replace(problem, where=where) for problem in text_problems(text, fy)]
    return problems
