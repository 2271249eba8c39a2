"""Reading a PDF's text (OCR with ocrmypdf and tesseract) and making its archived copy (PDF/A).

A page is OCRed only when it is a picture of text: an image on the page and (almost) no text of its own. A
born-digital PDF, or one a scanner already OCRed, keeps its own text and is only converted to PDF/A. Every
failure of ocrmypdf, tesseract or the PDF tools ends as `OcrFailed`, whose message tells the clerk in French
what happened and what to do.

ocrmypdf runs in a child process of its own, in its own process group, so that a file that takes too long
(settings.OCR_TIMEOUT) is stopped with every tesseract it started, and so that a crash of a tool never takes
the background worker with it.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import signal
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

# Fewer letters or digits than this on a page drawing an image: a scan with at most a stamp or a scanner's
# header in text, read by OCR. More: the page's own text (born-digital, or already OCRed) is kept.
OWN_TEXT_MIN_CHARS = 20
PARSE_ERRORS = (PyPdfError, pikepdf.PdfError, OSError, ValueError, KeyError, TypeError, AttributeError)


class OcrFailed(Exception):
    """Reading a PDF failed. str() is a French message for the clerk; `detail` is the tool's own words, for
    the log."""

    def __init__(self, message: str, detail: str = ""):
        super().__init__(message)
        self.detail = detail


@dataclass(frozen=True)
class Reading:
    archived_pdf: bytes  # PDF/A: made PDF/A-2b here, or the PDF/A received, kept as it was
    text: str  # each page's text, pages separated by "\f"
    pages: int
    ocr_done: bool  # False: no page needed OCR, the PDF's own text was kept


def read_pdf(pdf: bytes, *, languages: str = "fra+nld+deu") -> Reading:
    """The PDF's archived copy (PDF/A) with a text layer on every scanned page, and its text page by page."""
    own_text, is_pdfa = _own_text(pdf)
    to_read = [number for number, (text, has_image) in enumerate(own_text, 1) if _is_scan(text, has_image)]
    if not to_read and is_pdfa:  # born-digital and already archival (a letter of ours): kept byte for byte
        texts = [text for text, _has_image in own_text]
        return Reading(archived_pdf=pdf, text="\f".join(texts), pages=len(texts), ocr_done=False)
    with tempfile.TemporaryDirectory(prefix="dossier-ocr-") as work:
        source, archived = Path(work) / "source.pdf", Path(work) / "archived.pdf"
        source.write_bytes(_without_empty_resources(pdf))
        _run_ocrmypdf(ocrmypdf_options(source, archived, languages, to_read, len(own_text)))
        archived_pdf = archived.read_bytes()
    texts = _page_texts(archived_pdf)
    return Reading(archived_pdf=archived_pdf, text="\f".join(texts), pages=len(texts), ocr_done=bool(to_read))


def ocrmypdf_options(source: Path, archived: Path, languages: str, to_read: list[int], pages: int) -> dict:
    """ocrmypdf.ocr's arguments for a PDF of `pages` pages whose pages `to_read` (numbered from 1) are scans
    (bench/ocr.py gives the ocrmypdf command the same)."""
    options = {
        "input_file_or_options": source,
        "output_file": archived,
        "language": languages.split("+"),
        "output_type": "pdfa",
        "pdfa_backend": settings.OCR_PDFA_BACKEND,
        "rotate_pages": True,
        "deskew": True,
        "jobs": settings.OCR_JOBS or None,
        "max_image_mpixels": settings.SCAN_MAX_PIXELS / 1_000_000,
        "progress_bar": False,
    }
    if not to_read:
        return options | {"mode": "skip"}  # every page keeps its text: PDF/A only
    # The pages read are rasterised whole, the small text they had included; the others are left as they are.
    options["mode"] = "force"
    if len(to_read) < pages:
        options["pages"] = ",".join(map(str, to_read))
    return options


def _own_text(pdf: bytes) -> tuple[list[tuple[str, bool]], bool]:
    """Each page's own text and whether it draws an image, and whether the PDF says it is PDF/A; the checks
    made before any tool runs."""
    try:
        reader = PdfReader(io.BytesIO(pdf))
        if reader.is_encrypted:
            raise OcrFailed(_encrypted(), "encrypted")
        count = len(reader.pages)
        if count == 0:
            raise OcrFailed(_("Le PDF ne contient aucune page."), "no page")
        if count > settings.OCR_MAX_PAGES:
            raise OcrFailed(
                ngettext(
                    "Le fichier compte %(pages)d page ; au plus %(limit)d sont lues : scannez-le en "
                    "plusieurs fichiers.",
                    "Le fichier compte %(pages)d pages ; au plus %(limit)d sont lues : scannez-le en "
                    "plusieurs fichiers.",
                    count,
                )
                % {"pages": count, "limit": settings.OCR_MAX_PAGES},
                f"{count} pages",
            )
        with pikepdf.open(io.BytesIO(pdf)) as document:
            images = [bool(page.get_images()) for page in document.pages]
            is_pdfa = bool(document.open_metadata().pdfa_status)
        texts = [page.extract_text() or "" for page in reader.pages]
        return list(zip(texts, images, strict=True)), is_pdfa
    except OcrFailed:
        raise
    except PARSE_ERRORS as error:
        raise OcrFailed(_damaged(), repr(error)) from None


