"""Returned letters file themselves when scanned: their QR code names the letter, the pages follow it."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from access.roles import Role
from audit.models import AuditEvent
from letters import scan_reading, services
from letters.models import Kind, ReturnedCopy, UnfiledScan
from tests.factories import UserFactory
from tests.files.conftest import client_for, page_text
from tests.letters import scanner

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(db):
    return UserFactory(first_name="Chloé", last_name="Courrier", role=Role.MAIL_CLERK)


@pytest.fixture
def letters(decision, request_, people):
    """An acknowledgement and a notification of the Mons-Centre file, as printed."""
    file = decision.proposal.file
    return {
        "acknowledgement": services.generate(
            actor=people["worker"], kind=Kind.ACKNOWLEDGEMENT, file=file, request=request_
        ),
        "notification": services.generate(
            actor=people["legal"], kind=Kind.NOTIFICATION, file=file, decision=decision
        ),
    }


def upload(client, *files):
    """Send the files; their background jobs run as the upload commits (the IMMEDIATE tasks backend)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("letters:scans"),
            {"scans": [SimpleUploadedFile(name, data) for name, data in files]},
        )


def pages_of(stored) -> int:
    with stored.open("rb") as pdf:
        return len(PdfReader(io.BytesIO(pdf.read())).pages)


def test_a_scanned_pile_files_each_letter_with_its_pages_and_keeps_the_blank_page_to_file(
    letters, clerk, people
):
    acknowledgement = scanner.printed(letters["acknowledgement"])
    notification = scanner.printed(letters["notification"])
    pile = [scanner.blank(), *acknowledgement, scanner.signature_page(), *notification]
    mail = client_for(clerk)
    response = upload(mail, ("courrier-retour.pdf", scanner.scan_pdf(pile)))
    assert response.status_code == 302

    ack_copy = ReturnedCopy.objects.get(letter=letters["acknowledgement"])
    notification_copy = ReturnedCopy.objects.get(letter=letters["notification"])
    assert (ack_copy.first_page, pages_of(ack_copy.pdf)) == (2, len(acknowledgement) + 1)
    assert pages_of(notification_copy.pdf) == len(notification)
    blank = UnfiledScan.objects.get()
    assert (blank.first_page, blank.pages, pages_of(blank.pdf)) == (1, 1, 1)

    result = page_text(mail.get(response.url))
    file = letters["acknowledgement"].file
    for letter in letters.values():
        assert letter.code in result
    assert file.reference in result
    assert "Accusé de réception de la demande" in result
    assert f"pages 2 à {len(acknowledgement) + 2} de « courrier-retour.pdf »" in result
    assert "1 partie à classer à la main" in result
    assert "Scans à classer 1" in result
    created = AuditEvent.objects.filter(verb=AuditEvent.Verb.CREATE, target_type="letters.returnedcopy")
    assert {(e.file_id, e.person_id, e.user_id) for e in created} == {
        (file.pk, file.beneficiary_id, clerk.pk)
    }
    assert created.count() == 2
    worker = letters["acknowledgement"].created_by
    timeline = page_text(client_for(worker).get(reverse("files:timeline", args=[file.pk])))
    code = letters["notification"].code
    assert f"{code} : copie reçue et classée ({len(notification)} page(s))" in timeline


def test_a_page_without_readable_qr_is_filed_by_the_code_typed_in_lowercase_with_spaces(letters, clerk):
    letter = letters["acknowledgement"]
    torn = [scanner.without_qr(page) for page in scanner.printed(letter)]
    mail = client_for(clerk)
    upload(mail, ("dechire.pdf", scanner.scan_pdf(torn)))
    scan = UnfiledScan.objects.get()
    assert not ReturnedCopy.objects.exists()

    typed = f" {letter.code[:4].lower()} {letter.code[4:].lower()} "
    response = mail.post(reverse("letters:unfiled_file", args=[scan.pk]), {f"scan{scan.pk}-code": typed})
    assert response.status_code == 302
    copy = ReturnedCopy.objects.get(letter=letter)
    assert (copy.by_hand, copy.original_name, pages_of(copy.pdf)) == (True, "dechire.pdf", len(torn))
    assert not UnfiledScan.objects.exists()
    assert f"Pages classées avec la lettre {letter.code}" in page_text(mail.get(response.url))
    assert AuditEvent.objects.filter(
        verb=AuditEvent.Verb.CREATE, target_type="letters.returnedcopy", file_id=letter.file_id, user=clerk
    ).exists()


