"""A registered-mail number identifies one letter for the post: used once across all letters, on the dispatch
form, in a batch's posting and in the database itself (spaces and case aside, as the label is typed)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from letters import services, services_posting
from letters.models import Kind, Letter
from tests.files.conftest import client_for, page_text
from tests.letters.conftest import ship_templates

pytestmark = pytest.mark.django_db
# A transactional test ends by emptying every table, which the append-only audit trail refuses on PostgreSQL.
ON_SQLITE_ONLY = pytest.mark.skipif(connection.vendor != "sqlite", reason="needs a transactional database")

NUMBER = "RR123456785BE"


@pytest.fixture
def letters(file, request_, worker):
    return [
        services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
        for _ in range(3)
    ]


def post(actor, letter, number):
    services.dispatch(
        actor=actor,
        letter=letter,
        method="registered",
        sent_on=timezone.localdate(),
        registered_number=number,
    )


def taken(letter) -> str:
    return f"Ce numéro de recommandé est déjà utilisé pour la lettre {letter.code}."


def test_the_dispatch_form_refuses_a_number_already_used_and_keeps_what_was_typed(letters, people):
    first, second, _third = letters
    post(people["legal"], first, NUMBER)
    response = client_for(people["legal"]).post(
        reverse("letters:dispatch", args=[second.pk]),
        {
            "method": "registered",
            "sent_on": timezone.localdate().isoformat(),
            "registered_number": "rr 1234 56785 be",
        },
    )
    assert response.status_code == 400
    assert taken(first) in page_text(response)
    assert 'value="rr 1234 56785 be"' in response.content.decode()
    second.refresh_from_db()
    assert (second.method, second.registered_number) == ("", "")


def test_a_direct_service_call_is_refused_too(letters, people):
    first, second, _third = letters
    post(people["legal"], first, "RR 1234 56785 BE")
    with pytest.raises(ValidationError) as refused:
        post(people["legal"], second, NUMBER)
    assert refused.value.message_dict == {"registered_number": [taken(first)]}


def test_a_batch_posting_refuses_a_number_used_by_a_letter_sent_alone(letters, people):
    first, second, third = letters
    post(people["legal"], first, "RR 1234 56785 BE")  # typed with spaces on the single dispatch
    with pytest.raises(ValidationError) as refused:
        services_posting.post_registered(
            actor=people["legal"],
            numbers={second: NUMBER, third: "RR123456799BE"},
            sent_on=timezone.localdate(),
        )
    assert refused.value.message_dict == {second.pk: [taken(first)]}
    assert not Letter.objects.filter(pk__in=[second.pk, third.pk]).exclude(method="").exists()


def test_the_database_refuses_a_number_twice_but_not_two_letters_without_one(letters, people):
    first, second, third = letters
    post(people["legal"], first, NUMBER)
    for number in (NUMBER, "rr123456785be", "RR 123456785 BE"):
        with pytest.raises(IntegrityError), transaction.atomic():
            Letter.objects.filter(pk=second.pk).update(registered_number=number)
    assert Letter.objects.filter(registered_number="").count() == 2
    post(people["legal"], second, "RR123456799BE")
    assert services.letters_numbered("RR123456799BE").get() == second


@ON_SQLITE_ONLY
@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_letters_posted_twice_with_one_number_and_marks_the_later_ones(
    file, request_, worker
):
    ship_templates()
    made = [
        services.generate(actor=worker, kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_)
        for _ in range(3)
    ]
    call_command("migrate", "letters", "0005", verbosity=0)  # before the rule
    try:
        for letter, number in zip(made, [NUMBER, "rr 123456785 be", "RR123456799BE"], strict=True):
            Letter.objects.filter(pk=letter.pk).update(method="registered", registered_number=number)
    finally:
        call_command("migrate", "letters", verbosity=0)
    numbers = [Letter.objects.get(pk=letter.pk).registered_number for letter in made]
    assert numbers == [NUMBER, f"rr 123456785 be (doublon {made[1].code})", "RR123456799BE"]
