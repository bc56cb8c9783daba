"""Layout profiles as data: page geometry, type sizes, grid and page numbers. No reportlab here.

Lengths are in millimetres (``*_mm``) or PostScript points (``*_pt``, 1/72 inch). ``gbt9704`` is
GB/T 9704-2012: A4, type area 156 × 225 mm, 16 pt body on a grid of 22 lines × 28 characters. A 16 pt
character is 5.64 mm wide, so 28 of them are 158 mm: the grid tightens the character pitch to
156/28 = 5.571 mm (15.79 pt), i.e. a character spacing of −0.21 pt, and the line pitch is
225/22 = 10.23 mm (28.99 pt). ``word`` is what Word gives by default (2.54/3.17 cm margins, ≈26
characters per line), the layout the model report was typed in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

MM = 72 / 25.4  # points per millimetre

A4_MM = (210.0, 297.0)


@dataclass(frozen=True)
class LayoutProfile:
    """Everything the renderer needs to lay out the report, as plain numbers and choices."""

    name: str
    margin_top_mm: float
    margin_right_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    body_size_pt: float = 16.0
    chars_per_line: int | None = None  # a character grid across the type area, or natural widths
    lines_per_page: int | None = None  # a line grid down the type area, or ``leading_pt``
    leading_pt: float = 28.0  # used when lines_per_page is None
    title_size_pt: float = 22.0
    heading_size_pt: tuple[float, float, float, float] = (16.0, 16.0, 16.0, 16.0)  # levels 1–4
    heading3_bold: bool = False  # many offices print "1." headings bold
    first_indent_chars: int = 2  # paragraphs and headings start 2 characters in
    title_blank_lines: int = 1  # empty lines between the title and the body
    page_number_size_pt: float = 14.0
    page_number_gap_mm: float = 7.0  # from the type area's lower edge to the top of the number
    page_number_position: str = "outer"  # "outer": odd pages right, even pages left; or "center"
    page_number_side_chars: int = 1  # "空一字": one body character in from the type area edge
    # Landscape A4 pages of the attachment (the score tables).
    table_margin_top_mm: float = 20.0
    table_margin_right_mm: float = 20.0
    table_margin_bottom_mm: float = 20.0
    table_margin_left_mm: float = 20.0
    table_title_size_pt: float = 18.0
    table_subtitle_size_pt: float = 16.0
    table_size_pt: float = 10.5  # 五号
    table_leading_pt: float = 14.0
    table_padding_pt: float = 3.0

    @property
    def page_size_pt(self) -> tuple[float, float]:
        """Portrait A4 (width, height) in points."""
        return A4_MM[0] * MM, A4_MM[1] * MM

    @property
    def landscape_size_pt(self) -> tuple[float, float]:
        """Landscape A4 (width, height) in points."""
        return A4_MM[1] * MM, A4_MM[0] * MM

    @property
    def type_width_pt(self) -> float:
        return (A4_MM[0] - self.margin_left_mm - self.margin_right_mm) * MM

    @property
    def type_height_pt(self) -> float:
        return (A4_MM[1] - self.margin_top_mm - self.margin_bottom_mm) * MM

    @property
    def char_space_pt(self) -> float:
        """Extra space after each character (negative tightens): makes ``chars_per_line`` fit."""
        if not self.chars_per_line:
            return 0.0
        return self.type_width_pt / self.chars_per_line - self.body_size_pt

    @property
    def char_pitch_pt(self) -> float:
        """The advance of one full-width body character, spacing included."""
        return self.body_size_pt + self.char_space_pt

    @property
    def body_leading_pt(self) -> float:
        """The line pitch of the body: ``lines_per_page`` lines fill the type area exactly."""
        if self.lines_per_page:
            return self.type_height_pt / self.lines_per_page
        return self.leading_pt

    def with_options(self, **changes: Any) -> LayoutProfile:
        """A copy with some fields changed, e.g. ``page_number_position="center"``."""
        return replace(self, **changes)


GBT9704 = LayoutProfile(
    name="gbt9704",
    margin_top_mm=37.0,
    margin_right_mm=26.0,
    margin_bottom_mm=35.0,
    margin_left_mm=28.0,
    chars_per_line=28,
    lines_per_page=22,
)

WORD = LayoutProfile(
    name="word",
    margin_top_mm=25.4,
    margin_right_mm=31.7,
    margin_bottom_mm=25.4,
    margin_left_mm=31.7,
    chars_per_line=26,  # 146.6 mm at 16 pt holds 25.97 characters; Word squeezes them to 26
    leading_pt=28.0,  # "固定值 28 磅", the usual setting for 3号 text in Word
    page_number_position="center",
    page_number_gap_mm=5.0,
)

PROFILES: dict[str, LayoutProfile] = {p.name: p for p in (GBT9704, WORD)}


def get_profile(profile: str | LayoutProfile) -> LayoutProfile:
    """The profile named *profile* ("gbt9704" or "word"), or *profile* itself."""
    if isinstance(profile, LayoutProfile):
        return profile
    try:
        return PROFILES[profile]
    except KeyError:
        raise ValueError(f"unknown layout profile {profile!r}; known: {', '.join(PROFILES)}") from None
