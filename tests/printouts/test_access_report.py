"""Issue 3, point 2: the GDPR art. 15 access report: all data held about a person and every access to it."""

import pytest
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from audit.services import Verb, record
from files.models import FileEvent
from printouts.selectors import ACCESS_CHUNK
from tests.factories import SocialFileFactory, UserFactory
from tests.printouts.conftest import client_for, mention_for, pdf_pages

pytestmark = pytest.mark.django_db


def access_report(user, file):
    return client_for(user).get(reverse("printouts:access_report", args=[file.pk]))


def test_the_report_lists_another_user_reading_the_file_in_date_order(
    security_officer, colleague, file, team_report
):
    reader = client_for(colleague)
    reader.get(reverse("files:detail", args=[file.pk]))
    reader.get(reverse("files:report_detail", args=[file.pk, team_report.pk]))
    pages = pdf_pages(access_report(security_officer, file))
    text = " ".join(pages)
    assert all(mention_for(security_officer) in page for page in pages)
    assert "Accès aux données" in text
    who = f"Bruno Dumont ({colleague.username})"
    assert text.count(who) == 2
    assert text.index("Résumé") < text.index("Rapports – Rapport n°")  # oldest first


def test_older_events_naming_only_the_file_and_newer_ones_naming_the_person_are_both_listed(
    security_officer, head, person, file
):
    record(actor=head, verb=Verb.VIEW, target=file, detail={"section": "timeline"})  # file only
    record(actor=head, verb=Verb.VIEW, target=person, person_id=person.pk, purpose="Vérification BCSS")
    other_file = SocialFileFactory(team=file.team)
    record(actor=head, verb=Verb.VIEW, target=other_file, purpose="Autre personne")
    text = " ".join(pdf_pages(access_report(security_officer, file)))
    assert "Historique" in text and "Vérification BCSS" in text
    assert "Autre personne" not in text


def test_the_report_holds_the_data_and_withholds_what_its_author_may_not_read(
    security_officer, file, team_report, restricted_note
):
    FileEvent.objects.create(
        file=file, kind=FileEvent.Kind.NOTE, summary="Confidence sur la santé", report=restricted_note
    )
    text = " ".join(pdf_pages(access_report(security_officer, file)))
    assert "LEFÈVRE Hélène" in text and "065 12 34 56" in text
    assert "Rue de Nimy" in text and "Rue d'Havré" in text  # the address history, not only the current one
    assert "2026/00042" in text
    # The security adviser reads no report and no bank detail: listed, content not reproduced.
    assert "Enquête sociale initiale" not in text and "Confidence sur la santé" not in text
    assert "psychiatrique" not in text and "BE71" not in text
    assert text.count("contenu confidentiel non reproduit") >= 4


def test_the_head_of_service_gets_the_content_she_may_read(head, file, team_report, restricted_note):
    text = " ".join(pdf_pages(access_report(head, file)))
    assert "Enquête sociale initiale" in text and "Confidence sur la santé" in text
    assert "BE71 0961 2345 6769" in text


def test_the_report_is_an_export_in_the_trail(security_officer, file):
    access_report(security_officer, file)
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.EXPORT)
    assert event.user == security_officer
    assert (event.file_id, event.person_id, event.detail["what"]) == (
        file.pk,
        file.beneficiary_id,
        "access_report",
    )


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.LEGAL_OFFICER, Role.PAYMENT_CLERK, Role.RECEPTION])
def test_refused_to_those_who_do_not_make_access_reports(team, file, role):
    user = UserFactory(role=role, teams=[team])
    assert access_report(user, file).status_code == 404
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.EXPORT).exists()


def test_a_head_of_service_makes_none_for_another_team(other_team, file):
    head_elsewhere = UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[other_team])
    assert access_report(head_elsewhere, file).status_code == 404


def test_the_head_sees_the_button_on_the_summary(head, colleague, file):
    url = reverse("printouts:access_report", args=[file.pk])
    assert url in client_for(head).get(reverse("files:detail", args=[file.pk])).content.decode()
    assert url not in client_for(colleague).get(reverse("files:detail", args=[file.pk])).content.decode()


def test_thousands_of_accesses_are_laid_out_part_by_part(security_officer, colleague, file):
    AuditEvent.objects.bulk_create(
        AuditEvent(
            user=colleague,
            username=colleague.username,
            verb=Verb.VIEW,
            target_type="files.socialfile",
            target_id=str(file.pk),
            file_id=file.pk,
            detail={"section": "summary"},
        )
        for _ in range(900)  # three parts of ACCESS_CHUNK events
    )
    assert 2 * ACCESS_CHUNK < 900
    pages = pdf_pages(access_report(security_officer, file))
    assert " ".join(pages).count(f"Bruno Dumont ({colleague.username})") == 900
    assert all(mention_for(security_officer) in page for page in pages)


def test_the_security_adviser_reaches_it_from_the_journal_filtered_by_file(security_officer, file):
    client = client_for(security_officer)
    url = reverse("printouts:access_report", args=[file.pk])
    assert url in client.get(reverse("audit:review"), {"reference": "2026/00042"}).content.decode()
    assert url not in client.get(reverse("audit:review")).content.decode()
