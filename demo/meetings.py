"""The demo's committee: the Comité spécial du service social and its next meeting, its agenda composed."""

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from committee import services
from committee.models import Body
from demo.plan import DEMO_UNTIL


def build_meeting(users: dict[str, User]) -> None:
    body, _created = Body.objects.update_or_create(
        kind=Body.Kind.COMMITTEE,
        defaults={"president": users["president"], "secretary": users["secretaire"]},
    )
    body.members.set([users["president"], users["comite"], users["secretaire"]])
    starts = datetime.datetime.combine(DEMO_UNTIL + datetime.timedelta(days=13), datetime.time(14))
    meeting = services.plan_meeting(
        actor=users["secretaire"],
        body=body,
        starts_at=timezone.make_aware(starts),
        place="Salle du conseil, rue de Bertaimont 1, 7000 Mons",
    )
    services.compose_agenda(actor=users["secretaire"], meeting=meeting)
