"""Tests of argmap.marks: argmap's mark in PNG, PDF, Markdown and Mermaid drawings, made
where argmap puts it and told only there."""

from __future__ import annotations

import io
import zlib

import pytest
from pypdf import PdfReader, PdfWriter

from argmap.marks import (
    MARKDOWN_MARK,
    MERMAID_MARK,
    PNG_TEXT,
    append_pdf_info,
    mark_markdown,
    mark_mermaid,
    mark_png,
    marked_markdown,
    marked_mermaid,
    marked_pdf,
    marked_png,
)
from argmap.writer import SNIFF_BYTES

from .helpers import blank_pdf

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (len(data).to_bytes(4, "big") + kind + data
            + zlib.crc32(kind + data).to_bytes(4, "big"))


def _png(*extra: bytes, after_idat: bytes = b"") -> bytes:
    """A valid 1 x 1 grey PNG, with ``extra`` chunks after IHDR and ``after_idat`` after
    its IDAT."""
    ihdr = _chunk(b"IHDR", (1).to_bytes(4, "big") * 2 + bytes([8, 0, 0, 0, 0]))
    idat = _chunk(b"IDAT", zlib.compress(b"\x00\x80"))
    return SIGNATURE + ihdr + b"".join(extra) + idat + after_idat + _chunk(b"IEND", b"")


def _chunks(data: bytes) -> list[tuple[bytes, bytes, bool]]:
    """Each chunk's type, data and whether its CRC is right."""
    out: list[tuple[bytes, bytes, bool]] = []
    at = 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        crc = int.from_bytes(data[at + 8 + length:at + 12 + length], "big")
        out.append((kind, body, crc == zlib.crc32(kind + body)))
        at += 12 + length
    return out


def test_png_mark_is_a_text_chunk_right_after_ihdr() -> None:
    """The mark is a tEXt chunk Software=argmap with a right CRC, the second chunk; the
    image's own chunks are kept, in order, and it is told again."""
    plain = _png()
    marked = mark_png(plain)
    expected = [(b"IHDR", True), (b"tEXt", True), (b"IDAT", True), (b"IEND", True)]
    assert expected == [(kind, ok) for kind, _, ok in _chunks(marked)]
    assert PNG_TEXT == _chunks(marked)[1][1]
    assert (True, False) == (marked_png(marked), marked_png(plain))


def test_png_mark_once_and_only_on_a_png() -> None:
    """Marking twice adds nothing; bytes that are no PNG are left as they are."""
    once = mark_png(_png())
    assert once == mark_png(once)
    assert b"GIF89a" == mark_png(b"GIF89a")


@pytest.mark.parametrize("data", [
    _png(_chunk(b"tEXt", b"Comment\x00made with argmap")),
    _png(after_idat=_chunk(b"tEXt", PNG_TEXT)),
    _png(_chunk(b"iTXt", b"Software\x00\x00\x00\x00\x00argmap")),
    _png(b"\x00\x00\x00\x0ftEXtSoftware\x00argmap\x00\x00\x00\x00"),  # wrong CRC
    b"GIF89a" + _png(_chunk(b"tEXt", PNG_TEXT))[8:],
])
def test_png_with_argmap_elsewhere_is_not_argmaps(data: bytes) -> None:
    """The word argmap in another chunk, argmap's chunk after the image data or with a
    wrong checksum, or a file that is no PNG: not argmap's."""
    assert marked_png(data) is False


