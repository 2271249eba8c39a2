"""Time-bound access is data owned by access (issue 10, point 2): a body's agenda opens its files to its
members from freezing until 30 days after closing; an urgent decision opens its file only to the members of
the body that will ratify it, until it does; the policy reads only access's own tables."""

import ast
import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from access.models import AccessGrant, BodySeat
from access.policy import Action, can, visible_files
from access.roles import Role
from access.services import open_break_glass
from committee import services
from committee.models import Body
from files.models import AidRequest
from tests.committee.conftest import at
from tests.factories import SocialFileFactory, UserFactory
from tests.login import verified_login
from tests.workflow.steps.conftest import make_proposal
from workflow import services as workflow
from workflow.declaration import State

pytestmark = pytest.mark.django_db

MEETING_DAY = datetime.date(2026, 12, 3)


def reads(user, file) -> bool:
    """Read afresh, as a new request would: both the check on one file and the listing must agree."""
    user = User.objects.get(pk=user.pk)
    allowed = can(user, Action.VIEW_FILE, file) and can(user, Action.VIEW_REPORTS, file)
    assert visible_files(user).filter(pk=file.pk).exists() is allowed
    return allowed


@pytest.fixture
def council_member(board):
    council = Body.objects.create(
        kind=Body.Kind.COUNCIL, president=board["president"], secretary=board["secretary"]
    )
    member = UserFactory(first_name="Carl", last_name="Conseil", role=Role.COMMITTEE_MEMBER)
    council.members.add(member)
    return member


def test_agenda_access_starts_at_freeze_and_ends_30_days_after_closing(
    board, meeting, ready, file, worker, aid_type, council_member, signing_keys, time_machine
):
    secretary, (marc, nina) = board["secretary"], board["members"]
    time_machine.move_to(at(MEETING_DAY, 9))
    # A second file whose item is withdrawn before freezing: it never opens.
    withdrawn_file = SocialFileFactory(team=file.team, primary_worker=worker)
    request = AidRequest.objects.create(file=withdrawn_file, aid="financial", registered_by=worker)
    make_proposal(withdrawn_file, request, worker, aid_type, state=State.READY)
    services.compose_agenda(actor=secretary, meeting=meeting)
    assert not reads(marc, file)  # a planned agenda is still a draft
    services.remove_item(actor=secretary, item=meeting.items.get(proposal__file=withdrawn_file))

    services.freeze(actor=secretary, meeting=meeting)
    assert reads(marc, file) and reads(nina, file)
    assert not reads(marc, withdrawn_file)
    assert not reads(council_member, file)  # another body's member

    # Seats follow the body's members whatever changes them: the grant is the body's, not a copy per user.
    board["body"].members.remove(nina)
    assert not reads(nina, file)
    board["body"].members.add(nina)
    assert reads(nina, file)

    time_machine.move_to(at(MEETING_DAY, 14))
    services.open_session(actor=secretary, meeting=meeting)
    services.set_attendance(actor=secretary, meeting=meeting, present=[board["president"], marc, nina])
    services.decide_rest_as_proposed(actor=secretary, meeting=meeting, exceptions=set())
    services.close(actor=secretary, meeting=meeting)
    assert reads(marc, file)
    time_machine.move_to(at(MEETING_DAY + datetime.timedelta(days=29), 14))
    assert reads(marc, file)
    time_machine.move_to(at(MEETING_DAY + datetime.timedelta(days=31), 14))
    assert not reads(marc, file)
    assert not reads(nina, file)


