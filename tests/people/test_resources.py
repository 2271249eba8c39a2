"""Resources (income) of the household: asked once, kept as dated history, every change audited and shown."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from files.models import FileEvent
from people.models import HouseholdMember, Resource
from tests.factories import PersonFactory
from tests.login import verified_login
from tests.people.helpers import field_error, form_data, typed_value, url

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


@pytest.fixture
def partner(beneficiary):
    member = PersonFactory(last_name="Lambert", first_names="Marc")
    HouseholdMember.objects.create(person=beneficiary, member=member, relation="partner")
    return member


@pytest.fixture
def salary(beneficiary):
    return Resource.objects.create(
        person=beneficiary,
        kind=Resource.Kind.SALARY,
        monthly_amount=Decimal("1100.00"),
        since=datetime.date(2025, 3, 1),
        source=Resource.Source.DOCUMENT,
    )


def posted(**changes) -> dict:
    data = {
        "kind": "unemployment",
        "monthly_amount": "1.314,20",
        "since": "01/02/2026",
        "until": "",
        "source": "bcss",
        "note": "",
    }
    return {**data, **changes}


def test_a_resource_is_recorded_audited_put_on_the_timeline_and_counted(
    as_worker, worker, social_file, beneficiary
):
    response = as_worker.post(url("resource_add", social_file), posted(person=beneficiary.pk))
    assert response.status_code == 302
    resource = Resource.objects.get(person=beneficiary)
    assert resource.monthly_amount == Decimal("1314.20")
    assert resource.since == datetime.date(2026, 2, 1) and resource.until is None

    audit = AuditEvent.objects.get(verb="create", target_type="people.resource")
    assert audit.user == worker and audit.file_id == social_file.pk and audit.person_id == beneficiary.pk
    assert audit.detail["changes"]["monthly_amount"] == [None, "1314.20"]
    assert audit.detail["changes"]["kind"] == [None, "unemployment"]

    event = FileEvent.objects.get(file=social_file, kind=FileEvent.Kind.RESOURCE)
    assert event.summary == "DUPONT Marie : Allocations de chômage, 1.314,20 € par mois depuis le 01/02/2026"
    assert event.author == worker

    page = text(as_worker.get(url("resources", social_file)))
    assert "Allocations de chômage" in page and "BCSS" in page
    assert "Total mensuel net du ménage au" in page and "1.314,20 €" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"monthly_amount": "0"}, "monthly_amount", "Le montant mensuel doit être supérieur à 0 €"),
        ({"monthly_amount": "-50,00"}, "monthly_amount", "Le montant mensuel doit être supérieur à 0 €"),
        ({"monthly_amount": "mille"}, "monthly_amount", "Montant non valable : tapez-le en euros"),
        ({"monthly_amount": ""}, "monthly_amount", "Indiquez le montant mensuel net."),
        ({"until": "31/01/2026"}, "until", "La fin (31/01/2026) ne peut pas précéder le début (01/02/2026)."),
        ({"since": "31/02/2026"}, "since", "Le 31/02/2026 n'existe pas : vérifiez le jour et le mois."),
        ({"since": "31-02-2026"}, "since", "Date non valable : tapez-la sous la forme jj/mm/aaaa"),
        ({"since": "3/13/2026"}, "since", "Le 3/13/2026 n'existe pas : vérifiez le jour et le mois."),
        ({"kind": "other"}, "note", "Pour une ressource « Autre », précisez sa nature dans la remarque."),
        ({"kind": ""}, "kind", "Choisissez la nature de la ressource."),
        ({"source": ""}, "source", "Indiquez d'où vient l'information"),
    ],
)
def test_bad_input_is_explained_in_french_beside_the_field_and_what_was_typed_is_kept(
    as_worker, social_file, beneficiary, changes, field, message
):
    data = posted(person=beneficiary.pk, note="Contrat ALE, voir fiche de paie", **changes)
    if changes.get("kind") == "other":
        data["note"] = ""
    response = as_worker.post(url("resource_add", social_file), data)
    assert response.status_code == 200
    assert message in field_error(response, field)
    assert "Le formulaire n'a pas été enregistré" in text(response)
    for name in ("monthly_amount", "since", "until", "note"):
        assert typed_value(response, name) == data[name], name
    assert typed_value(response, "kind") == data["kind"]
    assert not Resource.objects.exists()
    assert not FileEvent.objects.filter(kind=FileEvent.Kind.RESOURCE).exists()


def test_ending_a_resource_keeps_it_in_the_history_and_leaves_a_trace(
    as_worker, worker, social_file, beneficiary, salary
):
    form = as_worker.get(url("resource_end", social_file, salary.pk))
    assert "1.100,00 € par mois depuis le 01/03/2025" in text(form)
    response = as_worker.post(url("resource_end", social_file, salary.pk), {"until": "30/09/2026"})
    assert response.status_code == 302
    salary.refresh_from_db()
    assert salary.until == datetime.date(2026, 9, 30)
    assert Resource.objects.filter(person=beneficiary).count() == 1  # kept, not deleted

    audit = AuditEvent.objects.get(verb="update", target_type="people.resource", target_id=str(salary.pk))
    assert audit.detail["changes"] == {"until": [None, "2026-09-30"]}
    assert audit.user == worker and audit.file_id == social_file.pk
    event = FileEvent.objects.get(file=social_file, kind=FileEvent.Kind.RESOURCE)
    assert (
        event.summary == "DUPONT Marie : fin de la ressource « Salaire » (1.100,00 € par mois) le 30/09/2026"
    )

    page = BeautifulSoup(as_worker.get(url("resources", social_file)).content, "html.parser")
    former = page.select("tr.former-row")
    assert len(former) == 1 and "jusqu'au 30/09/2026" in former[0].get_text(" ")
    assert "0,00 €" in page.find(id="household-total").get_text()
    # Already ended: the end form sends back to the list, and the service refuses a second end.
    again = as_worker.post(url("resource_end", social_file, salary.pk), {"until": "31/10/2026"})
    assert "a déjà pris fin le 30/09/2026" in text(again)
    salary.refresh_from_db()
    assert salary.until == datetime.date(2026, 9, 30)


def test_an_end_before_the_start_is_refused_in_french(as_worker, social_file, salary):
    response = as_worker.post(url("resource_end", social_file, salary.pk), {"until": "28/02/2025"})
    assert "ne peut pas précéder le début de la ressource, le 01/03/2025" in field_error(response, "until")
    assert typed_value(response, "until") == "28/02/2025"
    salary.refresh_from_db()
    assert salary.until is None


def test_a_new_amount_is_a_new_row_and_history_shows_both(as_worker, social_file, beneficiary, salary):
    as_worker.post(url("resource_end", social_file, salary.pk), {"until": "31/08/2026"})
    as_worker.post(
        url("resource_add", social_file),
        posted(
            person=beneficiary.pk, kind="salary", monthly_amount="1250", since="01/09/2026", source="document"
        ),
    )
    rows = Resource.objects.filter(person=beneficiary).order_by("since")
    assert [(r.monthly_amount, r.until) for r in rows] == [
        (Decimal("1100.00"), datetime.date(2026, 8, 31)),
        (Decimal("1250.00"), None),
    ]
    page = BeautifulSoup(as_worker.get(url("resources", social_file)).content, "html.parser")
    assert "1.250,00 €" in page.find(id="household-total").get_text()
    assert "1.100,00 €" in page.select_one("tr.former-row").get_text()


def test_a_correction_is_audited_with_the_old_and_the_new_values(
    as_worker, worker, social_file, beneficiary, salary
):
    form = as_worker.get(url("resource_correct", social_file, salary.pk))
    assert typed_value(form, "monthly_amount") == "1100,00"
    data = {**form_data(form), "monthly_amount": "1.010,50", "note": "Fiche de paie d'octobre"}
    assert as_worker.post(url("resource_correct", social_file, salary.pk), data).status_code == 302
    salary.refresh_from_db()
    assert salary.monthly_amount == Decimal("1010.50") and salary.version == 2

    audit = AuditEvent.objects.get(verb="update", target_type="people.resource")
    assert audit.detail["changes"] == {
        "monthly_amount": ["1100.00", "1010.50"],
        "note": ["", "Fiche de paie d'octobre"],
    }
    event = FileEvent.objects.get(file=social_file, kind=FileEvent.Kind.RESOURCE)
    assert event.summary.startswith("DUPONT Marie : ressource « Salaire » corrigée (montant mensuel net")


def test_a_correction_made_meanwhile_by_a_colleague_is_not_overwritten(
    client, worker, colleague, social_file, salary
):
    verified_login(client, worker)
    mine = form_data(client.get(url("resource_correct", social_file, salary.pk)))
    other = Client()
    verified_login(other, colleague)
    theirs = form_data(other.get(url("resource_correct", social_file, salary.pk)))
    other.post(url("resource_correct", social_file, salary.pk), {**theirs, "monthly_amount": "1150"})

    response = client.post(url("resource_correct", social_file, salary.pk), {**mine, "monthly_amount": "990"})
    assert response.status_code == 409
    assert "Un(e) collègue a modifié cette ressource" in text(response)
    assert "1.150,00 €" in text(response)
    assert typed_value(response, "monthly_amount") == "990"
    salary.refresh_from_db()
    assert salary.monthly_amount == Decimal("1150.00")


def test_the_household_total_counts_current_members_only(
    as_worker, social_file, beneficiary, partner, salary
):
    response = as_worker.get(url("resource_add", social_file) + f"?personne={partner.pk}")
    assert typed_value(response, "person") == str(partner.pk)
    data = posted(person=partner.pk, kind="sickness", monthly_amount="950,00", source="document")
    assert as_worker.post(url("resource_add", social_file), data).status_code == 302
    assert Resource.objects.get(kind="sickness").person == partner

    page = BeautifulSoup(as_worker.get(url("resources", social_file)).content, "html.parser")
    assert "2.050,00 €" in page.find(id="household-total").get_text()  # 1.100 + 950
    assert "LAMBERT Marc" in page.get_text()

    HouseholdMember.objects.filter(member=partner).update(until=datetime.date(2026, 10, 1))
    page = BeautifulSoup(as_worker.get(url("resources", social_file)).content, "html.parser")
    assert "1.100,00 €" in page.find(id="household-total").get_text()
    assert "LAMBERT Marc" not in page.get_text()


def test_the_summary_page_shows_the_household_resources(as_worker, social_file, salary):
    page = text(as_worker.get(reverse("files:detail", args=[social_file.pk])))
    assert "Salaire 1.100,00 €" in page
    assert "Total mensuel net du ménage : 1.100,00 €" in page


def test_a_resource_cannot_be_given_to_someone_outside_the_household(as_worker, social_file):
    stranger = PersonFactory()
    response = as_worker.post(url("resource_add", social_file), posted(person=stranger.pk))
    assert response.status_code == 200
    assert field_error(response, "person")
    assert not Resource.objects.exists()


def test_a_worker_of_another_team_gets_404_and_changes_nothing(
    client, other_team_worker, social_file, beneficiary, salary
):
    verified_login(client, other_team_worker)
    for name, args in [("resources", []), ("resource_add", []), ("resource_correct", [salary.pk])]:
        assert client.get(url(name, social_file, *args)).status_code == 404
    assert client.post(url("resource_add", social_file), posted(person=beneficiary.pk)).status_code == 404
    assert (
        client.post(url("resource_end", social_file, salary.pk), {"until": "30/09/2026"}).status_code == 404
    )
    salary.refresh_from_db()
    assert salary.until is None and Resource.objects.count() == 1


def test_a_role_that_reads_but_may_not_edit_sees_no_button_and_gets_403(
    client, payment_clerk, social_file, beneficiary, salary
):
    verified_login(client, payment_clerk)
    page = client.get(url("resources", social_file))
    assert page.status_code == 200 and "1.100,00 €" in text(page)
    assert "Ajouter une ressource" not in text(page) and "Corriger" not in text(page)
    assert client.post(url("resource_add", social_file), posted(person=beneficiary.pk)).status_code == 403
    assert (
        client.post(url("resource_end", social_file, salary.pk), {"until": "30/09/2026"}).status_code == 403
    )
    salary.refresh_from_db()
    assert salary.until is None and Resource.objects.count() == 1


def test_reading_the_resources_is_in_the_audit_trail(as_worker, worker, social_file):
    as_worker.get(url("resources", social_file))
    assert AuditEvent.objects.filter(
        user=worker, verb="view", file_id=social_file.pk, detail__section="resources"
    ).exists()
