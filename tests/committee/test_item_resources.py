"""The paperless session shows the household's resources as they were on the day of the request."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from access.roles import Role
from committee import services
from people.models import HouseholdMember, Resource
from tests.factories import PersonFactory, UserFactory
from tests.files.conftest import client_for, page_text

pytestmark = pytest.mark.django_db


def resource(person, kind, amount, since, until=None) -> Resource:
    return Resource.objects.create(
        person=person,
        kind=kind,
        monthly_amount=Decimal(amount),
        since=since,
        until=until,
        source=Resource.Source.DOCUMENT,
    )


@pytest.fixture
def household(file):
    """A salary replaced by unemployment on 11/11/2026, a partner's pension, a son who left on 08/11/2026."""
    beneficiary = file.beneficiary
    partner = PersonFactory(last_name="Lambert", first_names="Marc")
    son = PersonFactory(last_name="Lambert", first_names="Théo")
    HouseholdMember.objects.create(person=beneficiary, member=partner, relation="partner")
    HouseholdMember.objects.create(
        person=beneficiary, member=son, relation="child", until=datetime.date(2026, 11, 8)
    )
    resource(beneficiary, "salary", "1100.00", datetime.date(2025, 3, 1), datetime.date(2026, 11, 10))
    resource(beneficiary, "unemployment", "900.00", datetime.date(2026, 11, 11))
    resource(partner, "pension", "700.00", datetime.date(2020, 1, 1))
    resource(son, "salary", "500.00", datetime.date(2026, 1, 1))
    return {"partner": partner, "son": son}


def item_page(client, meeting, requested_on):
    number = meeting.items.get(proposal__request__requested_on=requested_on).number
    return client.get(reverse("committee:item", args=[meeting.pk, number]))


def resources_block(response) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    heading = next(h for h in page.find_all("h3") if h.get_text().startswith("Ressources au"))
    parts = [heading.get_text(" ")]
    for sibling in heading.find_next_siblings():
        if sibling.name == "h3":
            break
        parts.append(sibling.get_text(" "))
    return " ".join(" ".join(parts).split())


def test_a_member_sees_each_members_resources_on_the_day_of_the_request_and_the_total(
    board, meeting, ready, file, household
):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    services.freeze(actor=board["secretary"], meeting=meeting)  # opens the files to members
    client = client_for(board["members"][0])

    early = resources_block(item_page(client, meeting, datetime.date(2026, 11, 5)))
    assert "Ressources au 05/11/2026 (date de la demande)" in early
    assert f"{file.beneficiary.full_name} : Salaire 1.100,00 €" in early
    assert "LAMBERT Marc (conjoint(e) / partenaire) : Pension 700,00 €" in early
    assert "LAMBERT Théo (enfant) : Salaire 500,00 €" in early  # still at home on that day
    assert "Total mensuel net du ménage : 2.300,00 €" in early

    late = resources_block(item_page(client, meeting, datetime.date(2026, 11, 20)))
    assert "Ressources au 20/11/2026 (date de la demande)" in late
    assert f"{file.beneficiary.full_name} : Allocations de chômage 900,00 €" in late
    assert "Salaire 1.100,00 €" not in late and "Théo" not in late
    assert "Total mensuel net du ménage : 1.600,00 €" in late


def test_a_household_without_any_resource_says_so(board, meeting, ready, file):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    services.freeze(actor=board["secretary"], meeting=meeting)  # opens the files to members
    block = resources_block(item_page(client_for(board["members"][0]), meeting, datetime.date(2026, 11, 5)))
    assert "aucune ressource" in block and "Total mensuel net du ménage : 0,00 €" in block


def test_a_member_of_another_body_reads_neither_the_item_nor_the_resources(
    board, meeting, ready, file, household
):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    services.freeze(actor=board["secretary"], meeting=meeting)  # opens the files to members
    assert client_for(board["members"][0]).get(reverse("people:resources", args=[file.pk])).status_code == 200
    outsider = client_for(UserFactory(role=Role.COMMITTEE_MEMBER))
    number = meeting.items.first().number
    assert outsider.get(reverse("committee:item", args=[meeting.pk, number])).status_code == 404
    assert outsider.get(reverse("people:resources", args=[file.pk])).status_code == 404


def test_the_household_shown_is_the_one_on_the_day_of_the_request(board, meeting, ready, file, household):
    services.compose_agenda(actor=board["secretary"], meeting=meeting)
    services.freeze(actor=board["secretary"], meeting=meeting)  # opens the files to members
    client = client_for(board["members"][0])
    early = page_text(item_page(client, meeting, datetime.date(2026, 11, 5)))
    assert "Ménage au 05/11/2026" in early and "LAMBERT Théo – Enfant" in early
    late = page_text(item_page(client, meeting, datetime.date(2026, 11, 20)))
    assert "Ménage au 20/11/2026" in late and "LAMBERT Marc" in late and "Théo" not in late