def test_an_urgent_decision_opens_its_file_only_to_the_ratifying_body_until_ratified(
    board, meeting, ready, file, request_, worker, aid_type, council_member, time_machine
):
    time_machine.move_to(at(MEETING_DAY, 9))
    loner = UserFactory(first_name="Luc", last_name="Seul", role=Role.COMMITTEE_MEMBER)  # sits in no body
    urgent_file = SocialFileFactory(team=file.team, primary_worker=worker)
    request = AidRequest.objects.create(file=urgent_file, aid="financial", registered_by=worker)
    urgent = make_proposal(urgent_file, request, worker, aid_type, state=State.VALIDATED)
    marc = board["members"][0]
    assert not reads(marc, urgent_file)

    workflow.take(
        actor=board["president"],
        proposal=urgent,
        transition="urgent_grant",
        expected_version=urgent.version,
        comment="Expulsion demain",
    )
    assert aid_type.deciding_body == Body.Kind.COMMITTEE
    assert reads(marc, urgent_file)
    assert not reads(loner, urgent_file)
    assert not reads(council_member, urgent_file)
    grant = AccessGrant.objects.get(kind=AccessGrant.Kind.RATIFICATION)
    assert (grant.body, grant.user, grant.file) == (Body.Kind.COMMITTEE, None, urgent_file)

    secretary = board["secretary"]
    services.compose_agenda(actor=secretary, meeting=meeting)
    services.freeze(actor=secretary, meeting=meeting)
    time_machine.move_to(at(MEETING_DAY, 14))
    services.open_session(actor=secretary, meeting=meeting)
    services.set_attendance(actor=secretary, meeting=meeting, present=[board["president"], *board["members"]])
    decision = urgent.decisions.get()
    services.ratify(actor=secretary, meeting=meeting, decision=decision)
    assert not reads(marc, urgent_file)
    assert reads(marc, file)  # the meeting's own agenda stays open


def test_break_glass_is_a_grant_that_revoking_closes(file, outsider):
    request = open_break_glass(actor=outsider, file=file, reason="Permanence du samedi, urgence")
    assert reads(outsider, file)
    assert request.grant.kind == AccessGrant.Kind.BREAK_GLASS and request.grant.user == outsider
    AccessGrant.objects.filter(pk=request.grant.pk).update(revoked_at=timezone.now())
    assert not reads(outsider, file)
    request.refresh_from_db()
    assert not request.is_active


def test_a_seat_in_a_body_without_a_grant_opens_nothing(board, file):
    assert BodySeat.objects.filter(user=board["members"][0], body=Body.Kind.COMMITTEE).exists()
    assert not reads(board["members"][0], file)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_policy_imports_no_other_part_of_the_domain():
    """Access sits on the lowest floor: it reads only its own tables (and returns files as querysets)."""
    import access.policy

    imported = _imported_modules(Path(access.policy.__file__))
    apps = {name.split(".")[0] for name in imported}
    project = {p.name for p in Path(access.policy.__file__).parents[1].iterdir() if (p / "apps.py").exists()}
    assert apps & project <= {"access", "files"}, apps & project
    assert {name for name in imported if name.startswith("files")} == {"files.models"}


def test_changing_a_bodys_members_in_the_admin_moves_its_grants(board, meeting, ready, client):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    services.freeze(actor=board["secretary"], meeting=meeting)
    marc, nina = board["members"]
    newcomer = UserFactory(role=Role.COMMITTEE_MEMBER)
    file = meeting.items.first().proposal.file
    assert reads(nina, file) and not reads(newcomer, file)
    body = board["body"]
    verified_login(client, User.objects.create_superuser("root", password="x-long-password"))
    response = client.post(
        reverse("admin:committee_body_change", args=[body.pk]),
        {
            "kind": body.kind,
            "members": [board["president"].pk, marc.pk, newcomer.pk],
            "president": body.president_id,
            "secretary": body.secretary_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not reads(nina, file) and reads(newcomer, file) and reads(marc, file)


def test_an_urgent_decision_on_an_aid_the_president_decides_opens_its_file_to_the_committee(
    board, file, request_, worker, aid_type, council_member
):
    """Such an aid has no body of its own: the committee ratifies it, so its members read the file."""
    aid_type.deciding_body = aid_type.Body.PRESIDENT
    aid_type.save(update_fields=["deciding_body"])
    urgent = make_proposal(file, request_, worker, aid_type, state=State.VALIDATED)
    workflow.take(
        actor=board["president"],
        proposal=urgent,
        transition="urgent_grant",
        expected_version=urgent.version,
        comment="Coupure d'énergie ce soir",
    )
    assert reads(board["members"][0], file)
    assert not reads(council_member, file)
