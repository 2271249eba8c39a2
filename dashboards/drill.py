"""The files behind a dashboard figure: the proposals it counts that the user may also open (VIEW_FILE)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.policy import Action, file_reach
from dashboards import selectors
from dashboards.filters import Filters
from workflow.deadlines import decision_due, notification_due
from workflow.models import BackOfficeTask, Proposal

SHOWN = 200  # the longest first: enough to see who waits, never a whole year of files on one page

TITLES = {
    "delai-decision": _("Délai de la demande à la décision"),
    "delai-notification": _("Délai de la décision à la notification"),
    "decision-hors-delai": _("Décisions prises après l'échéance légale"),
    "notification-hors-delai": _("Notifications après l'échéance légale"),
    "passages": _("Passages de main par décision"),
    "renvois": _("Renvois par proposition"),
    "attente": _("Dossiers en attente à cette étape"),
    "tache": _("Décisions en attente du back-office"),
    "seance": _("Décisions de la séance"),
}


@dataclass
class Drill:
    title: str
    proposals: list[Proposal] = field(default_factory=list)
    values: dict[int, str] = field(default_factory=dict)
    total: int = 0


def _day(value) -> str:
    return f"{value:%d/%m/%Y}"


def _from_decisions(user, filters: Filters, figure: str, key: str) -> tuple[list[int], dict[int, str]]:
    """Proposal ids (longest first) and their value, from the period's final decisions."""
    rows = selectors.decisions(user, filters)
    if figure in ("passages", "renvois"):
        counts = selectors.step_counts(user, filters)
        which = 0 if figure == "passages" else 1
        wanted = int(key) if key.isdigit() else -1
        ids = [r.proposal_id for r in rows if counts.of(r.proposal_id)[which] == wanted]
        return ids, dict.fromkeys(ids, str(wanted))
    rows = [r for r in rows if r.month == key] if key else rows
    values: dict[int, tuple[int, str]] = {}
    for r in rows:
        if figure == "delai-decision":
            values[r.proposal_id] = (r.to_decision, _("%(n)s jours") % {"n": r.to_decision})
        elif figure == "delai-notification" and r.notified_on is not None:
            values[r.proposal_id] = (r.to_notification, _("%(n)s jours") % {"n": r.to_notification})
        elif figure == "decision-hors-delai" and r.decision_late():
            due = decision_due(r.requested_on)
            text = _("décidée le %(on)s, échéance %(due)s") % {"on": _day(r.decided_on), "due": _day(due)}
            values[r.proposal_id] = ((r.decided_on - due).days, text)
        elif figure == "notification-hors-delai" and r.notification_late(filters.today):
            due = notification_due(r.decided_on)
            on = _day(r.notified_on) if r.notified_on else _("pas encore notifiée")
            text = _("notifiée : %(on)s, échéance %(due)s") % {"on": on, "due": _day(due)}
            values[r.proposal_id] = (((r.notified_on or filters.today) - due).days, text)
    ids = sorted(values, key=lambda pk: -values[pk][0])
    return ids, {pk: str(text) for pk, (_n, text) in values.items()}


def _from_queryset(base, filters: Filters, figure: str, key: str) -> tuple[object, dict]:
    if figure == "attente":
        return base.filter(state=key).order_by("state_since", "pk"), {}
    if figure == "tache":
        open_task = Q(decisions__tasks__kind=key) & ~Q(decisions__tasks__status=BackOfficeTask.Status.DONE)
        return base.filter(open_task).annotate(decided=Min("decisions__decided_on")).order_by(
            "decided", "pk"
        ), {}
    meeting = int(key) if key.isdigit() else 0
    on_item = Q(agenda_items__meeting_id=meeting, agenda_items__decision__isnull=False)
    return base.filter(on_item).order_by("agenda_items__number"), {}


def drill(user, filters: Filters, figure: str, key: str) -> Drill | None:
    """None for an unknown figure; else its files, at most SHOWN, each with the value the figure counts."""
    if figure not in TITLES:
        return None
    found = Drill(str(TITLES[figure]))
    counted, openable = selectors.reach(user, filters), file_reach(user, Action.VIEW_FILE, "file__")
    if counted is None or openable is None:
        return found
    base = Proposal.objects.filter(counted, openable).select_related(
        "file__beneficiary", "file__team", "aid_type"
    )
    if figure in ("attente", "tache", "seance"):
        listed, _unused = _from_queryset(base, filters, figure, key)
        found.total = listed.count()
        found.proposals = list(listed[:SHOWN])
        for p in found.proposals:
            since = p.state_since if figure == "attente" else None
            if since is not None:
                found.values[p.pk] = _("%(n)s jours") % {
                    "n": (filters.today - timezone.localdate(since)).days
                }
            elif figure == "tache":
                found.values[p.pk] = _("décidée le %(on)s") % {"on": _day(p.decided)}
            else:
                found.values[p.pk] = p.get_state_display()
        return found
    ids, values = _from_decisions(user, filters, figure, key)
    shown = {p.pk: p for p in base.filter(pk__in=ids[:SHOWN])}
    found.proposals = [shown[pk] for pk in ids[:SHOWN] if pk in shown]
    found.values = {pk: values[pk] for pk in shown}
    found.total = len(ids)
    return found
