"""Documents reçus for a clerk sorting a morning's pile: under each upload, what each part became; each page
to sort with its first page; files suggested as the clerk types, and the chosen file's requests; the uploads
followed by htmx without touching the sorting forms, new pages to sort announced and added to the list."""

import datetime
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from PIL import Image

from audit.models import AuditEvent
from documents import content_store, intake
from documents.models import Document, DocumentType, Intake, IntakePart, UnsortedPages
from files.models import AidRequest
from letters.models import Letter, ReturnedCopy
from tests.documents import scans
from tests.documents.conftest import client_for, committed, page_text, send, sheet
from tests.factories import PersonFactory, SocialFileFactory
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def outcomes(client) -> list[tuple[str, str]]:
    """(text, link) of each part listed under the uploads."""
    page = soup(client.get(reverse("intake:page")))
    return [
        (" ".join(item.get_text().split()), item.a["href"] if item.a else "")
        for item in page.select("ul.outcomes li")
    ]


def waiting(user, number: int, **fields) -> UnsortedPages:
    """Pages waiting to be sorted, made without a job (their thumbnail is then made when first shown)."""
    pdf = scans.born_digital_pdf([f"Page à classer n° {number}"])
    return UnsortedPages.objects.create(
        content=content_store.store(pdf, mime_type="application/pdf"),
        pages=1,
        sha256=f"{number:064d}",
        original_name="pile.pdf",
        first_page=number,
        uploaded_by=user,
        **fields,
    )


# What each upload became --------------------------------------------------------------------------------


def test_each_part_of_an_upload_says_what_it_became_and_links_what_the_user_may_open(
    legal, file, request_, stray_page, reader
):
    request_.aid = AidRequest.Aid.RI
    request_.save()
    pages = [
        stray_page,
        scans.text_page(["Seconde page glissée sans feuille"]),
        sheet(file, "lease", request_),
        scans.text_page(scans.LEASE),
        scans.text_page(["Bail, page 2 : signatures des parties"]),
    ]
    send(legal, pages)
    document = Document.objects.get()
    unsorted = UnsortedPages.objects.get()
    assert list(IntakePart.objects.order_by("id").values_list("first_page", "pages")) == [(1, 2), (4, 2)]
    date = request_.requested_on.strftime("%d/%m/%Y")
    lease = f"Pages 4 à 5 : Bail — dossier {file.reference}, demande Revenu d'intégration du {date}"
    assert outcomes(client_for(legal)) == [
        ("Pages 1 à 2 : à classer ci-dessous", f"#unsorted-{unsorted.pk}"),
        (lease, reverse("documents:detail", args=[file.pk, document.pk])),
    ]
    page = soup(client_for(legal).get(reverse("intake:page")))
    assert page.select_one(f"#unsorted-{unsorted.pk}") is not None  # the anchor's row

    # Sorted by hand, the pages say what they became.
    with committed():
        filed = intake.file_unsorted(
            actor=legal, pages=unsorted, file=file, type=DocumentType.objects.get(code="pay_slip")
        )
    link = reverse("documents:detail", args=[file.pk, filed.pk])
    assert outcomes(client_for(legal))[0] == (f"Pages 1 à 2 : Fiche de paie — dossier {file.reference}", link)


def test_a_document_the_user_may_not_read_is_named_without_a_link(mail_clerk, file, stray_page, reader):
    send(mail_clerk, [stray_page, sheet(file, "lease"), scans.text_page(scans.LEASE)])
    unsorted = UnsortedPages.objects.get()
    intake.delete_unsorted(actor=mail_clerk, pages=unsorted, reason="Page blanche")
    # The mail cell files into every file and sees their identity, never what a file holds.
    assert outcomes(client_for(mail_clerk)) == [
        ("Page 1 : supprimées de la liste des documents à classer", ""),
        (f"Page 3 : Bail — dossier {file.reference}", ""),
    ]


def test_parts_filed_before_their_pages_were_kept_are_numbered(legal, stray_page, reader):
    send(legal, [stray_page])
    IntakePart.objects.update(first_page=None, pages=None)
    UnsortedPages.objects.all().delete()
    assert outcomes(client_for(legal)) == [("Partie 1 : classées ; elles ne sont plus à classer", "")]


