"""A file of the Mons-Centre team with a team report, a restricted note and bank details; its readers."""

import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from access.roles import Role
from files.models import Report
from people.models import Address, BankAccount
from tests.committee.agenda import put_on_agenda
from tests.factories import PersonFactory, SocialFileFactory, UserFactory

# The people of the Mons-Centre and Jemappes antennes, shared with the file screens' tests.
from tests.files.conftest import (
    BACKEND,
    client_for,
    colleague,
    head,
    other_team,
    outsider,
    team,
    worker,
)


def pdf_pages(response) -> list[str]:
    """The text of each page of a PDF response, as a reader of the printed copy would see it."""
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return [re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


def mention_for(user) -> str:
    """The start of the copy mention, with today's date (the minute may have turned since)."""
    return f"Copie imprimée par {user.first_name} {user.last_name} le {timezone.localdate():%d/%m/%Y} à"


@pytest.fixture
def author(worker):
    """The file's social worker, who writes its reports."""
    return worker


@pytest.fixture
def security_officer(db):
    return UserFactory(first_name="Sophie", last_name="Gilles", role=Role.SECURITY_OFFICER)


@pytest.fixture
def committee_member(file):
    """A councillor who has the file on the agenda of their next meeting."""
    member = UserFactory(first_name="Marc", last_name="Hubert", role=Role.COMMITTEE_MEMBER)
    put_on_agenda(file, member)
    return member


@pytest.fixture
def person(db):
    return PersonFactory(last_name="Lefèvre", first_names="Hélène", phone="065 12 34 56")


@pytest.fixture
def file(team, person, author):
    file = SocialFileFactory(team=team, beneficiary=person, primary_worker=author, reference="2026/00042")
    Address.objects.create(
        person=person,
        street="Rue de Nimy",
        number="12",
        postal_code="7000",
        city="Mons",
        valid_from="2020-03-01",
        valid_to="2024-06-30",
    )
    Address.objects.create(
        person=person,
        street="Rue d'Havré",
        number="8",
        postal_code="7000",
        city="Mons",
        valid_from="2024-07-01",
    )
    BankAccount.objects.create(
        person=person,
        iban="BE71096123456769",
        holder="Hélène Lefèvre",
        valid_from="2024-01-01",
        is_payment_account=True,
    )
    return file


@pytest.fixture
def team_report(file, author):
    return Report.objects.create(
        file=file,
        kind=Report.Kind.SOCIAL_REPORT,
        title="Enquête sociale initiale",
        body="<p>Ménage de deux enfants, loyer de 650 euros.</p>",
        author=author,
    )


@pytest.fixture
def restricted_note(file, author):
    return Report.objects.create(
        file=file,
        kind=Report.Kind.NOTE,
        title="Confidence sur la santé",
        body="<p>Suivi psychiatrique évoqué.</p>",
        author=author,
        confidentiality=Report.Confidentiality.RESTRICTED,
    )
