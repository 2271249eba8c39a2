"""Accueil: where everybody lands after logging in, on the work of each of their roles."""

from django.views.generic import TemplateView

from audit.services import Verb, record
from home.sections import queue_totals, sections
from workflow.queue_pages import counts


class HomeView(TemplateView):
    template_name = "home/home.html"

    def get_context_data(self, **kwargs):
        found = sections(self.request.user)
        # The page names beneficiaries: the read is recorded, as for a queue's page.
        shown = {s.role.value: [b.data["queue"].key for b in s.blocks if b.kind == "queue"] for s in found}
        record(actor=self.request.user, verb=Verb.VIEW, detail={"home": shown}, request=self.request)
        user, known = self.request.user, queue_totals(found)
        # The top bar's counters: the queues the sections read are not counted a second time.
        return super().get_context_data(sections=found, nav_queues=lambda: counts(user, known), **kwargs)
