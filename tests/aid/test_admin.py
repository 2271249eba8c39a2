"""The catalogue and the courts are edited in the French administration by the admin role only, audited."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from access.roles import Role
from aid.amounts import amount_on
from aid.models import AidAmount, AidType, CourtDivision, JudicialCanton
from aid.rules import Exemption
from audit.models import AuditEvent
from tests.factories import UserFactory
from tests.login import verified_login

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def admin_client(client):
    return verified_login(client, UserFactory(role=Role.ADMIN.value))


def form_data(response) -> dict:
    """What the browser would send back for the admin page as shown: the main form and its inline rows."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is True:
                data[form[name].html_name] = "on"
            elif value not in (None, False):
                data[form[name].html_name] = value
    return data


def add_amount_row(data, index, **fields):
    data["amounts-TOTAL_FORMS"] = index + 1
    data.update({f"amounts-{index}-{name}": value for name, value in fields.items()})


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_other_roles_cannot_open_the_catalogue(client, role):
    verified_login(client, UserFactory(role=role.value))
    ri = AidType.objects.get(code="ri")
    for url in (
        reverse("admin:aid_aidtype_changelist"),
        reverse("admin:aid_aidtype_change", args=[ri.pk]),
        reverse("admin:aid_courtdivision_changelist"),
        reverse("admin:aid_judicialcanton_changelist"),
        reverse("admin:aid_exemption_changelist"),
        reverse("admin:aid_resourcerule_changelist"),
        reverse("admin:aid_householdrule_changelist"),
    ):
        assert client.get(url).status_code in (302, 403), url


def test_the_admin_role_sees_the_catalogue_in_french(admin_client):
    page = admin_client.get(reverse("admin:aid_aidtype_changelist")).content.decode()
    assert "Revenu d&#x27;intégration" in page and "Garantie locative" in page
    index = admin_client.get(reverse("admin:index")).content.decode()
    assert "Types d’aide" in index or "Types d&#x27;aide" in index
    assert "Tribunaux du travail" in index and "Cantons judiciaires" in index
    cantons = admin_client.get(reverse("admin:aid_judicialcanton_changelist") + "?q=7870").content.decode()
    assert "Mons et Dour-Colfontaine" in cantons  # found by a postal code of one of its communes


def test_an_indexation_closing_the_old_amount_is_saved_and_audited(admin_client):
    ri = AidType.objects.get(code="ri")
    url = reverse("admin:aid_aidtype_change", args=[ri.pk])
    data = form_data(admin_client.get(url))
    old = next(k for k, v in data.items() if k.endswith("-amount") and str(v) == "1340.49")
    data[old.replace("-amount", "-valid_to")] = "2026-09-30"
    add_amount_row(
        data,
        data["amounts-TOTAL_FORMS"],
        category=ri.categories.get(code="isole").pk,
        valid_from="2026-10-01",
        amount="1367.30",
        source="Tableau des montants RI (test)",
        source_date="2026-10-01",
        verified="on",
    )
    data["opinion_delay_days"] = 7

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    isole = ri.categories.get(code="isole")
    assert amount_on(ri, isole, D(2026, 9, 30)) == Decimal("1340.49")
    assert amount_on(ri, isole, D(2026, 10, 1)) == Decimal("1367.30")
    new = AidAmount.objects.get(aid_type=ri, category=isole, valid_from=D(2026, 10, 1))
    assert (new.source, new.source_date, new.verified) == (
        "Tableau des montants RI (test)",
        D(2026, 10, 1),
        True,
    )
    events = AuditEvent.objects.filter(
        target_type="aid.aidtype", target_id=str(ri.pk), verb=AuditEvent.Verb.UPDATE
    )
    changes = {field: values for event in events for field, values in event.detail["changes"].items()}
    assert changes["opinion_delay_days"] == [5, 7]
    old_amounts, new_amounts = changes["amounts"]
    assert "isole 01/03/2026- 1340.49 (non vérifié)" in old_amounts
    assert "isole 01/03/2026-30/09/2026 1340.49 (non vérifié)" in new_amounts
    assert "isole 01/10/2026- 1367.30" in new_amounts


def test_an_amount_overlapping_another_is_refused_and_nothing_is_saved(admin_client):
    ri = AidType.objects.get(code="ri")
    url = reverse("admin:aid_aidtype_change", args=[ri.pk])
    data = form_data(admin_client.get(url))
    add_amount_row(
        data,
        data["amounts-TOTAL_FORMS"],
        category=ri.categories.get(code="isole").pk,
        valid_from="2026-06-01",
        amount="1340.48",
    )
    events = AuditEvent.objects.count()

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "chevauche le montant de 1.340,49 €" in response.content.decode()
    assert AidAmount.objects.filter(aid_type=ri).count() == 6
    assert AuditEvent.objects.count() == events