def test_png_hostile_chunks_are_bounded() -> None:
    """A chunk claiming 4 GiB, or 64 KiB of empty chunks, is read no further than the
    bytes given: not argmap's, nothing allocated."""
    huge = SIGNATURE + b"\xff\xff\xff\xffzzzz" + bytes(SNIFF_BYTES - 16)
    empties = SIGNATURE + _chunk(b"zzzz", b"") * ((SNIFF_BYTES - 8) // 12)
    assert (False, False) == (marked_png(huge), marked_png(empties))
    # Past the bytes given, the mark is not looked for: the caller gives 64 KiB.
    late = _png(_chunk(b"zzzz", bytes(SNIFF_BYTES)), _chunk(b"tEXt", PNG_TEXT))
    assert (True, False) == (marked_png(late), marked_png(late[:SNIFF_BYTES]))


def test_pdf_mark_is_an_update_readers_take() -> None:
    """The update makes /Creator argmap the Info a PDF reader sees (strictly read), the
    pages unchanged; it is told from the file's end; marking twice adds nothing."""
    plain = blank_pdf()
    marked = append_pdf_info(plain)
    assert marked is not None
    assert marked.startswith(plain)
    reader = PdfReader(io.BytesIO(marked), strict=True)
    assert ("argmap", 1) == (reader.metadata.creator if reader.metadata else None,
                             len(reader.pages))
    assert (True, False) == (marked_pdf(marked), marked_pdf(plain))
    assert marked == append_pdf_info(marked)


def test_pdf_trailer_spread_over_lines_is_written_on_one() -> None:
    """A trailer whose /Root reference is spread over lines (as PDF allows) gives the
    update's trailer on one line, which is told again."""
    plain = b"%PDF-1.4\ntrailer\n<<\n/Size 7\n/Root\n3\n0\nR\n>>\nstartxref\n9\n%%EOF\n"
    marked = append_pdf_info(plain)
    assert marked is not None
    assert b"<< /Size 8 /Root 3 0 R /Info 7 0 R /Prev 9 >>" in marked
    assert marked_pdf(marked) is True


def test_pdf_without_a_classic_trailer_is_not_marked_here() -> None:
    """A PDF ending in a cross-reference stream (no `trailer`) gets None: the caller has
    it written again first (argmap.render.pdf.marked)."""
    stream_end = blank_pdf().split(b"xref")[0] + b"startxref\n9\n%%EOF\n"
    assert append_pdf_info(stream_end) is None


def test_pdf_with_creator_argmap_written_elsewhere_is_not_argmaps() -> None:
    """A PDF whose Info says /Creator (argmap), but written by another program, and
    argmap's PDF saved again by one (a section appended after argmap's): not argmap's."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=100)
    writer.add_metadata({"/Creator": "argmap"})
    out = io.BytesIO()
    writer.write(out)
    marked = append_pdf_info(blank_pdf())
    assert marked is not None
    edited = marked + b"9 0 obj\n<< /Creator (argmap) >>\nendobj\n%%EOF\n"
    assert (False, False) == (marked_pdf(out.getvalue()), marked_pdf(edited))


def test_markdown_mark_is_the_first_line() -> None:
    """The handout's first line is the mark, an HTML comment; the mark anywhere else, or a
    handout about argmap, is not argmap's."""
    text = mark_markdown("# Title\n")
    assert f"{MARKDOWN_MARK}\n# Title\n" == text
    assert (True, True) == (MARKDOWN_MARK.startswith("<!-- "), MARKDOWN_MARK.endswith(" -->"))
    assert "--" not in MARKDOWN_MARK[4:-3]  # an HTML comment holds no "--"
    assert [True, True, False, False] == [
        marked_markdown(text.encode()), marked_markdown(b"\xef\xbb\xbf" + text.encode()),
        marked_markdown(f"# Title\n{MARKDOWN_MARK}\n".encode()),
        marked_markdown(b"# Notes on argmap\n<!-- argmap -->\n")]


def test_mermaid_mark_follows_the_front_matter() -> None:
    """The mark is the line after the front matter (which Mermaid needs first), or the
    first line of a chart without one; told there only."""
    chart = '---\ntitle: "T"\nconfig:\n  flowchart:\n    wrappingWidth: 200\n---\nflowchart BT\n'
    marked = mark_mermaid(chart)
    expected = chart.replace("---\nflowchart", f"---\n{MERMAID_MARK}\nflowchart")
    assert expected == marked
    assert f"{MERMAID_MARK}\nflowchart TD\n" == mark_mermaid("flowchart TD\n")
    assert [True, True, False, False] == [
        marked_mermaid(marked.encode()), marked_mermaid(mark_mermaid("flowchart TD\n").encode()),
        marked_mermaid(f"{chart}{MERMAID_MARK}\n".encode()),
        marked_mermaid(b"---\ntitle: argmap\n---\nflowchart TD\n  a[argmap]\n")]


def test_mermaid_mark_after_a_long_title_is_found() -> None:
    """A title of 300 four-byte characters (the longest argmap writes) keeps the mark
    within reach; a front matter of thousands of lines is not searched through."""
    title = "\U0001f600" * 300
    chart = mark_mermaid(f'---\ntitle: "{title}"\n---\nflowchart TD\n')
    assert marked_mermaid(chart.encode()) is True
    long = "---\n" + "a: b\n" * 5000 + "---\n" + MERMAID_MARK + "\n"
    assert marked_mermaid(long.encode()[:SNIFF_BYTES]) is False
