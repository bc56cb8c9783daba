"""Score tables for the command line and scripts; reading only, the file is never changed."""

from __future__ import annotations

import json

from jixiao.core.errors import N_, JixiaoError
from jixiao.core.i18n import Translator
from jixiao.core.score_format import render_text_table, table_to_json
from jixiao.core.scoring import ScoreRules, ScoreTable, score_project, score_year
from jixiao.services.reports import load_fiscal_year
from jixiao.store.database import Book


def year_score_table(
    book: Book, year: int, project: str | None = None, rule: str | None = None
) -> ScoreTable:
    """The score table of *year* (or of its project named *project*), optionally under another *rule*."""
    fy = load_fiscal_year(book, year)
    rules = ScoreRules.of_year(fy)
    if rule is not None:
        rules = ScoreRules.parse(rule, rules.options())
    if project is None:
        return score_year(fy, rules)
    for candidate in fy.all_projects():
        if candidate.name == project:
            return score_project(candidate, fy, rules)
    raise JixiaoError(N_("The year {year} has no project named {name}."), year=year, name=project)


def score_command(
    book: Book, year: int, *, project: str | None, rule: str | None, as_json: bool, tr: Translator
) -> str:
    """What ``jixiao score`` prints: an aligned text table, or JSON with every row, total and grade."""
    table = year_score_table(book, year, project, rule)
    if as_json:
        return json.dumps(table_to_json(table, tr.gettext), ensure_ascii=False, indent=2)
    return render_text_table(table, tr.gettext)
