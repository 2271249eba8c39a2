"""Where a proposal is, who holds it and since when (« Chez : Service juridique (avis à donner) depuis… »).

Read from the declaration: the holder of a state is whoever holds the action of its next step
(declaration.holder_step), named by the first role the access policy gives that action, and by the person when
one is known (the author, the team's heads, the body's secretary, a task's assignee). Lines are built for a
whole page of proposals at once, in a fixed number of queries whatever their number.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from access.policy import POLICY, Action, Scope
from access.roles import Role
from workflow.backoffice import TASK_ACTIONS
from workflow.declaration import State, holder_step
from workflow.guards import FOLLOW_UP
from workflow.models import BackOfficeTask, Proposal


@dataclass(frozen=True)
class Holder:
    desk: str  # « Service juridique (avis à donner) », with the person after a comma when known
    since: datetime.datetime

    @property
    def line(self) -> str:
        since = timezone.localtime(self.since)
        return _("Chez : %(desk)s depuis le %(day)s à %(time)s — %(age)s") % {
            "desk": self.desk,
            "day": since.strftime("%d/%m/%Y"),
            "time": since.strftime("%H:%M"),
            "age": age(self.since),
        }


def age(since: datetime.datetime, today: datetime.date | None = None) -> str:
    """How long, in calendar days in Brussels: « aujourd'hui », « 1 jour », « 12 jours »."""
    days = ((today or timezone.localdate()) - timezone.localdate(since)).days
    if days <= 0:
        return _("aujourd'hui")
    return ngettext("%(n)s jour", "%(n)s jours", days) % {"n": days}


def desk_of(action: Action) -> Role | None:
    """The desk that takes `action`: the first role (in the roles' declared order) the policy gives it to."""
    return next((role for role in Role if POLICY[role].get(action, Scope.NONE) is not Scope.NONE), None)


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _waiting(state: str) -> str:
    """What the holder has to do, by state (the queues' words)."""
    return {
        State.DRAFT: _("proposition à terminer"),
        State.RETURNED: _("renvoyée, à corriger"),
        State.SUBMITTED: _("à valider"),
        State.VALIDATED: _("avis à demander ou proposition à présenter au comité"),
        State.OPINION_REQUESTED: _("avis à donner"),
        State.OPINION_GIVEN: _("avis reçu, proposition à présenter au comité"),
        State.READY: _("à inscrire à l'ordre du jour"),
    }.get(state, "")


def holders(proposals: list[Proposal]) -> dict[int, Holder]:
    """The holder of each proposal still under way (none once its decision is executed), by proposal id.

    At most five queries (the team's heads, the bodies, the agenda items, the open tasks), each only when a
    proposal needs it, and the files' teams for those waiting for a head. The proposals carry `aid_type` and
    `author` (select_related).
    """
    steps = {p.pk: holder_step(p.state) for p in proposals}
    by_action: dict[Action, list[Proposal]] = {}
    for p in proposals:
        step = steps[p.pk]
        if step is not None:
            by_action.setdefault(step.action, []).append(p)
    teams = _teams({p.file_id for p in by_action.get(Action.VALIDATE_PROPOSAL, [])})
    heads = _heads(set(teams.values()))
    secretaries = _secretaries() if by_action.get(Action.SCHEDULE_PROPOSAL) else {}
    meetings = _meetings([p.pk for p in by_action.get(Action.DECIDE, [])])
    tasks = _open_tasks([p.pk for p in proposals if p.state == State.DECIDED])
    found = {}
    for p in proposals:
        step = steps[p.pk]
        if step is None:
            continue
        if p.state == State.DECIDED:
            desk = _back_office(tasks.get(p.pk, []))
        elif step.action == Action.DECIDE:
            desk = meetings.get(p.pk) or _("Comité (séance à fixer)")
        else:
            role = desk_of(step.action)
            who = ""
            if step.action == Action.WRITE_PROPOSAL:
                who = _name(p.author)
            elif step.action == Action.VALIDATE_PROPOSAL:
                who = heads.get(teams.get(p.file_id), "")
            elif step.action == Action.SCHEDULE_PROPOSAL:
                who = secretaries.get(p.aid_type.ratifying_body, "")
            desk = str(role.label) if role else ""
            desk += f", {who}" if who else ""
            desk += f" ({_waiting(p.state)})" if _waiting(p.state) else ""
        found[p.pk] = Holder(desk, p.state_since)
    return found


