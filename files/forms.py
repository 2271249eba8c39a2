"""Forms of the social file screens. They check what a person typed; the services keep the business rules."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.models import Membership, Team
from access.policy import BREAK_GLASS_ACTIONS, Action, Scope, report_readers
from access.roles import role_label
from config.forms import DateField, VersionedForm
from files.models import AidRequest, Report, SocialFile
from files.selectors import assignable_workers, report_reader_candidates
from people.forms import PersonFieldsMixin
from people.models import Address

User = get_user_model()

ADDRESS_FIELDS = ["street", "number", "box", "postal_code", "city", "valid_from"]
ADDRESS_REQUIRED = ["street", "number", "postal_code", "city"]


def not_in_future(date):
    if date and date > timezone.localdate():
        raise ValidationError(_("La date de la demande ne peut pas être dans le futur."))
    return date


def worker_label(user) -> str:
    return user.get_full_name() or user.get_username()


def reader_label(user) -> str:
    """A possible reader of a sealed report, with their roles (a committee member is not a colleague)."""
    return f"{worker_label(user)} ({', '.join(role_label(g.name) for g in user.groups.all())})"


def teams_mine_first(user) -> QuerySet[Team]:
    """Every team a file may belong to, the user's own teams first."""
    mine = Membership.objects.filter(team=OuterRef("pk"), user=user)
    return Team.objects.owning_files().annotate(mine=Exists(mine)).order_by("-mine", "name")


class WorkerChoiceField(forms.TypedChoiceField):
    """A social worker, once, under their team (or their teams joined); the service checks the team."""

    def __init__(self, *, teams: QuerySet[Team], include=None, **kwargs):
        groups: dict[str, list[tuple[int, str]]] = {}
        self.users = {}
        for user in assignable_workers(teams):
            group = ", ".join(m.team.name for m in user.offered_teams)
            groups.setdefault(group, []).append((user.pk, worker_label(user)))
            self.users[user.pk] = user
        choices = [("", _("— Aucun (à attribuer) —")), *sorted(groups.items())]
        if include is not None and include.pk not in self.users:
            choices.append((_("Actuellement attribué"), [(include.pk, worker_label(include))]))
            self.users[include.pk] = include
        super().__init__(choices=choices, coerce=int, empty_value=None, required=False, **kwargs)

    def clean(self, value):
        pk = super().clean(value)
        return self.users.get(pk) if pk is not None else None


