"""Keyset pagination of the audit lists: pages by (moment, id), newest first, with no COUNT and no OFFSET.

A page holds the rows just older (or, going back, just newer) than a cursor: the moment and id of the last (or
first) row of the page before. Read through an index on (..., moment, id), a page costs the same whatever the
size of the trail and however deep the page, where a paginator counts every row and OFFSET reads every row
before the page. The cursor travels in the query string (OLDER or NEWER); one that cannot be read shows the
first page, with a message.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

# Query-string parameters: the rows older than the cursor, or newer than it.
OLDER = "avant"
NEWER = "apres"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def cursor_text(moment: datetime.datetime, pk: int) -> str:
    """`moment` (microseconds since 1970, UTC) and `pk`: a position in the list, readable and exact."""
    delta = moment - EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micros}_{pk}"


def parse_cursor(text: str) -> tuple[datetime.datetime, int] | None:
    """The (moment, id) of a cursor_text(), or None when `text` is not one."""
    micros, separator, pk = text.partition("_")
    if not separator:
        return None
    try:
        moment = EPOCH + datetime.timedelta(microseconds=int(micros))
        number = int(pk)
    except (ValueError, OverflowError):
        return None
    if not 0 < number < 2**63:
        return None
    return moment, number


@dataclass(frozen=True)
class KeysetPage:
    """One page of a list: its rows, and the query strings of the pages around it (None: there is none; an
    empty string is the first page with no other parameter)."""

    object_list: list
    newer_query: str | None
    older_query: str | None

    @property
    def has_other_pages(self) -> bool:
        return self.newer_query is not None or self.older_query is not None


def paginate(
    request: HttpRequest, queryset: QuerySet, *, per_page: int = 100, field: str = "at"
) -> KeysetPage:
    """The page of `queryset` (ordered by `field` then id, newest first) that the request's cursor names.

    One query per page, two when going back reaches the newest rows (the first page is then read afresh).
    """
    params = request.GET
    newer, older = params.get(NEWER), params.get(OLDER)
    given = newer or older
    cursor = parse_cursor(given) if given else None
    if given and cursor is None:
        messages.warning(
            request,
            _("La position demandée dans la liste n'est pas valable : voici les éléments les plus récents."),
        )
    if cursor is not None and newer:
        moment, pk = cursor
        after = Q(**{f"{field}__gte": moment}) & (Q(**{f"{field}__gt": moment}) | Q(pk__gt=pk))
        rows = list(queryset.filter(after).order_by(field, "pk")[: per_page + 1])
        if len(rows) > per_page:
            rows = rows[:per_page][::-1]
            newer_query = _link(params, NEWER, rows[0], field)
            return KeysetPage(rows, newer_query, _link(params, OLDER, rows[-1], field))
        cursor = None  # back at the newest rows: the first page, full
    if cursor is not None:
        moment, pk = cursor
        before = Q(**{f"{field}__lte": moment}) & (Q(**{f"{field}__lt": moment}) | Q(pk__lt=pk))
        rows = list(queryset.filter(before).order_by(f"-{field}", "-pk")[: per_page + 1])
        more = len(rows) > per_page
        rows = rows[:per_page]
        newer_query = _link(params, NEWER, rows[0], field) if rows else _link(params, None, None, field)
        return KeysetPage(rows, newer_query, _link(params, OLDER, rows[-1], field) if more else None)
    rows = list(queryset.order_by(f"-{field}", "-pk")[: per_page + 1])
    more = len(rows) > per_page
    rows = rows[:per_page]
    return KeysetPage(rows, None, _link(params, OLDER, rows[-1], field) if more else None)


def _link(params, direction: str | None, row, field: str) -> str:
    """The query string of the page on the `direction` side of `row`, other parameters kept."""
    query = params.copy()
    for name in (NEWER, OLDER, "page", "format"):
        query.pop(name, None)
    if direction is not None:
        query[direction] = cursor_text(getattr(row, field), row.pk)
    return query.urlencode()
