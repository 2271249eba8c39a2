"""Decisions under way in the demo: revenu d'intégration proposals at every step, so that each role's queue
has work in it (written, validated, opinion, committee, back office), taken through the real services; the
decided ones were granted by a real meeting held today (demo.meetings)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db.models import Min

from aid.models import AidAmount
from demo import accounts
from demo.letters import notify_by_registered_mail
from demo.meetings import hold_meeting
from files.models import AidRequest, SocialFile
from workflow import proposals, services
from workflow.declaration import State
from workflow.forms import amount_suggestion, prefill
from workflow.models import BackOfficeTask

# The step each proposal is left at, most recent request first (ready ones go on the next meeting's agenda).
STAGES = [
    State.DRAFT,
    State.SUBMITTED,
    State.SUBMITTED,
    State.VALIDATED,
    State.OPINION_REQUESTED,
    State.OPINION_REQUESTED,
    State.OPINION_GIVEN,
    State.READY,
    State.READY,
    State.READY,
    "urgent",
    State.DECIDED,
    State.DECIDED,
    State.COMPLETED,
]
CATEGORIES = ["isole", "cohabitant", "famille"]
FACTS = [
    "Madame vit seule depuis la séparation ; ses allocations de chômage ont pris fin le mois dernier.",
    "Monsieur habite avec son frère ; il n'a plus de revenus depuis la fin de son contrat intérimaire.",
    "Madame élève seule ses deux enfants ; elle n'a aucun revenu propre depuis son arrivée à Mons.",
]
# Who takes each step before the committee, by the role in the demo (the meeting takes the next ones).
PATH = [
    (State.SUBMITTED, "submit", "worker"),
    (State.VALIDATED, "validate", "head"),
    (State.OPINION_REQUESTED, "request_opinion", "head"),
    (State.OPINION_GIVEN, "give_opinion", "juriste"),
    (State.READY, "make_ready", "head"),
]
DECIDED = (State.DECIDED, State.COMPLETED)


def build_decisions(users: dict[str, User]) -> int:
    """Proposals for the latest revenu d'intégration requests of open, followed files; returns how many."""
    first_amount = AidAmount.objects.filter(aid_type__code=AidRequest.Aid.RI).aggregate(day=Min("valid_from"))
    requests = (
        AidRequest.objects.filter(
            requested_on__gte=first_amount["day"] or datetime.date.max,  # the catalogue has its amount
            aid__in=[AidRequest.Aid.RI, AidRequest.Aid.ERI],
            file__status=SocialFile.Status.OPEN,
            file__primary_worker__isnull=False,
            proposals__isnull=True,
        )
        .select_related("file__team", "file__primary_worker")
        .order_by("-requested_on", "pk")[: len(STAGES)]
    )
    made, to_decide, to_complete = 0, [], []
    for n, (request, stage) in enumerate(zip(requests, STAGES, strict=False)):
        actors = {
            "worker": request.file.primary_worker,
            "head": users[accounts.head_of(request.file.team.name)],
            "juriste": users["juriste"],
        }
        proposal = proposals.create_proposal(
            actor=actors["worker"], request=request, data=_data(request, CATEGORIES[n % 3], FACTS[n % 3])
        )
        if stage == "urgent":
            _walk(proposal, actors, State.SUBMITTED)
            services.take(
                actor=users["president"],
                proposal=proposal,
                transition="urgent_grant",
                expected_version=proposal.version,
                comment="Expulsion annoncée pour la fin de la semaine : octroi en urgence.",
            )
        elif stage in DECIDED:
            _walk(proposal, actors, State.READY)
            to_decide.append(proposal)
        else:
            _walk(proposal, actors, stage)
        if stage == State.COMPLETED:
            to_complete.append(proposal)
        made += 1
    if to_decide:
        hold_meeting(users, to_decide)
    for proposal in to_complete:
        _finish_back_office(proposal, users)
    return made


def _data(request: AidRequest, category_code: str, facts: str) -> dict:
    data = prefill(request)
    aid_type = data["aid_type"]
    category = aid_type.categories.get(code=category_code)
    data.update(amount_suggestion(aid_type, category, request.requested_on, None, request.file.beneficiary))
    data.setdefault("first_payment_on", request.requested_on + datetime.timedelta(days=10))
    data.update(
        category=category,
        granted=True,
        motivation_facts=facts,
        heard_informed_on=request.requested_on + datetime.timedelta(days=1),
    )
    return data


def _walk(proposal, actors: dict, until: str) -> None:
    for _target, transition, who in PATH:
        if proposal.state == until:
            return
        proposal.refresh_from_db()
        if transition == "give_opinion":
            services.give_opinion(
                actor=actors[who],
                proposal=proposal,
                verdict="favourable",
                text="",
                expected_version=proposal.version,
            )
        else:
            services.take(
                actor=actors[who], proposal=proposal, transition=transition, expected_version=proposal.version
            )
        proposal.refresh_from_db()


def _finish_back_office(proposal, users: dict[str, User]) -> None:
    notify_by_registered_mail(proposal, users)  # closes the notify task
    who = {"payment": "paiements", "recovery": "recuperation", "spp": "paiements"}
    tasks = BackOfficeTask.objects.filter(decision__proposal=proposal)
    for task in tasks.exclude(status=BackOfficeTask.Status.DONE):
        services.set_task_status(
            actor=users[who[task.kind]],
            task=task,
            status=BackOfficeTask.Status.DONE,
            expected_version=task.version,
        )
