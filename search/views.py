from django.shortcuts import redirect, render

from audit.services import Verb, record
from search.selectors import Kind, search_files


def results(request):
    """Top-bar search. A national number or a reference that matches one file opens it directly."""
    query = request.GET.get("q", "").strip()[:100]
    result = search_files(request.user, query) if query else None
    if result is not None:
        record(
            actor=request.user,
            verb=Verb.SEARCH,
            detail={"query": query, "kind": result.kind.value, "results": len(result.files)},
            request=request,
        )
        if result.kind in (Kind.NATIONAL_NUMBER, Kind.REFERENCE) and len(result.files) == 1:
            return redirect("files:detail", pk=result.files[0].pk)
    return render(request, "search/results.html", {"search_query": query, "result": result})
