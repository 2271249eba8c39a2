"""Letters in the demo's outgoing mail register: the executed decision notified by registered mail, a decided
one whose notification waits to be posted, and acknowledgements of the latest requests handed over by hand."""

from __future__ import annotations

import random

from django.contrib.auth.models import User
from django.utils import timezone

from letters import services
from letters.models import Kind, Letter
from workflow.declaration import State
from workflow.models import Proposal

# UPU S10 weights: a registered-mail number is 2 letters, 8 digits, a check digit and the country.
S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def registered_number(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(8)]
    check = 11 - sum(d * w for d, w in zip(digits, S10_WEIGHTS, strict=True)) % 11
    check = {10: 0, 11: 5}.get(check, check)
    return "RR" + "".join(map(str, digits)) + str(check) + "BE"


def notify_by_registered_mail(proposal: Proposal, users: dict[str, User]) -> Letter:
    """The legal service writes the notification; the mail cell posts it (which closes the notify task)."""
    letter = services.generate(
        actor=users["juriste"], kind=Kind.NOTIFICATION, file=proposal.file, decision=proposal.decisions.get()
    )
    return services.dispatch(
        actor=users["courrier"],
        letter=letter,
        method=Letter.Method.REGISTERED,
        sent_on=timezone.localdate(),
        registered_number=registered_number(random.Random(proposal.pk)),
    )


def build_letters(users: dict[str, User]) -> int:
    """Letters for the proposals build_decisions left at "decided" and "submitted"; returns how many."""
    decided = Proposal.objects.filter(state=State.DECIDED).select_related("file").order_by("pk").first()
    made = 0
    if decided is not None:
        decision = decided.decisions.get()
        services.generate(
            actor=users["juriste"], kind=Kind.NOTIFICATION, file=decided.file, decision=decision
        )
        made += 1
    for proposal in Proposal.objects.filter(state=State.SUBMITTED).select_related("file", "request"):
        letter = services.generate(
            actor=proposal.file.primary_worker,
            kind=Kind.ACKNOWLEDGEMENT,
            file=proposal.file,
            request=proposal.request,
        )
        services.dispatch(
            actor=users["courrier"],
            letter=letter,
            method=Letter.Method.HAND,
            sent_on=timezone.localdate(),
        )
        made += 1
    return made
