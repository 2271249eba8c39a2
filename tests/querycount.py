"""Query-count guards: a daily page must cost the same number of queries whatever the size of the data.

Tests render a page, grow the data behind it (more reports, more queue items, more audit rows...), render it
again and compare the two counts. They check queries, never time: the benchmarks in bench/ measure time.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(render: Callable[[], object]) -> tuple[int, list[str]]:
    """Run `render` and return how many SQL queries it made, with their text."""
    with CaptureQueriesContext(connection) as captured:
        response = render()
    status = getattr(response, "status_code", 200)
    assert status == 200, f"the page answered {status}"
    return len(captured), [query["sql"] for query in captured.captured_queries]


def assert_constant_queries(render: Callable[[], object], grow: Callable[[], object]) -> int:
    """Render once (warming any per-process cache), measure, grow the data, measure again: the counts match.

    Returns the count, so a test can also hold it under a ceiling it states.
    """
    render()
    before, _ = count_queries(render)
    grow()
    after, queries = count_queries(render)
    assert after == before, (
        f"{before} queries before growing the data, {after} after: a query per row?\n" + "\n".join(queries)
    )
    return after