def test_a_mistyped_code_is_refused_in_french_and_the_pages_stay_to_file(letters, clerk):
    mail = client_for(clerk)
    upload(mail, ("vierge.pdf", scanner.scan_pdf([scanner.blank()])))
    scan = UnfiledScan.objects.get()
    url = reverse("letters:unfiled_file", args=[scan.pk])
    for typed, message in (
        ("AB12", "« AB12 » n'est pas un identifiant de lettre"),
        ("ABCDEFGH", "Aucune lettre ne porte l'identifiant ABCDEFGH."),
    ):
        response = mail.post(url, {f"scan{scan.pk}-code": typed})
        assert response.status_code == 400
        assert message in page_text(response)
        assert f'value="{typed}"' in response.content.decode()  # what was typed is kept
    assert UnfiledScan.objects.filter(pk=scan.pk).exists()
    assert not ReturnedCopy.objects.exists()


def test_the_same_scan_uploaded_twice_is_not_filed_twice(letters, clerk):
    pile = scanner.scan_pdf([scanner.blank(), *scanner.printed(letters["acknowledgement"])])
    mail = client_for(clerk)
    upload(mail, ("lot.pdf", pile))
    response = upload(mail, ("lot-encore.pdf", pile))
    assert (ReturnedCopy.objects.count(), UnfiledScan.objects.count()) == (1, 1)
    result = page_text(mail.get(response.url))
    code = letters["acknowledgement"].code
    assert "Page 2 de « lot-encore.pdf » : déjà classées le" in result
    assert f"avec la lettre {code} ; elles ne sont pas classées une seconde fois." in result
    assert "Page 1 de « lot-encore.pdf » : déjà parmi les scans à classer" in result
    assert "« lot-encore.pdf » " in result
    assert "Terminé : aucune lettre classée, aucune partie à classer à la main" in result
    assert "Terminé : 1 lettre classée, 1 partie à classer à la main" in result  # lot.pdf, before it


def test_images_png_jpeg_and_multi_page_tiff_are_filed_like_a_pdf(letters, clerk):
    acknowledgement, notification = letters["acknowledgement"], letters["notification"]
    notification_pages = [*scanner.printed(notification), scanner.signature_page()]
    response = upload(
        client_for(clerk),
        ("accuse.png", scanner.scan_image(scanner.printed(acknowledgement)[:1], "PNG")),
        ("accuse-photo.jpg", scanner.scan_image(scanner.printed(acknowledgement)[:1], "JPEG", seed=3)),
        ("notification.tif", scanner.scan_image(notification_pages, "TIFF")),
    )
    assert response.status_code == 302
    copies = ReturnedCopy.objects.filter(letter=acknowledgement)
    assert sorted(copy.original_name for copy in copies) == ["accuse-photo.jpg", "accuse.png"]
    assert all(pages_of(copy.pdf) == 1 for copy in copies)
    tiff_copy = ReturnedCopy.objects.get(letter=notification)
    assert pages_of(tiff_copy.pdf) == len(notification_pages)
    assert not UnfiledScan.objects.exists()


def test_bad_files_are_refused_in_french_and_the_good_ones_are_filed(letters, clerk, settings):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret", algorithm="AES-128")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    good = scanner.scan_pdf(scanner.printed(letters["acknowledgement"]))
    settings.SCAN_MAX_BYTES = len(good) + 10
    mail = client_for(clerk)
    response = upload(
        mail,
        ("notes.txt", b"Ceci n'est pas un scan."),
        ("protege.pdf", encrypted.getvalue()),
        ("abime.pdf", b"%PDF-1.7\n1 0 obj garbage"),
        ("enorme.pdf", b"%PDF-1.7\n" + b"0" * (len(good) + 20)),
        ("vide.png", b""),
        ("bon.pdf", good),
    )
    result = page_text(mail.get(response.url))
    for message in (
        "Le fichier « notes.txt » n'est ni un PDF ni une image PNG, JPEG ou TIFF.",
        "Le PDF « protege.pdf » est protégé par un mot de passe : enregistrez-le sans protection.",
        "Le fichier « abime.pdf » n'a pas pu être lu : il est peut-être endommagé.",
        "Le fichier « enorme.pdf » dépasse",
        "Le fichier « vide.png » est vide.",
    ):
        assert message in result
    assert ReturnedCopy.objects.get().letter == letters["acknowledgement"]
    assert not UnfiledScan.objects.exists()


