"""Search by name, national number or reference, only among the files the user may see."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from people.models import HouseholdMember
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import verified_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    own, other = TeamFactory(name="Antenne Nimy"), TeamFactory(name="Antenne Cuesmes")
    worker = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[own])
    helene = PersonFactory(last_name="Lefèvre", first_names="Hélène", search_name="lefevre helene")
    hidden = PersonFactory(last_name="Lefebvre", first_names="Hélène", search_name="lefebvre helene")
    return {
        "worker": worker,
        "file": SocialFileFactory(team=own, beneficiary=helene, reference="2026/00042"),
        "hidden_file": SocialFileFactory(team=other, beneficiary=hidden, reference="2026/00043"),
    }


def search(client, user, q, follow=False):
    verified_login(client, user)
    return client.get(reverse("search:results"), {"q": q}, follow=follow)


@pytest.mark.parametrize("q", ["lefevre", "LEFÈVRE", "hélène lef", "Helene", "efèv"])
def test_name_search_ignores_accents_case_and_finds_partial_names(client, setup, q):
    response = search(client, setup["worker"], q)
    assert setup["file"] in response.context["result"].files


def test_search_never_returns_a_file_of_another_team(client, setup):
    response = search(client, setup["worker"], "helene")
    assert setup["hidden_file"] not in response.context["result"].files
    assert "Lefebvre" not in response.content.decode()


WRITINGS = {
    "compact": lambda n: n,
    "dotted": lambda n: f"{n[:2]}.{n[2:4]}.{n[4:6]}-{n[6:9]}.{n[9:]}",
    "spaced": lambda n: f"{n[:6]} {n[6:9]} {n[9:]}",
}


@pytest.mark.parametrize("writing", WRITINGS)
def test_national_number_with_or_without_separators_opens_the_file(client, setup, writing):
    number = setup["file"].beneficiary.national_number
    response = search(client, setup["worker"], WRITINGS[writing](number))
    assert response.status_code == 302
    assert response.url == reverse("files:detail", args=[setup["file"].pk])


def test_national_number_of_an_invisible_file_finds_nothing(client, setup):
    response = search(client, setup["worker"], setup["hidden_file"].beneficiary.national_number)
    assert response.status_code == 200
    assert response.context["result"].files == []


@pytest.mark.parametrize("q", ["2026/00042", "2026/42", "2026 / 42"])
def test_reference_opens_the_file(client, setup, q):
    response = search(client, setup["worker"], q)
    assert response.status_code == 302
    assert response.url == reverse("files:detail", args=[setup["file"].pk])


def test_a_household_member_leads_to_the_file_they_belong_to(client, setup):
    child = PersonFactory(last_name="Lefèvre", first_names="Noé", search_name="lefevre noe")
    HouseholdMember.objects.create(person=setup["file"].beneficiary, member=child, relation="child")
    response = search(client, setup["worker"], "noe")
    assert response.context["result"].files == [setup["file"]]


def test_every_search_is_in_the_audit_trail(client, setup):
    search(client, setup["worker"], "hélène")
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.SEARCH)
    assert event.user == setup["worker"]
    assert event.detail["query"] == "hélène"
    assert event.detail["results"] == 1


def test_a_role_without_file_access_finds_nothing(client, setup):
    admin = UserFactory(role=Role.ADMIN.value)
    response = search(client, admin, "helene")
    assert response.context["result"].files == []


def test_suggestions_while_typing_show_only_visible_files_and_are_audited(client, setup):
    verified_login(client, setup["worker"])
    response = client.get(reverse("search:suggestions"), {"q": "hélène"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "LEFÈVRE Hélène" in page
    assert "LEFEBVRE" not in page
    assert AuditEvent.objects.get(verb=AuditEvent.Verb.SEARCH).detail["live"] is True


def test_the_top_bar_search_is_a_combobox_and_its_suggestions_a_listbox(client, setup):
    """Issue 14: the field announces a list of suggestions, each one an option the arrows reach."""
    verified_login(client, setup["worker"])
    field = BeautifulSoup(client.get(reverse("files:my_files")).content, "html.parser").find(id="global-q")
    assert field["role"] == "combobox"
    assert (field["aria-expanded"], field["aria-autocomplete"], field["aria-controls"]) == (
        "false",
        "list",
        "search-listbox",
    )
    assert "delay:500ms" in field["hx-trigger"]
    response = client.get(reverse("search:suggestions"), {"q": "hélène"}, HTTP_HX_REQUEST="true")
    listbox = BeautifulSoup(response.content, "html.parser").find(id="search-listbox")
    assert listbox["role"] == "listbox"
    options = listbox.find_all(role="option")
    assert [o["id"] for o in options] == ["suggestion-1"]
    assert "LEFÈVRE Hélène" in options[0].text


def test_no_suggestion_before_three_characters(client, setup):
    verified_login(client, setup["worker"])
    response = client.get(reverse("search:suggestions"), {"q": "le"})
    assert "LEFÈVRE" not in response.content.decode()
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.SEARCH).exists()


def test_a_reference_in_another_configured_format_is_found_as_typed(client, setup, settings):
    setup["file"].reference = "MONS-2026-042"
    setup["file"].save()
    response = search(client, setup["worker"], "mons-2026-042")
    assert response.context["result"].files == [setup["file"]]