def holder(proposal: Proposal) -> Holder | None:
    return holders([proposal]).get(proposal.pk)


def _teams(file_ids: set[int]) -> dict[int, int]:
    """The team of each file (a request's prefetched proposals do not carry their file)."""
    from files.models import SocialFile

    return dict(SocialFile.objects.filter(pk__in=file_ids).values_list("pk", "team_id")) if file_ids else {}


def _heads(team_ids: set[int]) -> dict[int, str]:
    """The names of each team's heads of service, joined."""
    if not team_ids:
        return {}
    rows = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name=Role.HEAD_SOCIAL_WORKER.value,
            memberships__team_id__in=team_ids,
        )
        .order_by("last_name", "first_name", "pk")
        .values_list("memberships__team_id", "first_name", "last_name", "username")
        .distinct()
    )
    names: dict[int, list[str]] = {}
    for team_id, first, last, username in rows:
        if team_id in team_ids:
            names.setdefault(team_id, []).append(f"{first} {last}".strip() or username)
    return {team_id: ", ".join(found) for team_id, found in names.items()}


def _secretaries() -> dict[str, str]:
    """The secretary of each deciding body, by its code (the codes of aid.AidType.Body)."""
    from committee.models import Body  # committee builds on workflow: read at call time

    return {b.kind: _name(b.secretary) for b in Body.objects.select_related("secretary")}


def _meetings(proposal_ids: list[int]) -> dict[int, str]:
    """« Comité spécial du service social, séance du 09/12/2026 à 14:00 » for each scheduled proposal."""
    if not proposal_ids:
        return {}
    from committee.models import AgendaItem

    items = AgendaItem.objects.filter(proposal_id__in=proposal_ids, decision__isnull=True)
    found = {}
    for item in items.select_related("meeting__body").order_by("meeting__starts_at"):
        starts = timezone.localtime(item.meeting.starts_at)
        found[item.proposal_id] = _("%(body)s, séance du %(day)s à %(time)s") % {
            "body": item.meeting.body,
            "day": starts.strftime("%d/%m/%Y"),
            "time": starts.strftime("%H:%M"),
        }
    return found


def _open_tasks(proposal_ids: list[int]) -> dict[int, list[BackOfficeTask]]:
    if not proposal_ids:
        return {}
    tasks = (
        BackOfficeTask.objects.filter(decision__proposal_id__in=proposal_ids)
        .exclude(status=BackOfficeTask.Status.DONE)
        .exclude(kind__in=FOLLOW_UP)
        .select_related("assignee", "decision")
        .order_by("due_on", "pk")
    )
    found: dict[int, list[BackOfficeTask]] = {}
    for task in tasks:
        found.setdefault(task.decision.proposal_id, []).append(task)
    return found


def _back_office(tasks: list[BackOfficeTask]) -> str:
    """« Back-office (Notifier la décision : Service juridique ; Mettre en place le paiement : Service des
    paiements, Marie Dupont) »: each open task, its desk, and its assignee once someone took it."""
    parts = []
    for task in tasks:
        role = desk_of(TASK_ACTIONS[task.kind])
        who = [str(role.label)] if role else []
        if task.assignee_id:
            who.append(_name(task.assignee))
        parts.append(f"{task.get_kind_display()} : {', '.join(who)}")
    return _("Back-office (%(tasks)s)") % {"tasks": " ; ".join(parts) or _("tâches terminées")}
