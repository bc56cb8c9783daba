"""report.flow: the page loop the report's blocks flow through."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from jixiao.report.flow import (
    CondPageBreak,
    Flowable,
    LayoutError,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    flow,
)


class Lines(Flowable):
    """*count* lines of 10 pt that split between lines; records where it was drawn."""

    def __init__(self, name: str, count: int, drawn: list) -> None:
        self.name, self.count, self.drawn = name, count, drawn

    def wrap(self, availWidth, availHeight):
        self.width, self.height = availWidth, self.count * 10.0
        return self.width, self.height

    def split(self, availWidth, availHeight):
        fit = int(availHeight // 10)
        if fit <= 0 or fit >= self.count:
            return []
        return [Lines(self.name + "a", fit, self.drawn), Lines(self.name + "b", self.count - fit, self.drawn)]

    def draw(self):
        self.drawn.append((self.name, self.canv.getPageNumber()))


def run(story, frame_height=100.0):
    pages: list[int] = []
    templates = [
        PageTemplate("p", (200.0, 300.0), (10.0, 10.0, 180.0, frame_height), lambda c, n: pages.append(n)),
        PageTemplate("l", (300.0, 200.0), (10.0, 10.0, 280.0, frame_height)),
    ]
    canv = Canvas(io.BytesIO(), pagesize=(200.0, 300.0))
    flow(canv, story, templates)
    return pages


def test_blocks_fill_pages_split_and_move_on():
    drawn: list = []
    pages = run([Lines("x", 6, drawn), Lines("y", 7, drawn), Spacer(1, 100), Lines("z", 1, drawn)])
    # x (60) fits; y splits after 4 lines; the rest of y, then the spacer fills page 3; z on page 4
    assert drawn == [("x", 1), ("ya", 1), ("yb", 2), ("z", 4)]
    assert pages == [1, 2, 3, 4]  # each page painted once, told its number


def test_cond_page_break_page_break_and_next_template():
    drawn: list = []
    story = [
        Lines("a", 8, drawn),
        CondPageBreak(30),  # 20 left: the page ends
        Lines("b", 2, drawn),
        CondPageBreak(30),  # 80 left: nothing happens
        Lines("c", 1, drawn),
        NextPageTemplate("l"),
        PageBreak(),
        Lines("d", 1, drawn),
        PageBreak(),  # at the end: no empty last page
    ]
    run(story)
    assert drawn == [("a", 1), ("b", 2), ("c", 2), ("d", 3)]


def test_a_block_that_fits_on_no_page_is_an_error():
    with pytest.raises(LayoutError):
        run([Lines("huge", 3, []), Spacer(1, 500)])
