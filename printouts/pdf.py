"""PDF rendering with WeasyPrint: every page carries who printed it and when (against parallel paper)."""

import datetime
import io
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfWriter
from weasyprint import CSS, HTML

from printouts.mention import copy_mention

STYLESHEET = CSS(filename=str(Path(__file__).with_name("pdf.css")))
# PDF/A keeps a printed copy readable in the archives for as long as the file is kept.
PDF_VARIANT = "pdf/a-3b"


def render_pdf(template_name: str, context: dict, *, user, at: datetime.datetime) -> bytes:
    """One template as a PDF whose every page bears the copy mention (a running footer, see pdf.css)."""
    html = render_to_string(
        template_name,
        {**context, "mention": copy_mention(user, at), "cpas_name": settings.CPAS_NAME, "printed_at": at},
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[STYLESHEET], pdf_variant=PDF_VARIANT
    )


def join_pdfs(parts: Iterable[bytes]) -> IO[bytes]:
    """Parts rendered one after the other, joined in a temporary file: a long document is never laid out whole
    in memory (WeasyPrint keeps every page's boxes until it writes), only one part at a time."""
    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    out = tempfile.TemporaryFile()  # noqa: SIM115 - the response streams it, then closes it
    writer.write(out)
    out.seek(0)
    return out
