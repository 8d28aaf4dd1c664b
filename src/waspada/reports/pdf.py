"""PDF documents for reports: A4 pages of text and filled rectangles, written with fpdf2.

Text is set in Noto Sans (Latin including Vietnamese, Greek, Cyrillic); the characters it
lacks (Chinese, Japanese, Korean) come from WenQuanYi Micro Hei, loaded only for a document
that needs it. Both ship in ``fonts/``
with their licences and are embedded as subsets (only the glyphs used), so the names of
victims, suspects and officials print the same on every reader and the file stays small.

Coordinates are points from the top-left corner of the page. Plain Python, no Django.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from fpdf import FPDF
from fpdf.enums import Align, MethodReturnValue
from fpdf.fonts import TTFFont

FONTS = Path(__file__).resolve().parent / "fonts"
PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4 in points
MARGIN = 50
LEADING = 1.2  # height of a line of text, in font sizes


class Document:
    """A report laid out from the top of the page down; ``y`` is where the next line starts."""

    def __init__(self, title: str, *, language: str = "") -> None:
        pdf = FPDF(unit="pt", format="A4")
        pdf.set_auto_page_break(False)  # ``ensure`` decides where a page ends
        pdf.set_margins(MARGIN, MARGIN)
        pdf.c_margin = 0  # a text starts exactly at its x
        pdf.add_font("sans", "", FONTS / "NotoSans-Regular.ttf")
        pdf.add_font("sans", "B", FONTS / "NotoSans-Bold.ttf")
        pdf.set_title(title)
        pdf.set_creator("Waspada")
        if language:
            pdf.set_lang(language)
        self._pdf = pdf
        self._covered: set[int] | None = set(cast(TTFFont, pdf.fonts["sans"]).cmap)
        self.y = float(MARGIN)

    def _font(self, size: float, bold: bool, text: str) -> None:
        # The CJK font takes half a second to load: only for a text Noto Sans cannot print.
        if self._covered is not None and any(ord(c) not in self._covered for c in text):
            self._pdf.add_font("cjk", "", FONTS / "wqy-microhei.ttc")
            # It has no bold face: bold CJK text is set in its regular one.
            self._pdf.set_fallback_fonts(["cjk"], exact_match=False)
            self._covered = None
        self._pdf.set_font("sans", "B" if bold else "", size)

    def new_page(self) -> None:
        self._pdf.add_page()
        self.y = float(MARGIN)

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` points still fit on this one."""
        if self._pdf.page == 0 or self.y + height > PAGE_HEIGHT - MARGIN:
            self.new_page()

    def width(self, text: str, *, size: float, bold: bool = False) -> float:
        """The width of ``text`` in points as it will be printed."""
        self._font(size, bold, text)
        return self._pdf.get_string_width(text)

    def text(
        self, x: float, text: str, *, size: float = 10, bold: bool = False,
        width: float = 0, right: bool = False,
    ) -> None:  # fmt: skip
        """One line of text at ``x`` on the current line (``y`` does not move); ``right``
        aligns it to the right edge of ``width``."""
        self._font(size, bold, text)
        self._pdf.set_xy(x, self.y)
        self._pdf.cell(
            w=width or None, h=size * LEADING, text=text, align=Align.R if right else Align.L
        )

    def rect(self, x: float, y: float, width: float, height: float, grey: float = 0.35) -> None:
        """A filled rectangle, ``grey`` from 0 (black) to 1 (white)."""
        self._pdf.set_fill_color(round(grey * 255))
        self._pdf.rect(x, y, width, height, style="F")

    def line(self, text: str, *, size: float = 10, bold: bool = False, gap: float = 4) -> None:
        """A paragraph across the page, wrapped to the margins, followed by ``gap`` points."""
        if self._pdf.page == 0:
            self.new_page()
        self._font(size, bold, text)
        height = size * LEADING
        usable = PAGE_WIDTH - 2 * MARGIN
        lines = cast(
            list[str],
            self._pdf.multi_cell(
                w=usable, h=height, text=text, dry_run=True, output=MethodReturnValue.LINES
            ),
        )
        self.ensure(height * len(lines) + gap)
        for part in lines:
            self.text(MARGIN, part, size=size, bold=bold)
            self.y += height
        self.y += gap

    def render(self) -> bytes:
        if self._pdf.page == 0:
            self.new_page()
        return bytes(self._pdf.output())
