"""Returned letters file themselves when their scan is sent to the documents intake ("Documents reçus"): the
QR code names the letter, the pages follow it; pages without a readable code wait in "Documents à classer",
where the code printed under the QR code is typed. Jobs run at once (IMMEDIATE backend)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from access.roles import Role
from audit.models import AuditEvent
from documents import content_store
from documents.models import Intake, IntakePart, UnsortedPages
from letters import codes, services
from letters.models import Kind, ReturnedCopy
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
    """Send the files on the intake page; their jobs run as the upload commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            reverse("intake:page"), {"scans": [SimpleUploadedFile(name, data) for name, data in files]}
        )


def pages_of(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def copy_pages(copy) -> int:
    with copy.pdf.open("rb") as pdf:
        return pages_of(pdf.read())


def test_a_scanned_pile_files_each_letter_with_its_pages_and_leaves_the_blank_page_to_sort(
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
    assert (ack_copy.first_page, copy_pages(ack_copy)) == (2, len(acknowledgement) + 1)
    assert (ack_copy.by_hand, ack_copy.uploaded_by, ack_copy.original_name) == (
        False,
        clerk,
        "courrier-retour.pdf",
    )
    assert copy_pages(notification_copy) == len(notification)
    blank = UnsortedPages.objects.get()
    assert (blank.first_page, blank.pages, pages_of(content_store.read(blank.content))) == (1, 1, 1)
    intake = Intake.objects.get()
    assert (intake.status, intake.source, intake.refused) == ("done", "scanner", [])
    assert set(intake.parts.values_list("filed_as", flat=True)) == {
        f"letters.returnedcopy:{ack_copy.pk}",
        f"letters.returnedcopy:{notification_copy.pk}",
        f"documents.unsortedpages:{blank.pk}",
    }

    result = page_text(mail.get(response.url))
    assert "« courrier-retour.pdf »" in result
    assert "Terminé : 3 parties classées ou mises à classer." in result
    # Under the upload, each part: the letters app names its copies, linked for who may open them.
    reference, last = letters["acknowledgement"].file.reference, len(acknowledgement) + 2
    copy_url = reverse("letters:copy_pdf", args=[ack_copy.pk])
    ack_code = letters["acknowledgement"].code
    assert f"Pages 2 à {last} : copie retournée de la lettre {ack_code} — dossier {reference}" in result
    assert f'href="{copy_url}"' in mail.get(response.url).content.decode()
    assert "Documents à classer 1" in result
    file = letters["acknowledgement"].file
    created = AuditEvent.objects.filter(verb=AuditEvent.Verb.CREATE, target_type="letters.returnedcopy")
    assert {(e.file_id, e.person_id, e.user_id) for e in created} == {
        (file.pk, file.beneficiary_id, clerk.pk)
    }
    assert created.count() == 2
    timeline = page_text(client_for(people["worker"]).get(reverse("files:timeline", args=[file.pk])))
    code = letters["notification"].code
    assert f"{code} : copie reçue et classée ({len(notification)} page(s))" in timeline


def test_a_letter_whose_qr_code_is_torn_is_filed_by_the_code_typed_in_lowercase_with_spaces(letters, clerk):
    letter = letters["acknowledgement"]
    torn = [scanner.without_qr(page) for page in scanner.printed(letter)]
    mail = client_for(clerk)
    upload(mail, ("dechire.pdf", scanner.scan_pdf(torn)))
    pages = UnsortedPages.objects.get()
    assert not ReturnedCopy.objects.exists()

    typed = f" {letter.code[:4].lower()} {letter.code[4:].lower()} "
    response = mail.post(reverse("intake:file", args=[pages.pk]), {f"p{pages.pk}-code": typed})
    assert response.status_code == 302
    copy = ReturnedCopy.objects.get(letter=letter)
    assert (copy.by_hand, copy.original_name, copy_pages(copy)) == (True, "dechire.pdf", len(torn))
    assert (copy.uploaded_by, copy.uploaded_at) == (clerk, pages.uploaded_at)
    assert not UnsortedPages.objects.exists()
    result = page_text(mail.get(response.url))
    assert f"Pages classées avec la lettre {letter.code}." in result
    assert len(torn) == 1 and f"Page 1 : copie retournée de la lettre {letter.code} — dossier" in result
    assert AuditEvent.objects.filter(
        verb=AuditEvent.Verb.CREATE, target_type="letters.returnedcopy", file_id=letter.file_id, user=clerk
    ).exists()


def test_a_mistyped_code_is_refused_in_french_and_the_pages_stay_to_sort(letters, clerk):
    mail = client_for(clerk)
    upload(mail, ("vierge.pdf", scanner.scan_pdf([scanner.blank()])))
    pages = UnsortedPages.objects.get()
    url = reverse("intake:file", args=[pages.pk])
    for typed, message in (
        ("AB12", "« AB12 » n'est pas un code reconnu."),
        ("abcd-efgh", "Aucune lettre ne porte l'identifiant ABCDEFGH."),
    ):
        response = mail.post(url, {f"p{pages.pk}-code": typed})
        assert response.status_code == 400
        assert message in page_text(response)
        assert f'value="{typed}"' in response.content.decode()  # what was typed is kept, in its row
    assert UnsortedPages.objects.filter(pk=pages.pk).exists()
    assert not ReturnedCopy.objects.exists()


def test_the_same_scan_sent_again_is_not_filed_twice_and_the_clerk_is_told_why(letters, clerk):
    code = letters["acknowledgement"].code
    pile = scanner.scan_pdf([scanner.blank(), *scanner.printed(letters["acknowledgement"])])
    mail = client_for(clerk)
    upload(mail, ("lot.pdf", pile))
    response = upload(mail, ("lot-encore.pdf", pile))
    assert (ReturnedCopy.objects.count(), UnsortedPages.objects.count()) == (1, 1)
    result = page_text(mail.get(response.url))
    assert "Page 1 de « lot-encore.pdf » : déjà parmi les documents à classer depuis le" in result
    assert "Page 2 de « lot-encore.pdf » : déjà classées le" in result
    assert "depuis « lot.pdf » ; elles ne sont pas classées une seconde fois." in result

    # A copy filed before the intake kept its parts (the letters' own uploads of before): letters says where.
    IntakePart.objects.all().delete()
    upload(mail, ("lot-ter.pdf", pile))
    assert ReturnedCopy.objects.count() == 1
    refused = Intake.objects.get(original_name="lot-ter.pdf").refused
    assert refused[1].startswith("Page 2 de « lot-ter.pdf » : déjà classées le ")
    assert refused[1].endswith(f"avec la lettre {code} ; elles ne sont pas classées une seconde fois.")


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
    assert all(copy_pages(copy) == 1 for copy in copies)
    assert copy_pages(ReturnedCopy.objects.get(letter=notification)) == len(notification_pages)
    assert not UnsortedPages.objects.exists()


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
    assert not UnsortedPages.objects.exists()
    assert Intake.objects.filter(status="failed").count() == 5


def test_uploading_nothing_says_so_next_to_the_field(clerk):
    response = client_for(clerk).post(reverse("intake:page"), {})
    assert response.status_code == 400
    assert "Choisissez au moins un fichier scanné." in page_text(response)


def test_the_upload_form_says_that_returned_letters_and_cover_sheets_file_themselves(clerk):
    text = page_text(client_for(clerk).get(reverse("intake:page")))
    assert "chaque lettre retournée (copie signée ou revenue par la poste) se classe d'elle-même" in text
    assert "Chaque feuille de garde classe les pages qui la suivent par son QR code" in text


def test_the_old_scans_address_moved_for_good_to_the_intake_page(clerk):
    response = client_for(clerk).get(reverse("letters:scans"))
    assert (response.status_code, response["Location"]) == (301, reverse("intake:page"))
    nav = page_text(client_for(clerk).get(reverse("files:my_files")))
    assert "Documents à classer" in nav and "Classer des scans" not in nav


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
    assert pages_of(b"".join(response.streaming_content)) == copy.pages
    download = AuditEvent.objects.get(verb=AuditEvent.Verb.DOWNLOAD, target_type="letters.returnedcopy")
    assert (download.user, download.file_id) == (people["worker"], letter.file_id)
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(UserFactory(role=Role.ADMIN)).get(url).status_code == 404


def test_a_typed_code_is_read_whatever_its_case_and_spacing_but_never_guessed():
    assert codes.normalise_code(" abcd-efgh\t") == "ABCDEFGH"
    assert codes.is_letter_code("ABCDEFGH")
    assert not codes.is_letter_code(codes.normalise_code("abcd efgo"))  # no O, nor 0
