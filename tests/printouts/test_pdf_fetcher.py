"""PDF rendering fetches nothing but `data:` URLs and the project's static files: no web address (a template
could send a national number in a query string), no file of the server (as an image or an attachment)."""

import base64
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from printouts.pdf import html_to_pdf
from tests.printouts.spy_server import spy_server

NISS = "85073003328"
# A 1x1 PNG: an image WeasyPrint embeds when it may read it.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def images(pdf: bytes) -> int:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return len(page.images)


def attachments(pdf: bytes) -> dict:
    return PdfReader(io.BytesIO(pdf)).attachments


@pytest.fixture
def static_dir(settings, tmp_path):
    """A static directory of the project holding an image and a text file; a secret beside it."""
    static = tmp_path / "static"
    static.mkdir()
    (static / "logo.png").write_bytes(PNG)
    (static / "annexe.txt").write_text("annexe publique")
    (tmp_path / "secret.txt").write_text("secret du serveur")
    settings.STATICFILES_DIRS = [static]
    settings.STATIC_ROOT = tmp_path / "collected"
    return static


def test_no_web_address_is_requested_from_html_or_css():
    with spy_server() as (base, requested):
        html = f"""<html><head>
        <link rel="stylesheet" href="{base}/link.css?niss={NISS}">
        <style>
          @import url("{base}/import.css?niss={NISS}");
          @import "{base}/import2.css";
          @font-face {{ font-family: Spy; src: url({base}/font.woff); }}
          body {{ background: url('{base}/background.png?niss={NISS}'); font-family: Spy; }}
          p::after {{ content: url({base}/after.png); }}
        </style></head><body>
        <p>Texte</p>
        <img src="{base}/x.png?niss={NISS}">
        <object data="{base}/object.svg"></object>
        <embed src="{base}/embed.svg">
        <svg><image href="{base}/svg.png"/></svg>
        <img src="https://127.0.0.1:1/secure.png"><img src="ftp://127.0.0.1:1/x.png">
        <link rel="attachment" href="{base}/attachment.txt">
        </body></html>"""
        pdf = html_to_pdf(html)
    assert requested == []
    assert "Texte" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_no_file_of_the_server_is_embedded(static_dir):
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    secret = static_dir.parent / "secret.txt"
    html = f"""<html><head><style>@import url(file:///etc/passwd);</style></head><body><p>Texte</p>
    <img src="file:///etc/hostname"><img src="file://{static_dir}/../secret.txt">
    <a rel="attachment" href="file:///etc/hostname">a</a>
    <link rel="attachment" href="file:///etc/passwd">
    <link rel="attachment" href="file://{static_dir}/../secret.txt">
    <link rel="attachment" href="file://{secret}">
    <link rel="attachment" href="file://localhost{secret}">
    <link rel="attachment" href="file://{static_dir}/%2e%2e/secret.txt">
    </body></html>"""
    pdf = html_to_pdf(html)
    assert attachments(pdf) == {}
    assert b"secret du serveur" not in pdf and b"root:" not in pdf
    if len(hostname) >= 8:  # long enough not to be found in a PDF by chance
        assert hostname.encode() not in pdf


def test_static_files_and_data_urls_are_still_read(static_dir):
    """The control of the tests above: what may be read is embedded, so "nothing embedded" means refused."""
    data_url = "data:image/png;base64," + base64.b64encode(PNG).decode()
    html = f"""<html><body><img src="file://{static_dir}/logo.png"><img src="{data_url}">
    <link rel="attachment" href="file://{static_dir}/annexe.txt"></body></html>"""
    pdf = html_to_pdf(html)
    assert images(pdf) == 2
    assert list(attachments(pdf)) == ["annexe.txt"]


def test_every_weasyprint_call_of_the_project_goes_through_the_shared_fetcher():
    """One function calls WeasyPrint (printouts.pdf.html_to_pdf): a new caller cannot forget the fetcher."""
    callers = []
    for path in Path(settings.BASE_DIR).rglob("*.py"):
        relative = path.relative_to(settings.BASE_DIR)
        if relative.parts[0] in {".venv", "tests", "var", "node_modules"}:
            continue
        source = path.read_text()
        if re.search(r"\bHTML\(|write_pdf\(|from weasyprint import .*\bHTML\b", source):
            callers.append(str(relative))
    assert callers == ["printouts/pdf.py"]
