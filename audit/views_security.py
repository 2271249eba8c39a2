"""The security adviser's screens beside the journal: break-glass accesses, printed copies, failed log-ins.

Each is filtered by period, shown in pages newest first (audit/paging.py) and exportable as CSV (?format=csv);
reading and exporting are audited.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from access.policy import Action, can
from audit import paging, selectors
from audit.export import csv_response, moment
from audit.forms import PeriodForm
from audit.labels import printed_label
from audit.services import Verb, record
from files.models import SocialFile
from files.sections import describe_event


class SecurityScreen(TemplateView):
    """A list for the security adviser: period filter, pagination, CSV export, audited."""

    screen = ""
    title = ""
    per_page = 100
    # The moment the list is ordered and paged by (with the id), newest first.
    time_field = "at"

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, Action.VIEW_AUDIT):
            raise PermissionDenied
        self.form = PeriodForm(request.GET or None)
        self.period = {}
        if self.form.is_valid():
            self.period = {k: v for k, v in self.form.cleaned_data.items() if v}
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        items = self.items() if not self.form.errors else []
        if request.GET.get("format") == "csv":
            return csv_response(
                request, name=self.screen, header=self.csv_header(), rows=self.csv_rows(items)
            )
        record(actor=request.user, verb=Verb.VIEW, detail={"security": self.screen}, request=request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = self.items() if not self.form.errors else self.items().none()
        page = paging.paginate(self.request, items, per_page=self.per_page, field=self.time_field)
        query = self.request.GET.copy()
        for name in (paging.NEWER, paging.OLDER, "format"):
            query.pop(name, None)
        context.update(
            form=self.form,
            page=page,
            rows=self.rows(page.object_list),
            screen=self.screen,
            title=self.title,
            csv_query=f"?{query.urlencode()}&format=csv" if query else "?format=csv",
        )
        return context

    def items(self):
        raise NotImplementedError

    def rows(self, items):
        return items

    def csv_header(self) -> list[str]:
        raise NotImplementedError

    def csv_rows(self, items) -> list[list]:
        raise NotImplementedError


def _references(events) -> dict[int, str]:
    ids = {e.file_id for e in events if e.file_id}
    return dict(SocialFile.objects.filter(pk__in=ids).values_list("pk", "reference"))


class BreakGlassReviewView(SecurityScreen):
    template_name = "audit/break_glass.html"
    screen = "acces-exceptionnels"
    title = gettext_lazy("Accès exceptionnels")
    time_field = "opened_at"

    def items(self):
        return selectors.break_glass_accesses(self.request.user, **self.period)

    def csv_header(self):
        return [
            _("Ouvert le"),
            _("Expire le"),
            _("Identifiant"),
            _("Nom"),
            _("Dossier"),
            _("Équipe du dossier"),
            _("Motif"),
            _("Pages consultées"),
        ]

    def csv_rows(self, items):
        return [
            [
                moment(g.opened_at),
                moment(g.expires_at),
                g.user.username,
                g.user.get_full_name(),
                g.file.reference,
                g.file.team.name,
                g.reason,
                g.reads,
            ]
            for g in items
        ]


class PrintsReviewView(SecurityScreen):
    template_name = "audit/prints.html"
    screen = "impressions"
    title = gettext_lazy("Impressions et exports")

    def items(self):
        return selectors.printed_copies(self.request.user, **self.period)

    def rows(self, items):
        items = list(items)
        references = _references(items)
        return [(e, references.get(e.file_id, ""), _what(e)) for e in items]

    def csv_header(self):
        return [_("Moment"), _("Identifiant"), _("Action"), _("Dossier"), _("Document"), _("Adresse IP")]

    def csv_rows(self, items):
        return [
            [moment(e.at), e.username, e.get_verb_display(), reference, what, e.ip_address or ""]
            for e, reference, what in self.rows(items)
        ]


def _what(event) -> str:
    return printed_label(event) or describe_event(event)


class FailedLoginsView(SecurityScreen):
    template_name = "audit/failed_logins.html"
    screen = "connexions-echouees"
    title = gettext_lazy("Connexions échouées")

    def items(self):
        return selectors.failed_logins(self.request.user, **self.period)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["locked"] = selectors.locked_accounts(self.request.user)
        return context

    def rows(self, items):
        return [(e, _step(e)) for e in items]

    def csv_header(self):
        return [_("Moment"), _("Identifiant tapé"), _("Étape"), _("Adresse IP")]

    def csv_rows(self, items):
        return [[moment(e.at), e.username, step, e.ip_address or ""] for e, step in self.rows(items)]


def _step(event) -> str:
    return _("second facteur") if event.detail.get("step") == "otp" else _("mot de passe")