def _without_empty_resources(pdf: bytes) -> bytes:
    """The PDF without the empty pattern and shading dictionaries that WeasyPrint and other writers leave on
    each page: pikepdf's PDF/A check cannot vouch for a file that has them, even empty."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        emptied = False
        for page in document.pages:
            resources = page.obj.get("/Resources")
            for name in ("/Pattern", "/Shading"):
                if resources is not None and name in resources and not resources[name].keys():
                    del resources[name]
                    emptied = True
        if not emptied:
            return pdf
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _is_scan(text: str, has_image: bool) -> bool:
    return has_image and sum(char.isalnum() for char in text) < OWN_TEXT_MIN_CHARS


def _page_texts(pdf: bytes) -> list[str]:
    try:
        return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]
    except PARSE_ERRORS as error:
        raise OcrFailed(_archive_failed(), repr(error)) from None


def _run_ocrmypdf(options: dict) -> None:
    """ocrmypdf.ocr(**options) in a child process, stopped after settings.OCR_TIMEOUT seconds."""
    context = multiprocessing.get_context("spawn")  # never fork a worker's threads and database connections
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_ocr_in_child, args=(sender, options), name="ocrmypdf")
    child.start()
    sender.close()
    try:
        if not receiver.poll(settings.OCR_TIMEOUT):
            raise OcrFailed(_timeout(), f"over {settings.OCR_TIMEOUT} s")
        kind, detail = receiver.recv()
    except EOFError:  # the child died without a word (killed, out of memory)
        kind, detail = "crashed", f"exit code {child.exitcode}"
    finally:
        receiver.close()
        _stop(child)
    if kind != "done":
        logger.warning("ocrmypdf failed: %s: %s", kind, detail)
        raise OcrFailed(_message(kind, detail), f"{kind}: {detail}")


def _stop(child) -> None:
    """The child and everything it started (tesseract, its own workers), if still running."""
    child.join(timeout=1)
    if child.exitcode is None:
        try:
            if os.getpgid(child.pid) == child.pid:  # its own group: never the worker's
                os.killpg(child.pid, signal.SIGKILL)
            else:
                child.kill()
        except ProcessLookupError:
            pass
        child.join()
    child.close()


def _ocr_in_child(sender, options: dict) -> None:
    os.setpgrp()
    import ocrmypdf  # imported here only: the worker itself never loads it

    logging.getLogger("ocrmypdf").setLevel(logging.ERROR)
    try:
        ocrmypdf.ocr(**options)
    except ocrmypdf.exceptions.ExitCodeException as error:
        sender.send((type(error).__name__, str(error).strip()))
    except Exception as error:  # noqa: BLE001 - whatever broke is told to the parent, which says it in French
        sender.send(("error", f"{type(error).__name__}: {error}"))
    else:
        sender.send(("done", ""))
    finally:
        sender.close()


def _encrypted() -> str:
    return _(
        "Le PDF est protégé par un mot de passe : enregistrez-le sans protection et déposez-le à nouveau."
    )


def _damaged() -> str:
    return _(
        "Le fichier n'a pas pu être lu : il est peut-être endommagé. Scannez-le ou enregistrez-le à nouveau."
    )


def _archive_failed() -> str:
    return _(
        "La copie d'archive (PDF/A) de ce fichier n'a pas pu être produite. Le document est conservé tel "
        "quel ; réessayez la lecture, et prévenez l'administrateur si l'erreur persiste."
    )


def _timeout() -> str:
    minutes = max(1, round(settings.OCR_TIMEOUT / 60))
    return ngettext(
        "La lecture du texte a pris plus de %(minutes)d minute et a été arrêtée : réessayez plus tard, ou "
        "scannez le document en plusieurs fichiers.",
        "La lecture du texte a pris plus de %(minutes)d minutes et a été arrêtée : réessayez plus tard, ou "
        "scannez le document en plusieurs fichiers.",
        minutes,
    ) % {"minutes": minutes}


def _message(kind: str, detail: str) -> str:
    """The clerk's words for what ocrmypdf (or a tool it ran) reported."""
    if kind == "MissingDependencyError" and "language" in detail.lower():
        return _(
            "Une des langues demandées pour la lecture du texte n'est pas installée sur le serveur : "
            "prévenez l'administrateur (paquets tesseract-ocr-fra, -nld, -deu)."
        )
    if kind == "MissingDependencyError":
        return _(
            "Un outil de lecture du texte manque sur le serveur : prévenez l'administrateur. Le document est "
            "conservé tel quel."
        )
    if kind == "EncryptedPdfError":
        return _encrypted()
    if kind == "DigitalSignatureError":
        return _(
            "Le PDF porte une signature électronique : il est conservé tel quel, sans copie d'archive ni "
            "lecture du texte, pour que la signature reste valable."
        )
    if kind in ("InputFileError", "TaggedPDFError", "NonEmbeddedFontsError", "UnsupportedImageFormatError"):
        return _damaged()
    if kind == "DpiError":
        return _(
            "Les images de ce PDF n'ont pas de résolution utilisable : scannez le document à nouveau (300 "
            "points par pouce)."
        )
    if kind in ("PdfaConversionFailedError", "ColorConversionNeededError"):
        return _archive_failed()
    return _(
        "La lecture du texte a échoué (erreur de l'outil de reconnaissance). Le document est conservé : "
        "réessayez plus tard, et prévenez l'administrateur si l'erreur persiste."
    )
