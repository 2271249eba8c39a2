"""Mes dossiers: the page everybody lands on after logging in."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from files.models import SocialFile
from tests.factories import PersonFactory, SocialFileFactory
from tests.files.conftest import client_for
from tests.login import log_in_with_code

pytestmark = pytest.mark.django_db
URL = reverse("files:my_files")


def test_logging_in_lands_on_the_home_page_which_links_to_my_files(client, worker):
    response = log_in_with_code(client, worker)
    assert response.redirect_chain[-1][0] == reverse("home:home")
    assert f'href="{URL}"' in response.content.decode()


def test_lists_the_files_assigned_to_me_newest_activity_first(worker, colleague, team):
    old = SocialFileFactory(team=team, primary_worker=worker, beneficiary=PersonFactory(last_name="Ancien"))
    new = SocialFileFactory(team=team, primary_worker=worker, beneficiary=PersonFactory(last_name="Récent"))
    SocialFileFactory(team=team, primary_worker=colleague, beneficiary=PersonFactory(last_name="Collègue"))
    when = timezone.make_aware(datetime.datetime(2026, 3, 2, 14, 35))
    SocialFile.objects.filter(pk=old.pk).update(last_activity_at=when - datetime.timedelta(days=3))
    SocialFile.objects.filter(pk=new.pk).update(last_activity_at=when)

    page = client_for(worker).get(URL).text

    assert page.index("RÉCENT") < page.index("ANCIEN")
    assert "COLLÈGUE" not in page
    assert reverse("files:detail", args=[new.pk]) in page
    assert new.reference in page
    assert new.beneficiary.national_number_display in page
    assert "02/03/2026 14:35" in page
    assert "Antenne Mons-Centre" in page
    assert "2 dossiers vous sont attribués" in page
    assert "À attribuer" not in page


def test_empty_list_says_so_in_french(worker):
    page = client_for(worker).get(URL).text
    assert "Aucun dossier ne vous est attribué pour l'instant." in page


def test_head_of_service_also_sees_the_files_to_assign_of_their_teams(head, worker, team, other_team):
    waiting = SocialFileFactory(team=team, beneficiary=PersonFactory(last_name="Enattente"))
    SocialFileFactory(team=other_team, beneficiary=PersonFactory(last_name="Ailleurs"))
    SocialFileFactory(team=team, primary_worker=worker, beneficiary=PersonFactory(last_name="Suivi"))
    SocialFileFactory(
        team=team, status=SocialFile.Status.CLOSED, beneficiary=PersonFactory(last_name="Clôturé")
    )

    page = client_for(head).get(URL).text

    section = page[page.index("À attribuer") :]
    assert "ENATTENTE" in section
    assert reverse("files:assign", args=[waiting.pk]) in section
    assert "AILLEURS" not in page
    assert "SUIVI" not in section
    assert "CLÔTURÉ" not in section


def test_query_count_does_not_grow_with_the_number_of_files(head, team):
    client = client_for(head)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    for _ in range(3):
        SocialFileFactory(team=team, primary_worker=head)
        SocialFileFactory(team=team)
    few = count_queries()
    for _ in range(30):
        SocialFileFactory(team=team, primary_worker=head)
        SocialFileFactory(team=team)
    assert count_queries() == few