def test_uploading_nothing_says_so_next_to_the_field(clerk):
    response = client_for(clerk).post(reverse("letters:scans"), {})
    assert response.status_code == 400
    assert "Choisissez au moins un fichier scanné." in page_text(response)


def test_pages_to_file_are_deleted_only_with_a_reason_kept_in_the_audit_trail(
    clerk, django_capture_on_commit_callbacks
):
    mail = client_for(clerk)
    upload(mail, ("vierge.pdf", scanner.scan_pdf([scanner.blank()])))
    scan = UnfiledScan.objects.get()
    url = reverse("letters:unfiled_delete", args=[scan.pk])
    response = mail.post(url, {f"scan{scan.pk}-reason": "  "})
    assert response.status_code == 400
    assert "Indiquez pourquoi ces pages sont supprimées." in page_text(response)
    assert UnfiledScan.objects.exists()
    stored = scan.pdf.name
    with django_capture_on_commit_callbacks(execute=True):
        response = mail.post(url, {f"scan{scan.pk}-reason": "Page blanche du chargeur."})
    assert response.status_code == 302
    assert not UnfiledScan.objects.exists()
    assert not scan.pdf.storage.exists(stored)
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.DELETE, target_type="letters.unfiledscan")
    assert (event.user, event.purpose, event.detail["original_name"]) == (
        clerk,
        "Page blanche du chargeur.",
        "vierge.pdf",
    )


def test_the_returned_copy_shows_on_the_letter_row_and_downloads_through_the_policy(
    letters, clerk, people, outsider
):
    letter = letters["notification"]
    upload(client_for(clerk), ("retour.pdf", scanner.scan_pdf(scanner.printed(letter))))
    copy = ReturnedCopy.objects.get()
    url = reverse("letters:copy_pdf", args=[copy.pk])
    courrier = client_for(people["worker"]).get(reverse("letters:file", args=[letter.file_id]))
    assert url in courrier.content.decode()
    assert f"reçue le {timezone.localdate(copy.uploaded_at):%d/%m/%Y}" in page_text(courrier)
    assert url in client_for(people["legal"]).get(reverse("letters:register")).content.decode()

    response = client_for(people["worker"]).get(url)
    assert response.status_code == 200
    assert len(PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages) == copy.pages
    download = AuditEvent.objects.get(verb=AuditEvent.Verb.DOWNLOAD, target_type="letters.returnedcopy")
    assert (download.user, download.file_id) == (people["worker"], letter.file_id)
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(UserFactory(role=Role.ADMIN)).get(url).status_code == 404


def test_how_pages_fall_into_letters_and_pages_to_file():
    known = {"AAAAAAAA", "BBBBBBBB"}
    pages = [(), ("AAAAAAAA",), ("AAAAAAAA",), (), ("ZZZZZZZZ",), (), ("BBBBBBBB",), ("AAAAAAAA", "BBBBBBBB")]
    assert [(p.first, p.count, p.code, p.is_letter) for p in scan_reading.parts(pages, known)] == [
        (0, 1, "", False),  # before any code
        (1, 3, "AAAAAAAA", True),  # the code on every page of the letter, then its signed page
        (4, 2, "ZZZZZZZZ", False),  # a code that names no letter, and the page after it
        (6, 1, "BBBBBBBB", True),
        (7, 1, "", False),  # two letters on one page: the clerk decides
    ]


def test_a_typed_code_is_read_whatever_its_case_and_spacing_but_never_guessed():
    assert scan_reading.normalise_code(" abcd-efgh\t") == "ABCDEFGH"
    assert not scan_reading.is_letter_code(scan_reading.normalise_code("abcd efgo"))  # no O, nor 0
