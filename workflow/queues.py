"""Queues per role (à rédiger, à valider, avis à donner...): what waits for the user, oldest deadline first.

Each queue is declared with the action it needs; its items come from files visible under that action.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from access.policy import Action, can, visible_files
from files.models import AidRequest
from workflow import deadlines
from workflow.backoffice import TASK_ACTIONS
from workflow.declaration import sources_of
from workflow.models import BackOfficeTask, Decision, Proposal


@dataclass(frozen=True)
class Queue:
    key: str
    label: Promise
    actions: tuple[Action, ...]
    description: Promise


QUEUES = (
    Queue(
        "a-rediger",
        _("À rédiger"),
        (Action.WRITE_PROPOSAL,),
        _("Demandes de vos dossiers sans proposition, brouillons et propositions renvoyées."),
    ),
    Queue(
        "a-valider",
        _("À valider"),
        (Action.VALIDATE_PROPOSAL,),
        _("Propositions soumises par votre équipe, et propositions validées à présenter au comité."),
    ),
    Queue(
        "avis", _("Avis à donner"), (Action.GIVE_OPINION,), _("Propositions qui attendent l'avis juridique.")
    ),
    Queue(
        "comite",
        _("Prêt pour le comité"),
        (Action.SCHEDULE_PROPOSAL,),
        _("Propositions prêtes ou inscrites à l'ordre du jour, et décisions urgentes à ratifier."),
    ),
    Queue(
        "notifications",
        _("Notifications à envoyer"),
        (Action.NOTIFY_DECISION,),
        _("Décisions à notifier dans les 8 jours."),
    ),
    Queue(
        "paiements",
        _("Paiements à préparer"),
        (Action.SET_UP_PAYMENT, Action.REGISTER_SPP),
        _("Paiements à mettre en place et droits à enregistrer auprès du SPP Intégration sociale."),
    ),
    Queue(
        "recuperations",
        _("Récupérations à ouvrir"),
        (Action.OPEN_RECOVERY,),
        _("Avances et récupérations à ouvrir après une décision."),
    ),
    Queue(
        "piis",
        _("PIIS à conclure et à évaluer"),
        (Action.WRITE_PROPOSAL,),
        _("Projets individualisés d'intégration sociale à conclure, et leurs évaluations, à leur échéance."),
    ),
)
BY_KEY = {q.key: q for q in QUEUES}


@dataclass
class Item:
    key: (
        str  # unique within the queue: "p12" (a proposal), "r7" (a request), "t3" (a task), "d5" (a decision)
    )
    file: object
    what: str
    step: str
    due: datetime.date
    url: str

    @property
    def status(self) -> deadlines.Status:
        return deadlines.status(self.due)


def queues_for(user) -> list[Queue]:
    return [q for q in QUEUES if any(can(user, action) for action in q.actions)]


def items(user, queue: Queue) -> list[Item]:
    """The queue's items for `user`, the nearest deadline first."""
    found = _BUILDERS[queue.key](user)
    return sorted(found, key=lambda item: (item.due, item.key))


def proposal_url(proposal: Proposal) -> str:
    return reverse("workflow:detail", kwargs={"file_pk": proposal.file_id, "proposal_pk": proposal.pk})


def _proposals(user, action: Action, states, extra: Q | None = None):
    files = visible_files(user, action)
    return (
        Proposal.objects.filter(file__in=files, state__in=states)
        .filter(extra or Q())
        .select_related("file__beneficiary", "aid_type", "request")
    )


def _proposal_item(proposal: Proposal, due: datetime.date) -> Item:
    return Item(
        f"p{proposal.pk}",
        proposal.file,
        proposal.aid_type.label,
        proposal.get_state_display(),
        due,
        proposal_url(proposal),
    )


def _to_write(user) -> list[Item]:
    mine = Q(author=user) | Q(file__primary_worker=user)
    found = [
        _proposal_item(p, deadlines.decision_due(p.request.requested_on))
        for p in _proposals(user, Action.WRITE_PROPOSAL, sources_of(Action.WRITE_PROPOSAL), mine)
    ]
    waiting = (
        AidRequest.objects.filter(
            file__in=visible_files(user, Action.WRITE_PROPOSAL), file__primary_worker=user
        )
        .filter(proposals__isnull=True)
        .select_related("file__beneficiary")
    )
    found += [
        Item(
            f"r{r.pk}",
            r.file,
            r.get_aid_display(),
            str(_("Demande sans proposition")),
            deadlines.decision_due(r.requested_on),
            reverse("workflow:create", kwargs={"file_pk": r.file_id, "request_pk": r.pk}),
        )
        for r in waiting
    ]
    return found


def _to_validate(user) -> list[Item]:
    return [
        _proposal_item(p, deadlines.decision_due(p.request.requested_on))
        for p in _proposals(user, Action.VALIDATE_PROPOSAL, sources_of(Action.VALIDATE_PROPOSAL))
    ]


def _opinions(user) -> list[Item]:
    return [
        _proposal_item(p, deadlines.opinion_due(p.state_since.date(), p.aid_type))
        for p in _proposals(user, Action.GIVE_OPINION, sources_of(Action.GIVE_OPINION))
    ]


def _committee(user) -> list[Item]:
    found = [
        _proposal_item(p, deadlines.decision_due(p.request.requested_on))
        for p in _proposals(user, Action.SCHEDULE_PROPOSAL, sources_of(Action.SCHEDULE_PROPOSAL))
    ]
    urgent = Decision.objects.filter(
        urgent=True, ratified_on__isnull=True, proposal__file__in=visible_files(user, Action.DECIDE)
    ).select_related("proposal__file__beneficiary", "proposal__aid_type")
    found += [
        Item(
            f"d{d.pk}",
            d.proposal.file,
            d.proposal.aid_type.label,
            str(_("Décision urgente à ratifier")),
            d.decided_on,
            proposal_url(d.proposal),
        )
        for d in urgent
    ]
    return found


def _tasks(user, *kinds) -> list[Item]:
    found = []
    for kind in kinds:
        action = TASK_ACTIONS[kind]
        tasks = (
            BackOfficeTask.objects.filter(kind=kind, decision__proposal__file__in=visible_files(user, action))
            .exclude(status=BackOfficeTask.Status.DONE)
            .select_related("decision__proposal__file__beneficiary", "decision__proposal__aid_type")
        )
        found += [
            Item(
                f"t{t.pk}",
                t.decision.proposal.file,
                t.decision.proposal.aid_type.label,
                f"{t.get_kind_display()} ({t.get_status_display().lower()})",
                t.due_on,
                proposal_url(t.decision.proposal),
            )
            for t in tasks
        ]
    return found


_BUILDERS = {
    "a-rediger": _to_write,
    "a-valider": _to_validate,
    "avis": _opinions,
    "comite": _committee,
    "notifications": lambda user: _tasks(user, BackOfficeTask.Kind.NOTIFY),
    "paiements": lambda user: _tasks(user, BackOfficeTask.Kind.PAYMENT, BackOfficeTask.Kind.SPP),
    "recuperations": lambda user: _tasks(user, BackOfficeTask.Kind.RECOVERY),
    "piis": lambda user: _tasks(user, BackOfficeTask.Kind.PIIS, BackOfficeTask.Kind.PIIS_EVALUATION),
}
