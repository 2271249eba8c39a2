"""Attribution: the head of service assigns files of their teams; concurrent changes are never lost."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from access.models import Membership, Team
from access.roles import Role
from files.models import FileEvent, SocialFile
from files.services import update_file
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from tests.files.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def unassigned(team):
    return SocialFileFactory(team=team)


def assign_data(file, **overrides):
    data = {
        "team": file.team_id,
        "primary_worker": "",
        "status": "open",
        "closed_on": "",
        "version": file.version,
    }
    return {**data, **overrides}


def test_the_head_assigns_a_file_to_a_worker_of_the_team(unassigned, head, worker):
    url = reverse("files:assign", args=[unassigned.pk])
    response = client_for(head).post(url, assign_data(unassigned, primary_worker=worker.pk), follow=True)
    assert response.redirect_chain[-1][0] == reverse("files:detail", args=[unassigned.pk])
    assert f"Attribution du dossier {unassigned.reference} enregistrée." in response.text
    unassigned.refresh_from_db()
    assert unassigned.primary_worker == worker
    assert FileEvent.objects.filter(file=unassigned, kind=FileEvent.Kind.ASSIGNMENT).exists()
    assert unassigned.reference in client_for(worker).get(reverse("files:my_files")).text


def test_the_worker_list_is_grouped_by_team(unassigned, head, worker, outsider):
    soup = BeautifulSoup(
        client_for(head).get(reverse("files:assign", args=[unassigned.pk])).content, "html.parser"
    )
    groups = {
        g["label"]: [o.text for o in g.find_all("option")] for g in soup.select("#id_primary_worker optgroup")
    }
    assert "Amélie Lambert" in groups["Antenne Mons-Centre"]
    assert "Denis Leroy" in groups["Antenne Jemappes"]


def test_a_worker_outside_the_team_is_refused_beside_the_field(unassigned, head, outsider):
    response = client_for(head).post(
        reverse("files:assign", args=[unassigned.pk]), assign_data(unassigned, primary_worker=outsider.pk)
    )
    soup = BeautifulSoup(response.content, "html.parser")
    box = soup.find(id="id_primary_worker").find_parent(class_="field")
    assert "Denis Leroy ne fait pas partie de l'équipe Antenne Mons-Centre." in box.text
    unassigned.refresh_from_db()
    assert unassigned.primary_worker is None


def test_closing_a_file_dates_it_today(unassigned, head):
    client_for(head).post(
        reverse("files:assign", args=[unassigned.pk]), assign_data(unassigned, status="closed")
    )
    unassigned.refresh_from_db()
    assert (unassigned.status, unassigned.closed_on) == ("closed", timezone.localdate())


def test_a_closing_date_for_an_open_file_is_refused(unassigned, head):
    response = client_for(head).post(
        reverse("files:assign", args=[unassigned.pk]), assign_data(unassigned, closed_on="01/02/2026")
    )
    assert "Une date de clôture n'a de sens que pour un dossier clôturé." in page_text(response)


def test_two_heads_assigning_at_once_the_second_is_told_and_nothing_is_overwritten(
    unassigned, head, worker, colleague, team
):
    other_head = UserFactory(
        first_name="Gaëlle", last_name="Henry", role=Role.HEAD_SOCIAL_WORKER, teams=[team]
    )
    url = reverse("files:assign", args=[unassigned.pk])
    version = unassigned.version
    assert (
        client_for(other_head).post(url, assign_data(unassigned, primary_worker=worker.pk)).status_code == 302
    )

    response = client_for(head).post(
        url, {**assign_data(unassigned, primary_worker=colleague.pk), "version": version}
    )

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    conflict = soup.select_one(".conflict").get_text(" ", strip=True)
    assert "Gaëlle Henry a modifié l'attribution de ce dossier entre-temps" in conflict
    assert "Amélie Lambert" in conflict  # what is saved now
    assert soup.find(id="id_primary_worker").find("option", selected=True)["value"] == str(colleague.pk)
    assert soup.find(id="id_version")["value"] == str(version + 1)
    unassigned.refresh_from_db()
    assert unassigned.primary_worker == worker


def test_handing_a_file_to_another_team_returns_to_my_files(unassigned, head, other_team, outsider):
    response = client_for(head).post(
        reverse("files:assign", args=[unassigned.pk]),
        assign_data(unassigned, team=other_team.pk, primary_worker=outsider.pk),
    )
    assert response.url == reverse("files:my_files")
    assert SocialFile.objects.get(pk=unassigned.pk).team == other_team


def test_closed_on_cannot_precede_opening(head, team):
    file = SocialFileFactory(team=team, opened_on=datetime.date(2026, 2, 1))
    response = client_for(head).post(
        reverse("files:assign", args=[file.pk]), assign_data(file, status="closed", closed_on="01/01/2026")
    )
    assert "La clôture ne peut précéder l'ouverture du dossier." in page_text(response)


def test_a_head_of_two_teams_is_offered_once(unassigned, head, worker, other_team):
    """A head of two antennes was listed under each (issue 14): once now, under both teams joined."""
    Membership.objects.create(user=head, team=other_team)
    head.groups.add(Group.objects.get_or_create(name=Role.SOCIAL_WORKER)[0])
    soup = BeautifulSoup(
        client_for(head).get(reverse("files:assign", args=[unassigned.pk])).content, "html.parser"
    )
    names = [o.text for o in soup.select("#id_primary_worker option")]
    assert names.count("Claire Renard") == 1
    group = soup.find("option", string="Claire Renard").find_parent("optgroup")
    assert group["label"] == "Antenne Jemappes, Antenne Mons-Centre"
    assert "Amélie Lambert" in [o.text for o in soup.select('optgroup[label="Antenne Mons-Centre"] option')]


def test_a_service_team_is_neither_offered_nor_accepted(unassigned, head):
    legal = TeamFactory(name="Service juridique", kind=Team.Kind.SERVICE)
    Membership.objects.create(user=head, team=legal)
    url = reverse("files:assign", args=[unassigned.pk])
    soup = BeautifulSoup(client_for(head).get(url).content, "html.parser")
    assert "Service juridique" not in [o.text for o in soup.select("#id_team option")]
    with pytest.raises(ValidationError):
        update_file(
            actor=head,
            file=unassigned,
            team=legal,
            primary_worker=None,
            status="open",
            closed_on=None,
            expected_version=unassigned.version,
        )
    unassigned.refresh_from_db()
    assert unassigned.team.name == "Antenne Mons-Centre"
