"""The migrations that hand existing access to the grant table: break-glass requests, body seats, current
agendas and urgent decisions awaiting ratification keep opening exactly what they opened before."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from access.models import AccessGrant, BodySeat, BreakGlass
from access.roles import Role
from committee.models import Meeting
from tests.committee.agenda import put_on_agenda
from tests.factories import SocialFileFactory, UserFactory
from workflow.models import Decision

pytestmark = pytest.mark.django_db


def migration(name: str):
    return importlib.import_module(f"access.migrations.{name}")


def test_each_break_glass_request_gets_its_grant(file, outsider):
    now = timezone.now()
    request = BreakGlass.objects.create(
        user=outsider,
        file=file,
        reason="Permanence",
        opened_at=now,
        expires_at=now + datetime.timedelta(hours=4),
    )
    migration("0005_access_grants").grant_each_break_glass(apps, None)
    request.refresh_from_db()
    grant = request.grant
    assert (grant.user, grant.file, grant.kind) == (outsider, file, AccessGrant.Kind.BREAK_GLASS)
    assert (grant.starts_at, grant.ends_at, grant.reason) == (
        request.opened_at,
        request.expires_at,
        "Permanence",
    )
    assert request.is_active


def test_seats_current_agendas_and_pending_ratifications_become_grants(file, team):
    member = UserFactory(role=Role.COMMITTEE_MEMBER)
    current = put_on_agenda(file, member).meeting
    old_file = SocialFileFactory(team=team, primary_worker=file.primary_worker)
    old = put_on_agenda(old_file, member).meeting
    Meeting.objects.filter(pk=old.pk).update(
        status="closed", closed_at=timezone.now() - datetime.timedelta(days=31)
    )
    urgent_file = SocialFileFactory(team=team, primary_worker=file.primary_worker)
    proposal = put_on_agenda(urgent_file, member).proposal
    proposal.agenda_items.all().delete()
    decision = Decision.objects.create(
        proposal=proposal, outcome="granted", urgent=True, recorded_by=UserFactory(role=Role.PRESIDENT)
    )
    AccessGrant.objects.all().delete()  # as before the grant table existed
    BodySeat.objects.all().delete()

    migration("0006_body_seats_and_grants").mirror_and_grant(apps, None)
    assert set(BodySeat.objects.values_list("user_id", "body")) == {(member.pk, current.body.kind)}
    grants = set(AccessGrant.objects.values_list("body", "file_id", "kind", "source"))
    assert grants == {
        (current.body.kind, file.pk, "agenda", f"meeting:{current.pk}"),
        (proposal.aid_type.deciding_body, urgent_file.pk, "ratification", f"decision:{decision.pk}"),
    }