class RequestFieldsMixin(forms.Form):
    """Demande d'aide: what is asked, how, and on which day (the day starts the legal deadlines)."""

    aid = forms.ChoiceField(
        label=_("Aide demandée"),
        choices=[("", "—"), *AidRequest.Aid.choices],
        error_messages={"required": _("Indiquez l'aide demandée.")},
    )
    channel = forms.ChoiceField(label=_("Canal"), choices=AidRequest.Channel.choices)
    requested_on = DateField(
        label=_("Date de la demande"),
        help_text=_("Le jour où la personne a fait la demande : elle fait courir les délais légaux."),
        error_messages={"required": _("Indiquez la date de la demande.")},
    )
    details = forms.CharField(label=_("Précisions"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("requested_on", timezone.localdate())
        super().__init__(*args, **kwargs)

    def clean_requested_on(self):
        return not_in_future(self.cleaned_data["requested_on"])

    def request_data(self) -> dict:
        data = self.cleaned_data
        return {k: data.get(k) or "" for k in ("aid", "channel", "details")} | {
            "requested_on": data["requested_on"]
        }


class RequestForm(RequestFieldsMixin):
    """Demande d'aide added to an existing file."""


class RegisterForm(PersonFieldsMixin, RequestFieldsMixin):
    """Register a newcomer and open their file: identity, address, team, first request, in one page."""

    street = forms.CharField(label=_("Rue"), required=False, max_length=150)
    number = forms.CharField(label=_("Numéro"), required=False, max_length=15)
    box = forms.CharField(label=_("Boîte"), required=False, max_length=15)
    postal_code = forms.CharField(label=_("Code postal"), required=False, max_length=10)
    city = forms.CharField(label=_("Commune"), required=False, max_length=100)
    valid_from = DateField(label=_("Habite à cette adresse depuis le"), required=False)

    team = forms.ModelChoiceField(
        label=_("Équipe"),
        queryset=Team.objects.none(),
        empty_label=None,
        error_messages={
            "invalid_choice": _("Choisissez une équipe de la liste."),
            "required": _("Choisissez l'équipe qui suivra le dossier."),
        },
    )
    # primary_worker is added in __init__: its choices depend on the teams offered.

    confirm_distinct = forms.BooleanField(
        label=_("Je confirme qu'il s'agit d'une autre personne"), required=False
    )

    def __init__(self, *args, teams: QuerySet[Team], user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["primary_worker"] = WorkerChoiceField(
            teams=teams,
            label=_("Assistant(e) social(e) référent(e)"),
            help_text=_("Facultatif : le chef de service pourra attribuer le dossier plus tard."),
        )
        own = list(Membership.objects.filter(user=user, team__in=teams).values_list("team_id", flat=True))
        if len(own) == 1:
            self.fields["team"].initial = own[0]
        else:
            # The desk serves several antennes: make them choose rather than default to the first one.
            self.fields["team"].empty_label = "—"
        if user is not None and user.pk in self.fields["primary_worker"].users:
            self.fields["primary_worker"].initial = user.pk

    def clean(self):
        data = super().clean()
        if any(data.get(f) for f in ADDRESS_FIELDS):
            for field in ADDRESS_REQUIRED:
                if not data.get(field) and field not in self.errors:
                    self.add_error(field, _("Complétez l'adresse ou videz tous ses champs."))
        return data

    def identity(self) -> dict:
        """The person's identity, as people.services.create_person takes it."""
        data = self.cleaned_data
        keys = ["last_name", "first_names", "national_number", "sex", "nationality"]
        keys += ["residence_status", "language", "phone", "email"]
        return {k: data.get(k) or "" for k in keys} | {"birth_date": data.get("birth_date")}

    def address(self) -> dict | None:
        data = self.cleaned_data
        if not any(data.get(f) for f in ADDRESS_FIELDS):
            return None
        values = {f: data.get(f) or "" for f in ADDRESS_FIELDS}
        values["valid_from"] = data.get("valid_from") or timezone.localdate()
        values["kind"] = Address.Kind.RESIDENCE
        return values


def team_readers_help() -> str:
    """Who reads an item open to "Toute l'équipe", as access.policy grants it: not only the team."""
    readers = report_readers()

    def names(scope: Scope) -> str:
        return ", ".join(role_label(role) for role in readers.get(scope, []))

    parts = [_("dans l'équipe du dossier, %(roles)s") % {"roles": names(Scope.TEAM)}]
    if Scope.ALL in readers:
        parts.append(_("dans tout le CPAS, %(roles)s") % {"roles": names(Scope.ALL)})
    if Scope.AGENDA in readers:
        parts.append(
            _("pendant que leur organe décide sur ce dossier, %(roles)s") % {"roles": names(Scope.AGENDA)}
        )
    if Action.VIEW_REPORTS in BREAK_GLASS_ACTIONS:
        parts.append(_("et quiconque ouvre le dossier en accès exceptionnel, motif à l'appui"))
    return _("« %(label)s » : le lisent, %(who)s.") % {
        "label": Report.Confidentiality.TEAM.label,
        "who": " ; ".join(str(part) for part in parts),
    }


def _report_fields() -> dict:
    return {
        "title": forms.CharField(
            label=_("Titre"), max_length=200, error_messages={"required": _("Donnez un titre au rapport.")}
        ),
        "written_on": DateField(
            label=_("Date"), error_messages={"required": _("Indiquez la date du rapport ou de la visite.")}
        ),
        "confidentiality": forms.ChoiceField(
            label=_("Qui peut le lire ?"),
            choices=Report.Confidentiality.choices,
            initial=Report.Confidentiality.TEAM,
            widget=forms.RadioSelect,
            help_text=f"{team_readers_help()} "
            + _(
                "« Auteur et chef de service uniquement » : vos collègues de l'équipe ne le verront pas, "
                "ni dans la liste ni dans l'historique. « Scellé » : seules les personnes cochées ci-dessous "
                "le liront, pas même le chef de service."
            ),
        ),
        "body": forms.CharField(
            label=_("Texte"),
            widget=forms.Textarea(attrs={"data-richtext": "", "rows": 14}),
            error_messages={"required": _("Le texte du rapport est vide.")},
        ),
    }


class SealedReadersMixin:
    """The people a sealed report names: those who may read this file's reports, besides its author."""

    def add_readers_field(self, file: SocialFile, author) -> None:
        self.fields["sealed_readers"] = forms.ModelMultipleChoiceField(
            label=_("Lecteurs désignés (rapport scellé)"),
            queryset=report_reader_candidates(file, exclude=author),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_("Seulement pour un rapport « Scellé » ; ignoré sinon. Vous le lirez toujours."),
            error_messages={"invalid_choice": _("Choisissez des personnes de la liste.")},
        )
        self.fields["sealed_readers"].label_from_instance = reader_label


class ReportForm(SealedReadersMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=Report.Kind.choices)

    def __init__(self, *args, file: SocialFile, author, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("written_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields.update(_report_fields())
        self.add_readers_field(file, author)


class ReportEditForm(SealedReadersMixin, VersionedForm):
    """Correcting a report; its kind stays what it was written as."""

    def __init__(self, *args, file: SocialFile, author, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_report_fields())
        self.add_readers_field(file, author)

    @classmethod
    def initial_for(cls, report: Report) -> dict:
        return {
            "title": report.title,
            "written_on": report.written_on,
            "confidentiality": report.confidentiality,
            "sealed_readers": list(report.sealed_readers.values_list("pk", flat=True)),
            "body": report.body,
            "version": report.version,
        }


class AssignForm(VersionedForm):
    """Assign a file to a team and a primary social worker, or change its status."""

    team = forms.ModelChoiceField(
        label=_("Équipe"),
        queryset=Team.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choisissez une équipe de la liste.")},
    )
    status = forms.ChoiceField(label=_("Statut"), choices=SocialFile.Status.choices)
    closed_on = DateField(
        label=_("Clôturé le"),
        required=False,
        help_text=_("Seulement pour un dossier clôturé ; aujourd'hui si vous la laissez vide."),
    )

    field_order = ["team", "primary_worker", "status", "closed_on", "version"]

    def __init__(self, *args, user, file: SocialFile, **kwargs):
        super().__init__(*args, **kwargs)
        teams = teams_mine_first(user)
        self.fields["team"].queryset = teams
        self.fields["primary_worker"] = WorkerChoiceField(
            teams=Team.objects.owning_files(),
            include=file.primary_worker,
            label=_("Assistant(e) social(e) référent(e)"),
            help_text=_("Il ou elle doit faire partie de l'équipe choisie."),
        )
        self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        closed_on = data.get("closed_on")
        if closed_on and data.get("status") != SocialFile.Status.CLOSED:
            self.add_error("closed_on", _("Une date de clôture n'a de sens que pour un dossier clôturé."))
        if closed_on and closed_on > timezone.localdate():
            self.add_error("closed_on", _("La date de clôture ne peut pas être dans le futur."))
        return data

    @classmethod
    def initial_for(cls, file: SocialFile) -> dict:
        return {
            "team": file.team_id,
            "primary_worker": file.primary_worker_id,
            "status": file.status,
            "closed_on": file.closed_on,
            "version": file.version,
        }


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Motif de l'accès"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Par exemple : « Permanence : Mme X se présente sans rendez-vous, son assistante sociale "
            "est absente aujourd'hui. » Le motif est lu par l'équipe du dossier et le conseiller en sécurité."
        ),
        error_messages={"required": _("Indiquez le motif de l'accès.")},
    )


class WaiversForm(forms.Form):
    """A reason for each missing piece of a request's checklist: a piece with a reason is waived, one left
    empty stays missing. `lines` are the missing lines (files.checklist)."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = {f"waive_{line.document_type.pk}": line for line in lines}
        for name, line in self.lines.items():
            self.fields[name] = forms.CharField(
                label=_("Motif de la dispense : %(piece)s") % {"piece": line.document_type.label},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def reasons(self) -> list[tuple[object, str]]:
        """(document type, reason) of each piece given a reason."""
        return [
            (line.document_type, self.cleaned_data[name].strip())
            for name, line in self.lines.items()
            if self.cleaned_data.get(name, "").strip()
        ]