def test_a_moved_court_seat_is_a_new_audited_row(admin_client):
    url = reverse("admin:aid_courtdivision_add")
    data = {
        "court": "Tribunal du travail du Hainaut",
        "division": "division de Mons",
        "street": "rue des Trois Boudins 1",
        "postal_code": "7000",
        "city": "Mons",
        "hearing_place": "",
        "valid_from": "2027-01-01",
        "source": "Synthetic test source",
    }
    assert admin_client.post(url, data).status_code == 302
    court = CourtDivision.objects.get(street="rue des Trois Boudins 1")
    event = AuditEvent.objects.get(target_type="aid.courtdivision", target_id=str(court.pk))
    assert event.verb == AuditEvent.Verb.CREATE
    assert event.detail["changes"]["street"] == [None, "rue des Trois Boudins 1"]


def test_the_legal_service_completes_a_canton_bad_postal_codes_explained_and_audited(admin_client):
    canton = JudicialCanton.objects.get(name="Mons et Dour-Colfontaine")
    url = reverse("admin:aid_judicialcanton_change", args=[canton.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {f: form.initial.get(f) or "" for f in ["name", "court", "division", "valid_from", "source"]}
    data["valid_from"] = "2020-01-01"
    data["valid_to"] = ""
    rows = list(canton.communes.order_by("commune"))
    data |= {
        "communes-TOTAL_FORMS": str(len(rows) + 1),
        "communes-INITIAL_FORMS": str(len(rows)),
        "communes-MIN_NUM_FORMS": "0",
        "communes-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data |= {
            f"communes-{i}-id": str(row.pk),
            f"communes-{i}-canton": str(canton.pk),
            f"communes-{i}-commune": row.commune,
            f"communes-{i}-postal_codes": row.postal_codes,
            f"communes-{i}-localities": row.localities,
        }
    new = len(rows)
    data |= {f"communes-{new}-canton": str(canton.pk), f"communes-{new}-commune": "Nouvelle"}
    data[f"communes-{new}-postal_codes"] = "7998, Nouvelle"
    refused = admin_client.post(url, data)
    assert "« Nouvelle » n&#x27;est ni un code postal" in refused.content.decode()

    data[f"communes-{new}-postal_codes"] = "7998"
    assert admin_client.post(url, data).status_code == 302
    event = AuditEvent.objects.filter(target_type="aid.judicialcanton", target_id=str(canton.pk)).last()
    assert any("Nouvelle: 7998" in line for line in event.detail["changes"]["communes"][1])


def test_aid_types_and_courts_are_never_deleted(admin_client):
    ri = AidType.objects.get(code="ri")
    court = CourtDivision.objects.get(division="division de Mons")
    assert admin_client.get(reverse("admin:aid_aidtype_delete", args=[ri.pk])).status_code == 403
    assert admin_client.get(reverse("admin:aid_courtdivision_delete", args=[court.pk])).status_code == 403


def test_an_amount_is_given_to_a_category_of_the_aid_type_on_screen(admin_client):
    ri = AidType.objects.get(code="ri")
    response = admin_client.get(reverse("admin:aid_aidtype_change", args=[ri.pk]))
    select = re.search(r'<select name="amounts-0-category".*?</select>', response.content.decode(), re.S)[0]
    offered = {int(pk) for pk in re.findall(r'<option value="(\d+)"', select)}
    assert offered == set(ri.categories.values_list("pk", flat=True))
    assert "famille à charge" in select


def test_the_computation_rules_are_edited_in_the_administration_with_their_source_and_audited(admin_client):
    isp = Exemption.objects.get(kind="socio_professional", valid_to__isnull=True)
    url = reverse("admin:aid_exemption_change", args=[isp.pk])
    page = admin_client.get(url).content.decode()
    assert "Exonération socioprofessionnelle (art. 35)" in page and "NON VÉRIFIÉ" in page
    data = form_data(admin_client.get(url)) | {"monthly_amount": "315.70", "verified": "on"}
    assert admin_client.post(url, data).status_code == 302
    isp.refresh_from_db()
    assert (isp.monthly_amount, isp.verified) == (Decimal("315.70"), True)
    event = AuditEvent.objects.get(target_type="aid.exemption", target_id=str(isp.pk))
    assert event.detail["changes"]["monthly_amount"] == ["315.67", "315.70"]
    for name in ("resourcerule", "householdrule", "exemption"):
        assert admin_client.get(reverse(f"admin:aid_{name}_changelist")).status_code == 200
