"""A minimal PDF writer (PDF 1.4): A4 pages of text in the standard Helvetica fonts and
filled rectangles. No dependency; plain Python, no Django.

Text is encoded in WinAnsi (cp1252): characters outside it are replaced by "?". Streams are
left uncompressed, so the text stays searchable in the file itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 50


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_width(text: str, size: float) -> float:
    """A rough width of Helvetica text (average glyph ≈ 0.52 em), for layout only."""
    return len(text) * size * 0.52


@dataclass
class Document:
    title: str
    pages: list[list[bytes]] = field(default_factory=list)
    y: float = 0.0

    def new_page(self) -> None:
        self.pages.append([])
        self.y = PAGE_HEIGHT - MARGIN

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` points still fit on this one."""
        if not self.pages or self.y - height < MARGIN:
            self.new_page()

    def text(self, x: float, text: str, *, size: float = 10, bold: bool = False) -> None:
        font = b"/F2" if bold else b"/F1"
        self.pages[-1].append(
            b"BT " + font + b" %.1f Tf %.1f %.1f Td (" % (size, x, self.y) + _escape(text)
            + b") Tj ET"
        )  # fmt: skip

    def rect(self, x: float, y: float, width: float, height: float, grey: float = 0.35) -> None:
        self.pages[-1].append(b"%.2f g %.1f %.1f %.1f %.1f re f 0 g" % (grey, x, y, width, height))

    def line(self, text: str, *, size: float = 10, bold: bool = False, gap: float = 4) -> None:
        self.ensure(size + gap)
        self.y -= size
        self.text(MARGIN, text, size=size, bold=bold)
        self.y -= gap

    def render(self) -> bytes:
        if not self.pages:
            self.new_page()
        objects: list[bytes] = []
        page_ids = [5 + 2 * index for index in range(len(self.pages))]
        kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
        objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
        objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(self.pages)))
        for base in (b"Helvetica", b"Helvetica-Bold"):
            objects.append(
                b"<< /Type /Font /Subtype /Type1 /BaseFont /" + base
                + b" /Encoding /WinAnsiEncoding >>"
            )  # fmt: skip
        for index, commands in enumerate(self.pages):
            stream = b"\n".join(commands)
            objects.append(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
                % (PAGE_WIDTH, PAGE_HEIGHT, page_ids[index] + 1)
            )
            objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(b"<< /Title (" + _escape(self.title) + b") /Producer (Waspada) >>")
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        for offset in offsets:
            out += b"%010d 00000 n \n" % offset
        out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(objects) + 1, len(objects), xref,
        )  # fmt: skip
        return bytes(out)
