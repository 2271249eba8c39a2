"""What an upload must pass before it is kept (contrôles d'un fichier reçu): its size and pages, its type read
from its content (never its name), no password, no damage, no decompression bomb; a PDF's active content
(JavaScript, automatic actions, embedded files, XFA forms) is removed rather than refused.

`check_upload` is the one entry point (documents.services calls it before anything is stored); a refusal is a
`Refused` whose text tells the clerk, in French, what to do. The checks run in the order of their cost: what
the bytes are, then a raw pass over a PDF's compressed streams, and only then the parsers (qpdf, Pillow)."""

from __future__ import annotations

import contextlib
import io
import re
import threading
import zlib
from dataclasses import dataclass

import filetype
import pikepdf
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageFile

PDF = "application/pdf"
IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/tiff": "TIFF"}
# Photos of Apple devices and their successor: Pillow reads neither, and the phone can send JPEG instead.
PHOTO_FORMATS_TO_CONVERT = {"image/heic", "image/heif", "image/avif"}
POINTS_PER_MM = 72 / 25.4
# A stream inflated past this many bytes is refused: four bytes (CMYK) for each pixel that a page may hold.
BYTES_PER_PIXEL = 4
# An object stream (objects packed together, parsed whole by qpdf) inflated past this is refused: writers pack
# a hundred objects or so in each, a few kilobytes.
OBJECT_STREAM_BYTES = 16 * 1024 * 1024
# Actions a link or an outline entry may keep: move within the document, open a web address, turn a page.
SAFE_ACTIONS = {"/GoTo", "/URI", "/Named"}
# Annotations that play or hold something (an attached file, a video, a 3D model): removed with their content.
ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
STREAM_START = re.compile(rb"stream\r?\n")
INFLATE_STEP = 1024 * 1024
_STRICT_DECODING = threading.Lock()


class Refused(Exception):
    """An upload that is not kept; str() says in French why and what to do."""


@dataclass(frozen=True)
class Checked:
    data: bytes  # what to keep: the upload itself, or its PDF without active content
    mime_type: str
    pages: int


