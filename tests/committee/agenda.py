"""Putting a file on the agenda of a meeting that a committee member sits in, and freezing that agenda: what
lets a member read it."""

import datetime

from django.utils import timezone

from access.roles import Role
from aid.models import AidType
from committee import services
from committee.models import AgendaItem, Body, Meeting
from files.models import AidRequest
from tests.factories import UserFactory
from workflow.declaration import State
from workflow.models import Proposal


def put_on_agenda(file, member, *, body_kind=Body.Kind.COMMITTEE) -> AgendaItem:
    """A proposal of `file` on the frozen agenda of the next meeting of a body `member` sits in (the body is
    made if missing)."""
    body = Body.objects.filter(kind=body_kind).first()
    if body is None:
        body = Body.objects.create(
            kind=body_kind,
            president=UserFactory(role=Role.PRESIDENT),
            secretary=UserFactory(role=Role.COMMITTEE_SECRETARY),
        )
    body.members.add(member)
    meeting = Meeting.objects.create(
        body=body,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Salle du conseil",
    )
    aid_type, _ = AidType.objects.get_or_create(code="agenda-test", defaults={"label": "Aide test"})
    request = AidRequest.objects.create(file=file, aid="financial", registered_by=file.primary_worker)
    proposal = Proposal.objects.create(
        file=file,
        request=request,
        aid_type=aid_type,
        author=file.primary_worker,
        state=State.ON_AGENDA,
        granted=True,
        motivation_facts="Pas de revenus.",
        motivation_law="Article 1er de la loi organique.",
    )
    item = AgendaItem.objects.create(meeting=meeting, proposal=proposal, number=1)
    services.freeze(actor=body.secretary, meeting=meeting)
    return item
