"""Reading the queues declared in workflow.queues: the top bar's counts, a queue's pages, its next item.

Counts are aggregates: one query per model the user's queues read (at most four: proposals, requests,
decisions, tasks), whatever the number of rows. A page reads the ids and deadline fields of the queue's rows
(one query per source), sorts them in Python (the rows a source lists first, then by deadline: the Belgian
calendar lives there, holidays move a deadline, which portable SQL cannot compute), and loads only the rows it
shows (one query per source on it).
"""

from __future__ import annotations

import datetime
from functools import reduce
from operator import or_

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.utils.http import urlencode

from workflow import deadlines
from workflow.queues import Item, Queue, Source, queues_for

PER_PAGE = 50

# (rank, deadline, source index in the queue, row id): the queue's order, the rows listed first (rank 0:
# returned proposals) before the others, then nearest deadline first, then by id.
Key = tuple[bool, datetime.date, int, int]


def counts(user, known: dict[str, int] | None = None) -> list[tuple[Queue, int]]:
    """The user's queues with the number of items each holds, as their pages count them; `known`: the
    totals a page already read (Accueil reads its queues' keys), not counted again."""
    shown = queues_for(user)
    known = known or {}
    filters: dict[type, dict[str, object]] = {}
    for q, queue in enumerate(shown):
        if queue.key in known:
            continue
        for s, source in enumerate(queue.sources):
            filters.setdefault(source.model, {})[f"q{q}_{s}"] = source.where(user)
    found: dict[str, int] = {}
    for model, wheres in filters.items():
        # Only the rows some queue wants are read; each queue's count is then a filtered count among them.
        rows = model.objects.filter(reduce(or_, wheres.values()))
        found |= rows.aggregate(**{alias: Count("pk", filter=where) for alias, where in wheres.items()})
    return [
        (
            queue,
            known[queue.key]
            if queue.key in known
            else sum(found[f"q{q}_{s}"] for s in range(len(queue.sources))),
        )
        for q, queue in enumerate(shown)
    ]


def keys(user, queue: Queue) -> list[Key]:
    """Every row of the queue as a sort key, the rows listed first at the top, then nearest deadline first."""
    found = []
    for s, source in enumerate(queue.sources):
        rows = source.model.objects.filter(source.where(user))
        rank = source.ranked()
        if rank is None:
            found += [
                (True, source.due(*values), s, pk) for pk, *values in rows.values_list("pk", *source.due_from)
            ]
        else:
            rows = rows.annotate(queue_rank=rank).values_list("queue_rank", "pk", *source.due_from)
            found += [(bool(later), source.due(*values), s, pk) for later, pk, *values in rows]
    return sorted(found)


def page(user, queue: Queue, number) -> Page:
    """Page `number` (as given in the URL; the last page when out of range) of the queue, as Items."""
    paginator = Paginator(keys(user, queue), PER_PAGE)
    found = paginator.get_page(number)
    found.object_list = _items(user, queue, found.object_list)
    return found


def with_queue(url: str, key: str) -> str:
    """An item's address that remembers the queue it was opened from (its page offers the next item)."""
    return f"{url}?{urlencode({'queue': key})}"


def items(user, queue: Queue) -> list[Item]:
    """All the queue's items, nearest deadline first (the daily digest reads them all)."""
    return _items(user, queue, keys(user, queue))


def top(user, queue: Queue, size: int, *, pressing: bool = False) -> tuple[list[Item], int]:
    """The first `size` items of the queue and how many it holds (a home page's section); `pressing`: only
    those late or at risk."""
    found = keys(user, queue)
    if pressing:
        found = [key for key in found if deadlines.status(key[1]) != deadlines.Status.OK]
    return _items(user, queue, found[:size]), len(found)


def first_item(user, queue: Queue, *, after: str = "") -> Item | None:
    """The most urgent item other than `after` (the key of the item just handled), if any."""
    return next((item for item in _items(user, queue, keys(user, queue)[:2]) if item.key != after), None)


def _items(user, queue: Queue, wanted: list[Key]) -> list[Item]:
    """The Items of these keys, in their order: one query per source, still under the source's filter."""
    by_source: dict[int, dict[int, datetime.date]] = {}
    for _rank, due, s, pk in wanted:
        by_source.setdefault(s, {})[pk] = due
    loaded: dict[tuple[int, int], Item] = {}
    for s, dues in by_source.items():
        source: Source = queue.sources[s]
        rows = source.model.objects.filter(source.where(user)).select_related(*source.related)
        rows = rows.annotate(**source.annotations(user))
        # More than a page (items(): the whole queue): all the source's rows, not more ids than SQLite binds.
        if len(dues) <= PER_PAGE:
            rows = rows.filter(pk__in=list(dues))
        loaded |= {(s, row.pk): source.item(row, dues[row.pk]) for row in rows if row.pk in dues}
    # A row that left the queue since its key was read (taken by a colleague) is skipped.
    return [loaded[(s, pk)] for _rank, _due, s, pk in wanted if (s, pk) in loaded]
