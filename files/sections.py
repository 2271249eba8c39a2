"""The frame every page of a social file shares: access check, audit of the read, header and tabs."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from access.models import BreakGlass
from access.policy import Action, can, may_break_glass, user_team_ids
from audit.labels import printed_label
from audit.services import Verb, record
from files import selectors

TABS = [
    ("summary", _("Résumé"), "files:detail", Action.VIEW_FILE),
    ("identity", _("Signalétique"), "people:identity", Action.VIEW_FILE),
    ("household", _("Ménage"), "people:household", Action.VIEW_FILE),
    ("resources", _("Ressources"), "people:resources", Action.VIEW_FILE),
    ("bank", _("Comptes bancaires"), "people:bank", Action.VIEW_BANK),
    ("requests", _("Demandes et décisions"), "files:requests", Action.VIEW_FILE),
    ("reports", _("Rapports"), "files:reports", Action.VIEW_REPORTS),
    ("documents", _("Documents"), "documents:file", Action.VIEW_DOCUMENTS),
    ("timeline", _("Historique"), "files:timeline", Action.VIEW_FILE),
    ("letters", _("Courrier"), "letters:file", Action.VIEW_FILE),
    ("access", _("Consultations"), "files:access_log", Action.VIEW_ACCESS_LOG),
]

SECTION_LABELS = {key: label for key, label, _name, _action in TABS}
SECTION_LABELS["legal_holds"] = _("Gels juridiques")  # retention's page, reached from the header


def describe_event(event) -> str:
    """What an audit event concerned, in the words of the screen that was used, and why when it says so."""
    what = _describe(event)
    if event.purpose and event.verb != event.Verb.BREAK_GLASS:
        return f"{what} ({_('motif')} : « {event.purpose} »)"
    return what


def _describe(event) -> str:
    if event.verb == event.Verb.VIEW and "section" in event.detail:
        section = str(SECTION_LABELS.get(event.detail["section"], event.detail["section"]))
        if event.target_type != "files.socialfile":  # one item of the section; its id, never its title
            return f"{section} – {event.target_label} n° {event.target_id}"
        return section
    if event.verb == event.Verb.SEARCH and "query" in event.detail:
        return f"« {event.detail['query']} »"
    if event.verb == event.Verb.BREAK_GLASS:
        return f"{event.get_verb_display().capitalize()} : « {event.purpose} »"
    if event.verb in (event.Verb.PRINT, event.Verb.EXPORT) and printed_label(event):
        return printed_label(event)
    return event.target_label


class FileSectionMixin:
    """Loads the URL's file through the access policy (404 when not visible) and audits the read."""

    action = Action.VIEW_FILE
    tab = "summary"

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("file_pk") or kwargs.get("pk")
        self.file = selectors.get_file(request.user, pk)
        self.break_glass = None  # the grant through which a user outside the file's team opened it
        if self.file.team_id not in user_team_ids(request.user) and may_break_glass(request.user):
            self.break_glass = BreakGlass.objects.active_for(request.user).filter(file=self.file).first()
        if self.action != Action.VIEW_FILE and not can(request.user, self.action, self.file):
            raise PermissionDenied
        self.load_objects()
        if request.method == "GET":
            self.audit_read(request)
        return super().dispatch(request, *args, **kwargs)

    def audit_read(self, request) -> None:
        """Record the read of this page in the audit trail, for the file and the person it concerns."""
        record(
            actor=request.user,
            verb=Verb.VIEW,
            target=self.read_target(),
            file_id=self.file.pk,
            person_id=self.file.beneficiary_id,
            detail={"section": self.tab},
            purpose=self.break_glass.reason if self.break_glass else "",
            request=request,
        )

    def load_objects(self) -> None:
        """Load what the URL names inside the file (a report...) through the policy, before any read."""

    def read_target(self):
        """What a GET of this page reads, for the audit trail: the file, or the item the page shows."""
        return self.file

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["file"] = self.file
        context["person"] = self.file.beneficiary
        context["tab"] = self.tab
        context["tabs"] = [
            {"key": key, "label": label, "url": reverse(name, args=[self.file.pk])}
            for key, label, name, action in TABS
            if can(user, action, self.file)
        ]
        context["can_edit"] = can(user, Action.EDIT_FILE, self.file)
        context["can_view_bank"] = can(user, Action.VIEW_BANK, self.file)
        context["can_assign"] = can(user, Action.ASSIGN_FILE, self.file)
        context["can_hold"] = can(user, Action.HOLD_FILE, self.file)
        context["break_glass"] = self.break_glass
        return context


class FileSectionView(FileSectionMixin, TemplateView):
    pass
