"""Historique: every event of the file, newest first, in pages of constant cost."""

from itertools import groupby

from django.core.paginator import Paginator
from django.utils import timezone

from access.policy import Action, can
from files import selectors
from files.models import FileEvent
from files.sections import FileSectionView
from files.services import REPORT_EVENT_KIND


class TimelineView(FileSectionView):
    template_name = "files/timeline.html"
    tab = "timeline"
    per_page = 100

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
        page = Paginator(events, self.per_page).get_page(self.request.GET.get("page"))
        context["page"] = page
        context["days"] = [
            (day, list(items))
            for day, items in groupby(page.object_list, key=lambda e: timezone.localdate(e.occurred_at))
        ]
        context["kinds"] = kinds
        context["kind"] = kind
        context["query"] = f"type={kind}&" if kind else ""
        return context