def check_upload(data: bytes, *, name: str) -> Checked:
    """The upload as it may be kept, or Refused."""
    if not data:
        raise Refused(_("Le fichier « %(name)s » est vide.") % {"name": name})
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise Refused(
            _("Le fichier « %(name)s » dépasse %(limit)s : envoyez-le en plusieurs fichiers.")
            % {"name": name, "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    mime_type = _recognised_type(data, name)
    if mime_type == PDF:
        return _checked_pdf(data, name)
    return _checked_image(data, name, mime_type)


def _recognised_type(data: bytes, name: str) -> str:
    if b"%PDF-" in data[:1024]:  # a PDF may start with a few bytes of anything (the standard allows 1 KB)
        return PDF
    kind = filetype.guess(data)
    if kind is not None and kind.mime in IMAGE_TYPES:
        return kind.mime
    if kind is not None and kind.mime in PHOTO_FORMATS_TO_CONVERT:
        raise Refused(
            _(
                "La photo « %(name)s » est au format HEIC (ou AVIF), que l'application ne lit pas. "
                "Envoyez-la en JPEG : sur l'iPhone, Réglages > Appareil photo > Formats > « Le plus "
                "compatible », ou partagez-la par courriel, qui la convertit."
            )
            % {"name": name}
        )
    raise Refused(
        _(
            "Le fichier « %(name)s » n'est ni un PDF ni une image JPEG, PNG ou TIFF (d'après son contenu, "
            "quel que soit son nom). Enregistrez ou scannez le document en PDF et envoyez-le à nouveau."
        )
        % {"name": name}
    )


def _damaged(name: str) -> Refused:
    return Refused(
        _(
            "Le fichier « %(name)s » est endommagé ou incomplet et n'a pas pu être lu. Ouvrez-le sur "
            "l'ordinateur pour le vérifier, puis envoyez-le à nouveau ou scannez le document."
        )
        % {"name": name}
    )


def _too_many_pages(name: str, pages: int) -> Refused:
    return Refused(
        _(
            "Le fichier « %(name)s » compte %(pages)d pages ; au plus %(limit)d par fichier : "
            "envoyez-le en plusieurs fichiers."
        )
        % {"name": name, "pages": pages, "limit": settings.UPLOAD_MAX_PAGES}
    )


def _bomb(name: str) -> Refused:
    return Refused(
        _(
            "Le fichier « %(name)s » deviendrait bien trop grand une fois ouvert (au-delà de ce qu'une page "
            "scannée demande) : il n'est pas accepté. Scannez le document à 300 points par pouce, ou "
            "enregistrez-le en PDF depuis l'application qui l'a créé."
        )
        % {"name": name}
    )


# --- PDF ----------------------------------------------------------------------------------------------------


def _checked_pdf(data: bytes, name: str) -> Checked:
    if b"%%EOF" not in data[-1024:]:  # cut short: qpdf would rebuild it from what is left, pages missing
        raise _damaged(name)
    _check_inflated_sizes(data, name)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise _encrypted(name) from None
    except pikepdf.PdfError:
        raise _damaged(name) from None
    with pdf:
        if pdf.is_encrypted:  # opens without a password, but restricted (printing, copying): still encrypted
            raise _encrypted(name)
        try:
            pages = _checked_pages(pdf, name)
            if not _neutralise(pdf):
                return Checked(data=data, mime_type=PDF, pages=pages)  # unchanged: a signature stays valid
            out = io.BytesIO()
            pdf.save(out)
        except Refused:
            raise
        except (pikepdf.PdfError, KeyError, ValueError, TypeError):  # what qpdf and pikepdf raise on damage
            raise _damaged(name) from None
    return Checked(data=out.getvalue(), mime_type=PDF, pages=pages)


def _checked_pages(pdf: pikepdf.Pdf, name: str) -> int:
    """The number of pages, each of a sensible size and parsed whole (a damaged page is refused here rather
    than read in part later), and each image of the PDF within the pixel budget of a page."""
    pages = len(pdf.pages)
    if pages == 0:
        raise Refused(_("Le PDF « %(name)s » ne contient aucune page.") % {"name": name})
    if pages > settings.UPLOAD_MAX_PAGES:
        raise _too_many_pages(name, pages)
    repairs = len(pdf.get_warnings())  # a structure qpdf rebuilt whole (e.g. a wrong offset) is accepted
    for number, page in enumerate(pdf.pages, start=1):
        _check_page_size(page, number, name)
        pikepdf.parse_content_stream(page)
    if len(pdf.get_warnings()) > repairs:  # qpdf reads what it can of a damaged page, and warns
        raise _damaged(name)
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Stream) or obj.get("/Subtype") != pikepdf.Name.Image:
            continue
        if int(obj.get("/Width", 0)) * int(obj.get("/Height", 0)) > settings.SCAN_MAX_PIXELS:
            raise _bomb(name)
    return pages


def _encrypted(name: str) -> Refused:
    return Refused(
        _(
            "Le PDF « %(name)s » est protégé (mot de passe ou restrictions) et ne peut pas être gardé ainsi. "
            "Ouvrez-le, choisissez Imprimer > « Enregistrer au format PDF », puis envoyez la copie obtenue."
        )
        % {"name": name}
    )


def _check_inflated_sizes(data: bytes, name: str) -> None:
    """Refuse a PDF whose compressed streams would inflate past the limits (a decompression bomb: a few
    megabytes of zeros that qpdf, Ghostscript or the viewer would expand to gigabytes), measured by inflating
    each one step by step and throwing the output away, before any parser holds it whole. Streams that are not
    zlib (JPEG, fax, JBIG2 images) fail at their first bytes and are skipped. An object stream, which qpdf
    inflates and parses whole, has a smaller limit."""
    per_stream = BYTES_PER_PIXEL * settings.SCAN_MAX_PIXELS
    total = 0
    for start in STREAM_START.finditer(data):
        opening = data.rfind(b"obj", max(0, start.start() - 4096), start.start())  # the stream's dictionary
        limit = OBJECT_STREAM_BYTES if b"/ObjStm" in data[max(0, opening) : start.start()] else per_stream
        inflater = zlib.decompressobj()
        position = start.end()
        stream = 0
        try:
            while not inflater.eof and position < len(data):
                pending = data[position : position + INFLATE_STEP]
                position += INFLATE_STEP
                while pending and not inflater.eof:
                    stream += len(inflater.decompress(pending, INFLATE_STEP))
                    pending = inflater.unconsumed_tail
                    if stream > limit or total + stream > settings.UPLOAD_MAX_INFLATED_BYTES:
                        raise _bomb(name)
        except zlib.error:
            pass
        total += stream


def _check_page_size(page: pikepdf.Page, number: int, name: str) -> None:
    box = page.mediabox
    unit = float(page.obj.get("/UserUnit", 1))
    width, height = (abs(float(box[2]) - float(box[0])) * unit, abs(float(box[3]) - float(box[1])) * unit)
    limit = settings.UPLOAD_MAX_PAGE_MM * POINTS_PER_MM
    if width > limit or height > limit:
        raise Refused(
            _(
                "La page %(page)d de « %(name)s » mesure %(width)d × %(height)d mm ; au plus %(limit)d mm de "
                "côté. Enregistrez le document au format A4 et envoyez-le à nouveau."
            )
            % {
                "page": number,
                "name": name,
                "width": round(width / POINTS_PER_MM),
                "height": round(height / POINTS_PER_MM),
                "limit": settings.UPLOAD_MAX_PAGE_MM,
            }
        )


def _neutralise(pdf: pikepdf.Pdf) -> bool:
    """Remove what a PDF could run or launch: JavaScript, actions run on opening or on an event, actions other
    than moving in the document or opening a web address, embedded files, XFA forms and the annotations that
    play or hold content. True if anything was removed."""
    removed = False
    root = pdf.Root
    opening = root.get("/OpenAction")
    # Opening at a page is kept (a destination, or a move to it); any other action on opening is removed.
    if opening is not None and not isinstance(opening, pikepdf.Array) and not _goes_to(opening):
        del root["/OpenAction"]
        removed = True
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[key]
                removed = True
    if "/Collection" in root:  # a portfolio: a cover for its embedded files, removed above
        del root["/Collection"]
        removed = True
    form = root.get("/AcroForm")
    if isinstance(form, pikepdf.Dictionary) and "/XFA" in form:
        del form["/XFA"]
        if "/NeedsRendering" in root:
            del root["/NeedsRendering"]
        removed = True
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, pikepdf.Array):
            kept = [a for a in annotations if a.get("/Subtype") not in ACTIVE_ANNOTATIONS]
            if len(kept) != len(annotations):
                page.obj.Annots = pikepdf.Array(kept)
                removed = True
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            removed |= _without_actions(obj)
    return removed


