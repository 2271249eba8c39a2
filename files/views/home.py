"""Mes dossiers: where everybody lands after logging in."""

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from access.models import BreakGlass
from access.policy import Action, can, may_break_glass
from files import selectors

UNASSIGNED_SHOWN = 50


class MyFilesView(TemplateView):
    template_name = "files/my_files.html"
    per_page = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        page = Paginator(selectors.my_files(user), self.per_page).get_page(self.request.GET.get("page"))
        page.object_list = selectors.with_request_counts(page.object_list)
        context["page"] = page
        context["can_create"] = can(user, Action.CREATE_FILE)
        if may_break_glass(user):
            context["break_glass"] = list(
                BreakGlass.objects.active_for(user).select_related("file__beneficiary", "file__team")
            )
        context["can_assign"] = can(user, Action.ASSIGN_FILE)
        if context["can_assign"]:
            unassigned = selectors.unassigned_files(user)
            context["unassigned"] = selectors.with_request_counts(unassigned[:UNASSIGNED_SHOWN])
            context["unassigned_total"] = (
                len(context["unassigned"])
                if len(context["unassigned"]) < UNASSIGNED_SHOWN
                else unassigned.count()
            )
        return context
