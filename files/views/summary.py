"""Résumé: the file at a glance, with the latest events of its timeline."""

from django.utils import timezone

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
        data = selectors.file_page_data(user, self.file)
        today = timezone.localdate()
        context.update(
            current_addresses=[a for a in data["addresses"] if a.valid_to is None or a.valid_to >= today],
            household=[h for h in data["household"] if h.until is None or h.until >= today],
            payment_account=next((b for b in data["bank_accounts"] if b.is_payment_account), None),
            requests=data["requests"][:LATEST_ITEMS],
            request_count=len(data["requests"]),
            can_view_reports=data["can_view_reports"],
            reports=data["reports"][:LATEST_ITEMS],
            report_count=len(data["reports"]),
            events=list(selectors.timeline(user, self.file, limit=LATEST_EVENTS)),
        )
        return context