def test_the_page_costs_the_same_queries_however_many_parts_its_uploads_filed(legal, file, worker, request_):
    client = client_for(legal)
    lease = DocumentType.objects.get(code="lease")
    numbers = iter(range(1, 1000))

    def grow():
        upload = Intake.objects.create(original_name="pile.pdf", uploaded_by=legal, status=Intake.Status.DONE)
        for _ in range(2):
            number = next(numbers)
            document = Document.objects.create(
                file=SocialFileFactory(team=file.team), type=lease, title="Bail", author=legal, request=None
            )
            sealed = Document.objects.create(
                file=file, type=lease, title="Bail", author=worker, request=request_, confidentiality="sealed"
            )
            letter = Letter.objects.create(
                code=f"ABCD{number:04d}", kind="acknowledgement", file=file, recipient="X", created_by=worker
            )
            copy = ReturnedCopy.objects.create(
                letter=letter,
                pdf="x.pdf",
                pages=1,
                sha256=f"{number:064d}",
                original_name="pile.pdf",
                first_page=1,
                uploaded_by=legal,
            )
            pages = waiting(legal, number)
            for filed in (document, sealed, copy, pages):
                IntakePart.objects.create(
                    intake=upload,
                    sha256=f"{filed._meta.label_lower}:{filed.pk}",
                    filed_as=f"{filed._meta.label_lower}:{filed.pk}",
                    first_page=number,
                    pages=1,
                )
        IntakePart.objects.create(intake=upload, sha256=f"gone{number}", filed_as=intake.DELETED, pages=1)

    grow()
    assert_constant_queries(lambda: client.get(reverse("intake:page")), grow)
    text = page_text(client.get(reverse("intake:page")))
    assert "copie retournée de la lettre ABCD0001 — dossier" in text


# A thumbnail per page group -----------------------------------------------------------------------------