def _without_actions(obj: pikepdf.Object) -> bool:
    """Remove the event actions (/AA), JavaScript and unsafe actions (/A, /Next) from `obj` and the direct
    dictionaries and arrays it holds (indirect ones are visited on their own)."""
    removed = False
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        for key in ("/AA", "/JS"):
            if key in obj:
                del obj[key]
                removed = True
        for key in ("/A", "/Next"):
            if key in obj and not _safe_action(obj[key]):
                del obj[key]
                removed = True
        children = [obj[key] for key in obj.keys()]  # noqa: SIM118 (a pikepdf dictionary's keys)
    elif isinstance(obj, pikepdf.Array):
        children = list(obj)
    else:
        return False
    for child in children:
        if isinstance(child, pikepdf.Dictionary | pikepdf.Array) and not child.is_indirect:
            removed |= _without_actions(child)
    return removed


def _goes_to(action: pikepdf.Object) -> bool:
    return isinstance(action, pikepdf.Dictionary) and action.get("/S") == "/GoTo" and "/Next" not in action


def _safe_action(action: pikepdf.Object) -> bool:
    if isinstance(action, pikepdf.Array):
        return all(_safe_action(item) for item in action)
    if not isinstance(action, pikepdf.Dictionary):
        return False
    return action.get("/S") in SAFE_ACTIONS and "/Next" not in action


# --- images -------------------------------------------------------------------------------------------------


def _checked_image(data: bytes, name: str, mime_type: str) -> Checked:
    """A JPEG, PNG or TIFF whose every frame (a TIFF may hold several pages) fits the page and pixel limits
    and decodes whole."""
    try:
        image = Image.open(io.BytesIO(data), formats=[IMAGE_TYPES[mime_type]])
    except Image.DecompressionBombError:
        raise _bomb(name) from None
    except (OSError, ValueError, SyntaxError):
        raise _damaged(name) from None
    with image, _strict_decoding():
        pages = getattr(image, "n_frames", 1)  # a TIFF's directories are read, no pixel is decoded
        if pages > settings.UPLOAD_MAX_PAGES:
            raise _too_many_pages(name, pages)
        for index in range(pages):
            try:
                image.seek(index)
                width, height = image.size
                if width * height > settings.SCAN_MAX_PIXELS:
                    raise _bomb(name)
                image.load()
            except Image.DecompressionBombError:
                raise _bomb(name) from None
            except (OSError, ValueError, SyntaxError, EOFError):
                raise _damaged(name) from None
    return Checked(data=data, mime_type=mime_type, pages=pages)


@contextlib.contextmanager
def _strict_decoding():
    """Pillow refusing truncated images while an upload is decoded. WeasyPrint (imported by letters) sets
    LOAD_TRUNCATED_IMAGES for the whole process, under which a cut-off image decodes as grey without an error;
    the flag is Pillow's only switch, so it is lifted for the time of a check (checks take turns)."""
    with _STRICT_DECODING:
        tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = tolerant
