"""Required documents as catalogue rows: what aid 0008 made of the old lines, and how it maps a line."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from access.roles import Role
from aid.models import AidType, RequiredDocument
from audit.models import AuditEvent
from documents.models import DocumentType
from tests.aid.test_admin import form_data
from tests.factories import UserFactory
from tests.login import verified_login

pytestmark = pytest.mark.django_db
migration = importlib.import_module("aid.migrations.0008_required_documents")


def rows(code: str) -> list[tuple[str, str, bool]]:
    requirements = AidType.objects.get(code=code).requirements.select_related("document_type")
    return [(r.document_type.code, r.note, r.per_request) for r in requirements]


def test_the_shipped_lines_became_rows_pointing_at_document_types():
    ri = rows("ri")
    assert ri[0] == ("identity_card", "Carte d'identité ou titre de séjour", False)
    assert ("bank_statement", "Extraits de compte des trois derniers mois", True) in ri
    assert ("residence_proof", "Contrat de bail ou preuve de la résidence effective", False) in ri
    household = DocumentType.objects.get(label="Composition de ménage")
    assert household.code == "composition_de_menage" and household.default_confidentiality == "team"
    assert (household.code, "", False) in ri
    resources = next(r for r in ri if r[0].startswith("preuves_des_ressources"))
    assert resources[2], "a proof of the last three months is joined to each request"
    assert len(ri) == 6
    assert rows("rent_guarantee")[1] == ("lease", "Projet de bail signé par le bailleur", True)
    # The default types carry the agreed labels, whichever of aid 0008 and documents 0002 made them.
    assert DocumentType.objects.get(code="identity_card").label == "Carte d'identité"
    assert DocumentType.objects.get(code="energy_bill").label == "Facture d'énergie"


def test_a_line_is_mapped_by_label_else_a_type_is_created_once():
    aid_type = AidType.objects.create(code="test-docs", label="Aide test")
    DocumentType.objects.get_or_create(code="medical_certificate", defaults={"label": "Certificat médical"})
    types = migration._Types(DocumentType)
    lines = ["CERTIFICAT MEDICAL", "Attestation du syndic", "Certificat médical", "Attestation du syndic"]
    migration.add_rows(RequiredDocument, types, aid_type, lines)
    got = rows("test-docs")
    assert got == [("medical_certificate", "", False), ("attestation_du_syndic", "", False)]
    created = DocumentType.objects.get(code="attestation_du_syndic")
    assert created.label == "Attestation du syndic" and created.default_confidentiality == "team"
    # A second aid naming the same new line finds the created type instead of making another one.
    other = AidType.objects.create(code="test-docs-2", label="Autre aide test")
    migration.add_rows(RequiredDocument, migration._Types(DocumentType), other, ["attestation du syndic"])
    assert rows("test-docs-2") == [("attestation_du_syndic", "", False)]
    assert DocumentType.objects.filter(label__iexact="attestation du syndic").count() == 1


def test_a_new_code_never_takes_an_existing_one():
    DocumentType.objects.create(code="fiche_fiscale", label="Autre chose")
    aid_type = AidType.objects.create(code="test-docs", label="Aide test")
    migration.add_rows(RequiredDocument, migration._Types(DocumentType), aid_type, ["Fiche fiscale"])
    assert rows("test-docs") == [("fiche_fiscale_2", "", False)]


def test_installing_the_catalogue_again_changes_nothing():
    before = {code: rows(code) for code in ("ri", "recup_ri", "amu")}
    migration.install(apps, None)
    assert {code: rows(code) for code in ("ri", "recup_ri", "amu")} == before


def test_the_admin_edits_the_required_documents_inline_and_the_change_is_audited(client):
    verified_login(client, UserFactory(role=Role.ADMIN.value))
    ri = AidType.objects.get(code="ri")
    url = reverse("admin:aid_aidtype_change", args=[ri.pk])
    page = client.get(url)
    assert "Pièces requises" in page.content.decode()
    data = form_data(page)
    index = data["requirements-TOTAL_FORMS"]
    pay_slip, _ = DocumentType.objects.get_or_create(code="pay_slip", defaults={"label": "Fiche de paie"})
    data["requirements-TOTAL_FORMS"] = index + 1
    data.update(
        {
            f"requirements-{index}-document_type": pay_slip.pk,
            f"requirements-{index}-note": "Les trois dernières",
            f"requirements-{index}-per_request": "on",
            f"requirements-{index}-position": 90,
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert ("pay_slip", "Les trois dernières", True) in rows("ri")
    event = AuditEvent.objects.get(
        target_type="aid.aidtype", target_id=str(ri.pk), verb=AuditEvent.Verb.UPDATE
    )
    old, new = event.detail["changes"]["required_documents"]
    assert "pay_slip (à chaque demande): Les trois dernières" in new and len(new) == len(old) + 1
