"""The PDF writer: any script the bundled fonts cover comes back out of a PDF reader exactly,
with the fonts embedded as subsets; long text wraps and pages break."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.reports.conftest import pdf_text
from waspada.reports.pdf import MARGIN, PAGE_HEIGHT, Document

NAMES = ["Nguyễn Thị Hoa", "王小明", "김민수", "さくら", "Zoë Ødegård", "Дмитрий"]


def _fonts(content: bytes) -> dict[str, int]:
    """Each embedded font's name and the size of its embedded font file."""
    found = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            found[str(font.get_object()["/BaseFont"])] = len(descriptor["/FontFile2"].get_data())
    return found


def test_names_and_title_in_any_script_extract_exactly():
    title = "Laporan tahunan — korban dan tersangka"
    doc = Document(title, language="id")
    doc.line(title, size=18, bold=True)
    for name in NAMES:
        doc.line(name)
    doc.line("王小明 — Nguyễn Thị Hoa", bold=True)  # bold CJK falls back to the regular face
    content = doc.render()
    assert pdf_text(content) == [title, *NAMES, "王小明 — Nguyễn Thị Hoa"]
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata is not None and reader.metadata.title == title
    assert reader.trailer["/Root"]["/Lang"] == "id"


def test_fonts_are_embedded_as_small_subsets():
    doc = Document("Subset")
    doc.line("Nguyễn Thị Hoa 王小明")
    content = doc.render()
    fonts = _fonts(content)
    # Subset fonts carry a six-letter tag before their name (PDF 32000, 9.6.4).
    assert {name.split("+")[1] for name in fonts} == {"NotoSans", "WenQuanYiMicroHei"}
    assert all(name[7] == "+" for name in fonts)
    assert max(fonts.values()) < 40_000  # the CJK font file alone is over 5 MB
    assert len(content) < 60_000


def test_the_cjk_font_is_only_embedded_when_a_text_needs_it():
    doc = Document("Latin")
    doc.line("Nguyễn Thị Hoa — Zoë")
    assert {name.split("+")[1] for name in _fonts(doc.render())} == {"NotoSans"}


def test_long_lines_wrap_and_a_full_page_breaks():
    doc = Document("Panjang")
    doc.line("kata " * 200)
    assert doc.y > MARGIN + 3 * 10 * 1.2  # several lines down
    for number in range(80):
        doc.line(f"Baris {number}")
    reader = PdfReader(io.BytesIO(doc.render()))
    assert len(reader.pages) == 2
    assert "Baris 79" in reader.pages[1].extract_text()


def test_ensure_opens_a_page_only_when_the_height_does_not_fit():
    doc = Document("Halaman")
    doc.ensure(10)
    doc.ensure(PAGE_HEIGHT - 2 * MARGIN - 10)
    assert PdfReader(io.BytesIO(doc.render())).get_num_pages() == 1
    doc = Document("Halaman")
    doc.ensure(10)
    doc.y = PAGE_HEIGHT - MARGIN - 5
    doc.ensure(10)
    assert PdfReader(io.BytesIO(doc.render())).get_num_pages() == 2


def test_text_width_is_measured_from_the_font():
    doc = Document("Lebar")
    assert doc.width("WWW", size=10) > doc.width("iii", size=10)
    assert doc.width("W", size=20) == 2 * doc.width("W", size=10)
    assert doc.width("王", size=10) == 10  # a full-width CJK glyph is one em


def test_an_empty_document_is_one_blank_page():
    reader = PdfReader(io.BytesIO(Document("Kosong").render()))
    assert reader.get_num_pages() == 1 and reader.pages[0].extract_text() == ""
