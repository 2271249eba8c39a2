"""Full-text search in reports and documents ("Dans les textes"): one module, two database backends.

- words: French words as both backends index them, and the query language;
- backends: the index (PostgreSQL full-text search, SQLite FTS5) and the query that searches it;
- indexing: the rows of the index, written by background jobs (search.tasks);
- reading: what a user finds, the access policy applied inside the query;
- snippets: highlighted extracts, escaped.

The writers of reports and documents call schedule_report() / schedule_document() in the transaction that
changes the item.
"""

from __future__ import annotations

from django.db import transaction


def schedule_report(report) -> None:
    """A report was written or corrected: copy its access now, re-index its words after commit."""
    from search import tasks
    from search.fulltext.indexing import sync_report_access

    sync_report_access(report)
    report_id = report.pk
    transaction.on_commit(lambda: tasks.index_report.enqueue(report_id))


def schedule_document(document_id: int) -> None:
    """A document, or one of its versions, changed: copy its access now, re-index its words after commit.
    Called by documents.services and documents.processing; a deleted document's row goes with it (cascade)."""
    from documents.models import Document
    from search import tasks
    from search.fulltext.indexing import sync_document_access

    document = Document.objects.filter(pk=document_id).first()
    if document is not None:
        sync_document_access(document)
    transaction.on_commit(lambda: tasks.index_document.enqueue(document_id))
