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


def test_bank_details_stay_with_casework_payments_and_recovery(file, worker, reception):
    account = people_services.add_bank_account(
        actor=worker,
        file=file,
        person=file.beneficiary,
        iban="BE71 0961 2345 6769",
        holder="Marie Dubois",
        valid_from=timezone.localdate(),
        is_payment_account=True,
    )
    for url in (reverse("files:detail", args=[file.pk]), reverse("files:timeline", args=[file.pk])):
        assert account.iban_display in client_for(worker).get(url).content.decode()
        assert account.iban_display not in client_for(reception).get(url).content.decode()
    assert client_for(reception).get(reverse("people:bank", args=[file.pk])).status_code == 403
