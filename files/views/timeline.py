"""Historique: every event of the file, newest first, in pages of constant cost."""

from itertools import groupby

from django.urls import reverse
from django.utils import timezone

from access.policy import Action, can
from audit import paging
from files import selectors
from files.models import FileEvent
from files.sections import FileSectionView
from files.services import REPORT_EVENT_KIND


class TimelineView(FileSectionView):
    template_name = "files/timeline.html"
    tab = "timeline"
    per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        events = selectors.timeline(user, self.file)
        kinds = list(FileEvent.Kind.choices)
        if not can(user, Action.VIEW_REPORTS, self.file):
            hidden = {*REPORT_EVENT_KIND.values(), FileEvent.Kind.REPORT_EDITED}
            kinds = [(value, label) for value, label in kinds if value not in hidden]
        if not can(user, Action.VIEW_BANK, self.file):
            kinds = [(value, label) for value, label in kinds if value != FileEvent.Kind.BANK_ACCOUNT]
        kind = self.request.GET.get("type", "")
        if kind in dict(kinds):
            events = events.filter(kind=kind)
        else:
            kind = ""
        # Pages by (moment, id) through event_file_date_idx, with no count of the file's events: a page
        # costs the same for a file of ten events and one of ten thousand.
        page = paging.paginate(self.request, events, per_page=self.per_page, field="occurred_at")
        context["page"] = page
        context["days"] = [
            (day, [self.row(event) for event in items])
            for day, items in groupby(page.object_list, key=lambda e: timezone.localdate(e.occurred_at))
        ]
        context["kinds"] = kinds
        context["kind"] = kind
        return context

    def row(self, event: FileEvent) -> tuple:
        """An entry as the template shows it: the event, its moment (ISO 8601) and time of day in local time,
        its kind's label, its report's address (or None) and its author's name ("" when none).

        Prepared here rather than by an include, {% url %} and date filters for each entry, which cost most
        of the page."""
        moment = timezone.localtime(event.occurred_at)
        report_url = (
            reverse("files:report_detail", args=[self.file.pk, event.report_id]) if event.report_id else None
        )
        author = event.author.get_full_name() or event.author.username if event.author else ""
        return event, moment.isoformat(), f"{moment:%H:%M}", event.get_kind_display(), report_url, author
