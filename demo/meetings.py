"""The demo's committee: the Comité spécial du service social, the meeting held today that decided the demo's
decisions (closed, its minutes written), and its next meeting with its agenda composed."""

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from committee import recusals, services
from committee.models import Body, Meeting
from demo.plan import DEMO_UNTIL
from workflow.models import Proposal

PLACE = "Salle du conseil, rue de Bertaimont 1, 7000 Mons"


def committee_body(users: dict[str, User]) -> Body:
    body, _created = Body.objects.update_or_create(
        kind=Body.Kind.COMMITTEE,
        defaults={"president": users["president"], "secretary": users["secretaire"]},
    )
    # The secretary sits without voting: the quorum counts the president and the two members.
    body.members.set([users["president"], users["comite"], users["comite2"], users["secretaire"]])
    return body


def hold_meeting(users: dict[str, User], proposals: list[Proposal]) -> Meeting:
    """This morning's meeting grants the ready `proposals`, as the committee does: agenda, session with every
    member present, one decision per item, closing (a meeting cannot open before its day: it is today)."""
    secretary = users["secretaire"]
    starts = datetime.datetime.combine(timezone.localdate(), datetime.time(9))
    meeting = services.plan_meeting(
        actor=secretary, body=committee_body(users), starts_at=timezone.make_aware(starts), place=PLACE
    )
    items = [services.add_item(actor=secretary, meeting=meeting, proposal=p) for p in proposals]
    services.freeze(actor=secretary, meeting=meeting)
    services.open_session(actor=secretary, meeting=meeting)
    services.set_attendance(actor=secretary, meeting=meeting, present=list(meeting.body.members.all()))
    if items:  # a member's recusal, as the procès-verbal records it
        recusals.record_recusal(
            actor=secretary, item=items[0], member=users["comite"], reason="Voisin de la personne aidée"
        )
    for item in items:
        services.decide_item(actor=secretary, item=item, transition="grant", comment="Octroi comme proposé.")
    return services.close(actor=secretary, meeting=meeting)


def build_meeting(users: dict[str, User]) -> None:
    body = committee_body(users)
    starts = datetime.datetime.combine(DEMO_UNTIL + datetime.timedelta(days=13), datetime.time(14))
    meeting = services.plan_meeting(
        actor=users["secretaire"], body=body, starts_at=timezone.make_aware(starts), place=PLACE
    )
    services.compose_agenda(actor=users["secretaire"], meeting=meeting)
