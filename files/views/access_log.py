"""Consultations: who opened or changed this file, so that a team can trust the software with everything."""

from dataclasses import dataclass

from access.policy import Action
from audit import paging
from audit import selectors as audit_selectors
from audit.models import AuditEvent
from files import selectors
from files.sections import FileSectionView, describe_event

# Query-string parameter of the readers' page number; the detailed log pages by its own cursor (paging).
READERS = "lecteurs"
# Far beyond any file's readers, and an OFFSET every database takes.
LAST_READERS_PAGE = 100_000


@dataclass(frozen=True)
class ReadersPage:
    """One page of the file's readers: its rows, the rank of its first row, and the query strings of the
    pages around it (None: there is none)."""

    object_list: list
    first: int
    previous_query: str | None
    next_query: str | None

    @property
    def last(self) -> int:
        return self.first + len(self.object_list) - 1

    @property
    def has_other_pages(self) -> bool:
        return self.previous_query is not None or self.next_query is not None


class AccessLogView(FileSectionView):
    template_name = "files/access_log.html"
    tab = "access"
    action = Action.VIEW_ACCESS_LOG
    per_page = 100
    readers_per_page = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        events = selectors.consultations(user, self.file)
        # Pages by (moment, id) through the (file_id, at, id) index: no count of the file's whole log.
        page = paging.paginate(self.request, events, per_page=self.per_page)
        context["readers_page"] = self.readers_page(audit_selectors.file_readers(events))
        context["page"] = page
        # The verbs' labels translated once for the page: get_verb_display() translates every label of the
        # field on each call, which cost more than the rest of a row.
        verbs = {value: str(label) for value, label in AuditEvent.Verb.choices}
        context["rows"] = [
            (event, verbs.get(event.verb, event.verb), describe_event(event)) for event in page.object_list
        ]
        return context

    def readers_page(self, readers) -> ReadersPage:
        """The page of `readers` the query string names: one query for its rows and the next one, which
        tells whether another page follows (no count of the file's readers)."""
        size = self.readers_per_page
        try:
            number = min(max(1, int(self.request.GET.get(READERS, 1))), LAST_READERS_PAGE)
        except ValueError:
            number = 1
        rows = list(readers[(number - 1) * size : number * size + 1])
        if not rows and number > 1:  # beyond the last page (fewer readers since, or a typed address)
            number, rows = 1, list(readers[: size + 1])
        return ReadersPage(
            rows[:size],
            (number - 1) * size + 1,
            self._readers_query(number - 1) if number > 1 else None,
            self._readers_query(number + 1) if len(rows) > size else None,
        )

    def _readers_query(self, number: int) -> str:
        """The query string of readers' page `number`, the detailed log's position kept."""
        query = self.request.GET.copy()
        query.pop(READERS, None)
        if number > 1:
            query[READERS] = str(number)
        return query.urlencode()
