"""A request's checklist of required documents (files.checklist), its waivers (files.waivers), its page."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from access.confidentiality import Level
from aid.models import AidType, RequiredDocument
from audit.models import AuditEvent
from documents.models import Document, DocumentType
from files import checklist, waivers
from files.checklist import Status
from files.models import AidRequest, FileEvent, RequirementWaiver
from people.models import HouseholdMember
from tests.factories import PersonFactory
from tests.files.conftest import client_for
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def types(db):
    def get(code, label):
        return DocumentType.objects.get_or_create(code=code, defaults={"label": label})[0]

    return {
        "id": get("identity_card", "Carte d'identité"),
        "pay": get("pay_slip", "Fiche de paie"),
        "lease": get("lease", "Bail"),
    }


@pytest.fixture
def aid_type(types):
    aid_type = AidType.objects.create(code="test-pieces", label="Aide test")
    RequiredDocument.objects.create(aid_type=aid_type, document_type=types["id"], position=1)
    RequiredDocument.objects.create(
        aid_type=aid_type, document_type=types["pay"], position=2, per_request=True, note="3 derniers mois"
    )
    RequiredDocument.objects.create(aid_type=aid_type, document_type=types["lease"], position=3)
    return aid_type


@pytest.fixture
def aid_request(file, worker, aid_type):
    # The code of the aid asked names the catalogue aid whose requirements apply (no proposal yet).
    return AidRequest.objects.create(
        file=file, aid=aid_type.code, requested_on=datetime.date(2026, 11, 2), registered_by=worker
    )


def add(file, author, type_, request=None, **fields):
    return Document.objects.create(
        file=file,
        request=request,
        type=type_,
        title=fields.pop("title", type_.label),
        author=author,
        **fields,
    )


def statuses(aid_request, aid_type):
    lines = checklist.request_checklist(aid_request, aid_type=aid_type)
    return {line.document_type.code: line.status for line in lines}


def test_a_piece_is_present_missing_or_waived(file, worker, aid_request, aid_type, types):
    assert statuses(aid_request, aid_type) == {
        "identity_card": Status.MISSING,
        "pay_slip": Status.MISSING,
        "lease": Status.MISSING,
    }
    add(file, worker, types["id"])  # filed in the file, no request: serves every request
    add(file, worker, types["pay"])  # but a pay slip is joined to each request
    add(file, worker, types["lease"], request=aid_request)
    waivers.waive(
        actor=worker,
        aid_request=aid_request,
        document_type=types["pay"],
        reason="Sans emploi",
        aid_type=aid_type,
    )
    assert statuses(aid_request, aid_type) == {
        "identity_card": Status.PRESENT,
        "pay_slip": Status.WAIVED,
        "lease": Status.PRESENT,
    }
    add(file, worker, types["pay"], request=aid_request)
    assert statuses(aid_request, aid_type)["pay_slip"] == Status.PRESENT  # a document wins over a waiver


def test_documents_of_another_request_another_file_or_a_household_member_do_not_count(
    file, worker, aid_request, aid_type, types
):
    other_request = AidRequest.objects.create(file=file, aid="other", registered_by=worker)
    add(file, worker, types["lease"], request=other_request)
    member = PersonFactory()
    HouseholdMember.objects.create(person=file.beneficiary, member=member, relation="child")
    add(file, worker, types["id"], person=member)
    assert statuses(aid_request, aid_type)["lease"] == Status.MISSING
    assert statuses(aid_request, aid_type)["identity_card"] == Status.MISSING
    add(file, worker, types["id"], person=file.beneficiary)
    assert statuses(aid_request, aid_type)["identity_card"] == Status.PRESENT


def test_the_requirements_follow_the_proposal_else_the_aid_asked(file, worker, types):
    ri = AidType.objects.get(code="ri")
    request = AidRequest.objects.create(file=file, aid="ri", registered_by=worker)
    assert checklist.aid_type_of(request) == ri
    assert [line.document_type.code for line in checklist.request_checklist(request)][0] == "identity_card"
    no_requirements = AidType.objects.create(code="test-none", label="Sans pièce")
    assert checklist.request_checklist(request, aid_type=no_requirements) == []


def test_a_waiver_needs_a_reason_a_required_piece_and_the_right(
    file, worker, outsider, reception, aid_request, aid_type, types
):
    with pytest.raises(ValidationError) as error:
        waivers.waive(actor=worker, aid_request=aid_request, document_type=types["id"], reason="  ")
    assert "motif est requis" in str(error.value)
    other = DocumentType.objects.get_or_create(code="other", defaults={"label": "Autre document"})[0]
    with pytest.raises(ValidationError, match="pas une pièce requise"):
        waivers.waive(
            actor=worker, aid_request=aid_request, document_type=other, reason="x", aid_type=aid_type
        )
    with pytest.raises(PermissionDenied):
        waivers.waive(actor=outsider, aid_request=aid_request, document_type=types["id"], reason="x")
    # The desk registers requests (ADD_REQUEST): it may waive a piece the person cannot bring.
    waiver = waivers.waive(
        actor=reception,
        aid_request=aid_request,
        document_type=types["id"],
        reason="Carte volée",
        aid_type=aid_type,
    )
    with pytest.raises(ValidationError, match="déjà dispensée"):
        waivers.waive(
            actor=worker, aid_request=aid_request, document_type=types["id"], reason="x", aid_type=aid_type
        )
    assert waiver.waived_by == reception


def test_waiving_and_withdrawing_are_audited_and_on_the_timeline(file, worker, aid_request, aid_type, types):
    waiver = waivers.waive(
        actor=worker,
        aid_request=aid_request,
        document_type=types["lease"],
        reason="Hébergée chez sa sœur, sans bail",
        aid_type=aid_type,
    )
    created = AuditEvent.objects.get(target_type="files.requirementwaiver", verb=AuditEvent.Verb.CREATE)
    assert created.file_id == file.pk and created.user == worker
    assert created.detail["changes"]["reason"] == [None, "Hébergée chez sa sœur, sans bail"]
    assert created.detail["document_type"] == "lease"
    event = file.events.filter(kind=FileEvent.Kind.WAIVER).latest("occurred_at")
    assert "Bail" in event.summary and "sans bail" in event.summary
    waivers.withdraw_waiver(actor=worker, waiver=waiver)
    assert not RequirementWaiver.objects.exists()
    deleted = AuditEvent.objects.get(target_type="files.requirementwaiver", verb=AuditEvent.Verb.DELETE)
    assert deleted.detail["changes"]["reason"] == ["Hébergée chez sa sœur, sans bail", None]
    assert "Dispense retirée" in file.events.filter(kind=FileEvent.Kind.WAIVER).latest("occurred_at").summary


def request_url(aid_request):
    return reverse("files:request", kwargs={"pk": aid_request.file_id, "request_pk": aid_request.pk})


def test_the_request_page_shows_the_checklist_and_waives_a_missing_piece(
    file, worker, aid_request, aid_type, types
):
    add(
        file,
        worker,
        types["id"],
        title="Carte d'identité recto verso",
        document_date=datetime.date(2026, 10, 1),
    )
    client = client_for(worker)
    page = client.get(request_url(aid_request)).content.decode()
    document = Document.objects.get(title="Carte d'identité recto verso")
    link = reverse("documents:detail", args=[document.file_id, document.pk])
    assert f'<a href="{link}">Carte d&#x27;identité recto verso</a> (01/10/2026)' in page
    assert "Manquante" in page and "3 derniers mois" in page
    assert f'name="waive_{types["pay"].pk}"' in page and f'name="waive_{types["id"].pk}"' not in page
    response = client.post(
        request_url(aid_request),
        {f"waive_{types['pay'].pk}": "Sans emploi depuis 2024", f"waive_{types['lease'].pk}": ""},
    )
    assert response.status_code == 302
    waiver = RequirementWaiver.objects.get()
    assert (waiver.document_type, waiver.reason, waiver.waived_by) == (
        types["pay"],
        "Sans emploi depuis 2024",
        worker,
    )
    page = client.get(request_url(aid_request)).content.decode()
    assert "Dispensée" in page and "Sans emploi depuis 2024" in page and "Amélie Lambert" in page
    assert client.post(request_url(aid_request), {"withdraw": waiver.pk}).status_code == 302
    assert not RequirementWaiver.objects.exists()


def test_an_empty_waiver_form_is_refused_in_french(file, worker, aid_request, aid_type):
    page = client_for(worker).post(request_url(aid_request), {}).content.decode()
    assert "au moins une pièce" in page and not RequirementWaiver.objects.exists()


def test_who_may_not_waive_sees_the_checklist_without_the_forms(
    file, worker, payment_clerk, aid_request, aid_type
):
    client = client_for(payment_clerk)  # reads every file, writes no proposal and registers no request
    page = client.get(request_url(aid_request)).content.decode()
    assert "Manquante" in page and "waive_" not in page
    assert client.post(request_url(aid_request), {"withdraw": "1"}).status_code == 403


def test_a_document_the_reader_may_not_open_is_present_without_its_title(
    file, worker, colleague, aid_request, aid_type, types
):
    add(file, worker, types["id"], title="Passeport périmé", confidentiality=Level.RESTRICTED)
    page = client_for(colleague).get(request_url(aid_request)).content.decode()
    assert "Présente" in page and "Document confidentiel" in page and "Passeport" not in page
    assert "Passeport périmé" in client_for(worker).get(request_url(aid_request)).content.decode()


def test_the_request_page_costs_the_same_whatever_the_documents_and_waivers(
    file, worker, aid_request, aid_type, types
):
    client = client_for(worker)
    add(file, worker, types["id"])

    def grow():
        for n in range(30):
            extra = DocumentType.objects.create(code=f"piece_{n}", label=f"Pièce {n}")
            RequiredDocument.objects.create(aid_type=aid_type, document_type=extra, position=10 + n)
            add(file, worker, extra, request=aid_request if n % 2 else None)
            if n % 3 == 0:
                waivers.waive(
                    actor=worker,
                    aid_request=aid_request,
                    document_type=extra,
                    reason="Motif",
                    aid_type=aid_type,
                )
        for type_ in types.values():
            add(file, worker, type_, request=aid_request, confidentiality=Level.SEALED)

    assert_constant_queries(lambda: client.get(request_url(aid_request)), grow)


def test_a_line_shows_the_newest_few_documents_of_its_type(file, worker, aid_request, aid_type, types):
    for n in range(checklist.SHOWN + 2):
        add(file, worker, types["id"], title=f"Carte {n}")
    add(file, worker, types["pay"])  # file level: not counted for a piece joined to each request
    lines = checklist.request_checklist(aid_request, aid_type=aid_type)
    assert [d.title for d in lines[0].documents] == [f"Carte {n}" for n in range(checklist.SHOWN + 1, 1, -1)]
    assert lines[1].documents == []
