"""Reads for the meeting screens and documents (writes are in services.py)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q, QuerySet

from access.policy import Action, Scope, can, scope_for
from committee.models import AgendaItem, Meeting, Recusal
from files import checklist
from people.selectors import household, household_resources
from workflow.models import Decision
from workflow.notification import current_address


def meetings_for(user) -> QuerySet[Meeting]:
    """Every meeting for those who plan them or read every file; otherwise only those of the bodies the user
    sits in (an agenda names the people concerned)."""
    if not can(user, Action.ATTEND_MEETING):
        return Meeting.objects.none()
    meetings = Meeting.objects.select_related("body").order_by("-starts_at")
    if can(user, Action.MANAGE_MEETINGS) or scope_for(user, Action.VIEW_FILE) is Scope.ALL:
        return meetings
    return meetings.filter(
        Q(body__members=user) | Q(body__president=user) | Q(body__secretary=user)
    ).distinct()


def agenda(meeting: Meeting) -> QuerySet[AgendaItem]:
    return (
        meeting.items.select_related(
            "proposal__aid_type",
            "proposal__category",
            "proposal__file__beneficiary",
            "proposal__request",
            "decision",
        )
        .prefetch_related("recusals__member", "recusals__recorded_by")
        .order_by("number")
    )


def agenda_overview(meeting: Meeting) -> list[AgendaItem]:
    """The agenda as the meeting page lists it, in two queries whatever its length: each item with only the
    columns the list shows (file reference, aid, proposed amount, decision) and its recusals (`recusal_list`).

    Three hundred items make a normal agenda: full rows of six tables, and Django's prefetch (a queryset built
    per item), would cost most of the page.
    """
    items = list(
        meeting.items.select_related("proposal__aid_type", "proposal__file", "decision")
        .only(
            "number",
            "meeting_id",
            "proposal__granted",
            "proposal__amount",
            "proposal__aid_type__label",
            "proposal__file__reference",
            "decision__outcome",
        )
        .order_by("number")
    )
    recusals = defaultdict(list)
    for recusal in Recusal.objects.filter(item__meeting=meeting).select_related("member"):
        recusals[recusal.item_id].append(recusal)
    for item in items:
        item.recusal_list = recusals[item.pk]
    return items


GRANTING = (Decision.Outcome.GRANTED, Decision.Outcome.AMENDED)


def minutes_data(meeting: Meeting) -> dict:
    """What the procès-verbal states: times, attendance and quorum, each item with its decision, the period
    granted and its recusals (with the item's own quorum, counted without the recused members)."""
    members = list(meeting.body.members.order_by("last_name", "first_name"))
    present = set(meeting.present.values_list("pk", flat=True))
    voting = {m.pk for m in members} - {meeting.body.secretary_id}
    items = list(agenda(meeting))
    for item in items:
        item.recusal_list = list(item.recusals.all())
        recused = {r.member_id for r in item.recusal_list}
        item.deliberating = len((present & voting) - recused)
        item.granted = item.decision is not None and item.decision.outcome in GRANTING
    return {
        "meeting": meeting,
        "items": items,
        "recused_items": [item for item in items if item.recusal_list],
        "present": [m for m in members if m.pk in present],
        "absent": [m for m in members if m.pk not in present],
        "quorum": {
            "present": len(present & voting),
            "members": len(voting),
            "required": len(voting) // 2 + 1,
        },
        "ratified": list(meeting.ratified.select_related("proposal__aid_type", "proposal__file")),
    }


def file_summary(item: AgendaItem, user) -> dict:
    """What a member needs beside the proposal: household, current address, the household's resources on the
    day of the request, earlier decisions and dates, and the request's checklist of required documents (the
    ones `user` may open marked readable)."""
    proposal = item.proposal
    person = proposal.file.beneficiary
    return {
        "person": person,
        "address": current_address(person),
        # The household the decision is about: on the day of the request, former members left out.
        "household": household(person, on=proposal.request.requested_on)[0],
        "resources": household_resources(person, on=proposal.request.requested_on),
        "previous": Decision.objects.filter(proposal__file=proposal.file)
        .exclude(proposal=proposal)
        .select_related("proposal__aid_type")
        .order_by("-decided_on", "-pk"),
        "opinions": proposal.opinions.all(),
        "checklist": checklist.mark_readable(
            user, proposal.file, checklist.request_checklist(proposal.request, aid_type=proposal.aid_type)
        ),
    }


def neighbours(item: AgendaItem) -> tuple[AgendaItem | None, AgendaItem | None]:
    items = item.meeting.items
    return (
        items.filter(number__lt=item.number).order_by("-number").first(),
        items.filter(number__gt=item.number).order_by("number").first(),
    )
