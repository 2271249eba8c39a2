"""The file's summary page: what a colleague sees first."""

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from people import services as people_services
from people.models import HouseholdMember
from tests.factories import PersonFactory
from tests.files.conftest import client_for


def test_the_summary_counts_only_who_still_lives_in_the_household(file, worker):
    stays, leaves = PersonFactory(last_name="Reste"), PersonFactory(last_name="Parti")
    for member in (stays, leaves):
        HouseholdMember.objects.create(person=file.beneficiary, member=member, relation="child")
    link = HouseholdMember.objects.get(member=leaves)
    people_services.end_household_member(actor=worker, file=file, link=link, until=timezone.localdate())
    response = client_for(worker).get(reverse("files:detail", args=[file.pk]))
    card = BeautifulSoup(response.content, "html.parser").find(attrs={"aria-labelledby": "household-title"})
    text = card.get_text(" ", strip=True)
    assert "1 autre personne" in text
    assert stays.full_name in text
    assert leaves.full_name not in text
