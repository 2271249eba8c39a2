"""A revenu d'intégration request in a Mons file, and the catalogue rows a proposal reads."""

import datetime
from decimal import Decimal

import pytest

from access.roles import Role
from aid.models import AidAmount, AidCategory, AidType
from files import services as file_services
from files.models import AidRequest
from people.models import Address, BankAccount
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from workflow import proposals

RI_LEGAL_BASIS = "Loi du 26 mai 2002 concernant le droit à l'intégration sociale, articles 3 et 14."
RI_MOTIVATION = "La personne réside en Belgique, est majeure et ne dispose pas de ressources suffisantes."


def ri_type() -> AidType:
    """The revenu d'intégration as the shipped catalogue has it (update_or_create: it may exist already)."""
    ri, _ = AidType.objects.update_or_create(
        code="ri",
        defaults={
            "label": "Revenu d'intégration",
            "legal_basis": RI_LEGAL_BASIS,
            "default_motivation": RI_MOTIVATION,
            "payment": AidType.Payment.MONTHLY,
            "right_to_be_heard": True,
            "registers_with_spp": True,
            "active": True,
        },
    )
    for position, (code, label, amount, indexed) in enumerate(
        [
            ("cohabitant", "cohabitant", "876.13", "893.66"),
            ("isole", "isolé", "1314.20", "1340.49"),
            ("famille", "famille à charge", "1776.07", "1811.59"),
        ]
    ):
        category, _ = AidCategory.objects.update_or_create(
            aid_type=ri, code=code, defaults={"label": label, "position": position}
        )
        AidAmount.objects.filter(aid_type=ri, category=category).delete()
        AidAmount.objects.create(
            aid_type=ri,
            category=category,
            valid_from=datetime.date(2025, 2, 1),
            valid_to=datetime.date(2026, 2, 28),
            amount=Decimal(amount),
        )
        AidAmount.objects.create(
            aid_type=ri, category=category, valid_from=datetime.date(2026, 3, 1), amount=Decimal(indexed)
        )
    return ri


@pytest.fixture
def ri(db):
    return ri_type()


@pytest.fixture
def isole(ri):
    return ri.categories.get(code="isole")


@pytest.fixture
def team(db):
    return TeamFactory(
        name="Antenne Mons-Centre", address="rue de la Biche 13, 7000 Mons", phone="065 41 23 00"
    )


@pytest.fixture
def worker(team):
    return UserFactory(first_name="Amélie", last_name="Lambert", role=Role.SOCIAL_WORKER, teams=[team])


@pytest.fixture
def head(team):
    return UserFactory(first_name="Claire", last_name="Renard", role=Role.HEAD_SOCIAL_WORKER, teams=[team])


@pytest.fixture
def legal_officer(db):
    return UserFactory(first_name="Gilles", last_name="Hainaut", role=Role.LEGAL_OFFICER)


@pytest.fixture
def file(team, worker):
    person = PersonFactory(last_name="Dubois", first_names="Marie")
    Address.objects.create(
        person=person,
        street="rue de Nimy",
        number="12",
        postal_code="7000",
        city="Mons",
        valid_from=datetime.date(2020, 1, 1),
    )
    BankAccount.objects.create(
        person=person,
        iban="BE71096123456769",
        holder="Marie Dubois",
        valid_from="2024-01-01",
        is_payment_account=True,
    )
    return SocialFileFactory(team=team, primary_worker=worker, beneficiary=person, reference="2026/00042")


@pytest.fixture
def ri_request(file, worker, ri):
    return file_services.add_request(
        actor=worker,
        file=file,
        aid=AidRequest.Aid.RI,
        channel=AidRequest.Channel.DESK,
        requested_on=datetime.date(2026, 3, 2),
        details="",
    )


def complete_data(ri, category, **overrides) -> dict:
    """Every field of an RI proposal for an isolated person, as a service receives them."""
    data = {
        "aid_type": ri,
        "category": category,
        "granted": True,
        "amount": Decimal("1340.49"),
        "computation": "Taux isolé : 1.340,49 € par mois.",
        "start_on": datetime.date(2026, 3, 2),
        "end_on": None,
        "periodicity": "monthly",
        "first_payment_on": datetime.date(2026, 3, 5),
        "conditions": "Rechercher activement un emploi.",
        "piis": True,
        "motivation_facts": RI_MOTIVATION,
        "motivation_law": RI_LEGAL_BASIS,
        "heard_informed_on": datetime.date(2026, 3, 2),
    }
    return data | overrides


@pytest.fixture
def proposal(worker, ri_request, ri, isole):
    return proposals.create_proposal(actor=worker, request=ri_request, data=complete_data(ri, isole))


def form_data(proposal, **overrides) -> dict:
    """The proposal form as a browser posts it."""
    data = {
        "version": proposal.version,
        "aid_type": proposal.aid_type_id,
        "category": proposal.category_id or "",
        "granted": str(proposal.granted),
        "amount": f"{proposal.amount:.2f}".replace(".", ",") if proposal.amount is not None else "",
        "computation": proposal.computation,
        "start_on": proposal.start_on.strftime("%d/%m/%Y") if proposal.start_on else "",
        "end_on": proposal.end_on.strftime("%d/%m/%Y") if proposal.end_on else "",
        "periodicity": proposal.periodicity,
        "first_payment_on": proposal.first_payment_on.strftime("%d/%m/%Y")
        if proposal.first_payment_on
        else "",
        "amount_override_reason": proposal.amount_override_reason,
        "conditions": proposal.conditions,
        "motivation_facts": proposal.motivation_facts,
        "motivation_law": proposal.motivation_law,
        "heard_informed_on": proposal.heard_informed_on.strftime("%d/%m/%Y")
        if proposal.heard_informed_on
        else "",
    }
    if proposal.piis:
        data["piis"] = "on"
    if proposal.socio_professional:
        data["socio_professional"] = "on"
    return data | overrides
