"""Tableaux de bord: the flow of the files for the heads (their teams) and the direction (every team)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.views.generic import TemplateView, View

from access.policy import Action, can
from audit.export import csv_response
from audit.services import Verb, record
from dashboards import figures
from dashboards.drill import drill
from dashboards.filters import FilterForm


class DashboardMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, Action.VIEW_DASHBOARD):
            raise PermissionDenied
        self.form = FilterForm(request.GET or None, user=request.user)
        self.filters = self.form.filters()
        return super().dispatch(request, *args, **kwargs)

    def audit_detail(self) -> dict:
        f = self.filters
        return {"months": f.months, "team": f.team_id, "aid_type": f.aid_type_id}


class DashboardView(DashboardMixin, TemplateView):
    template_name = "dashboards/dashboard.html"

    def get_context_data(self, **kwargs):
        record(
            actor=self.request.user,
            verb=Verb.VIEW,
            detail={"dashboard": self.audit_detail()},
            request=self.request,
        )
        found = figures.build(self.request.user, self.filters)
        drill_url = reverse("dashboards:files")
        return super().get_context_data(
            form=self.form, filters=self.filters, figures=found, drill_url=drill_url, **kwargs
        )


class DrillView(DashboardMixin, TemplateView):
    """The files behind one figure (?figure=…&cle=…), only those the user may open."""

    template_name = "dashboards/files.html"

    def get_context_data(self, **kwargs):
        figure, key = self.request.GET.get("figure", ""), self.request.GET.get("cle", "")
        found = drill(self.request.user, self.filters, figure, key)
        if found is None:
            raise Http404
        detail = {
            **self.audit_detail(),
            "figure": figure,
            "key": key,
            "proposals": [p.pk for p in found.proposals],
        }
        record(
            actor=self.request.user, verb=Verb.VIEW, detail={"dashboard_files": detail}, request=self.request
        )
        back = reverse("dashboards:dashboard") + "?" + self.filters.query()
        rows = [(p, found.values.get(p.pk, "")) for p in found.proposals]
        return super().get_context_data(found=found, rows=rows, back=back, **kwargs)


class ExportView(DashboardMixin, View):
    """Every figure of the dashboard as one CSV (the lead times by month, team and aid type in detail)."""

    def get(self, request):
        header, rows = figures.csv_rows(request.user, self.filters)
        return csv_response(request, name="tableau-de-bord", header=header, rows=rows)
