"""Writes leave their old and new values in the trail; so do role and team changes made in the admin."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse

from access.models import Membership
from access.roles import Role
from audit.models import AuditEvent
from files import services as file_services
from files.models import Report
from people import services as people_services
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory(name="Antenne Jemappes")


@pytest.fixture
def file(team):
    return SocialFileFactory(team=team, beneficiary=PersonFactory(last_name="Dupont", phone="0475 12 34 56"))


@pytest.fixture
def head(team):
    return UserFactory(username="chef.jemappes", role=Role.HEAD_SOCIAL_WORKER.value, teams=[team])


def changes_of(**lookup) -> dict:
    return AuditEvent.objects.filter(**lookup).latest("id").detail["changes"]


def identity(person, **changes) -> dict:
    fields = people_services.IDENTITY_FIELDS
    return {**{name: getattr(person, name) for name in fields}, **changes}


def test_an_identity_change_records_the_old_and_new_values(file, head):
    person = file.beneficiary
    people_services.update_person(
        actor=head,
        file=file,
        person=person,
        data=identity(person, phone="065 22 33 44", last_name="Dupont-Lambert"),
        expected_version=person.version,
    )
    event = AuditEvent.objects.get(verb="update", target_type="people.person")
    assert event.detail["changes"] == {
        "last_name": ["Dupont", "Dupont-Lambert"],
        "phone": ["0475 12 34 56", "065 22 33 44"],
    }
    assert (event.user, event.file_id, event.person_id) == (head, file.pk, person.pk)


def test_a_reassignment_records_the_previous_and_new_worker(file, head, team):
    worker = UserFactory(username="as.jemappes", role=Role.SOCIAL_WORKER.value, teams=[team])
    file_services.update_file(
        actor=head,
        file=file,
        team=team,
        primary_worker=worker,
        status=file.status,
        closed_on=None,
        expected_version=file.version,
    )
    assert changes_of(target_type="files.socialfile") == {"primary_worker": [None, "as.jemappes"]}
    assert AuditEvent.objects.latest("id").person_id == file.beneficiary_id


def test_a_corrected_report_keeps_a_fingerprint_of_its_text_never_the_text(file, head):
    report = file_services.write_report(
        actor=head,
        file=file,
        kind="note",
        title="Visite",
        body="<p>Dettes de loyer.</p>",
        confidentiality=Report.Confidentiality.RESTRICTED,
    )
    file_services.update_report(
        actor=head,
        report=report,
        title="Visite à domicile",
        body="<p>Dettes de loyer et d'énergie.</p>",
        written_on=report.written_on,
        confidentiality=report.confidentiality,
        expected_version=report.version,
    )
    changes = changes_of(target_type="files.report", verb="update")
    assert changes["title"] == ["Visite", "Visite à domicile"]
    assert set(changes) == {"title", "body_sha256"}
    assert "loyer" not in str(AuditEvent.objects.filter(target_type="files.report").values_list("detail"))


def admin_form(client, url: str) -> dict:
    """The fields of an admin change form as the browser would send them back."""
    form = BeautifulSoup(client.get(url).content, "html.parser").find("form", id=lambda i: i and "_form" in i)
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button"}:
            continue
        if field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            data[name] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            data[name] = field.text
        else:
            data[name] = field.get("value", "")
    return data


def test_a_role_and_team_change_in_the_admin_is_audited_with_before_and_after(client, team):
    admin = UserFactory(role=Role.ADMIN.value)
    agent = UserFactory(username="agent.mons", role=Role.RECEPTION.value)
    social_worker = Group.objects.get_or_create(name=Role.SOCIAL_WORKER.value)[0]
    verified_login(client, admin)
    url = reverse("admin:auth_user_change", args=[agent.pk])
    data = admin_form(client, url)
    data["groups"] = [str(social_worker.pk)]
    data["memberships-0-team"] = str(team.pk)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Membership.objects.filter(user=agent, team=team).exists()
    event = AuditEvent.objects.filter(target_type="auth.user", target_id=str(agent.pk)).latest("id")
    assert event.user == admin
    assert event.detail["changes"] == {
        "roles": [[Role.RECEPTION.value], [Role.SOCIAL_WORKER.value]],
        "teams": [[], ["Antenne Jemappes"]],
    }


def test_a_member_added_to_a_team_in_the_admin_is_audited(client, team, head):
    admin = UserFactory(role=Role.ADMIN.value)
    newcomer = UserFactory(username="as.nouvelle", role=Role.SOCIAL_WORKER.value)
    verified_login(client, admin)
    url = reverse("admin:access_team_change", args=[team.pk])
    data = admin_form(client, url)
    empty = data["memberships-INITIAL_FORMS"]
    data[f"memberships-{empty}-user"] = str(newcomer.pk)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert changes_of(target_type="access.team", target_id=str(team.pk)) == {
        "members": [["chef.jemappes"], ["as.nouvelle", "chef.jemappes"]]
    }
