"""Consultations: who opened or changed this file, so that a team can trust the software with everything."""

from django.core.paginator import Paginator

from access.policy import Action
from audit import selectors as audit_selectors
from files import selectors
from files.sections import FileSectionView, describe_event


class AccessLogView(FileSectionView):
    template_name = "files/access_log.html"
    tab = "access"
    action = Action.VIEW_ACCESS_LOG
    per_page = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        events = selectors.consultations(user, self.file)
        page = Paginator(events, self.per_page).get_page(self.request.GET.get("page"))
        context["readers"] = audit_selectors.file_readers(events)
        context["page"] = page
        context["rows"] = [(event, describe_event(event)) for event in page.object_list]
        context["query"] = ""
        return context
