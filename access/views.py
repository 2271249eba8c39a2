from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from access.selectors import access_review
from audit.export import csv_response, moment
from audit.services import Verb, record


def _yes_no(value: bool) -> str:
    return _("oui") if value else _("non")


class AccessReviewView(TemplateView):
    """Revue des accès: who can open what, for the security adviser (access_review checks the policy)."""

    template_name = "access/review.html"

    def get(self, request, *args, **kwargs):
        rows = access_review(request.user)
        if request.GET.get("format") == "csv":
            header = [
                _("Identifiant"),
                _("Nom"),
                _("Actif"),
                _("Rôles"),
                _("Équipes"),
                _("Dossiers accessibles"),
                _("Rapports"),
                _("Comptes bancaires"),
                _("Dernière connexion"),
            ]
            lines = [
                [
                    r["account"].username,
                    r["account"].get_full_name(),
                    _yes_no(r["account"].is_active),
                    ", ".join(r["roles"]),
                    ", ".join(r["teams"]),
                    r["files"],
                    _yes_no(r["reads_reports"]),
                    _yes_no(r["sees_bank"]),
                    moment(r["account"].last_login),
                ]
                for r in rows
            ]
            return csv_response(request, name="roles-et-equipes", header=header, rows=lines)
        record(actor=request.user, verb=Verb.VIEW, detail={"access_review": True}, request=request)
        return self.render_to_response(self.get_context_data(rows=rows, screen="revue-des-acces"))
