"""Issue 3, point 6: a printed file or report bears who printed it and when, on every page; it is audited."""

import pytest
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from files.models import Report
from tests.factories import UserFactory
from tests.printouts.conftest import client_for, mention_for, pdf_pages

pytestmark = pytest.mark.django_db


def test_the_printed_file_bears_the_mention_on_every_page_and_holds_the_file(
    author, file, team_report, restricted_note
):
    for n in range(40):  # enough notes for several pages
        Report.objects.create(
            file=file,
            kind=Report.Kind.NOTE,
            title=f"Entretien {n}",
            body="<p>" + "Suivi. " * 80 + "</p>",
            author=author,
        )
    pages = pdf_pages(client_for(author).get(reverse("printouts:file_pdf", args=[file.pk])))
    assert len(pages) > 3
    assert all(mention_for(author) in page and "document confidentiel" in page for page in pages)
    text = " ".join(pages)
    assert "LEFÈVRE Hélène" in text and "Rue d'Havré" in text
    assert "Enquête sociale initiale" in text and "loyer de 650 euros" in text
    # The author reads her own restricted note, so it is on her copy.
    assert "Confidence sur la santé" in text


def test_a_colleague_copy_leaves_out_the_restricted_note_of_another_author(
    colleague, file, team_report, restricted_note
):
    text = " ".join(pdf_pages(client_for(colleague).get(reverse("printouts:file_pdf", args=[file.pk]))))
    assert "Enquête sociale initiale" in text
    assert "Confidence sur la santé" not in text and "psychiatrique" not in text


def test_bank_details_are_printed_only_for_those_who_may_see_them(colleague, committee_member, file):
    with_bank = " ".join(pdf_pages(client_for(colleague).get(reverse("printouts:file_pdf", args=[file.pk]))))
    without = " ".join(
        pdf_pages(client_for(committee_member).get(reverse("printouts:file_pdf", args=[file.pk])))
    )
    assert "BE71 0961 2345 6769" in with_bank
    assert "BE71" not in without and "Comptes bancaires" not in without
    assert "LEFÈVRE Hélène" in without


def test_each_printed_copy_is_in_the_audit_trail(colleague, file, team_report):
    client = client_for(colleague)
    client.get(reverse("printouts:file_pdf", args=[file.pk]))
    client.get(reverse("printouts:report_pdf", args=[file.pk, team_report.pk]))
    prints = AuditEvent.objects.filter(verb=AuditEvent.Verb.PRINT, user=colleague).order_by("id")
    assert [(e.target_type, e.target_id, e.detail["what"]) for e in prints] == [
        ("files.socialfile", str(file.pk), "file"),
        ("files.report", str(team_report.pk), "report"),
    ]
    assert all(e.file_id == file.pk and e.person_id == file.beneficiary_id for e in prints)


def test_one_report_printed_alone(colleague, file, team_report):
    pages = pdf_pages(
        client_for(colleague).get(reverse("printouts:report_pdf", args=[file.pk, team_report.pk]))
    )
    text = " ".join(pages)
    assert mention_for(colleague) in pages[0]
    assert "Enquête sociale initiale" in text and "loyer de 650 euros" in text and "2026/00042" in text


def test_a_restricted_report_of_another_author_cannot_be_printed_by_its_address(
    colleague, file, restricted_note
):
    response = client_for(colleague).get(reverse("printouts:report_pdf", args=[file.pk, restricted_note.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.PRINT).exists()


def test_a_file_the_user_may_not_see_answers_404_and_prints_nothing(outsider, file, team_report):
    client = client_for(outsider)
    assert client.get(reverse("printouts:file_pdf", args=[file.pk])).status_code == 404
    assert client.get(reverse("printouts:report_pdf", args=[file.pk, team_report.pk])).status_code == 404
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.PRINT).exists()


def test_a_role_without_reports_gets_403_on_a_report_print(file, team_report):
    clerk = UserFactory(role=Role.PAYMENT_CLERK)
    response = client_for(clerk).get(reverse("printouts:report_pdf", args=[file.pk, team_report.pk]))
    assert response.status_code == 403


def test_the_summary_offers_the_printout(colleague, file):
    page = client_for(colleague).get(reverse("files:detail", args=[file.pk])).content.decode()
    assert "Imprimer le dossier (PDF)" in page
    assert reverse("printouts:file_pdf", args=[file.pk]) in page
    assert reverse("printouts:access_report", args=[file.pk]) not in page  # a social worker makes none
