"""The Documents tab in pages of 25 at a constant number of queries, its filters, the upload of several files
into a file or a request, a new version from the document's page, the reading's state, the admin catalogue."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from access.roles import Role
from documents.models import Document, DocumentType, DocumentVersion, StoredContent
from files.models import AidRequest
from people.models import HouseholdMember
from tests.documents.conftest import add, born_digital_pdf, committed, photo_png
from tests.factories import PersonFactory, UserFactory
from tests.files.conftest import client_for, page_text
from tests.login import verified_login
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


def grow(file, author, count: int, *, doc_type, request=None, person=None, day=None) -> None:
    """`count` more documents, each with a read version and a thumbnail, written in bulk."""
    content = StoredContent.objects.first()
    documents = Document.objects.bulk_create(
        Document(
            file=file,
            type=doc_type,
            title=f"Pièce {i}",
            author=author,
            request=request,
            person=person,
            document_date=day,
        )
        for i in range(count)
    )
    versions = DocumentVersion.objects.bulk_create(
        DocumentVersion(
            document=d,
            number=1,
            original=content,
            original_name="x.pdf",
            uploaded_by=author,
            archived=content,
            thumbnail=content,
            pages=1,
            ocr_state="done",
        )
        for d in documents
    )
    for document, version in zip(documents, versions, strict=True):
        document.current = version
    Document.objects.bulk_update(documents, ["current"])


def test_the_tab_costs_the_same_for_a_long_file(file, worker, head, lease_type, medical_type, reader):
    request = AidRequest.objects.create(file=file, aid="ri", registered_by=worker)
    add(
        worker,
        file,
        lease_type,
        request=request,
        person=file.beneficiary,
        document_date=datetime.date(2026, 2, 1),
    )
    add(head, file, medical_type)
    client = client_for(head)
    url = reverse("documents:file", args=[file.pk])
    pay_slip = DocumentType.objects.get(code="pay_slip")

    def render():
        return client.get(url + "?page=2")

    def more():
        grow(file, worker, 60, doc_type=pay_slip, request=request, person=file.beneficiary)

    grow(file, worker, 30, doc_type=pay_slip)
    assert_constant_queries(render, more)
    page = client.get(url)
    assert len(page.context["documents"]) == 25 and page.context["page"].paginator.count == 92
    filtered = "?" + f"type={lease_type.pk}&person={file.beneficiary_id}&request={request.pk}"
    assert_constant_queries(
        lambda: client.get(url + filtered), lambda: grow(file, worker, 40, doc_type=lease_type)
    )


def test_the_filters_narrow_by_type_person_request_and_dates(file, worker, lease_type, reader):
    partner = PersonFactory(first_names="Jean")
    HouseholdMember.objects.create(person=file.beneficiary, member=partner, relation="partner")
    request = AidRequest.objects.create(file=file, aid="ri", registered_by=worker)
    pay_slip = DocumentType.objects.get(code="pay_slip")
    lease = add(worker, file, lease_type, document_date=datetime.date(2026, 1, 10), title="Bail Zola")
    slip = add(
        worker,
        file,
        pay_slip,
        person=partner,
        request=request,
        document_date=datetime.date(2026, 3, 5),
        title="Fiche Hugo",
    )
    client = client_for(worker)
    url = reverse("documents:file", args=[file.pk])

    def shown(**query):
        return {d.pk for d in client.get(url, query).context["documents"]}

    assert shown() == {lease.pk, slip.pk}
    assert shown(type=lease_type.pk) == {lease.pk}
    assert shown(person=partner.pk) == {slip.pk}
    assert shown(request=request.pk) == {slip.pk}
    assert shown(date_from="2026-02-01") == {slip.pk}
    assert shown(date_to="2026-02-01") == {lease.pk}
    assert shown(person="999999") == {lease.pk, slip.pk}  # not one of the file's people: ignored
    text = page_text(client.get(url))
    assert "Fiche Hugo" in text and "Fiche de paie" in text and "Jean" in text and "Texte d'origine" in text


def upload(client, file, *files, query="", **fields):
    data = {"type": fields.pop("type"), "source": "desk", "files": list(files), **fields}
    with committed():
        return client.post(reverse("documents:add", args=[file.pk]) + query, data)


def test_several_files_dropped_into_a_request_are_filed_and_read(file, worker, lease_type, reader):
    request = AidRequest.objects.create(file=file, aid="ri", registered_by=worker)
    client = client_for(worker)
    form = client.get(reverse("documents:add", args=[file.pk]) + f"?demande={request.pk}")
    assert form.context["form"]["request"].value() == request.pk
    html = form.content.decode()
    assert 'type="file" name="files"' in html and "multiple" in html and "js/documents.js" in html
    response = upload(
        client,
        file,
        SimpleUploadedFile("bail.pdf", born_digital_pdf(), "application/pdf"),
        SimpleUploadedFile("photo.jpg", photo_png(), "image/jpeg"),  # its content, a PNG, decides
        query=f"?demande={request.pk}",
        type=lease_type.pk,
        request=request.pk,
        document_date="2026-03-01",
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?request={request.pk}")
    documents = Document.objects.filter(file=file, request=request).order_by("title")
    assert [d.title for d in documents] == ["bail", "photo"]
    # The photo became a PDF page when it was received.
    assert [d.current.original.mime_type for d in documents] == ["application/pdf", "application/pdf"]
    assert all(d.current.ocr_state in ("done", "not_needed") for d in documents)


def test_documents_added_from_the_request_page_bring_the_user_back_to_its_checklist(
    file, worker, reception, lease_type, reader
):
    request = AidRequest.objects.create(file=file, aid="ri", registered_by=worker)
    request_page = reverse("files:request", args=[file.pk, request.pk])
    client = client_for(worker)
    link = f"{reverse('documents:add', args=[file.pk])}?demande={request.pk}&amp;retour=demande"
    assert link in client.get(request_page).content.decode()
    form = client.get(reverse("documents:add", args=[file.pk]), {"demande": request.pk, "retour": "demande"})
    assert form.context["form"]["back_to_request"].value() is True
    for user_client in (client, client_for(reception)):  # the desk, which adds without reading, too
        response = upload(
            user_client,
            file,
            SimpleUploadedFile("bail.pdf", born_digital_pdf(), "application/pdf"),
            type=lease_type.pk,
            request=request.pk,
            back_to_request="True",
        )
        assert response.status_code == 302 and response["Location"] == request_page
        assert "1 document ajouté" in page_text(user_client.get(request_page))
    # Sent to no request, or without the flag: the Documents tab as before.
    response = upload(
        client,
        file,
        SimpleUploadedFile("bail.pdf", born_digital_pdf(), "application/pdf"),
        type=lease_type.pk,
        back_to_request="True",
    )
    assert response["Location"] == reverse("documents:file", args=[file.pk])


def test_a_refused_file_is_named_next_to_the_field_and_the_others_are_kept(file, worker, lease_type, reader):
    client = client_for(worker)
    response = upload(
        client,
        file,
        SimpleUploadedFile("bail.pdf", born_digital_pdf(), "application/pdf"),
        SimpleUploadedFile("notes.pdf", b"Ceci est un texte.", "application/pdf"),
        type=lease_type.pk,
        document_date="2026-03-01",
    )
    assert response.status_code == 200
    (error,) = response.context["form"].errors["files"]
    assert error.startswith("Le fichier « notes.pdf » n'est ni un PDF ni une image")
    assert response.context["form"]["document_date"].value() == "2026-03-01"  # what was chosen stays
    assert Document.objects.filter(file=file).count() == 1
    missing = upload(client, file, type="", document_date="")
    assert set(missing.context["form"].errors) == {"files", "type"}


def test_the_desk_adds_documents_but_does_not_read_them_back(file, reception, lease_type, reader):
    client = client_for(reception)
    response = upload(
        client, file, SimpleUploadedFile("id.pdf", born_digital_pdf(), "application/pdf"), type=lease_type.pk
    )
    assert response["Location"] == reverse("documents:add", args=[file.pk])
    assert Document.objects.get(file=file).author == reception


def test_a_new_version_and_a_failed_reading_run_again_from_the_page(file, worker, lease_type, reader):
    reader.fail_with = "Le texte de la page 1 n'a pas pu être lu."
    document = add(worker, file, lease_type)
    client = client_for(worker)
    url = reverse("documents:detail", args=[file.pk, document.pk])
    text = page_text(client.get(url))
    assert "Échec de la lecture" in text and reader.fail_with in text and "Relancer la lecture" in text
    reader.fail_with = ""
    with committed():
        client.post(reverse("documents:read_again", args=[file.pk, document.pk]))
    assert "Texte d'origine" in page_text(client.get(url))
    with committed():
        response = client.post(
            reverse("documents:new_version", args=[file.pk, document.pk]),
            {"file": SimpleUploadedFile("v2.pdf", born_digital_pdf("Avenant"), "application/pdf")},
        )
    assert response.status_code == 302
    text = page_text(client.get(url))
    assert "v2.pdf" in text and "bail.pdf" in text and "(actuelle)" in text
    refused = client.post(
        reverse("documents:new_version", args=[file.pk, document.pk]),
        {"file": SimpleUploadedFile("v3.pdf", b"texte", "application/pdf")},
    )
    assert refused.status_code == 400 and "ni un PDF" in page_text(refused)


def test_the_state_is_refreshed_alone_and_is_not_a_read(file, worker, lease_type, reader, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    document = add(worker, file, lease_type)
    client = client_for(worker)
    from audit.models import AuditEvent

    before = AuditEvent.objects.count()
    partial = client.get(
        reverse("documents:detail", args=[file.pk, document.pk]), headers={"HX-Request": "true"}
    )
    assert partial.status_code == 200 and 'id="reading"' in partial.content.decode()
    assert "<html" not in partial.content.decode() and "En attente de lecture" in page_text(partial)
    assert AuditEvent.objects.count() == before


def test_a_correction_from_the_page(file, worker, colleague, lease_type, reader):
    document = add(worker, file, lease_type)
    client = client_for(colleague)
    url = reverse("documents:change", args=[file.pk, document.pk])
    data = {
        "title": "Bail rue Neuve",
        "type": lease_type.pk,
        "person": "",
        "request": "",
        "document_date": "",
        "confidentiality": "team",
    }
    assert client.post(url, data).status_code == 302
    document.refresh_from_db()
    assert document.title == "Bail rue Neuve"
    refused = client.post(url, data | {"confidentiality": "restricted"})
    assert refused.status_code == 200 and "chef de service" in page_text(refused)


def test_the_catalogue_is_edited_by_the_admin_role_only(client):
    verified_login(client, UserFactory(role=Role.ADMIN.value))
    page = page_text(client.get(reverse("admin:documents_documenttype_changelist")))
    assert "Certificat médical" in page and "Carte d'identité" in page
    medical = DocumentType.objects.get(code="medical_certificate")
    assert medical.default_confidentiality == "restricted" and medical.retention_years is None
    for role in (Role.SOCIAL_WORKER, Role.SECURITY_OFFICER):
        other = client_for(UserFactory(role=role.value))
        assert other.get(reverse("admin:documents_documenttype_changelist")).status_code in (302, 403)


def test_a_request_row_offers_to_add_its_documents(file, worker, payment_clerk):
    request = AidRequest.objects.create(file=file, aid="ri", registered_by=worker)
    link = reverse("documents:add", args=[file.pk]) + f"?demande={request.pk}"
    assert link in client_for(worker).get(reverse("files:requests", args=[file.pk])).content.decode()
    assert (
        link not in client_for(payment_clerk).get(reverse("files:requests", args=[file.pk])).content.decode()
    )
