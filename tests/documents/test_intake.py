"""The documents intake: generated French scans with cover sheets, read by the real intake job (page reading
and batch splitting) and filed where each sheet says; pages without a sheet wait in "Documents à classer",
where a clerk files or deletes them; run again after a crash, the job files nothing twice."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from audit.models import AuditEvent
from documents import content_store, intake
from documents.models import Document, DocumentType, Intake, IntakePart, UnsortedPages
from tests.documents import scans
from tests.documents.conftest import client_for, committed, page_text, send, sheet
from tests.factories import SocialFileFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_file(team, worker):
    return SocialFileFactory(team=team)


def test_a_batch_of_three_sheets_is_filed_in_the_right_files_and_requests(
    mail_clerk, file, other_file, request_, stray_page, reader
):
    pages = [
        stray_page,
        sheet(file, "lease", request_),
        scans.text_page(scans.LEASE),
        scans.text_page(["Bail, page 2 : signatures des parties"]),
        sheet(file, "identity_card"),
        scans.text_page(["CARTE D'IDENTITÉ - copie recto verso"]),
        sheet(other_file, "pay_slip"),
        scans.text_page(scans.PAY_SLIP),
    ]
    row = send(mail_clerk, pages)
    assert (row.status, row.pages_done, row.pages_total, row.error) == ("done", 8, 8, "")
    assert not row.original  # every part filed: the original goes
    filed = {
        (d.file_id, d.request_id, d.type.code, d.current.pages, d.source)
        for d in Document.objects.select_related("type", "current")
    }
    assert filed == {
        (file.pk, request_.pk, "lease", 2, "scanner"),
        (file.pk, None, "identity_card", 1, "scanner"),
        (other_file.pk, None, "pay_slip", 1, "scanner"),
    }
    assert all(d.author == mail_clerk for d in Document.objects.all())
    (unsorted,) = UnsortedPages.objects.all()
    assert (unsorted.first_page, unsorted.pages, unsorted.intake) == (1, 1, row)
    assert row.parts.count() == 4
    assert AuditEvent.objects.filter(verb="create", target_type="documents.intake").count() == 1


def test_run_again_after_a_crash_it_files_nothing_twice(mail_clerk, file, stray_page, reader):
    pages = [stray_page, sheet(file, "lease"), scans.text_page(scans.LEASE), sheet(file, "pay_slip")]
    pages = scans.scan_pdf(pages + [scans.text_page(scans.PAY_SLIP)])
    row = send(mail_clerk, pages)
    # The worker died after filing: the watchdog queues the same intake again.
    kept = default_storage.save("intake/pile.pdf", SimpleUploadedFile("pile.pdf", pages))
    Intake.objects.filter(pk=row.pk).update(status=Intake.Status.RUNNING, original=kept)
    with committed():
        intake.file_intake(row.pk)
    assert Document.objects.count() == 2 and UnsortedPages.objects.count() == 1
    assert IntakePart.objects.filter(intake=row).count() == 3
    # The same pages sent again are not filed a second time, and the clerk is told why.
    again = send(mail_clerk, pages, name="pile-bis.pdf")
    assert Document.objects.count() == 2 and UnsortedPages.objects.count() == 1
    assert len(again.refused) == 3 and "pas classées une seconde fois" in again.refused[1]


def test_a_page_without_sheet_is_filed_by_hand_in_two_clicks(mail_clerk, file, request_, stray_page, reader):
    send(mail_clerk, [stray_page])
    pages = UnsortedPages.objects.get()
    lease = DocumentType.objects.get(code="lease")
    with committed():
        document = intake.file_unsorted(
            actor=mail_clerk, pages=pages, file=file, type=lease, request=request_
        )
    document = Document.objects.select_related("current").get(pk=document.pk)
    assert (document.file, document.request, document.type) == (file, request_, lease)
    assert document.current.pages == 1
    assert not UnsortedPages.objects.exists()
    event = AuditEvent.objects.get(verb="delete", target_type="documents.unsortedpages")
    assert event.detail["filed_as"] == f"documents.document:{document.pk}" and event.file_id == file.pk


def test_deleting_unsorted_pages_needs_a_reason_and_is_audited(mail_clerk, stray_page, reader):
    send(mail_clerk, [stray_page])
    pages = UnsortedPages.objects.get()
    with pytest.raises(ValidationError):
        intake.delete_unsorted(actor=mail_clerk, pages=pages, reason="  ")
    intake.delete_unsorted(actor=mail_clerk, pages=pages, reason="Page blanche")
    assert not UnsortedPages.objects.exists()
    assert (
        AuditEvent.objects.get(verb="delete", target_type="documents.unsortedpages").purpose == "Page blanche"
    )


def test_a_sheet_naming_a_file_gone_or_a_type_unknown_waits_to_be_sorted(mail_clerk, file, reader):
    gone = SocialFileFactory.build(pk=987654, reference="MONS-2026-99999")
    pages = [
        sheet(gone, "lease"),
        scans.text_page(scans.LEASE),
        sheet(file, "unknown_type"),
        scans.text_page(["x"]),
    ]
    send(mail_clerk, pages)
    assert not Document.objects.exists()
    assert sorted(p.first_page for p in UnsortedPages.objects.all()) == [2, 4]
    assert all(p.code_read.startswith("DSG1") for p in UnsortedPages.objects.all())


def test_only_who_files_scans_may_send_or_sort(worker, stray_page):
    with pytest.raises(PermissionDenied):
        intake.queue(actor=worker, uploads=[SimpleUploadedFile("a.pdf", scans.scan_pdf([stray_page]))])


def test_an_empty_file_fails_at_once_with_its_reason(mail_clerk):
    (row,) = intake.queue(actor=mail_clerk, uploads=[SimpleUploadedFile("vide.pdf", b"")])
    assert row.status == "failed" and "vide" in row.error


def test_the_watched_folder_files_a_dropped_file_and_leaves_one_being_written(
    mail_clerk, file, tmp_path, reader
):
    folder = tmp_path / "scanner"
    folder.mkdir()
    (folder / "pile.pdf").write_bytes(scans.scan_pdf([sheet(file, "lease"), scans.text_page(scans.LEASE)]))
    (folder / "suivant.pdf.part").write_bytes(b"%PDF-1.7 en cours")
    (folder / "vide.pdf").write_bytes(b"")
    with committed():
        call_command(
            "watch_scanner_folder", folder=str(folder), user=mail_clerk.username, settle=0, once=True
        )
    (document,) = Document.objects.all()
    assert (document.file, document.type.code, document.source) == (file, "lease", "scanner")
    assert sorted(p.name for p in (folder / "done").iterdir()) == ["pile.pdf"]
    assert sorted(p.name for p in (folder / "failed").iterdir()) == ["vide.pdf"]
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == ["suivant.pdf.part"]


def test_the_page_sends_a_batch_and_sorts_a_page_by_hand(mail_clerk, file, stray_page, reader):
    client = client_for(mail_clerk)
    upload = SimpleUploadedFile("pile.pdf", scans.scan_pdf([stray_page]))
    with committed():
        response = client.post(reverse("intake:page"), {"scans": [upload]})
    assert response.status_code == 302
    page = page_text(client.get(reverse("intake:page")))
    assert "Documents à classer 1" in page and "« pile.pdf »" in page
    pages = UnsortedPages.objects.get()
    assert client.get(reverse("intake:pdf", args=[pages.pk])).content.startswith(b"%PDF")
    lease = DocumentType.objects.get(code="lease")
    prefix = f"p{pages.pk}"
    response = client.post(reverse("intake:file", args=[pages.pk]), {f"{prefix}-file": "inconnu"})
    assert response.status_code == 400 and "Indiquez le dossier" in page_text(response)
    with committed():
        response = client.post(
            reverse("intake:file", args=[pages.pk]),
            {f"{prefix}-file": file.reference, f"{prefix}-type": lease.pk},
        )
    assert response.status_code == 302
    assert Document.objects.get().file == file and not UnsortedPages.objects.exists()


def test_the_top_bar_counts_the_documents_to_sort(mail_clerk, stray_page, reader):
    send(mail_clerk, [stray_page])
    page = page_text(client_for(mail_clerk).get(reverse("files:my_files")))
    assert "Documents à classer 1" in page


def test_a_cover_sheet_is_printed_for_a_request_and_read_back_by_the_intake(
    worker, mail_clerk, file, request_, reader
):
    url = reverse("documents:cover_sheet", args=[file.pk])
    client = client_for(worker)
    assert "selected>" in client.get(f"{url}?demande={request_.pk}").content.decode()
    lease = DocumentType.objects.get(code="lease")
    response = client.post(url, {"type": lease.pk, "request": request_.pk})
    assert response["Content-Type"] == "application/pdf"
    event = AuditEvent.objects.get(verb="print", file_id=file.pk)
    assert event.detail == {"cover_sheet": "lease", "request": request_.pk}
    printed = scans.rasterised(response.content)
    send(mail_clerk, printed + [scans.text_page(scans.LEASE)])
    (document,) = Document.objects.all()
    assert (document.file, document.request, document.type) == (file, request_, lease)


def test_the_intake_page_costs_the_same_queries_however_many_pages_wait(mail_clerk, reader):
    client = client_for(mail_clerk)
    content = content_store.store(b"%PDF-1.7 page", mime_type="application/pdf")
    count = iter(range(1000))

    def grow():
        for _ in range(3):
            number = next(count)
            UnsortedPages.objects.create(
                content=content,
                pages=1,
                sha256=f"{number:064d}",
                original_name="pile.pdf",
                first_page=number + 1,
                uploaded_by=mail_clerk,
            )
        intake.queue(actor=mail_clerk, uploads=[SimpleUploadedFile("vide.pdf", b"")])

    grow()
    assert_constant_queries(lambda: client.get(reverse("intake:page")), grow)


def test_two_intakes_read_at_the_same_instant_file_the_same_pages_once(mail_clerk, file, reader):
    """The check before filing cannot see a part another job is filing at the same instant: the database
    refuses the second one, and the job then rolls back what it had filed and says why."""
    pages = [sheet(file, "lease"), scans.text_page(scans.LEASE)]
    first = send(mail_clerk, pages)
    (part,) = first.parts.all()
    second = Intake.objects.create(original_name="pile-bis.pdf", uploaded_by=mail_clerk)
    with pytest.raises(IntegrityError), transaction.atomic():
        IntakePart.objects.create(intake=second, sha256=part.sha256, filed_as="documents.document:0")
    assert Document.objects.count() == 1


def test_pages_deleted_from_triage_may_be_sent_again(mail_clerk, stray_page, reader):
    pile = scans.scan_pdf([stray_page])  # the very same bytes, sent twice
    send(mail_clerk, pile)
    intake.delete_unsorted(actor=mail_clerk, pages=UnsortedPages.objects.get(), reason="Envoyé par erreur")
    again = send(mail_clerk, pile, name="pile-bis.pdf")
    assert again.refused == []
    assert UnsortedPages.objects.get().intake == again
