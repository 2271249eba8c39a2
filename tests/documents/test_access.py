"""Who sees a document, screen by screen (the tab, its page, its viewer, its downloads, its thumbnail), at
each level; the selector the tab uses agrees with access.policy.can for every role; every read is in the
trail."""

import pytest
from django.urls import reverse

from access.policy import Action, can
from access.roles import Role
from access.services import open_break_glass
from audit.models import AuditEvent
from documents import selectors
from tests.committee.agenda import put_on_agenda
from tests.documents.conftest import add
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from tests.files.conftest import client_for, page_text

pytestmark = pytest.mark.django_db

PEOPLE = ["author", "colleague", "named", "head", "legal", "committee", "break_glass", "outsider", "clerk"]
PEOPLE += ["reception", "mail"]
READERS = {
    "team": {"author", "colleague", "named", "head", "legal", "committee", "break_glass", "clerk"},
    "restricted": {"author", "head"},
    "sealed": {"author", "named"},
}
# Who opens the file but not its documents at all (the tab answers 403): the desk and the mail cell add
# documents without reading them back.
NO_TAB = {"reception", "mail"}


@pytest.fixture
def people(team, file, worker, colleague, head, reception, payment_clerk, legal, mail_clerk):
    elsewhere = TeamFactory(name="Antenne Ghlin")
    on_call = UserFactory(first_name="Paul", last_name="Garde", role=Role.SOCIAL_WORKER, teams=[elsewhere])
    open_break_glass(actor=on_call, file=file, reason="Permanence : la personne se présente, AS absente.")
    committee = UserFactory(role=Role.COMMITTEE_MEMBER)
    put_on_agenda(file, committee)
    return {
        "author": worker,
        "colleague": colleague,
        "named": UserFactory(first_name="Nadia", last_name="Nommée", role=Role.SOCIAL_WORKER, teams=[team]),
        "head": head,
        "legal": legal,
        "committee": committee,
        "break_glass": on_call,
        "outsider": UserFactory(role=Role.SOCIAL_WORKER, teams=[elsewhere]),
        "clerk": payment_clerk,
        "reception": reception,
        "mail": mail_clerk,
    }


def document_at(level, file, people, lease_type):
    document = add(people["author"], file, lease_type, title=f"Bail {level} Zanzibar", confidentiality=level)
    if level == "sealed":
        document.sealed_readers.add(people["named"])
    return document


@pytest.mark.parametrize("level", list(READERS))
@pytest.mark.parametrize("who", PEOPLE)
def test_each_screen_shows_a_document_exactly_to_its_readers(file, people, lease_type, reader, level, who):
    document = document_at(level, file, people, lease_type)
    client = client_for(people[who])
    reads = who in READERS[level]
    number = document.current.number
    urls = {
        "detail": reverse("documents:detail", args=[file.pk, document.pk]),
        "inline": reverse("documents:content", args=[file.pk, document.pk, number, "archive"]),
        "download": reverse("documents:content", args=[file.pk, document.pk, number, "original"])
        + "?telecharger=1",
        "thumbnail": reverse("documents:thumbnail", args=[file.pk, document.pk]),
    }
    for name, url in urls.items():
        response = client.get(url)
        if reads:
            assert response.status_code == 200, name
        else:
            expected = {403, 404} if who in NO_TAB else {404}
            assert response.status_code in expected, (name, response.status_code)
            assert b"Zanzibar" not in response.content and not response.content.startswith(b"%PDF")
    listing = client.get(reverse("documents:file", args=[file.pk]))
    if who == "outsider":
        assert listing.status_code == 404
    elif who in NO_TAB:
        assert listing.status_code == 403
    else:
        assert listing.status_code == 200
        assert ("Zanzibar" in page_text(listing)) is reads
        assert listing.context["page"].paginator.count == (1 if reads else 0)  # counts never betray it
    if who != "outsider":
        tabs = [tab["key"] for tab in client.get(reverse("files:detail", args=[file.pk])).context["tabs"]]
        assert ("documents" in tabs) is (who not in NO_TAB)


@pytest.mark.parametrize("role", list(Role))
def test_the_selector_returns_exactly_what_the_policy_allows_for_every_role(
    team, file, worker, lease_type, reader, role
):
    other_file = SocialFileFactory(team=TeamFactory(name="Antenne Jemappes"))
    other_author = UserFactory(role=Role.SOCIAL_WORKER, teams=[other_file.team])
    user = UserFactory(role=role, teams=[team])
    documents = []
    for level in ("team", "restricted", "sealed"):
        documents.append(add(worker, file, lease_type, confidentiality=level))
        documents.append(add(other_author, other_file, lease_type, confidentiality=level))
    documents[4].sealed_readers.add(user)
    documents.append(
        add(user, file, lease_type, confidentiality="sealed")
        if can(user, Action.ADD_DOCUMENTS, file)
        else documents[0]
    )
    expected = {d.pk for d in documents if can(user, Action.VIEW_DOCUMENTS, d)}
    assert set(selectors.readable_documents(user).values_list("pk", flat=True)) == expected


