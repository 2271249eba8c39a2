"""Decisions under way in the demo: revenu d'intégration proposals at every step, so that each role's queue
has work in it (written, validated, opinion, committee, back office), taken through the real services; the
decided ones were granted by a real meeting held today (demo.meetings)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db.models import Min
from django.utils import timezone

from aid.models import AidAmount
from demo import accounts
from demo.letters import notify_by_registered_mail
from demo.meetings import hold_meeting
from files import checklist, waivers
from files import services as file_services
from files.models import AidRequest, Report, SocialFile
from workflow import procedure, proposals, services
from workflow.declaration import BY_NAME, State
from workflow.forms import amount_suggestion, prefill
from workflow.guards import FOLLOW_UP
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
INQUIRY_TEXTS = [
    (
        "Visite à domicile",
        "<p>Visite au domicile déclaré : la personne y réside effectivement ; logement et composition du "
        "ménage constatés.</p>",
    ),
    (
        "Rapport social",
        "<p>Enquête sociale sur la demande : résidence, composition du ménage et ressources vérifiées ; "
        "état de besoin établi.</p>",
    ),
]
PIIS_DISPENSATION = (
    "Incapacité de travail reconnue par le médecin-conseil de la mutualité jusqu'à nouvel ordre : un projet "
    "d'insertion n'est pas envisageable pour le moment."
)
PIECE_SEEN = "Original présenté au guichet et vérifié ; la copie sera scannée avec le prochain lot."
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
            actor=actors["worker"], request=request, data=_data(request, CATEGORIES[n % 3], FACTS[n % 3], n)
        )
        if stage != State.DRAFT:
            _complete_inquiry(proposal, actors["worker"])
            _waive_missing_pieces(proposal, actors["worker"])
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


def _complete_inquiry(proposal, worker) -> None:
    """The social report (and home visit) the aid type requires before submitting, when the plan wrote none
    for this request: written through the files service, dated after the request."""
    report, visit = procedure.inquiry_reports(proposal)
    day = min(timezone.localdate(), proposal.request.requested_on + datetime.timedelta(days=6))
    aid_type = proposal.aid_type
    needs = [
        (aid_type.home_visit_required and visit is None, Report.Kind.HOME_VISIT, INQUIRY_TEXTS[0]),
        (aid_type.social_report_required and report is None, Report.Kind.SOCIAL_REPORT, INQUIRY_TEXTS[1]),
    ]
    for needed, kind, (title, body) in needs:
        if needed:
            file_services.write_report(
                actor=worker, file=proposal.file, kind=kind, title=title, body=body, written_on=day
            )


def _waive_missing_pieces(proposal, worker) -> None:
    """The demo holds no scanned documents: the pieces its aid requires were seen at the desk, and waived
    (files.waivers) so that the proposal may be submitted, as an office does before it scans everything."""
    lines = checklist.request_checklist(proposal.request, aid_type=proposal.aid_type)
    for line in checklist.missing(lines):
        waivers.waive(
            actor=worker,
            aid_request=proposal.request,
            document_type=line.document_type,
            reason=PIECE_SEEN,
            aid_type=proposal.aid_type,
        )


def _data(request: AidRequest, category_code: str, facts: str, n: int) -> dict:
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
    # The PIIS the law requires of a new beneficiary; every third one dispensed, with its motivation.
    if n % 3 == 2:
        data.update(piis_dispensation="health", piis_dispensation_reason=PIIS_DISPENSATION)
    else:
        data.update(piis=True)
    return data


# The circuit's order, to stop a walk that the system carried past its stage (the catalogue's hand-offs).
_ORDER = [State.DRAFT] + [target for target, _transition, _who in PATH]


def _walk(proposal, actors: dict, until: str) -> None:
    """Take the circuit's steps up to `until`, skipping those the system took (validate asks the opinion, a
    favourable opinion makes it ready); a proposal left at "opinion given" got remarks, for its head."""
    for _target, transition, who in PATH:
        proposal.refresh_from_db()
        if _ORDER.index(proposal.state) >= _ORDER.index(until):
            return
        if proposal.state not in BY_NAME[transition].sources:
            continue
        if transition == "give_opinion":
            remarks = until == State.OPINION_GIVEN
            services.give_opinion(
                actor=actors[who],
                proposal=proposal,
                verdict="with_remarks" if remarks else "favourable",
                text="Vérifier la date de fin du contrat intérimaire avant la séance." if remarks else "",
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
    # What each clerk copies from the bank's, the SPP's or the recovery's system into « Fait ».
    reference = {"payment": "VIR-{:06d}", "recovery": "CR-{:06d}", "spp": "SPP-B-{:06d}"}
    # The PIIS and its evaluations follow over months: left in the social worker's queue.
    tasks = BackOfficeTask.objects.filter(decision__proposal=proposal).exclude(kind__in=FOLLOW_UP)
    for task in tasks.exclude(status=BackOfficeTask.Status.DONE):
        services.set_task_status(
            actor=users[who[task.kind]],
            task=task,
            status=BackOfficeTask.Status.DONE,
            expected_version=task.version,
            reference=reference[task.kind].format(task.pk),
        )
