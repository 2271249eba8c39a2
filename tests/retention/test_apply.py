"""apply_retention: listing by default, deleting or anonymising with --apply, never under a hold, recorded in
the audit trail without the content, and idempotent."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from audit.models import AuditEvent
from documents.models import Document, DocumentType, StoredContent
from files.models import FileEvent, Report
from letters.models import Kind, Letter
from people.models import Address, Person
from retention import holds
from retention.models import Disposal, LegalHold
from tests.factories import UserFactory
from tests.retention.conftest import add_document, add_letter, at, closed_file, document_type, open_recovery

pytestmark = pytest.mark.django_db
D = datetime.date
S = DocumentType.RetentionStart
ON = "2026-12-02"


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", "--on", ON, *args, stdout=out, stderr=out)
    return out.getvalue()


def apply(django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        return run("--apply")


@pytest.fixture
def slip(db):
    return document_type("fiche", 5, S.DOCUMENT_DATE)


@pytest.fixture
def old(team, worker, slip):
    """A pay slip of 2015 in a file closed in 2019 (not yet due as a file)."""
    file = closed_file(team, D(2019, 1, 1))
    return add_document(file, slip, worker, data=b"%PDF fiche 2015", document_date=D(2015, 1, 1))


def stored_path(media: Path, content: StoredContent) -> Path:
    return media / content.storage_name


def test_listing_is_the_default_and_changes_nothing(old):
    before = AuditEvent.objects.count()
    out = run()
    assert f"Document n° {old.pk} (Type fiche)" in out
    assert "échu le 01/01/2020 ; suppression" in out
    assert "1 échu(s), dont 0 gelé(s). Rien n'a été modifié" in out
    assert Document.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.count() == before


def test_deletion_removes_the_stored_bytes_and_leaves_an_audit_row_without_content(
    old, media, django_capture_on_commit_callbacks
):
    content = old.current.original
    path = stored_path(media, content)
    assert path.exists()
    out = apply(django_capture_on_commit_callbacks)
    assert "1 traité(s), 0 gelé(s)" in out
    assert not Document.objects.filter(pk=old.pk).exists()
    assert not StoredContent.objects.filter(pk=content.pk).exists()
    assert not path.exists()
    event = AuditEvent.objects.get(verb="delete", target_type="documents.document", target_id=str(old.pk))
    assert (event.username, event.user, event.file_id) == ("apply_retention", None, old.file_id)
    assert event.detail["contents"] == [content.sha256[:12]]
    assert event.detail["type"] == "test-fiche"
    assert (event.detail["start"], event.detail["due"]) == ("2015-01-01", "2020-01-01")
    trail = json.dumps(event.detail, ensure_ascii=False)
    for secret in ("Exemple", "1.234,56", "fiche.pdf", content.sha256):
        assert secret not in trail
    assert Disposal.objects.filter(target_type="documents.document", target_id=old.pk).exists()


def test_a_content_still_used_by_another_document_is_kept(
    old, team, worker, media, django_capture_on_commit_callbacks
):
    recent = add_document(old.file, old.type, worker, data=b"%PDF fiche 2015", document_date=D(2024, 1, 1))
    content = old.current.original
    assert recent.current.original_id == content.pk  # stored once
    apply(django_capture_on_commit_callbacks)
    assert not Document.objects.filter(pk=old.pk).exists()
    assert StoredContent.objects.filter(pk=content.pk).exists()
    assert stored_path(media, content).exists()


def test_a_manual_hold_keeps_it_until_lifted(old, team, django_capture_on_commit_callbacks):
    legal = UserFactory(role="legal_officer")
    hold = holds.place_hold(
        user=legal,
        file=old.file,
        reason="Recours pendant devant le tribunal du travail",
        starts_on=D(2026, 1, 5),
    )
    out = run()
    assert "gelé : Gel juridique depuis le 05/01/2026 : Recours pendant devant le tribunal du travail" in out
    assert "1 traité(s)" not in apply(django_capture_on_commit_callbacks)
    assert Document.objects.filter(pk=old.pk).exists()
    holds.lift_hold(user=legal, hold=hold, reason="Jugement rendu, délai d'appel expiré")
    assert "1 traité(s)" in apply(django_capture_on_commit_callbacks)
    assert not Document.objects.filter(pk=old.pk).exists()


def test_a_hold_that_ended_no_longer_applies(old):
    legal = UserFactory(role="legal_officer")
    holds.place_hold(
        user=legal, file=old.file, reason="Plainte", starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31)
    )
    assert "dont 0 gelé(s)" in run()


def test_an_open_recovery_holds_the_file(old, worker, django_capture_on_commit_callbacks):
    task = open_recovery(old.file, worker)
    assert "gelé : Récupération en cours" in run()
    apply(django_capture_on_commit_callbacks)
    assert Document.objects.filter(pk=old.pk).exists()
    task.status = "done"
    task.save()
    apply(django_capture_on_commit_callbacks)
    assert not Document.objects.filter(pk=old.pk).exists()


def test_a_file_not_closed_holds_its_documents(team, worker, slip, django_capture_on_commit_callbacks):
    document = add_document(closed_file(team, None), slip, worker, data=b"x", document_date=D(2010, 1, 1))
    assert "gelé : Dossier non clôturé" in run()
    apply(django_capture_on_commit_callbacks)
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_file_is_anonymised_with_its_whole_content(
    team, worker, slip, media, django_capture_on_commit_callbacks
):
    identity = document_type("identite", None, S.FILE_CLOSED)
    file = closed_file(team, D(2015, 6, 1))
    person = file.beneficiary
    Address.objects.create(
        person=person,
        street="Rue de Nimy",
        number="12",
        postal_code="7000",
        city="Mons",
        valid_from=D(2010, 1, 1),
    )
    card = add_document(file, identity, worker, data=b"%PDF carte", document_date=D(2012, 1, 1))
    card_content = card.current.original
    letter = add_letter(file, Kind.NOTIFICATION, worker, created=at(D(2014, 1, 1)))
    letter_path = Path(letter.pdf.path)
    report = Report.objects.create(
        file=file, kind=Report.Kind.NOTE, title="Visite", body="<p>Dettes chez Mme Exemple</p>", author=worker
    )
    FileEvent.objects.create(file=file, kind=FileEvent.Kind.NOTE, summary="Note : dettes", author=worker)
    out = apply(django_capture_on_commit_callbacks)
    assert f"Fait : Dossier n° {file.pk}" in out
    person.refresh_from_db()
    assert person.last_name.startswith("Anonyme-") and person.first_names == ""
    assert person.national_number is None and person.birth_date.timetuple()[1:3] == (1, 1)
    assert not Address.objects.filter(person=person).exists()
    assert not Document.objects.filter(pk=card.pk).exists()
    assert not stored_path(media, card_content).exists()
    letter.refresh_from_db()
    assert (letter.pdf.name, letter.recipient) == ("", person.last_name)  # the register row stays
    assert not letter_path.exists()
    report.refresh_from_db()
    assert (report.title, report.body) == ("—", "")
    assert set(FileEvent.objects.filter(file=file).values_list("summary", flat=True)) == {"—"}
    event = AuditEvent.objects.get(verb="delete", target_type="files.socialfile", target_id=str(file.pk))
    assert event.detail["documents"] == 1 and event.detail["beneficiary_pseudonymised"] is True
    assert "Mons" not in json.dumps(event.detail) and "Exemple" not in json.dumps(event.detail)


def test_the_pseudonym_is_stable_and_an_identity_still_needed_is_kept(
    team, django_capture_on_commit_callbacks
):
    old_file = closed_file(team, D(2010, 1, 1))
    person = old_file.beneficiary
    name = person.last_name
    closed_file(team, None, beneficiary=person)  # the same person came back
    apply(django_capture_on_commit_callbacks)
    person.refresh_from_db()
    assert person.last_name == name
    assert Disposal.objects.filter(target_type="files.socialfile", target_id=old_file.pk).exists()
    from retention.disposal import pseudonym

    assert (
        pseudonym("person", person.pk) == pseudonym("person", person.pk) != pseudonym("person", person.pk + 1)
    )


def test_a_second_run_does_nothing(old, team, worker, django_capture_on_commit_callbacks):
    closed_file(team, D(2010, 1, 1))
    add_letter(old.file, Kind.ACKNOWLEDGEMENT, worker, created=at(D(2015, 1, 1)))
    first = apply(django_capture_on_commit_callbacks)
    assert "3 traité(s)" in first
    events, disposals = AuditEvent.objects.count(), Disposal.objects.count()
    persons = list(Person.objects.values_list("last_name", "version"))
    second = apply(django_capture_on_commit_callbacks)
    assert "0 traité(s), 0 gelé(s), 0 gardé(s)" in second
    assert (AuditEvent.objects.count(), Disposal.objects.count()) == (events, disposals)
    assert list(Person.objects.values_list("last_name", "version")) == persons
    assert "0 échu(s)" in run()


def test_holds_are_set_and_lifted_by_the_legal_service_only_and_audited(old, worker):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        holds.place_hold(user=worker, file=old.file, reason="Recours")
    legal = UserFactory(role="legal_officer")
    with pytest.raises(ValidationError):
        holds.place_hold(user=legal, file=old.file, reason="  ")
    hold = holds.place_hold(user=legal, file=old.file, reason="Recours")
    assert AuditEvent.objects.filter(
        verb="create", target_type="retention.legalhold", file_id=old.file_id
    ).exists()
    with pytest.raises(PermissionDenied):
        holds.lift_hold(user=worker, hold=hold, reason="Fin")
    holds.lift_hold(user=legal, hold=hold, reason="Fin")
    assert LegalHold.objects.get(pk=hold.pk).lifted_by == legal
    assert AuditEvent.objects.filter(verb="update", target_type="retention.legalhold").exists()


def test_a_deletion_refused_by_a_reference_is_kept_and_said(
    old, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db.models import ProtectedError

    from retention import disposal

    def refuse(item):
        raise ProtectedError("référencé", {old})

    monkeypatch.setitem(disposal._DISPOSE, "document", refuse)
    out = apply(django_capture_on_commit_callbacks)
    assert "Gardé (encore référencé)" in out and "1 gardé(s)" in out
    assert Document.objects.filter(pk=old.pk).exists()
    assert not Disposal.objects.exists()
    assert Letter.objects.count() == 0
