"""Bank accounts: valid IBANs only, BIC derived, and a change of payment account that leaves a trace."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from audit.models import AuditEvent
from files.models import FileEvent
from people.models import BankAccount
from tests.login import verified_login
from tests.people.helpers import belgian_iban, field_error, typed_value, url

pytestmark = pytest.mark.django_db

BELFIUS = belgian_iban("068", "2345678")  # bank code 068: Belfius


def grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def test_a_belfius_account_gets_its_bic_and_bank_name(as_worker, social_file, beneficiary):
    data = {"iban": grouped(BELFIUS).lower(), "holder": "DUPONT Marie", "valid_from": "01/10/2026"}
    response = as_worker.post(url("bank_add", social_file), data)
    assert response.status_code == 302
    account = BankAccount.objects.get(person=beneficiary)
    assert account.iban == BELFIUS
    assert account.bic == "GKCCBEBB"
    page = as_worker.get(url("bank", social_file)).content.decode()
    assert grouped(BELFIUS) in page
    assert "GKCCBEBB" in page and "BELFIUS" in page.upper()


def test_the_holder_defaults_to_the_beneficiary_and_the_first_account_is_for_payments(as_worker, social_file):
    response = as_worker.get(url("bank_add", social_file))
    assert typed_value(response, "holder") == "DUPONT Marie"
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find(id="id_is_payment_account").has_attr("checked")


def test_a_wrong_iban_checksum_is_explained_beside_the_field_and_nothing_typed_is_lost(
    as_worker, social_file, beneficiary
):
    wrong = BELFIUS[:-1] + str((int(BELFIUS[-1]) + 1) % 10)
    data = {"iban": grouped(wrong), "holder": "Marie Dupont-Lemaire", "valid_from": "01/10/2026"}
    response = as_worker.post(url("bank_add", social_file), data)
    assert response.status_code == 200
    assert "chiffres de contrôle de cet IBAN ne correspondent pas" in field_error(response, "iban")
    assert typed_value(response, "iban") == grouped(wrong)
    assert typed_value(response, "holder") == "Marie Dupont-Lemaire"
    assert not BankAccount.objects.filter(person=beneficiary).exists()


def test_a_belgian_iban_of_the_wrong_length_is_explained(as_worker, social_file):
    response = as_worker.post(
        url("bank_add", social_file), {"iban": BELFIUS[:-2], "holder": "X", "valid_from": "01/10/2026"}
    )
    assert "16 caractères" in field_error(response, "iban")


def test_the_same_account_twice_is_refused_beside_the_field(as_worker, social_file, account):
    data = {"iban": account.iban, "holder": "DUPONT Marie", "valid_from": "01/10/2026"}
    response = as_worker.post(url("bank_add", social_file), data)
    assert "déjà enregistré" in field_error(response, "iban")


def test_the_payment_account_is_clearly_marked(as_worker, social_file, account):
    other = BankAccount.objects.create(
        person=account.person, iban=BELFIUS, holder="DUPONT Marie", valid_from=datetime.date(2026, 1, 1)
    )
    page = BeautifulSoup(as_worker.get(url("bank", social_file)).content, "html.parser")
    marked = page.select("tr.payment-row")
    assert len(marked) == 1
    assert grouped(account.iban) in marked[0].get_text() and "Compte de paiement" in marked[0].get_text()
    assert page.find("a", href=url("bank_set_payment", social_file, other.pk))


def test_changing_the_payment_account_asks_for_confirmation_then_leaves_a_trace(
    as_worker, worker, social_file, account
):
    new = BankAccount.objects.create(
        person=account.person, iban=BELFIUS, holder="DUPONT Marie", valid_from=datetime.date(2026, 1, 1)
    )
    confirmation = as_worker.get(url("bank_set_payment", social_file, new.pk))
    assert confirmation.status_code == 200
    assert grouped(account.iban) in confirmation.content.decode()  # the user sees what they replace
    new.refresh_from_db()
    assert not new.is_payment_account  # looking is not changing

    response = as_worker.post(
        url("bank_set_payment", social_file, new.pk), {"previous": typed_value(confirmation, "previous")}
    )
    assert response.status_code == 302
    new.refresh_from_db()
    account.refresh_from_db()
    assert new.is_payment_account and not account.is_payment_account

    audit = AuditEvent.objects.get(verb="update", target_type="people.bankaccount", target_id=str(new.pk))
    assert audit.user == worker
    assert audit.detail == {"changes": {"payment_account": [account.iban, BELFIUS]}}
    assert audit.file_id == social_file.pk

    event = FileEvent.objects.get(file=social_file, kind=FileEvent.Kind.BANK_ACCOUNT)
    assert event.summary == f"Compte de paiement : {grouped(BELFIUS)} (auparavant {grouped(account.iban)})"
    assert event.author == worker
    timeline = as_worker.get(reverse("files:timeline", args=[social_file.pk])).content.decode()
    assert f"Compte de paiement : {grouped(BELFIUS)} (auparavant {grouped(account.iban)})" in timeline


def test_a_payment_account_changed_meanwhile_is_not_overridden_blindly(
    client, worker, colleague, social_file, account
):
    second = BankAccount.objects.create(
        person=account.person, iban=BELFIUS, holder="DUPONT Marie", valid_from=datetime.date(2026, 1, 1)
    )
    third = BankAccount.objects.create(
        person=account.person,
        iban=belgian_iban("001", "7654321"),
        holder="DUPONT Marie",
        valid_from=datetime.date(2026, 2, 1),
    )
    verified_login(client, worker)
    confirmation = client.get(url("bank_set_payment", social_file, second.pk))
    seen = typed_value(confirmation, "previous")

    from django.test import Client

    other = Client()
    verified_login(other, colleague)
    other_page = other.get(url("bank_set_payment", social_file, third.pk))
    other.post(
        url("bank_set_payment", social_file, third.pk), {"previous": typed_value(other_page, "previous")}
    )

    response = client.post(url("bank_set_payment", social_file, second.pk), {"previous": seen})
    assert response.status_code == 409
    assert "Karim Benali a changé le compte de paiement" in " ".join(response.content.decode().split())
    third.refresh_from_db()
    second.refresh_from_db()
    assert third.is_payment_account and not second.is_payment_account


def test_adding_an_account_as_payment_account_records_the_change(as_worker, social_file, account):
    data = {"iban": BELFIUS, "holder": "DUPONT Marie", "valid_from": "01/10/2026", "is_payment_account": "on"}
    assert as_worker.post(url("bank_add", social_file), data).status_code == 302
    account.refresh_from_db()
    assert not account.is_payment_account
    assert FileEvent.objects.filter(
        file=social_file,
        summary=f"Compte de paiement : {grouped(BELFIUS)} (auparavant {grouped(account.iban)})",
    ).exists()


def test_an_account_of_someone_else_cannot_become_the_payment_account(as_worker, social_file):
    from tests.factories import PersonFactory

    foreign = BankAccount.objects.create(
        person=PersonFactory(), iban=BELFIUS, holder="X", valid_from=datetime.date(2026, 1, 1)
    )
    assert (
        as_worker.post(url("bank_set_payment", social_file, foreign.pk), {"previous": ""}).status_code == 404
    )
    foreign.refresh_from_db()
    assert not foreign.is_payment_account
