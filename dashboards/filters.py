"""The dashboards' filters: the period (last months), the team and the aid type, from the query string."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from access.models import Team
from access.policy import Action, Scope, scope_for, user_team_ids
from aid.models import AidType

MONTHS = (
    (3, _("3 derniers mois")),
    (6, _("6 derniers mois")),
    (12, _("12 derniers mois")),
    (24, _("24 derniers mois")),
)
DEFAULT_MONTHS = 12


@dataclass(frozen=True)
class Filters:
    months: int
    start: datetime.date  # first day of the first month shown
    end: datetime.date  # first day of the month after the last one (excluded)
    today: datetime.date
    team_id: int | None = None
    aid_type_id: int | None = None

    def month_keys(self) -> list[str]:
        """ "2026-05" for each month of the period, oldest first."""
        keys, day = [], self.start
        while day < self.end:
            keys.append(f"{day:%Y-%m}")
            day = _add_months(day, 1)
        return keys

    def query(self, **extra) -> str:
        """The query string that keeps these filters (for the drill-down links and the export)."""
        params = {"mois": self.months, "equipe": self.team_id or "", "aide": self.aid_type_id or ""}
        return urlencode({k: v for k, v in {**params, **extra}.items() if v not in ("", None)})


def _add_months(day: datetime.date, n: int) -> datetime.date:
    month = day.month - 1 + n
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def period(months: int, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The last `months` months, the current one included."""
    this_month = today.replace(day=1)
    return _add_months(this_month, 1 - months), _add_months(this_month, 1)


def teams_for(user):
    """The teams the user may choose: their own for a head, every antenne for the direction."""
    if scope_for(user, Action.VIEW_DASHBOARD) is Scope.ALL:
        return Team.objects.owning_files().order_by("name")
    return Team.objects.filter(pk__in=user_team_ids(user)).order_by("name")


class FilterForm(forms.Form):
    mois = forms.TypedChoiceField(
        label=_("Période"), choices=MONTHS, coerce=int, required=False, initial=DEFAULT_MONTHS
    )
    equipe = forms.ModelChoiceField(label=_("Équipe"), queryset=Team.objects.none(), required=False)
    aide = forms.ModelChoiceField(
        label=_("Type d'aide"), queryset=AidType.objects.order_by("label"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["equipe"].queryset = teams_for(user)
        self.fields["equipe"].empty_label = _("Toutes vos équipes")
        self.fields["aide"].empty_label = _("Toutes les aides")
        self.fields["mois"].error_messages["invalid_choice"] = _("Choisissez une période de la liste.")
        self.fields["equipe"].error_messages["invalid_choice"] = _(
            "Cette équipe ne fait pas partie des vôtres."
        )
        self.fields["aide"].error_messages["invalid_choice"] = _("Ce type d'aide n'existe pas.")

    def filters(self) -> Filters:
        """The filters asked for; a wrong one falls back to its default (the form then says which)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if self.is_bound and not self.is_valid():
            data = {k: v for k, v in getattr(self, "cleaned_data", {}).items() if k not in self.errors}
        months = data.get("mois") or DEFAULT_MONTHS
        if self.is_bound and not self.data.get("mois"):
            # A query without a period (a drill-down's return) shows the default it is given, not the first.
            self.data = self.data.copy()
            self.data["mois"] = str(DEFAULT_MONTHS)
        if self.is_bound and self.errors:
            # Show the filters applied in place of the wrong ones (the errors stay said above them).
            shown = self.data.copy()
            for name in self.errors:
                shown[name] = str(DEFAULT_MONTHS) if name == "mois" else ""
            self.data = shown
        today = timezone.localdate()
        start, end = period(months, today)
        team, aid = data.get("equipe"), data.get("aide")
        return Filters(months, start, end, today, team.pk if team else None, aid.pk if aid else None)
