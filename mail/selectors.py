"""Reading incoming mail under mail.rules: the register with its filters, and one mail."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from mail import rules, senders
from mail.models import IncomingMail


@dataclass(frozen=True)
class Filters:
    state: str = ""
    team_id: int | None = None
    assignee_id: int | None = None
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None
    text: str = ""  # a number, or the start of words of the sender's name (mail.senders)


def visible_mail(user) -> QuerySet[IncomingMail]:
    found = rules.visible_q(user)
    return IncomingMail.objects.none() if found is None else IncomingMail.objects.filter(found)


def register(user, filters: Filters = Filters()) -> QuerySet[IncomingMail]:  # noqa: B008 (frozen)
    """The register as the user may read it, newest first, with what each row shows."""
    rows = visible_mail(user)
    if filters.state:
        rows = rows.filter(state=filters.state)
    if filters.team_id:
        rows = rows.filter(team_id=filters.team_id)
    if filters.assignee_id:
        rows = rows.filter(assignee_id=filters.assignee_id)
    if filters.received_from:
        rows = rows.filter(received_on__gte=filters.received_from)
    if filters.received_to:
        rows = rows.filter(received_on__lte=filters.received_to)
    text = filters.text.strip()
    if text:
        rows = rows.filter(senders.matching(text))
    return rows.select_related("team", "assignee", "file").order_by("-received_on", "-id")


def get_mail(user, pk: int) -> IncomingMail:
    """One mail the user may read (404 otherwise: its existence is not revealed)."""
    related = ("team", "assignee", "file__beneficiary", "file__team", "request", "content", "registered_by")
    mail = IncomingMail.objects.select_related(*related).filter(pk=pk).first()
    if mail is None or not rules.may_view(user, mail):
        raise Http404
    return mail
