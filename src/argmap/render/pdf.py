"""Assembling PDF documents: Graphviz's one-page PDFs placed on pages, in one file.

Graphviz's cairo PDF output holds one page the size of the drawing, and several
graphs in one run give several PDF files one after the other, not one document.
pypdf (pure Python, imported only here, only for multi-page or paper output)
copies each drawing onto a page of the chosen size, scaled to fit inside the
margins and centred, and writes them as one document. Only PDFs Graphviz has
just written are read here, never a file from a map.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from argmap.marks import append_pdf_info
from argmap.render.errors import GraphvizError
from argmap.render.paper import PageSize

__all__ = ["combine", "marked"]


def combine(drawings: Sequence[bytes], page: PageSize | None = None) -> bytes:
    """One PDF of ``drawings`` (each a one-page PDF), one page each: on ``page`` (scaled
    to fit its margins, centred), or at their own size when ``page`` is ``None``."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation  # noqa: PLC0415
    from pypdf.errors import PyPdfError  # noqa: PLC0415

    writer = PdfWriter()
    try:
        for data in drawings:
            for source in PdfReader(io.BytesIO(data)).pages:
                if page is None:
                    writer.add_page(source)
                    continue
                width, height = float(source.mediabox.width), float(source.mediabox.height)
                scale = page.scale(width, height)
                sheet = PageObject.create_blank_page(width=page.width, height=page.height)
                move = Transformation().scale(scale, scale).translate(
                    (page.width - width * scale) / 2, (page.height - height * scale) / 2)
                sheet.merge_transformed_page(source, move)
                writer.add_page(sheet)
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, KeyError) as exc:
        raise GraphvizError(f"cannot assemble the PDF Graphviz produced: {exc}") from None
    return out.getvalue()


def marked(data: bytes) -> bytes:
    """The PDF ``data`` with argmap's mark (:func:`argmap.marks.append_pdf_info`, a few
    hundred bytes appended). A PDF that ends in a cross-reference stream (a newer cairo
    may write one) is written again by pypdf first, which ends it in a classic trailer."""
    done = append_pdf_info(data)
    if done is not None:
        return done
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415
    from pypdf.errors import PyPdfError  # noqa: PLC0415

    out = io.BytesIO()
    try:
        PdfWriter(clone_from=PdfReader(io.BytesIO(data))).write(out)
    except (PyPdfError, ValueError, KeyError) as exc:
        raise GraphvizError(f"cannot read the PDF Graphviz produced: {exc}") from None
    done = append_pdf_info(out.getvalue())
    if done is None:
        raise GraphvizError("cannot mark the PDF as argmap's: pypdf wrote no classic trailer")
    return done
