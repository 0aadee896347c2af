"""Tests of argmap.render.pdf: argmap's mark on every PDF, whatever its end."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from argmap.marks import marked_pdf
from argmap.render.errors import GraphvizError
from argmap.render.pdf import combine, marked

from .helpers import blank_pdf


def _xref_stream_pdf() -> bytes:
    """A one-page PDF 1.5 that ends in a cross-reference stream (no `trailer`)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>"]
    data = b"%PDF-1.5\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets.append(len(data))
    rows = bytes([0]) + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")
    rows += b"".join(bytes([1]) + o.to_bytes(4, "big") + bytes(2) for o in offsets)
    data += (b"4 0 obj\n<< /Type /XRef /Size 5 /Root 1 0 R /W [1 4 2] /Length %d >>\nstream\n"
             % len(rows)) + rows + b"\nendstream\nendobj\n"
    return data + b"startxref\n%d\n%%%%EOF\n" % offsets[-1]


def test_marked_appends_to_a_classic_trailer() -> None:
    """A PDF with a classic trailer (cairo's, pypdf's) keeps its bytes; the mark follows."""
    plain = blank_pdf()
    done = marked(plain)
    assert (True, True) == (done.startswith(plain), marked_pdf(done))


def test_marked_writes_again_a_pdf_without_a_classic_trailer() -> None:
    """A PDF that ends in a cross-reference stream (no `trailer` dictionary; a newer cairo
    writes one) is written again by pypdf and then marked: one page, /Creator argmap."""
    stream = _xref_stream_pdf()
    assert 1 == len(PdfReader(io.BytesIO(stream), strict=True).pages)
    done = marked(stream)
    reader = PdfReader(io.BytesIO(done), strict=True)
    assert (True, 1, "argmap") == (marked_pdf(done), len(reader.pages),
                                   reader.metadata.creator if reader.metadata else None)


def test_marked_refuses_what_is_noblank_pdf() -> None:
    """Bytes no PDF reader can read give argmap's Graphviz error, not a traceback."""
    with pytest.raises(GraphvizError, match="cannot read the PDF Graphviz produced"):
        marked(b"not a pdf at all")


def test_combined_then_marked() -> None:
    """Pages pypdf combined are marked like Graphviz's own PDF."""
    done = marked(combine([blank_pdf(), blank_pdf()]))
    assert (True, 2) == (marked_pdf(done), len(PdfReader(io.BytesIO(done)).pages))
