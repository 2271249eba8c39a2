"""Need to know on every people screen: a hidden file does not exist, a read-only role cannot edit."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from audit.models import AuditEvent
from people.models import BankAccount, HouseholdMember, Person
from tests.factories import PersonFactory
from tests.login import verified_login
from tests.people.helpers import belgian_iban, url

pytestmark = pytest.mark.django_db

READ = ["identity", "household", "bank"]
EDIT = ["identity_edit", "address_add", "household_add", "bank_add"]
EDIT_ITEM = ["household_end", "member_edit", "bank_set_payment"]


@pytest.fixture
def world(social_file, beneficiary, account):
    member = PersonFactory(last_name="Lambert", first_names="Marc")
    link = HouseholdMember.objects.create(person=beneficiary, member=member, relation="partner")
    spare = BankAccount.objects.create(
        person=beneficiary,
        iban=belgian_iban("068", "1111111"),
        holder="DUPONT Marie",
        valid_from=datetime.date(2026, 1, 1),
    )
    return {"household_end": link.pk, "member_edit": member.pk, "bank_set_payment": spare.pk}


def every_url(social_file, world) -> list[str]:
    return [url(n, social_file) for n in READ + EDIT] + [url(n, social_file, world[n]) for n in EDIT_ITEM]


def edit_urls(social_file, world) -> list[str]:
    return [url(n, social_file) for n in EDIT] + [url(n, social_file, world[n]) for n in EDIT_ITEM]


def snapshot(beneficiary) -> tuple:
    beneficiary.refresh_from_db()
    return (
        beneficiary.version,
        list(beneficiary.addresses.values_list("id", "valid_to")),
        list(HouseholdMember.objects.filter(person=beneficiary).values_list("id", "until")),
        list(beneficiary.bank_accounts.values_list("id", "is_payment_account")),
        Person.objects.count(),
    )


def test_a_social_worker_of_another_team_gets_404_everywhere_as_if_the_file_did_not_exist(
    client, other_team_worker, social_file, beneficiary, world
):
    verified_login(client, other_team_worker)
    before = snapshot(beneficiary)
    for address in every_url(social_file, world):
        assert client.get(address).status_code == 404, address
        assert (
            client.post(address, {"last_name": "X", "until": "01/01/2026", "previous": ""}).status_code == 404
        )
    missing = url("identity", social_file).replace(f"/{social_file.pk}/", "/999999/")
    assert client.get(missing).status_code == 404
    assert snapshot(beneficiary) == before
    assert not AuditEvent.objects.filter(file_id=social_file.pk, user=other_team_worker, verb="view").exists()


def test_a_payment_clerk_reads_identity_household_and_bank_without_edit_buttons(
    client, payment_clerk, social_file, world
):
    verified_login(client, payment_clerk)
    forbidden = set(edit_urls(social_file, world))
    for name in READ:
        response = client.get(url(name, social_file))
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        links = {a["href"] for a in page.find_all("a", href=True)}
        assert not links & forbidden, name
        assert not page.select("main form[method=post]"), name
    assert "DUPONT Marie" in client.get(url("identity", social_file)).content.decode()


def test_a_payment_clerk_gets_403_on_every_edit_and_changes_nothing(
    client, payment_clerk, social_file, beneficiary, world
):
    verified_login(client, payment_clerk)
    before = snapshot(beneficiary)
    for address in edit_urls(social_file, world):
        assert client.get(address).status_code == 403, address
        data = {
            "last_name": "X",
            "first_names": "Y",
            "relation": "other",
            "until": "01/01/2026",
            "previous": "",
        }
        assert client.post(address, data).status_code == 403, address
    assert snapshot(beneficiary) == before


def test_every_read_of_a_section_is_in_the_audit_trail(as_worker, worker, social_file, world):
    for name in READ:
        as_worker.get(url(name, social_file))
    sections = AuditEvent.objects.filter(user=worker, verb="view", file_id=social_file.pk).values_list(
        "detail__section", flat=True
    )
    assert set(sections) >= {"identity", "household", "bank"}


def test_someone_not_logged_in_is_sent_to_the_login_page(client, social_file, world):
    for address in every_url(social_file, world):
        response = client.get(address)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
