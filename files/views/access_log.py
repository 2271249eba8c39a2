"""Consultations: who opened or changed this file, so that a team can trust the software with everything."""

from access.policy import Action
from audit import paging
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
        # Pages by (moment, id) through the (file_id, at, id) index: no count of the file's whole log.
        page = paging.paginate(self.request, events, per_page=self.per_page)
        context["readers"] = audit_selectors.file_readers(events)
        context["page"] = page
        context["rows"] = [(event, describe_event(event)) for event in page.object_list]
        return context
