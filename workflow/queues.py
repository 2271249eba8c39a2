"""Queues per role (à rédiger, à valider, avis à donner...): what waits for the user, oldest deadline first.

Each queue is declared once, as the sources of its rows: the model, the filter that selects the rows waiting
for a user (always inside the files visible to them under the source's action), and how a row's deadline is
computed. The top bar's counts and the queue pages both read these filters (workflow.queue_pages), so their
numbers cannot differ.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    Model,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from stdnum import iban as iban_std

from access.policy import Action, can, file_reach
from aid.formatting import euros
from bcss.models import AccessRegistration
from files.models import AidRequest
from mail.models import IncomingMail
from mail.states import WAITING as MAIL_WAITING
from people.models import BankAccount
from workflow import deadlines
from workflow.backoffice import TASK_ACTIONS
from workflow.declaration import State, sources_of, transitions_from
from workflow.models import BackOfficeTask, Decision, Proposal, StepRecord


@dataclass
class Item:
    # Unique within the queue: "p12" (a proposal), "r7" (a request), "t3" (a task), "d5" (a decision).
    key: str
    file: object
    what: str
    step: str
    due: datetime.date
    url: str
    # The step to take, as the link's text (« Donner l'avis »), and the remark the item came back with.
    next: str = ""
    remark: str = ""
    # What the back office needs at a glance (a payment's amount, an SPP form), and the account to pay with
    # its id (for the audit trail: a bank detail shown is a bank detail read).
    detail: str = ""
    iban: str = ""
    bank_account: int | None = None

    @property
    def status(self) -> deadlines.Status:
        return deadlines.status(self.due)


@dataclass(frozen=True)
class Source:
    """One kind of row a queue lists."""

    prefix: str  # of the item's key
    model: type[Model]
    # The rows waiting for the user, already restricted to the files the user may act on.
    where: Callable[[Any], Q]
    # The deadline: `due` receives the values of the `due_from` fields, read with the row's id.
    due_from: tuple[str, ...]
    due: Callable[..., datetime.date]
    # What the page shows of a row: the relations it reads, and the item built from the row and its deadline.
    related: tuple[str, ...]
    item: Callable[[Any, datetime.date], Item]
    # Rows listed before all others, whatever their deadline (a proposal sent back to its author).
    first: Q | None = None
    # Values read with each shown row (its remark), as annotations given the user: no query per row.
    annotations: Callable[[Any], dict] = lambda user: {}

    def ranked(self):
        """The rows' rank: 0 for those listed first, 1 for the others (an expression the keys read)."""
        if self.first is None:
            return None
        return ExpressionWrapper(~self.first, output_field=BooleanField())


@dataclass(frozen=True)
class Queue:
    key: str
    label: Promise
    actions: tuple[Action, ...]
    description: Promise
    sources: tuple[Source, ...]


def proposal_url(proposal: Proposal) -> str:
    return reverse("workflow:detail", kwargs={"file_pk": proposal.file_id, "proposal_pk": proposal.pk})


def _within(user, action: Action, path: str = "file") -> Q:
    """Rows whose file (reached through `path`) the user may take `action` on, as the policy says.

    A join on the file's fields, not `file__in=visible_files()`: given that subquery, SQLite walked every
    proposal and task of the user's teams to count the few open ones (10 to 30 times slower at Mons scale).
    """
    reach = file_reach(user, action, f"{path}__")
    return Q(pk__in=[]) if reach is None else reach


def _opinion_due(asked_at: datetime.datetime, delay_days: int) -> datetime.date:
    """deadlines.opinion_due, counted from the day the opinion was asked in Brussels (not the UTC date)."""
    return deadlines.add_working_days(timezone.localdate(asked_at), delay_days)


# Labels read from the choices once: get_FOO_display() hashes every lazy label of the field at each call.
_STATES = dict(State.choices)
_AIDS = dict(AidRequest.Aid.choices)
_KINDS = dict(BackOfficeTask.Kind.choices)
_TASK_STATUSES = dict(BackOfficeTask.Status.choices)
_PERIODICITIES = dict(Proposal.Periodicity.choices)

# --- proposals -------------------------------------------------------------------------------------------

_PROPOSAL_RELATED = ("file__beneficiary", "aid_type")
_RETURNED = Q(state=State.RETURNED)


