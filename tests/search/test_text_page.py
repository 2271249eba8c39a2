"""The "Dans les textes" page: hits the user may open, escaped snippets with the words marked, filters,
pagination, the audit trail, and a number of queries that does not grow with the hits."""

import pytest
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from search.fulltext import indexing
from tests.login import verified_login
from tests.querycount import assert_constant_queries
from tests.search.texts import add_document, add_report, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    made = world()
    indexing.reindex(progress=lambda *args: None)
    return made


def texts(client, user, **params):
    verified_login(client, user)
    return client.get(reverse("search:texts"), params)


def reports_only(**params):
    return {"type": "rapport-note", **params}


def test_hits_show_escaped_snippets_with_the_words_marked(client, data):
    worker = data["users"][Role.SOCIAL_WORKER.value]
    file = data["files"]["nimy"]
    report = add_report(
        file,
        author=worker,
        title="<b>Visite</b>",
        body="<p>Le propriétaire &lt;script&gt;alert(1)&lt;/script&gt; réclame trois loyers.</p>",
    )
    indexing.index_report(report.pk)
    page = texts(client, worker, **reports_only(q="loyer propriétaires"))
    html = page.content.decode()
    assert "<mark>loyers</mark>" in html and "<mark>propriétaire</mark>" in html
    assert "<script>alert" not in html  # (PostgreSQL's ts_headline may leave the tag out of its fragments)
    assert "&lt;b&gt;Visite&lt;/b&gt;" in html
    assert reverse("files:report_detail", args=[file.pk, report.pk]) in html


def test_a_word_only_in_a_sealed_report_finds_nothing_on_the_page_nor_in_the_trail(client, data):
    head = data["users"][Role.HEAD_SOCIAL_WORKER.value]
    page = texts(client, head, q="motnimysealedrapport")
    assert page.context["hits"].paginator.count == 0
    assert "Aucun texte que vous pouvez ouvrir" in page.content.decode()
    event = AuditEvent.objects.filter(user=head, verb="search").latest("pk")
    assert event.detail == {"query": "motnimysealedrapport", "kind": "texts", "results": 0}


def test_the_search_and_its_filters_are_recorded(client, data):
    worker = data["users"][Role.SOCIAL_WORKER.value]
    texts(client, worker, **reports_only(q="loyer", reference=data["files"]["nimy"].reference))
    event = AuditEvent.objects.filter(user=worker, verb="search").latest("pk")
    assert event.detail["kind"] == "texts" and event.detail["results"] == 3
    assert event.detail["filters"] == {"reference": data["files"]["nimy"].reference, "type": "rapport-note"}


def test_filters_and_pages(client, data):
    worker = data["users"][Role.SOCIAL_WORKER.value]
    file = data["files"]["nimy"]
    for n in range(25):
        indexing.index_report(
            add_report(file, author=worker, title=f"Note {n}", body="<p>facture énergie</p>").pk
        )
    first = texts(client, worker, q="factures", type="rapport-note")
    assert first.context["hits"].paginator.count == 25 and len(first.context["hits"].object_list) == 20
    assert 'rel="next"' in first.content.decode()
    second = texts(client, worker, q="factures", type="rapport-note", page=2)
    assert len(second.context["hits"].object_list) == 5
    assert texts(client, worker, q="factures", type="rapport-home_visit").context["hits"].paginator.count == 0
    assert texts(client, worker, q="factures", reference="2026/99999").context["hits"].paginator.count == 0
    assert texts(client, worker, q="factures", author=worker.last_name).context["hits"].paginator.count == 25
    wrong = texts(client, worker, q="factures", date_from="2026-02-01", date_to="2026-01-01")
    assert wrong.context["hits"] is None and "précède" in wrong.content.decode()


def test_the_page_costs_the_same_queries_however_many_hits(client, data):
    worker = data["users"][Role.SOCIAL_WORKER.value]
    file = data["files"]["nimy"]
    verified_login(client, worker)

    def render():
        return client.get(reverse("search:texts"), reports_only(q="loyer"))

    def grow():
        for n in range(15):
            report = add_report(file, author=data["users"]["colleague"], title=f"N{n}", body="<p>loyer</p>")
            indexing.index_report(report.pk)

    assert assert_constant_queries(render, grow) <= 19  # fewer on SQLite; PostgreSQL asks ts_headline() apart


def test_a_document_hit_links_to_the_document(client, data):
    worker = data["users"][Role.SOCIAL_WORKER.value]
    document = add_document(data["files"]["nimy"], author=worker, title="Bail", text="garantie locative")
    indexing.index_document(document.pk)
    page = texts(client, worker, q="garantie")
    assert reverse("documents:detail", args=[document.file_id, document.pk]) in page.content.decode()


def test_snippets_escape_the_text_and_mark_only_the_words_found():
    from search.fulltext import snippets
    from search.fulltext.backends import MARK_END, MARK_START
    from search.fulltext.words import parse

    headline = f"<script>x</script> & {MARK_START}loyers{MARK_END}"
    assert snippets.from_headline(headline) == "&lt;script&gt;x&lt;/script&gt; &amp; <mark>loyers</mark>"
    around = snippets.around(
        'Note <img src=x onerror="a()"> Trois loyers & charges.', parse("loyer").highlighted()
    )
    assert around == "Note &lt;img src=x onerror=&quot;a()&quot;&gt; Trois <mark>loyers</mark> &amp; charges"
