"""Résumé: the file at a glance, with the latest events of its timeline."""

from files import selectors
from files.sections import FileSectionView

LATEST_EVENTS = 10
LATEST_ITEMS = 5


class FileSummaryView(FileSectionView):
    template_name = "files/detail.html"
    tab = "summary"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            selectors.file_page_data(user, self.file, latest=LATEST_ITEMS),
            events=list(selectors.timeline(user, self.file, limit=LATEST_EVENTS)),
        )
        return context
