"""What a user finds in the texts: only items they may open, the access policy applied inside the query.

A report is readable as in its file's Rapports tab, a document as in its Documents tab: the rule of
access.policy.readable_items_anywhere on the index's copy of the item's file, level, author and sealed
readers, for VIEW_REPORTS / VIEW_DOCUMENTS. Hits, counts and snippets all come from this one filtered query.

A common word is in thousands of texts: counting them all, and ranking them all to show twenty, would cost
more than the page. The count stops at MOST; beyond it the hits come newest first, their pages stop at
MOST, and the page asks for a filter. Up to MOST hits, the most relevant come first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from access.policy import Action, readable_items_anywhere, scopes_for
from documents.models import Document
from files.models import Report
from search.fulltext import backends, snippets
from search.fulltext.words import Query, parse
from search.models import IndexedText

PER_PAGE = 20
MOST = 1000  # hits counted, ranked or paged through at most (50 pages)
_SEALED_REPORTS = Report.sealed_readers.through.objects
_SEALED_DOCUMENTS = Document.sealed_readers.through.objects


def readable_texts(user) -> QuerySet[IndexedText]:
    """The rows of the index `user` may read: a queryset to refine, never to filter afterwards in Python."""
    sealed_reports = Q(report_id__in=_SEALED_REPORTS.filter(user_id=user.pk).values("report_id"))
    sealed_documents = Q(document_id__in=_SEALED_DOCUMENTS.filter(user_id=user.pk).values("document_id"))
    if scopes_for(user, Action.VIEW_REPORTS) == scopes_for(user, Action.VIEW_DOCUMENTS):
        # Most roles reach the same files for both: one condition, which an index on the file can serve.
        readable = readable_items_anywhere(
            user, Action.VIEW_REPORTS, sealed=sealed_reports | sealed_documents
        )
        return IndexedText.objects.none() if readable is None else IndexedText.objects.filter(readable)
    parts = [
        Q(kind=kind) & readable
        for kind, action, sealed in (
            (IndexedText.Kind.REPORT, Action.VIEW_REPORTS, sealed_reports),
            (IndexedText.Kind.DOCUMENT, Action.VIEW_DOCUMENTS, sealed_documents),
        )
        if (readable := readable_items_anywhere(user, action, sealed=sealed)) is not None
    ]
    if not parts:
        return IndexedText.objects.none()
    return IndexedText.objects.filter(parts[0] | parts[1] if len(parts) == 2 else parts[0])


@dataclass(frozen=True)
class Filters:
    """What the search is narrowed to; each one optional."""

    file_ids: QuerySet | None = None  # files whose reference was given
    report_kind: str = ""
    document_type_id: int | None = None
    person_ids: QuerySet | None = None  # persons named
    author_ids: QuerySet | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def condition(self) -> Q:
        q = Q()
        if self.file_ids is not None:
            q &= Q(file__in=self.file_ids)
        if self.report_kind:
            q &= Q(kind=IndexedText.Kind.REPORT, report_kind=self.report_kind)
        if self.document_type_id is not None:
            q &= Q(kind=IndexedText.Kind.DOCUMENT, document_type_id=self.document_type_id)
        if self.person_ids is not None:
            q &= Q(person__in=self.person_ids)
        if self.author_ids is not None:
            q &= Q(author__in=self.author_ids)
        if self.date_from is not None:
            q &= Q(date__gte=self.date_from)
        if self.date_to is not None:
            q &= Q(date__lte=self.date_to)
        return q


@dataclass
class Hit:
    row: IndexedText
    snippet: str


def found_texts(user, query: Query, filters: Filters = Filters()) -> QuerySet[IndexedText]:
    """The rows `user` may read that match `query` and `filters`, unordered."""
    return backends.matching(readable_texts(user).filter(filters.condition()), query)


class Hits(Paginator):
    """The pages of a search's hits, counted up to MOST: `more` when there are more than that."""

    def __init__(self, hits: QuerySet, found: int) -> None:
        super().__init__(hits, PER_PAGE)
        self.found, self.more, self.most = min(found, MOST), found > MOST, MOST

    @property
    def count(self) -> int:
        return self.found


def search_texts(
    user, text: str, filters: Filters = Filters(), *, page: int = 1
) -> tuple[Query, Page | None]:
    """One page of hits for `text` as typed, each with its snippet; no page for a query of stop words only.
    The most relevant first, or the newest first when more than MOST are found (paginator.more)."""
    query = parse(text)
    if not query:
        return query, None
    # The first MOST + 1 rows found, in no order: a count that stops there, the rows to rank if it did not.
    found = list(found_texts(user, query, filters).values_list("pk", flat=True)[: MOST + 1])
    texts = readable_texts(user).filter(filters.condition())
    if len(found) > MOST:
        ordered = backends.newest(texts, query)
    else:  # those rows only, under the same conditions: one made unreadable meanwhile stays out
        ordered = backends.ranked(texts.filter(pk__in=found), query)
    hits = Hits(ordered.select_related("file", "author"), len(found)).get_page(page)
    rows = list(hits.object_list)
    shown = IndexedText.objects.filter(pk__in=[r.pk for r in rows])
    headlines = backends.headlines(shown, query) if rows else None
    if headlines is None:
        lexemes = query.highlighted()
        hits.object_list = [Hit(r, snippets.around(r.text, lexemes)) for r in rows]
    else:
        hits.object_list = [Hit(r, snippets.from_headline(headlines[r.pk])) for r in rows]
    return query, hits