def _returned_remark(user) -> dict:
    """The comment of the step that sent the proposal back (by the head, or the committee for an inquiry)."""
    back = StepRecord.objects.filter(proposal=OuterRef("pk"), target=State.RETURNED).order_by("-at", "-pk")
    return {"returned_remark": Subquery(back.values("comment")[:1])}


def _next_steps(action: Action) -> dict[str, str]:
    """For each state, the label of the step `action` takes from it on screen (the row's link): the first
    declared that moves the proposal on, a return only when nothing else is offered."""
    steps = {}
    for state in sources_of(action):
        found = [t for t in transitions_from(state) if t.action == action and t.on_screen]
        found.sort(key=lambda t: t.target == State.RETURNED)
        steps[state] = found[0].label if found else ""
    return steps


def _proposals(action: Action, due_from=("request__requested_on",), due=deadlines.decision_due, mine=False):
    """Proposals where `action` has a step to take; `mine`: those the user wrote or whose file they follow,
    the returned ones first, with the remark they came back with."""
    states = sorted(sources_of(action))
    steps = _next_steps(action)

    def where(user) -> Q:
        found = _within(user, action) & Q(state__in=states)
        return found & (Q(author=user) | Q(file__primary_worker=user)) if mine else found

    def item(proposal: Proposal, due: datetime.date) -> Item:
        return Item(
            f"p{proposal.pk}",
            proposal.file,
            proposal.aid_type.label,
            str(_STATES.get(proposal.state, proposal.state)),
            due,
            proposal_url(proposal),
            next=str(steps.get(proposal.state) or gettext("Ouvrir la proposition")),
            remark=getattr(proposal, "returned_remark", None) or "",
        )

    if mine:
        return Source(
            "p", Proposal, where, due_from, due, _PROPOSAL_RELATED, item, _RETURNED, _returned_remark
        )
    return Source("p", Proposal, where, due_from, due, _PROPOSAL_RELATED, item)


# --- requests without a proposal --------------------------------------------------------------------------


def _waiting_requests(user) -> Q:
    without_proposal = ~Exists(Proposal.objects.filter(request=OuterRef("pk")))
    return _within(user, Action.WRITE_PROPOSAL) & Q(file__primary_worker=user) & Q(without_proposal)


def _request_item(request: AidRequest, due: datetime.date) -> Item:
    return Item(
        f"r{request.pk}",
        request.file,
        str(_AIDS.get(request.aid, request.aid)),
        gettext("Demande sans proposition"),
        due,
        reverse("workflow:create", kwargs={"file_pk": request.file_id, "request_pk": request.pk}),
        next=gettext("Rédiger la proposition"),
    )


_WAITING_REQUESTS = Source(
    "r",
    AidRequest,
    _waiting_requests,
    ("requested_on",),
    deadlines.decision_due,
    ("file__beneficiary",),
    _request_item,
)

# --- urgent decisions to ratify ---------------------------------------------------------------------------


def _urgent_decisions(user) -> Q:
    return _within(user, Action.DECIDE, "proposal__file") & Q(urgent=True, ratified_on__isnull=True)


def _decision_item(decision: Decision, due: datetime.date) -> Item:
    return Item(
        f"d{decision.pk}",
        decision.proposal.file,
        decision.proposal.aid_type.label,
        gettext("Décision urgente à ratifier"),
        due,
        proposal_url(decision.proposal),
        next=gettext("Ouvrir la décision"),
    )


_URGENT_DECISIONS = Source(
    "d",
    Decision,
    _urgent_decisions,
    ("decided_on",),
    lambda decided_on: decided_on,
    ("proposal__file__beneficiary", "proposal__aid_type"),
    _decision_item,
)

# --- back-office tasks ------------------------------------------------------------------------------------

# Listed as the states a task waits in (not "not done"), so that an index on the status serves the filter.
OPEN_TASKS = [s for s in BackOfficeTask.Status.values if s != BackOfficeTask.Status.DONE]