def test_reads_and_downloads_are_in_the_trail_and_in_consultations(file, worker, head, lease_type, reader):
    document = add(worker, file, lease_type)
    client = client_for(worker)
    client.get(reverse("documents:detail", args=[file.pk, document.pk]))
    client.get(reverse("documents:content", args=[file.pk, document.pk, 1, "archive"]))
    client.get(reverse("documents:content", args=[file.pk, document.pk, 1, "original"]) + "?telecharger=1")
    events = AuditEvent.objects.filter(target_type="documents.document", target_id=str(document.pk))
    reads = list(events.filter(verb__in=["view", "download"]).order_by("id").values_list("verb", "detail"))
    assert [verb for verb, _detail in reads] == ["view", "view", "download"]
    assert reads[1][1] == {"section": "documents", "version": 1, "content": "archive"}
    assert all(event.file_id == file.pk for event in events)
    log = page_text(client_for(head).get(reverse("files:access_log", args=[file.pk])))
    assert f"Documents – Document n° {document.pk}" in log


def test_the_viewer_is_served_inline_to_our_own_page_only(file, worker, lease_type, reader):
    document = add(worker, file, lease_type)
    client = client_for(worker)
    inline = client.get(reverse("documents:content", args=[file.pk, document.pk, 1, "archive"]))
    assert inline["Content-Type"] == "application/pdf" and inline["Content-Disposition"].startswith("inline")
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in inline["Content-Security-Policy"]
    page = client.get(reverse("documents:detail", args=[file.pk, document.pk]))
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert (
        f'<iframe src="{reverse("documents:content", args=[file.pk, document.pk, 1, "archive"])}"'
        in page.content.decode()
    )
    download = client.get(
        reverse("documents:content", args=[file.pk, document.pk, 1, "original"]) + "?telecharger=1"
    )
    assert download["Content-Disposition"] == f'attachment; filename="document-{document.pk}-v1-original.pdf"'


def test_a_photo_is_a_pdf_shown_at_once_before_its_reading(file, worker, lease_type, reader, settings):
    from tests.documents.conftest import photo_png

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    document = add(worker, file, lease_type, data=photo_png(), name="photo.png")
    assert document.current.original.mime_type == "application/pdf"  # upload_checks made it a PDF page
    page = client_for(worker).get(reverse("documents:detail", args=[file.pk, document.pk]))
    html = page.content.decode()
    assert f'<iframe src="{reverse("documents:content", args=[file.pk, document.pk, 1, "original"])}"' in html
    assert 'hx-trigger="every 2s"' in html  # the reading waits: the state refreshes itself


def test_a_damaged_content_gives_a_french_page_never_its_bytes(file, worker, lease_type, reader, caplog):
    from django.core.files.storage import default_storage

    document = add(worker, file, lease_type)
    with default_storage.open(document.current.original.storage_name, "wb") as handle:
        handle.write(b"%PDF-1.7 contenu remplace")
    response = client_for(worker).get(
        reverse("documents:content", args=[file.pk, document.pk, 1, "original"]) + "?telecharger=1"
    )
    assert response.status_code == 500
    assert "endommagé" in page_text(response) and b"contenu remplace" not in response.content
    assert "Content-Disposition" not in response
    assert any("endommagé" in record.getMessage() for record in caplog.records)


def test_an_id_changed_in_the_url_answers_like_a_missing_one(file, people, lease_type, reader):
    document = document_at("restricted", file, people, lease_type)
    client = client_for(people["colleague"])
    hidden = client.get(reverse("documents:detail", args=[file.pk, document.pk]))
    missing = client.get(reverse("documents:detail", args=[file.pk, 10**9]))
    assert hidden.status_code == missing.status_code == 404
    other = SocialFileFactory(team=file.team)
    assert client.get(reverse("documents:detail", args=[other.pk, document.pk])).status_code == 404


def test_consultations_say_nothing_of_a_sealed_document_the_reader_may_not_open(
    file, worker, head, lease_type, reader
):
    sealed = add(worker, file, lease_type, confidentiality="sealed")
    team = add(worker, file, lease_type)
    client = client_for(worker)
    for document in (sealed, team):
        client.get(reverse("documents:detail", args=[file.pk, document.pk]))
    log = page_text(client_for(head).get(reverse("files:access_log", args=[file.pk])))
    assert f"Document n° {team.pk}" in log and f"Document n° {sealed.pk}" not in log
