"""Flowing the report's blocks onto pages, on a reportlab ``Canvas``, without reportlab's platypus.

The report lays out its own text (``pdf.TextBlock``) and tables (``grid.Grid``); of platypus it
used only the page loop. Importing anything from ``reportlab.platypus`` runs the package's
``__init__``, which imports its paragraph module and compiles large Unicode regular expressions
(~70–110 ms a process). This module is that page loop, with platypus' rules for the few kinds of
block the report uses, so the pages come out the same:

* a block is placed at the top of the room left in the frame (``wrap``); when it does not fit it
  is asked to ``split`` into what fits and the rest; when nothing fits it moves to the next page
  (a block that fits on no empty page is a ``LayoutError``);
* ``CondPageBreak(h)`` ends the page when less than *h* is left; ``NextPageTemplate`` chooses the
  next page's template; ``PageBreak`` ends the page;
* a page starts when the first block after a page end arrives: a story ending with a page end
  makes no empty last page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

FUZZ = 1e-6  # reportlab's tolerance for "it fits"
EMPTY_PAGES_ALLOWED = 10  # more pages in a row without any block: nothing can ever fit


class LayoutError(Exception):
    """A block fits on no page."""


class Flowable:
    """A block of the page: ``wrap`` (its size in the room given), ``split``, and ``draw`` on ``canv``."""

    width: float = 0.0
    height: float = 0.0
    canv: Canvas

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> Sequence[Flowable]:
        return []

    def draw(self) -> None:
        pass

    def drawOn(self, canvas: Canvas, x: float, y: float) -> None:
        """Draw at (*x*, *y*), the block's lower left corner."""
        canvas.saveState()
        canvas.translate(x, y)
        self.canv = canvas
        try:
            self.draw()
        finally:
            del self.canv
        canvas.restoreState()


class Spacer(Flowable):
    """Empty room of a fixed height."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height


class CondPageBreak(Flowable):
    """Ends the page when less than *height* is left in it (takes no room itself)."""

    def __init__(self, height: float) -> None:
        self.need = height
        self.breaks = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.breaks = availHeight < self.need
        return 0.0, 0.0


class PageBreak(Flowable):
    """Ends the page."""


class NextPageTemplate(Flowable):
    """The page after the current one uses the template *name*."""

    def __init__(self, name: str) -> None:
        self.name = name


PagePainter = Callable[[Canvas, int], None]


@dataclass(frozen=True)
class PageTemplate:
    """A page size, the frame the blocks flow in (x, y, width, height in pt), and what is painted
    on each page after its blocks (``on_page_end(canvas, page number)``)."""

    id: str
    pagesize: tuple[float, float]
    frame: tuple[float, float, float, float]
    on_page_end: PagePainter | None = None


class _Flow:
    def __init__(
        self,
        canv: Canvas,
        templates: list[PageTemplate],
        progress: Callable[[int], None] | None,
    ) -> None:
        self.canv = canv
        self.templates = {t.id: t for t in templates}
        self.template = templates[0]
        self.next_template: PageTemplate | None = None
        self.progress = progress
        self.page = 0
        self.page_pending = True  # the next block starts a page
        self.blocks_on_page = 0
        self.empty_pages = 0
        self.y = self.bottom = 0.0
        self.at_top = True

    def begin_page(self) -> None:
        self.page_pending = False
        self.page += 1
        t = self.template
        canv = self.canv
        if list(map(int, canv._pagesize)) != list(map(int, t.pagesize)):
            canv.setPageSize(t.pagesize)
        _x, self.bottom, _w, h = t.frame
        self.y = self.bottom + h
        self.at_top = True
        self.blocks_on_page = 0

    def end_page(self) -> None:
        self.empty_pages = self.empty_pages + 1 if self.blocks_on_page == 0 else 0
        if self.empty_pages >= EMPTY_PAGES_ALLOWED:
            raise LayoutError(f"more than {EMPTY_PAGES_ALLOWED} pages without content")
        if self.template.on_page_end is not None:
            self.template.on_page_end(self.canv, self.canv.getPageNumber())
        if self.progress is not None:
            self.progress(self.page)
        self.canv.setPageRotation(0)
        self.canv.showPage()
        if self.next_template is not None:
            self.template, self.next_template = self.next_template, None
        self.page_pending = True

    def add(self, block: Flowable) -> bool:
        """Draw *block* at the current position if it fits; False when it does not."""
        room = self.y - self.bottom
        if room <= 0:
            return False
        x, _y, width, _h = self.template.frame
        block.canv = self.canv
        try:
            _w, h = block.wrap(width, room)
        finally:
            del block.canv
        y = self.y - h
        if y < self.bottom - FUZZ:
            return False
        block.drawOn(self.canv, x, y)
        if y != self.y:
            self.at_top = False
        self.y = y
        return True

    def split(self, block: Flowable) -> Sequence[Flowable]:
        room = self.y - self.bottom
        if room <= 0:
            return []
        block.canv = self.canv
        try:
            return block.split(self.template.frame[2], room)
        finally:
            del block.canv

    def run(self, story: Iterable[Flowable]) -> None:
        blocks = list(story)
        postponed: dict[int, Flowable] = {}  # by id, holding the block (so its id is not reused)
        while blocks:
            if self.page_pending:
                self.begin_page()
            block = blocks.pop(0)
            if isinstance(block, PageBreak):
                self.end_page()
            elif isinstance(block, NextPageTemplate):
                self.next_template = self.templates[block.name]
            elif self.add(block):
                self.blocks_on_page += 1
                if isinstance(block, CondPageBreak) and block.breaks:
                    self.end_page()
            else:
                parts = self.split(block)
                if parts:
                    if not self.add(parts[0]):
                        raise LayoutError(f"a part of a split block does not fit on page {self.page}")
                    self.blocks_on_page += 1
                    blocks[0:0] = parts[1:]
                else:
                    if id(block) in postponed:
                        raise LayoutError(f"a block too large for any page (page {self.page})")
                    postponed[id(block)] = block
                    blocks.insert(0, block)
                    self.end_page()
        if not self.page_pending:
            self.end_page()


def flow(
    canv: Canvas,
    story: Iterable[Flowable],
    templates: list[PageTemplate],
    progress: Callable[[int], None] | None = None,
) -> None:
    """Lay *story* out on pages of *templates* (the first one first) and save *canv*.

    *progress* is called with the page number after each page.
    :raises LayoutError: a block fits on no page.
    """
    _Flow(canv, templates, progress).run(story)
    canv.save()


__all__ = [
    "CondPageBreak",
    "Flowable",
    "LayoutError",
    "NextPageTemplate",
    "PageBreak",
    "PageTemplate",
    "Spacer",
    "flow",
]
