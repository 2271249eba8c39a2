"""Queue items in bulk: `grow(n, team=..., worker=...)` gives every queue of the team n files' worth of items.

Each file, whose social worker is `worker`, holds:
- a request without proposal, a draft and a returned proposal, with its remark (à rédiger: 3 for the worker;
  one file in RETURNED_EVERY has its proposal returned, the others a second draft, so that the returned ones,
  listed first, never fill a page alone);
- a submitted, a validated and an opinion-given proposal (à valider: 3 for the team's head);
- a proposal awaiting the legal opinion (avis: 1 for the legal service);
- a ready and a scheduled proposal, and an urgent decision to ratify (comité: 3 for the secretary and the
  president);
- on that decision, one open task of each kind and a finished evaluation (notifications 1, paiements 2,
  récupérations 1, PIIS 2 for the team's social workers and head);
- a completed proposal whose tasks are all done (in no queue);
- and its beneficiary has a payment account (the payment rows show its IBAN: queue_iban(serial)).
That is 16 items a file. Dates spread over weeks, so that every source of a queue shows on its first page.
Rows are written with bulk_create, as the scale benchmark does: no service, no audit event.
"""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from stdnum import iban as iban_std

from aid.models import AidType
from files.models import AidRequest, SocialFile
from people.models import BankAccount, Person
from people.normalize import search_name
from workflow.declaration import State
from workflow.models import BackOfficeTask, Decision, Proposal, StepRecord

ITEMS_PER_FILE = 16
RETURNED_EVERY = 5
WAITING_STATES = (
    State.DRAFT,
    State.RETURNED,
    State.SUBMITTED,
    State.VALIDATED,
    State.OPINION_REQUESTED,
    State.OPINION_GIVEN,
    State.READY,
    State.ON_AGENDA,
)
START = datetime.date(2026, 9, 1)
_serial = itertools.count(1)


def queue_order(item) -> tuple[bool, datetime.date]:
    """Where an item sorts in its queue: the returned proposals first, then nearest deadline first."""
    return (item.step != str(State.RETURNED.label), item.due)


def queue_iban(serial: int) -> str:
    """A valid Belgian IBAN, one per serial (bank code 096, the account number's mod 97 check)."""
    first = f"096{serial:07d}"
    bban = f"{first}{int(first) % 97 or 97:02d}"
    return f"BE{iban_std.calc_check_digits('BE00' + bban)}{bban}"


def _aid_type() -> AidType:
    aid, _ = AidType.objects.get_or_create(
        code="queue-data", defaults={"label": "Aide de test des files", "opinion_delay_days": 5}
    )
    return aid


def grow(n: int, *, team, worker) -> None:
    """Add n files of `team` followed by `worker`, each with ITEMS_PER_FILE queue items (see the module)."""
    aid = _aid_type()
    serials = [next(_serial) for _ in range(n)]
    people = Person.objects.bulk_create(
        Person(
            last_name=f"Filedattente{s}",
            first_names="Jeanne",
            search_name=search_name(f"Filedattente{s}", "Jeanne"),
        )
        for s in serials
    )
    BankAccount.objects.bulk_create(
        BankAccount(
            person=p,
            iban=queue_iban(s),
            holder=f"Jeanne Filedattente{s}",
            valid_from=START,
            is_payment_account=True,
        )
        for s, p in zip(serials, people, strict=True)
    )
    files = SocialFile.objects.bulk_create(
        SocialFile(reference=f"2026/Q{s:06d}", beneficiary=p, team=team, primary_worker=worker)
        for s, p in zip(serials, people, strict=True)
    )
    # One request per proposal, plus the one still waiting for its proposal.
    states = (*WAITING_STATES, State.DECIDED, State.COMPLETED)
    requests = AidRequest.objects.bulk_create(
        AidRequest(
            file=file,
            aid=AidRequest.Aid.FINANCIAL,
            requested_on=START + datetime.timedelta(days=(i * 7 + k) % 60),
            registered_by=worker,
        )
        for i, file in enumerate(files)
        for k in range(len(states) + 1)
    )
    per_file = len(states) + 1
    proposals = Proposal.objects.bulk_create(
        Proposal(
            file=file,
            request=requests[i * per_file + k + 1],
            aid_type=aid,
            amount=Decimal("500.00"),
            state=State.DRAFT if state == State.RETURNED and i % RETURNED_EVERY else state,
            author=worker,
            state_since=datetime.datetime(2026, 10, 1, 22, 30, tzinfo=datetime.UTC)
            + datetime.timedelta(days=(i * 3 + k) % 40),
        )
        for i, file in enumerate(files)
        for k, state in enumerate(states)
    )
    StepRecord.objects.bulk_create(
        StepRecord(
            proposal=p,
            transition="return",
            source=State.SUBMITTED,
            target=State.RETURNED,
            actor=worker,
            comment=f"Joindre les fiches de paie ({p.file.reference}).",
        )
        for p in proposals
        if p.state == State.RETURNED
    )
    decided = [p for p in proposals if p.state in (State.DECIDED, State.COMPLETED)]
    decisions = Decision.objects.bulk_create(
        Decision(
            proposal=p,
            outcome=Decision.Outcome.GRANTED,
            urgent=p.state == State.DECIDED,
            decided_on=START + datetime.timedelta(days=30 + i % 60),
            recorded_by=worker,
        )
        for i, p in enumerate(decided)
    )
    Kind, Status = BackOfficeTask.Kind, BackOfficeTask.Status
    tasks = []
    for i, decision in enumerate(decisions):
        done = decision.proposal.state == State.COMPLETED
        due = START + datetime.timedelta(days=35 + i % 50)
        for kind in Kind.values:
            status = Status.DONE if done else (Status.TODO, Status.IN_PROGRESS)[i % 2]
            tasks.append(BackOfficeTask(decision=decision, kind=kind, status=status, due_on=due))
        tasks.append(
            BackOfficeTask(decision=decision, kind=Kind.PIIS_EVALUATION, status=Status.DONE, due_on=START)
        )
    BackOfficeTask.objects.bulk_create(tasks)
