"""OCR intake benchmark: pages per minute through documents.ocr.read_pdf against the bare `ocrmypdf` command
on the same pages, in the same run.

Run by ./bin/bench --ocr (python bench/ocr.py [--pages N] [--per-document P] [--languages L]). Generates N
French A4 pages (text drawn with DejaVu Sans at 300 dpi, scanned: turned by 1 to 2 degrees, grey, noisy,
JPEG; one page in four upside down), in documents of P pages. Each document goes through read_pdf (the
product's path: checks, a child process, ocrmypdf, the text read back) and through the `ocrmypdf` command with
the same options (every page a scan: --force-ocr), one after the other, alternating which goes first, so that
both see the same load. It prints pages per minute for both and the ratio (the goal: read_pdf at >= 90 % of
ocrmypdf's). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def documents(pages: int, per_document: int) -> list[bytes]:
    """`pages` scanned pages of French text, in PDFs of `per_document` pages."""
    from tests.documents import scans

    texts = [scans.LEASE, scans.PAY_SLIP]
    printed = [scans.text_page(texts[n % 2]) for n in range(pages)]
    printed = [scans.upside_down(page) if n % 4 == 3 else page for n, page in enumerate(printed)]
    return [
        scans.scan_pdf(printed[start : start + per_document], seed=start)
        for start in range(0, pages, per_document)
    ]


def ocrmypdf_command(source: Path, output: Path, languages: str) -> list[str]:
    """The command line with the options read_pdf gives ocrmypdf for a PDF of scanned pages."""
    from django.conf import settings

    from documents import ocr

    options = ocr.ocrmypdf_options(source, output, languages, to_read=[1], pages=1)
    command = [shutil.which("ocrmypdf") or str(Path(sys.executable).parent / "ocrmypdf")]
    command += ["--language", "+".join(options["language"]), "--output-type", options["output_type"]]
    command += ["--pdfa-backend", options["pdfa_backend"], "--rotate-pages", "--deskew", "--force-ocr"]
    command += ["--max-image-mpixels", str(options["max_image_mpixels"]), "--quiet"]
    if settings.OCR_JOBS:
        command += ["--jobs", str(settings.OCR_JOBS)]
    return [*command, str(source), str(output)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--per-document", type=int, default=3)
    parser.add_argument("--languages", default="fra+nld+deu")
    arguments = parser.parse_args()
    setup_django()
    from documents import ocr

    batch = documents(arguments.pages, arguments.per_document)
    pages = arguments.pages
    print(
        f"OCR : {pages} pages A4 scannées en français, {len(batch)} documents de {arguments.per_document} "
        f"pages au plus, {arguments.languages} ({os.cpu_count()} cœurs)"
    )
    ours = bare = 0.0
    found = 0
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as directory:
        for number, pdf in enumerate(batch):
            source, output = Path(directory) / "source.pdf", Path(directory) / "output.pdf"
            source.write_bytes(pdf)
            command = ocrmypdf_command(source, output, arguments.languages)
            for ours_first in [True, False] if number % 2 == 0 else [False, True]:
                start = time.perf_counter()
                if ours_first:
                    found += "loyer" in ocr.read_pdf(pdf, languages=arguments.languages).text
                    ours += time.perf_counter() - start
                else:
                    subprocess.run(command, check=True)  # noqa: S603 - ocrmypdf, on our own file
                    bare += time.perf_counter() - start
    print(f"  {'variante':<24} {'pages':>6} {'secondes':>9} {'pages/min':>10}")
    print(f"  {'ocrmypdf (commande)':<24} {pages:>6} {bare:>9.1f} {pages * 60 / bare:>10.1f}")
    print(f"  {'read_pdf':<24} {pages:>6} {ours:>9.1f} {pages * 60 / ours:>10.1f}")
    print(f"  read_pdf / ocrmypdf : {bare / ours:.0%} (objectif >= 90 %)")
    print(f"  « loyer » lu par read_pdf dans {found} document(s) sur {len(batch)}")


if __name__ == "__main__":
    main()
