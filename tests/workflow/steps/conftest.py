"""A Mons-Centre file with a request, an aid type that pays monthly, and the people who act on it.

The file screens' people (tests.files.conftest) rather than the proposal tests' ones one folder up.
"""

import datetime
from decimal import Decimal

import pytest

from access.roles import Role
from aid.models import AidCategory, AidType
from documents.models import Document
from files.models import AidRequest, Report
from people.models import Address
from tests.factories import UserFactory
from tests.files.conftest import client_for, colleague, file, head, other_team, outsider, team, worker
from workflow.declaration import State
from workflow.models import Proposal


@pytest.fixture
def aid_type(db):
    """A monthly aid with no mandatory opinion and no hearing, so that every step can be taken."""
    return AidType.objects.create(
        code="test-aid", label="Aide financière test", payment=AidType.Payment.MONTHLY, opinion_delay_days=5
    )


@pytest.fixture
def file(file):
    """The file screens' file, with the current address its notification needs (court, letter)."""
    Address.objects.create(
        person=file.beneficiary,
        street="Rue de Nimy",
        number="12",
        postal_code="7000",
        city="Mons",
        valid_from=datetime.date(2020, 1, 1),
    )
    return file


def write_inquiry(file, author, day=datetime.date(2026, 11, 3)) -> None:
    """The social inquiry a request needs before its proposal is submitted: a home visit, a social report."""
    for kind, title in (
        (Report.Kind.HOME_VISIT, "Visite à domicile"),
        (Report.Kind.SOCIAL_REPORT, "Rapport"),
    ):
        Report.objects.create(
            file=file, kind=kind, title=title, body="<p>Enquête.</p>", written_on=day, author=author
        )


@pytest.fixture
def request_(file, worker):
    write_inquiry(file, worker)
    return AidRequest.objects.create(
        file=file, aid="financial", requested_on=datetime.date(2026, 11, 2), registered_by=worker
    )


def provide_documents(request, aid_type, author) -> list[Document]:
    """A document of each type `aid_type` requires, joined to `request` (files.checklist: all present)."""
    return [
        Document.objects.create(
            file=request.file,
            request=request,
            type=r.document_type,
            title=r.document_type.label,
            author=author,
        )
        for r in aid_type.requirements.select_related("document_type")
    ]


def make_proposal(file, request_, author, aid_type, state=State.DRAFT, *, documents=True, **fields):
    """A proposal of `aid_type` for `request_`, its required documents joined to the request unless
    `documents` is False."""
    values = {
        "granted": True,
        "amount": Decimal("500.00"),
        "computation": "500,00 € par mois",
        "start_on": datetime.date(2026, 11, 2),
        "periodicity": Proposal.Periodicity.MONTHLY,
        "first_payment_on": datetime.date(2026, 11, 5),
        "motivation_facts": "La personne n'a pas de revenus.",
        "motivation_law": "Article 1er de la loi organique.",
        "heard_informed_on": datetime.date(2026, 11, 2),  # a refusal offers a hearing
    }
    if aid_type.piis_rule:  # a new RI beneficiary: the PIIS or, here, a motivated dispensation
        values |= {
            "piis_dispensation": "health",
            "piis_dispensation_reason": "Incapacité de travail attestée.",
        }
    values.update(fields)
    if documents:
        provide_documents(request_, aid_type, author)
    return Proposal.objects.create(
        file=file, request=request_, aid_type=aid_type, author=author, state=state, **values
    )


@pytest.fixture
def proposal(file, request_, worker, aid_type):
    return make_proposal(file, request_, worker, aid_type)


@pytest.fixture
def ri(db):
    """The revenu d'intégration as the catalogue ships it (opinion, hearing, SPP registration)."""
    ri = AidType.objects.get(code="ri")
    return ri, AidCategory.objects.get(aid_type=ri, code="isole")


@pytest.fixture
def people(team, worker, head):
    return {
        "worker": worker,
        "head": head,
        "legal": UserFactory(first_name="Léa", last_name="Juriste", role=Role.LEGAL_OFFICER),
        "secretary": UserFactory(first_name="Sam", last_name="Secrétaire", role=Role.COMMITTEE_SECRETARY),
        "president": UserFactory(first_name="Paul", last_name="Président", role=Role.PRESIDENT),
        "payments": UserFactory(first_name="Pia", last_name="Paiements", role=Role.PAYMENT_CLERK),
        "recovery": UserFactory(first_name="Rémi", last_name="Récup", role=Role.RECOVERY_CLERK),
    }
