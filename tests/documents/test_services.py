"""Adding documents and versions, correcting them, and their reading in the background (real PDFs and
images, read back)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage

from audit.models import AuditEvent
from documents import content_store, processing, services
from documents.models import Document, DocumentVersion, StoredContent
from files.models import AidRequest, FileEvent
from tests.documents.conftest import add, born_digital_pdf, committed, photo_png
from tests.factories import SocialFileFactory

pytestmark = pytest.mark.django_db
State = DocumentVersion.OcrState


def test_a_document_is_stored_read_and_recorded(worker, file, lease_type, reader):
    document = add(worker, file, lease_type, document_date=datetime.date(2026, 3, 1))
    document.refresh_from_db()
    version = document.current
    assert (version.number, version.original_name, version.pages) == (1, "bail.pdf", 1)
    assert version.ocr_state == State.NOT_NEEDED and "loyer mensuel" in version.text
    assert content_store.read(version.original) == born_digital_pdf()
    assert version.archived.mime_type == "application/pdf"
    assert content_store.read(version.thumbnail).startswith(b"\x89PNG")
    assert (document.title, document.confidentiality, document.author) == ("Bail", "team", worker)
    event = AuditEvent.objects.get(verb="create", target_type="documents.document")
    assert (event.target_id, event.file_id, event.detail["version"]) == (str(document.pk), file.pk, 1)
    assert file.events.get(kind=FileEvent.Kind.DOCUMENT).summary == "Document ajouté : Bail"


def test_a_medical_certificate_is_restricted_and_the_timeline_does_not_name_it(
    worker, file, medical_type, reader
):
    document = add(worker, file, medical_type, title="Certificat Dr Martin")
    assert document.confidentiality == "restricted"
    summary = file.events.get(kind=FileEvent.Kind.DOCUMENT).summary
    assert "Martin" not in summary and "médical" not in summary


def test_a_photo_becomes_a_pdf_page_for_its_reading(worker, file, lease_type, reader):
    document = add(worker, file, lease_type, data=photo_png(), name="photo.png")
    version = DocumentVersion.objects.get(document=document)
    assert version.original.mime_type == "application/pdf"  # the upload checks made it a PDF page
    assert version.original_name == "photo.png" and version.pages == 1 and version.thumbnail is not None
    assert version.ocr_state in (State.DONE, State.NOT_NEEDED)


def test_a_file_that_is_neither_pdf_nor_image_is_refused_and_nothing_is_kept(
    worker, file, lease_type, reader
):
    with pytest.raises(ValidationError, match="ni un PDF"):
        add(worker, file, lease_type, data=b"<html><script>alert(1)</script></html>", name="bail.pdf")
    with pytest.raises(ValidationError, match="vide"):
        services.add_document(user=worker, file=file, type=lease_type, data=b"", original_name="vide.pdf")
    assert not Document.objects.exists() and not StoredContent.objects.exists()


def test_a_damaged_pdf_is_refused_before_anything_is_kept(worker, file, lease_type, reader):
    with pytest.raises(ValidationError, match="endommagé"):
        add(worker, file, lease_type, data=b"%PDF-1.7 tronque", name="bail.pdf")
    assert not Document.objects.exists() and not StoredContent.objects.exists()


def test_only_who_may_add_documents_to_the_file_adds_them(
    worker, reception, outsider, payment_clerk, mail_clerk, file, lease_type, reader
):
    assert add(reception, file, lease_type).author == reception  # the papers brought to the desk
    assert add(mail_clerk, file, lease_type).author == mail_clerk
    for user in (outsider, payment_clerk):
        with pytest.raises(PermissionDenied):
            add(user, file, lease_type)


def test_the_request_and_person_must_be_the_files(worker, file, lease_type, reader):
    elsewhere = SocialFileFactory(team=file.team)
    foreign = AidRequest.objects.create(file=elsewhere, aid="ri", registered_by=worker)
    with pytest.raises(ValidationError) as error:
        add(worker, file, lease_type, request=foreign)
    assert "request" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        add(worker, file, lease_type, person=elsewhere.beneficiary)
    assert "person" in error.value.error_dict
    own = AidRequest.objects.create(file=file, aid="ri", registered_by=worker)
    document = add(worker, file, lease_type, request=own, person=file.beneficiary)
    assert (document.request, document.person) == (own, file.beneficiary)


def test_a_new_version_replaces_the_document_and_keeps_the_old_one(
    worker, colleague, file, lease_type, reader
):
    document = add(worker, file, lease_type)
    first = document.current
    with committed():
        second = services.add_version(
            user=colleague,
            document=document,
            data=born_digital_pdf("Avenant au bail"),
            original_name="avenant.pdf",
        )
    document.refresh_from_db()
    assert document.current == second and second.number == 2
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    assert content_store.read(first.original) == born_digital_pdf()
    second.refresh_from_db()
    assert "Avenant" in second.text
    assert AuditEvent.objects.filter(verb="update", target_id=str(document.pk), detail__version=2).exists()


def test_a_new_version_needs_to_read_the_document(worker, colleague, reception, file, medical_type, reader):
    document = add(worker, file, medical_type)
    for user in (colleague, reception):
        with pytest.raises(PermissionDenied):
            services.add_version(user=user, document=document, data=born_digital_pdf(), original_name="x.pdf")


def test_a_correction_is_audited_and_the_level_is_the_author_or_heads(
    worker, colleague, head, file, lease_type, reader
):
    document = add(worker, file, lease_type)
    services.change_document(
        user=colleague, document=document, title="Bail 2026", document_date=datetime.date(2026, 1, 1)
    )
    document.refresh_from_db()
    assert document.title == "Bail 2026" and document.document_date == datetime.date(2026, 1, 1)
    change = AuditEvent.objects.filter(verb="update", target_id=str(document.pk)).latest("id")
    assert change.detail["changes"]["title"] == ["Bail", "Bail 2026"]
    with pytest.raises(PermissionDenied):
        services.change_document(user=colleague, document=document, confidentiality="restricted")
    services.change_document(user=head, document=document, confidentiality="restricted")
    document.refresh_from_db()
    assert document.confidentiality == "restricted"
    with pytest.raises(PermissionDenied):  # no longer readable by the colleague
        services.change_document(user=colleague, document=document, title="Autre")


def test_a_failed_reading_keeps_the_document_says_why_and_can_be_run_again(worker, file, lease_type, reader):
    reader.fail_with = "La page 1 est illisible : image trop floue."
    document = add(worker, file, lease_type)
    version = DocumentVersion.objects.get(document=document)
    assert version.ocr_state == State.FAILED and version.ocr_error == reader.fail_with
    assert version.pages == 1 and version.thumbnail is not None  # still seen in the list
    reader.fail_with = ""
    with committed():
        services.read_again(user=worker, version=version)
    version.refresh_from_db()
    assert version.ocr_state == State.NOT_NEEDED and version.ocr_error == "" and "loyer" in version.text
    with pytest.raises(ValidationError):
        services.read_again(user=worker, version=version)


def test_a_version_is_read_once(worker, file, lease_type, reader):
    document = add(worker, file, lease_type)
    assert processing.process_version(document.current.pk) is None
    assert reader.calls == 1


def test_a_damaged_original_fails_its_reading_without_serving_it(worker, file, lease_type, reader, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    document = add(worker, file, lease_type)
    name = document.current.original.storage_name
    with default_storage.open(name, "wb") as handle:
        handle.write(b"%PDF-1.7 abime")
    version = processing.process_version(document.current.pk)
    assert version.ocr_state == State.FAILED and "endommagé" in version.ocr_error
    assert reader.calls == 0
