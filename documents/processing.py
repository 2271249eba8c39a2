"""Reading a document's version in the background: page count, thumbnail of the first page, archived PDF/A
with a text layer and the text (documents.ocr). A failed reading keeps the document and says why in French."""

from __future__ import annotations

import logging

from django.utils.translation import gettext as _

from documents import content_store, thumbnails
from documents.models import DocumentVersion
from search.fulltext import schedule_document

logger = logging.getLogger(__name__)
OcrState = DocumentVersion.OcrState


def process_version(version_id: int) -> DocumentVersion | None:
    """Read one version, once: a version already read or being read by another worker is left alone."""
    claimed = DocumentVersion.objects.filter(pk=version_id, ocr_state=OcrState.PENDING).update(
        ocr_state=OcrState.RUNNING
    )
    if not claimed:
        return None
    version = DocumentVersion.objects.select_related("original").get(pk=version_id)
    try:
        pdf = _as_pdf(content_store.read(version.original), version.original.mime_type)
        version.pages = thumbnails.page_count(pdf)
        version.thumbnail = content_store.store(thumbnails.first_page_png(pdf), mime_type="image/png")
    except content_store.DamagedContent as error:
        logger.error("document version %s: %s", version.pk, error)
        return _failed(version, str(error))
    except Exception:  # an unreadable file: the document stays, the clerk sees why
        logger.exception("document version %s could not be rendered", version.pk)
        return _failed(
            version, _("Le fichier n'a pas pu être ouvert comme PDF ou image : il est peut-être endommagé.")
        )
    from documents import ocr

    try:
        reading = ocr.read_pdf(pdf)
    except ocr.OcrFailed as error:
        return _failed(version, str(error))
    version.archived = content_store.store(reading.archived_pdf, mime_type="application/pdf")
    version.text = reading.text
    version.pages = reading.pages or version.pages
    version.ocr_state = OcrState.DONE if reading.ocr_done else OcrState.NOT_NEEDED
    version.ocr_error = ""
    version.save(update_fields=["archived", "text", "pages", "thumbnail", "ocr_state", "ocr_error"])
    schedule_document(version.document_id)  # its text is now searchable
    return version


def _as_pdf(data: bytes, mime_type: str) -> bytes:
    """A photo or scanned image becomes a PDF page; a PDF stays as it is."""
    if mime_type == "application/pdf":
        return data
    from documents.images import image_to_pdf

    return image_to_pdf(data)


def _failed(version: DocumentVersion, reason: str) -> DocumentVersion:
    version.ocr_state, version.ocr_error = OcrState.FAILED, reason
    version.save(update_fields=["pages", "thumbnail", "ocr_state", "ocr_error"])
    return version