def test_pages_to_sort_are_shown_by_their_first_page_made_once_and_served_under_the_policy(
    legal, worker, stray_page, reader
):
    send(legal, [stray_page])
    pages = UnsortedPages.objects.get()
    assert pages.thumbnail.mime_type == "image/png"
    client = client_for(legal)
    page = soup(client.get(reverse("intake:page")))
    image = page.select_one(f"article.unsorted img[src='{reverse('intake:thumbnail', args=[pages.pk])}']")
    assert image["alt"] == "Aperçu de la page 1 de « pile.pdf »"
    response = client.get(image["src"])
    assert response["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(response.content)).width == 240
    # The list's read is recorded, with what it showed; its thumbnails are no read of their own.
    (listed,) = AuditEvent.objects.filter(verb="view", detail__section="unsorted")
    assert (listed.user, listed.detail["shown"]) == (legal, [pages.pk])
    assert not AuditEvent.objects.filter(verb="view", target_type="documents.unsortedpages").exists()
    assert client_for(worker).get(image["src"]).status_code == 403


def test_pages_kept_without_a_thumbnail_get_one_when_first_shown(legal):
    pages = waiting(legal, 1)
    response = client_for(legal).get(reverse("intake:thumbnail", args=[pages.pk]))
    assert response.content.startswith(b"\x89PNG")
    pages.refresh_from_db()
    assert content_store.read(pages.thumbnail) == response.content


# The file found by search -------------------------------------------------------------------------------


@pytest.fixture
def lefevre(team):
    person = PersonFactory(last_name="Lefèvre", first_names="Hélène", birth_date=datetime.date(1981, 3, 14))
    return SocialFileFactory(team=team, beneficiary=person)


def suggested(client, pages, typed: str) -> list[str]:
    response = client.get(reverse("intake:suggestions", args=[pages.pk]), {f"p{pages.pk}-file": typed})
    return [" ".join(button.get_text().split()) for button in soup(response).select("button[data-fill]")]


def test_files_are_suggested_by_part_of_a_name_without_accents_a_niss_or_a_reference(legal, lefevre):
    pages = waiting(legal, 1)
    client = client_for(legal)
    expected = [f"{lefevre.reference} · LEFÈVRE Hélène né(e) le 14/03/1981"]
    assert suggested(client, pages, "lefev") == expected
    assert suggested(client, pages, lefevre.beneficiary.national_number[:6]) == expected
    assert suggested(client, pages, lefevre.reference) == expected
    assert suggested(client, pages, "zzzz") == []
    assert suggested(client, pages, "le") == []  # under three characters, nothing is searched
    searches = AuditEvent.objects.filter(verb="search", user=legal)
    assert searches.count() == 4
    assert searches.filter(detail__live=True, detail__query="lefev", detail__results=1).exists()
    button = soup(client.get(reverse("intake:suggestions", args=[pages.pk]), {f"p{pages.pk}-file": "lefev"}))
    assert button.select_one("button")["data-value"] == lefevre.reference


def test_the_chosen_files_requests_are_offered_and_the_pages_filed_into_one(legal, file, lefevre, worker):
    ri = AidRequest.objects.create(file=file, aid=AidRequest.Aid.RI, registered_by=worker)
    AidRequest.objects.create(file=lefevre, aid=AidRequest.Aid.ENERGY, registered_by=worker)
    pages = waiting(legal, 1)
    client = client_for(legal)
    url = reverse("intake:requests", args=[pages.pk])
    options = soup(client.get(url, {f"p{pages.pk}-file": file.reference})).select("option")
    assert [o.get_text() for o in options] == [
        "Aucune : pièce du dossier",
        f"Revenu d'intégration ({ri.requested_on:%d/%m/%Y})",
    ]
    assert AuditEvent.objects.filter(verb="view", file_id=file.pk, detail__section="requests").exists()
    assert len(soup(client.get(url, {f"p{pages.pk}-file": "inconnu"})).select("option")) == 1

    prefix, lease = f"p{pages.pk}", DocumentType.objects.get(code="lease")
    form = {f"{prefix}-file": lefevre.reference, f"{prefix}-type": lease.pk, f"{prefix}-request": ri.pk}
    response = client.post(reverse("intake:file", args=[pages.pk]), form)
    assert response.status_code == 400  # another file's request
    assert UnsortedPages.objects.filter(pk=pages.pk).exists()
    with committed():
        response = client.post(
            reverse("intake:file", args=[pages.pk]), form | {f"{prefix}-file": file.reference}
        )
    assert response.status_code == 302
    assert Document.objects.get().request == ri


# Following the uploads without losing what is typed -----------------------------------------------------


def test_while_an_upload_is_read_htmx_gets_the_uploads_alone_and_new_pages_are_announced_once(legal):
    client = client_for(legal)
    first = waiting(legal, 1)
    running = Intake.objects.create(original_name="pile.pdf", uploaded_by=legal, status=Intake.Status.RUNNING)
    page = soup(client.get(reverse("intake:page")))
    assert page.select_one("#intakes")["hx-trigger"] == "every 2s"
    seen = page.select_one("#unsorted-seen")["value"]
    assert seen == str(first.pk)

    poll = client.get(reverse("intake:page"), {"apres": seen, "annonce": 0}, headers=HTMX)
    assert poll.status_code == 200 and not soup(poll).select("article.unsorted, form")
    assert "Afficher" not in page_text(poll)

    new = [waiting(legal, number) for number in (2, 3)]
    Intake.objects.filter(pk=running.pk).update(status=Intake.Status.DONE)
    poll = soup(client.get(reverse("intake:page"), {"apres": seen, "annonce": 0}, headers=HTMX))
    assert "hx-trigger" not in poll.select_one("#intakes").attrs  # all read: the polling stops
    assert poll.select_one("#unsorted-announced")["value"] == "2"
    button = poll.find("button", string=re.compile("Afficher les 2 nouveaux documents à classer"))
    assert button["hx-get"] == reverse("intake:new_rows")
    again = client.get(reverse("intake:page"), {"apres": seen, "annonce": 2}, headers=HTMX)
    assert "Afficher" not in page_text(again)  # announced already: the live region is left alone

    added = soup(client.get(reverse("intake:new_rows"), {"apres": seen}))
    rows = added.select("article.unsorted")
    assert [row.h3["id"] for row in rows] == [f"unsorted-{pages.pk}" for pages in new]
    assert rows[0].h3.has_attr("autofocus")
    assert added.select_one("#unsorted-seen")["value"] == str(new[-1].pk)
    assert added.select_one("#unsorted-count").get_text() == "3"
    assert "2 documents à classer ajoutés à la fin de la liste." in page_text_of(added)
    listed = AuditEvent.objects.filter(verb="view", detail__section="unsorted").latest("id")
    assert listed.detail["shown"] == [pages.pk for pages in new]


def page_text_of(parsed: BeautifulSoup) -> str:
    return " ".join(parsed.get_text().split())
