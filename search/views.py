from django.shortcuts import redirect, render

from access.services import offer_token
from audit.services import Verb, record
from search.forms import TextSearchForm
from search.fulltext.reading import search_texts
from search.selectors import Kind, SearchResult, search_files

MIN_SUGGESTION_LENGTH = 3
MAX_SUGGESTIONS = 8


def _search(request, query: str, *, live: bool) -> SearchResult:
    """Search and write the audit trail: suggestions show names and numbers too, so they are reads as well."""
    result = search_files(request.user, query)
    detail = {"query": query, "kind": result.kind.value, "results": len(result.files)}
    if result.elsewhere:
        detail["other_teams"] = [f.reference for f in result.elsewhere]
    if live:
        detail["live"] = True
    record(actor=request.user, verb=Verb.SEARCH, detail=detail, request=request)
    return result


def results(request):
    """Top-bar search. A national number or a reference that matches one file opens it directly."""
    query = request.GET.get("q", "").strip()[:100]
    result = _search(request, query, live=False) if query else None
    if (
        result is not None
        and result.kind in (Kind.NATIONAL_NUMBER, Kind.REFERENCE)
        and len(result.files) == 1
    ):
        return redirect("files:detail", pk=result.files[0].pk)
    elsewhere = [
        {"file": f, "token": offer_token(request.user, f)} for f in (result.elsewhere if result else [])
    ]
    return render(
        request, "search/results.html", {"search_query": query, "result": result, "elsewhere": elsewhere}
    )


def suggestions(request):
    """The first matches while the user types in the top bar (HTMX), so that Enter is often not needed."""
    query = request.GET.get("q", "").strip()[:100]
    files, more = [], False
    if len(query) >= MIN_SUGGESTION_LENGTH:
        result = _search(request, query, live=True)
        files, more = result.files[:MAX_SUGGESTIONS], len(result.files) > MAX_SUGGESTIONS or result.truncated
    return render(request, "search/suggestions.html", {"files": files, "more": more, "search_query": query})


def texts(request):
    """Dans les textes: words in the reports and documents the user may open, with filters and snippets.

    Each search is recorded in the audit trail as the people search is, with its filters."""
    form = TextSearchForm(request.GET or None)
    query = hits = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        text = form.cleaned_data["q"].strip()
        query, hits = search_texts(request.user, text, form.filters(), page=request.GET.get("page", 1))
        detail = {"query": text, "kind": "texts", "results": hits.paginator.count if hits else 0}
        if hits and hits.paginator.more:  # "results" stopped counting at the cap
            detail["more"] = True
        if filters := form.described():
            detail["filters"] = filters
        record(actor=request.user, verb=Verb.SEARCH, detail=detail, request=request)
    kept = request.GET.copy()
    kept.pop("page", None)
    return render(
        request,
        "search/texts.html",
        {"form": form, "query": query, "hits": hits, "kept": kept.urlencode(), "search_query": ""},
    )
