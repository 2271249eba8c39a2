"""Writing the index of texts: a report's or a document's row, from the item as it is now.

The background jobs (search.tasks) call index_report() and index_document(); reindex() rebuilds everything
(manage.py reindex_texts). What the access policy reads (file, author, confidentiality) is also copied at
once, in the transaction that changes the item (sync_*), so that the index never lets a hit through for
longer than that transaction: only the words wait for the job.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator

import nh3
from django.db import connections, transaction
from django.utils import timezone

from documents.models import Document, DocumentVersion
from files.models import Report
from search.fulltext.words import lexemes
from search.models import IndexedText

# Control characters (NUL, which PostgreSQL refuses, and the snippet marks among them) never reach the index.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_BLOCK_END = re.compile(r"</(p|li|h3|h4|blockquote)>|<br\s*/?>", re.IGNORECASE)
READABLE_TEXT = (DocumentVersion.OcrState.DONE, DocumentVersion.OcrState.NOT_NEEDED)
BATCH = 500


def plain(body: str) -> str:
    """A report's sanitised HTML as plain text, a line per paragraph or item."""
    return html.unescape(nh3.clean(_BLOCK_END.sub("\n", body), tags=set())).strip()


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _with_terms(row: IndexedText) -> IndexedText:
    """The row with its SQLite lexemes (PostgreSQL computes its own tsvector from title, label and text)."""
    if connections[IndexedText.objects.db].vendor == "sqlite":
        row.terms = lexemes(f"{row.title} {row.label} {row.text}")
    return row


def _report_access(report: Report) -> dict:
    return {
        "file_id": report.file_id,
        "author_id": report.author_id,
        "date": report.written_on,
        "confidentiality": report.confidentiality,
    }


def _document_access(document: Document) -> dict:
    return {
        "file_id": document.file_id,
        "author_id": document.author_id,
        "date": document.document_date or timezone.localdate(document.created_at),
        "confidentiality": document.confidentiality,
    }


def report_row(report: Report) -> IndexedText:
    return _with_terms(
        IndexedText(
            kind=IndexedText.Kind.REPORT,
            report_id=report.pk,
            report_kind=report.kind,
            person_id=report.file.beneficiary_id,
            title=_clean(report.title),
            label=str(Report.Kind(report.kind).label),
            text=_clean(plain(report.body)),
            **_report_access(report),
        )
    )


def document_row(document: Document) -> IndexedText:
    """A document's row: its title, type and, once read, its current version's text."""
    version = document.current
    text = version.text if version is not None and version.ocr_state in READABLE_TEXT else ""
    return _with_terms(
        IndexedText(
            kind=IndexedText.Kind.DOCUMENT,
            document_id=document.pk,
            document_type_id=document.type_id,
            person_id=document.person_id,
            title=_clean(document.title),
            label=_clean(document.type.label),
            text=_clean(text),
            **_document_access(document),
        )
    )


def _replace(rows: list[IndexedText], field: str) -> None:
    with transaction.atomic():
        IndexedText.objects.filter(**{f"{field}__in": [getattr(r, field) for r in rows]}).delete()
        IndexedText.objects.bulk_create(rows)


def index_report(report_id: int) -> None:
    """(Re)write a report's row, or remove it if the report is gone."""
    report = Report.objects.select_related("file").filter(pk=report_id).first()
    if report is None:
        IndexedText.objects.filter(report_id=report_id).delete()
    else:
        _replace([report_row(report)], "report_id")


def index_document(document_id: int) -> None:
    """(Re)write a document's row, or remove it if the document is gone."""
    document = Document.objects.select_related("type", "current").filter(pk=document_id).first()
    if document is None:
        IndexedText.objects.filter(document_id=document_id).delete()
    else:
        _replace([document_row(document)], "document_id")


def sync_report_access(report: Report) -> None:
    IndexedText.objects.filter(report_id=report.pk).update(**_report_access(report))


def sync_document_access(document: Document) -> None:
    IndexedText.objects.filter(document_id=document.pk).update(**_document_access(document))


def _batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def reindex(
    *, reports: bool = True, documents: bool = True, progress: Callable[[str, int, int], None]
) -> None:
    """Rewrite every row (reports, documents or both) in batches. (Rows of items deleted go with them: the
    index's foreign keys cascade.)"""
    if reports:
        items = Report.objects.select_related("file").order_by("pk")
        _reindex(items, report_row, "report_id", "report", progress)
    if documents:
        items = Document.objects.select_related("type", "current").order_by("pk")
        _reindex(items, document_row, "document_id", "document", progress)


def _reindex(items, row: Callable, field: str, name: str, progress: Callable[[str, int, int], None]) -> None:
    total, done = items.count(), 0
    for batch in _batches(items.iterator(chunk_size=BATCH)):
        _replace([row(item) for item in batch], field)
        done += len(batch)
        progress(name, done, total)