def _task_item(task: BackOfficeTask, due: datetime.date) -> Item:
    item = Item(
        f"t{task.pk}",
        task.decision.proposal.file,
        task.decision.proposal.aid_type.label,
        f"{_KINDS.get(task.kind, task.kind)} ({str(_TASK_STATUSES.get(task.status, task.status)).lower()})",
        due,
        proposal_url(task.decision.proposal),
        next=gettext("Traiter : %(kind)s") % {"kind": str(_KINDS.get(task.kind, task.kind)).lower()},
    )
    proposal = task.decision.proposal
    if task.kind == BackOfficeTask.Kind.PAYMENT:
        amount = euros(proposal.amount) if proposal.amount is not None else gettext("montant non précisé")
        item.detail = amount
        if proposal.periodicity != Proposal.Periodicity.NONE:
            item.detail += f" ({str(_PERIODICITIES.get(proposal.periodicity, '')).lower()})"
        iban = getattr(task, "pay_iban", "")  # "": not annotated, or a file whose bank details are closed
        if iban:
            item.bank_account, item.iban = task.pay_account, iban_std.format(iban)
        elif iban is None:
            item.detail += " – " + gettext("aucun compte de paiement")
    elif task.kind == BackOfficeTask.Kind.SPP and proposal.aid_type.spp_form:
        item.detail = gettext("Formulaire %(form)s") % {"form": proposal.aid_type.spp_form}
    return item


def _payment_account(user) -> dict:
    """The beneficiary's payment account (IBAN and id), on the rows whose bank details the user may see."""
    reach = file_reach(user, Action.VIEW_BANK, "decision__proposal__file__")
    if reach is None:
        return {}
    accounts = BankAccount.objects.filter(
        person_id=OuterRef("decision__proposal__file__beneficiary_id"), is_payment_account=True
    )
    found = {
        "pay_iban": Subquery(accounts.values("iban")[:1]),
        "pay_account": Subquery(accounts.values("pk")[:1]),
    }
    if reach == Q():
        return found
    return {
        "pay_iban": Case(When(reach, then=found["pay_iban"]), default=Value("")),
        "pay_account": Case(When(reach, then=found["pay_account"]), default=None),
    }


def _tasks(kind: str) -> Source:
    """Open tasks of one kind, on the files where the user may take the kind's action."""

    def where(user) -> Q:
        within = _within(user, TASK_ACTIONS[kind], "decision__proposal__file")
        return within & Q(kind=kind, status__in=OPEN_TASKS)

    related = ("decision__proposal__file__beneficiary", "decision__proposal__aid_type")
    annotations = _payment_account if kind == BackOfficeTask.Kind.PAYMENT else (lambda user: {})
    return Source(
        "t", BackOfficeTask, where, ("due_on",), lambda due_on: due_on, related, _task_item, None, annotations
    )


# --- incoming mail ----------------------------------------------------------------------------------------


def _mail_item(mail: IncomingMail, due: datetime.date) -> Item:
    # The number, not the subject: the daily digest names no one.
    return Item(
        f"m{mail.pk}",
        mail.file,
        mail.number,
        gettext("Courrier à traiter"),
        due,
        reverse("mail:detail", kwargs={"pk": mail.pk}),
        next=gettext("Traiter le courrier"),
    )


# Mail given to the user and not yet handled. No file filter: it is the assignment that opens it to them.
_MAIL = Source(
    "m",
    IncomingMail,
    lambda user: Q(assignee_id=user.pk, state__in=MAIL_WAITING),
    ("due_on",),
    lambda due_on: due_on,
    ("file__beneficiary",),
    _mail_item,
)

# --- BCSS access registrations ----------------------------------------------------------------------------

# A CPAS practice, not a legal delay (none found): the access is registered within three working days of
# the file's opening or closing, so that the social worker may consult the BCSS during the inquiry.
BCSS_DELAY_WORKING_DAYS = 3
_BCSS_OPEN = [AccessRegistration.State.TODO, AccessRegistration.State.FAILED]
_BCSS_ACTIONS = dict(AccessRegistration.Action.choices)
_BCSS_STATES = dict(AccessRegistration.State.choices)


def _bcss_due(created_at: datetime.datetime) -> datetime.date:
    return deadlines.add_working_days(timezone.localdate(created_at), BCSS_DELAY_WORKING_DAYS)


