"""The "Dans les textes" page: hits the user may open, escaped snippets with the words marked, filters,
pagination, the audit trail, and a number of queries that does not grow with the hits."""

import datetime

import pytest
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from search.fulltext import indexing
from tests.login import verified_login
from tests.querycount import assert_constant_queries, count_queries
from tests.search.texts import add_document, add_report, many_reports, world

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


def test_up_to_a_thousand_hits_the_most_relevant_come_first(client, data):
    worker = data["users"][Role.SOCIAL_WORKER.value]
    file = data["files"]["nimy"]
    passing = add_report(
        file,
        author=worker,
        title="Visite",
        body="<p>" + "Visite au domicile, les enfants sont à l'école. " * 10 + "Chauffage.</p>",
        written_on=datetime.date(2026, 1, 2),
    )
    about = add_report(
        file,
        author=worker,
        title="Chauffage en panne",
        body="<p>Le chauffage est en panne : chauffage d'appoint prêté.</p>",
        written_on=datetime.date(2020, 1, 1),
    )
    for report in (passing, about):
        indexing.index_report(report.pk)
    hits = texts(client, worker, q="chauffage").context["hits"]
    assert [hit.row.title for hit in hits] == ["Chauffage en panne", "Visite"]


def test_beyond_a_thousand_hits_the_page_says_more_shows_the_newest_and_stops_at_page_50(client, data):
    worker, outsider = data["users"][Role.SOCIAL_WORKER.value], data["users"]["outsider"]
    first = datetime.date(2022, 1, 1)
    many_reports(data["files"]["nimy"], author=worker, count=1001, body="<p>chauffage</p>", first=first)
    # Newer than all of them but in another antenne's file: never on the page, nor in the count.
    many_reports(
        data["files"]["cuesmes"],
        author=outsider,
        count=1,
        body="<p>chauffage</p>",
        first=first.replace(year=2026),
    )
    page = texts(client, worker, q="chauffage")
    hits = page.context["hits"]
    assert hits.paginator.count == 1000 and hits.paginator.more and hits.paginator.num_pages == 50
    html = page.content.decode()
    assert "Plus de 1\xa0000 textes trouvés, les plus récents en premier." in html
    assert "Ajoutez un mot ou un filtre" in html and "pertinents en premier" not in html.split("Ajoutez")[0]
    assert [hit.row.title for hit in hits.object_list][:2] == ["Note 1000", "Note 999"]
    event = AuditEvent.objects.filter(user=worker, verb="search").latest("pk")
    assert event.detail == {"query": "chauffage", "kind": "texts", "results": 1000, "more": True}
    for number in (50, 51):  # a page past the 50th shows the 50th
        last = texts(client, worker, q="chauffage", page=number)
        hits = last.context["hits"]
        assert hits.number == 50 and [h.row.title for h in hits.object_list][-1] == "Note 1"
        assert 'rel="next"' not in last.content.decode() and "Page 50 sur 50" in last.content.decode()
    narrowed = texts(client, worker, q="chauffage", date_from="2024-09-01")  # Note 974 onwards
    assert narrowed.context["hits"].paginator.count == 27 and not narrowed.context["hits"].paginator.more
    assert "27 textes trouvés, les plus pertinents en premier." in narrowed.content.decode()


def test_a_thousand_hits_are_counted_and_ranked_and_one_more_costs_no_more_queries(client, data):
    worker = data["users"][Role.SOCIAL_WORKER.value]
    file = data["files"]["nimy"]
    many_reports(file, author=worker, count=1000, body="<p>mazout</p>", first=datetime.date(2022, 1, 1))
    verified_login(client, worker)

    def render():
        return client.get(reverse("search:texts"), {"q": "mazout"})

    page = render()
    assert page.context["hits"].paginator.count == 1000 and not page.context["hits"].paginator.more
    assert "1\xa0000 textes trouvés, les plus pertinents en premier." in page.content.decode()
    ranked = count_queries(render)[0]
    many_reports(file, author=worker, count=1, body="<p>mazout</p>", first=datetime.date(2021, 1, 1))
    assert render().context["hits"].paginator.more
    assert count_queries(render)[0] == ranked


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
