"""PDF rendering with WeasyPrint: every page carries who printed it and when (against parallel paper).

Every WeasyPrint call of the project goes through `html_to_pdf`, whose fetcher reads `data:` URLs and the
project's own static files only: a template (some are edited by an administrator) can neither send data to a
web address nor embed a file of the server.
"""

import datetime
import io
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfWriter
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from printouts.mention import copy_mention

STYLESHEET = CSS(filename=str(Path(__file__).with_name("pdf.css")))
# PDF/A keeps a printed copy readable in the archives for as long as the file is kept.
PDF_VARIANT = "pdf/a-3b"


def static_roots() -> list[Path]:
    roots = [settings.STATIC_ROOT, *settings.STATICFILES_DIRS]
    return [Path(root).resolve() for root in roots if root]


class LocalFetcher(URLFetcher):
    """Reads `data:` URLs and files under the static directories; refuses any other URL (WeasyPrint then
    leaves the image or stylesheet out, and the PDF is still written)."""

    def __init__(self):
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "file":
            path = Path(url2pathname(parts.path)).resolve()  # no "..", no symbolic link out of the roots
            local = parts.netloc in ("", "localhost")
            if not local or not any(path.is_relative_to(root) for root in static_roots()):
                raise ValueError(f"refused: {url[:200]}")
        elif scheme != "data":
            raise ValueError(f"refused: {url[:200]}")
        return super().fetch(url, headers)


def html_to_pdf(html: str, *, stylesheets: Sequence[CSS] = ()) -> bytes:
    """The one WeasyPrint call: relative URLs resolve in the project's directory, fetched by LocalFetcher."""
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=LocalFetcher())
    return document.write_pdf(stylesheets=list(stylesheets), pdf_variant=PDF_VARIANT)


def render_pdf(template_name: str, context: dict, *, user, at: datetime.datetime) -> bytes:
    """One template as a PDF whose every page bears the copy mention (a running footer, see pdf.css)."""
    html = render_to_string(
        template_name,
        {**context, "mention": copy_mention(user, at), "cpas_name": settings.CPAS_NAME, "printed_at": at},
    )
    return html_to_pdf(html, stylesheets=[STYLESHEET])


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