def _bcss_item(registration: AccessRegistration, due: datetime.date) -> Item:
    action = str(_BCSS_ACTIONS.get(registration.action, registration.action))
    failed = registration.state == AccessRegistration.State.FAILED
    return Item(
        f"b{registration.pk}",
        registration.file,
        f"{action} BCSS – {registration.purpose}",
        str(_BCSS_STATES.get(registration.state, registration.state)),
        due,
        reverse("bcss:detail", kwargs={"pk": registration.pk}),
        next=gettext("Réessayer")
        if failed
        else gettext("Enregistrer : %(action)s") % {"action": action.lower()},
        remark=registration.error if failed else "",
    )


# Every file's registrations (scope ALL for the cell); the failed ones first, to be tried again.
_BCSS = Source(
    "b",
    AccessRegistration,
    lambda user: _within(user, Action.MANAGE_BCSS) & Q(state__in=_BCSS_OPEN),
    ("created_at",),
    _bcss_due,
    ("file__beneficiary", "purpose"),
    _bcss_item,
    Q(state=AccessRegistration.State.FAILED),
)

Kind = BackOfficeTask.Kind
QUEUES = (
    Queue(
        "a-rediger",
        _("À rédiger"),
        (Action.WRITE_PROPOSAL,),
        _("Demandes de vos dossiers sans proposition, brouillons et propositions renvoyées."),
        (_proposals(Action.WRITE_PROPOSAL, mine=True), _WAITING_REQUESTS),
    ),
    Queue(
        "a-valider",
        _("À valider"),
        (Action.VALIDATE_PROPOSAL,),
        _("Propositions soumises par votre équipe, et propositions validées à présenter au comité."),
        (_proposals(Action.VALIDATE_PROPOSAL),),
    ),
    Queue(
        "avis",
        _("Avis à donner"),
        (Action.GIVE_OPINION,),
        _("Propositions qui attendent l'avis juridique."),
        (_proposals(Action.GIVE_OPINION, ("state_since", "aid_type__opinion_delay_days"), _opinion_due),),
    ),
    Queue(
        "comite",
        _("Prêt pour le comité"),
        (Action.SCHEDULE_PROPOSAL,),
        _("Propositions prêtes ou inscrites à l'ordre du jour, et décisions urgentes à ratifier."),
        (_proposals(Action.SCHEDULE_PROPOSAL), _URGENT_DECISIONS),
    ),
    Queue(
        "notifications",
        _("Notifications à envoyer"),
        (Action.NOTIFY_DECISION,),
        _("Décisions à notifier dans les 8 jours."),
        (_tasks(Kind.NOTIFY),),
    ),
    Queue(
        "paiements",
        _("Paiements à préparer"),
        (Action.SET_UP_PAYMENT, Action.REGISTER_SPP),
        _("Paiements à mettre en place et droits à enregistrer auprès du SPP Intégration sociale."),
        (_tasks(Kind.PAYMENT), _tasks(Kind.SPP)),
    ),
    Queue(
        "recuperations",
        _("Récupérations à ouvrir"),
        (Action.OPEN_RECOVERY,),
        _("Avances et récupérations à ouvrir après une décision."),
        (_tasks(Kind.RECOVERY),),
    ),
    Queue(
        "piis",
        _("PIIS à conclure et à évaluer"),
        (Action.WRITE_PROPOSAL,),
        _("Projets individualisés d'intégration sociale à conclure, et leurs évaluations, à leur échéance."),
        (_tasks(Kind.PIIS), _tasks(Kind.PIIS_EVALUATION)),
    ),
    Queue(
        "courrier",
        _("Courrier à traiter"),
        # Those a head of service may give mail to (mail.rules: members who file what they handle).
        (Action.ADD_DOCUMENTS,),
        _("Courrier entrant qui vous a été attribué et n'est pas encore traité."),
        (_MAIL,),
    ),
    Queue(
        "bcss",
        _("BCSS : intégrations à faire"),
        (Action.MANAGE_BCSS,),
        _(
            "Intégrations et désintégrations des personnes dans le répertoire sectoriel de la BCSS, "
            "les échecs d'abord."
        ),
        (_BCSS,),
    ),
)
BY_KEY = {q.key: q for q in QUEUES}


def queues_for(user) -> list[Queue]:
    return [q for q in QUEUES if any(can(user, action) for action in q.actions)]
