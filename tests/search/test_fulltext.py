"""Full-text search in reports and documents: French words, and nothing found that the user may not open.

The same tests run on SQLite (FTS5) and PostgreSQL (TEST_STAGES="postgresql" ./bin/test tests/search).
"""

import pytest
from django.core.management import call_command
from django.db import connection

from access.policy import Action, can
from access.roles import Role
from documents import services
from documents.models import DocumentType
from search.fulltext import indexing
from search.fulltext.reading import Filters, found_texts, search_texts
from search.fulltext.words import parse
from search.models import IndexedText
from tests.documents.conftest import born_digital_pdf, reader  # noqa: F401 - a fixture
from tests.search.texts import add_document, add_report, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    made = world()
    indexing.reindex(progress=lambda *args: None)
    return made


def found(user, text: str, filters: Filters | None = None) -> set[tuple[str, int]]:
    rows = found_texts(user, parse(text), filters or Filters())
    return {(row.kind, row.report_id or row.document_id) for row in rows}


def may_read(user, kind: str, item) -> bool:
    return can(user, Action.VIEW_REPORTS if kind == "report" else Action.VIEW_DOCUMENTS, item)


def test_every_role_finds_exactly_what_it_may_open_counts_included(data):
    for name, user in data["users"].items():
        for (kind, place, level), item in data["items"].items():
            word = f"mot{place}{level}{'rapport' if kind == 'report' else 'document'}"
            expected = {(kind, item.pk)} if may_read(user, kind, item) else set()
            assert found(user, word) == expected, (name, kind, place, level)
            _query, page = search_texts(user, word)
            assert page.paginator.count == len(expected), (name, word)
        # The words every item holds: the count is that of the readable items, no more.
        readable = {(k, i.pk) for (k, _p, _l), i in data["items"].items() if may_read(user, k, i)}
        assert found(user, "loyer") == readable, name
        assert search_texts(user, "loyer")[1].paginator.count == len(readable)


def test_a_sealed_report_and_another_teams_document_stay_hidden(data):
    users = data["users"]
    sealed = data["items"][("report", "nimy", "sealed")]
    assert found(users["colleague"], "motnimysealedrapport") == {("report", sealed.pk)}
    for name in (Role.HEAD_SOCIAL_WORKER.value, Role.COMMITTEE_SECRETARY.value, "outsider", "break-glass"):
        assert found(users[name], "motnimysealedrapport") == set(), name
    other = data["items"][("document", "cuesmes", "team")]
    assert found(users["outsider"], "motcuesmesteamdocument") == {("document", other.pk)}
    assert found(users[Role.SOCIAL_WORKER.value], "motcuesmesteamdocument") == set()
    restricted = data["items"][("document", "nimy", "restricted")]
    assert found(users[Role.HEAD_SOCIAL_WORKER.value], "motnimyrestricteddocument") == {
        ("document", restricted.pk)
    }
    assert found(users["colleague"], "motnimyrestricteddocument") == set()
    assert found(users["outside head"], "motnimyrestricteddocument") == set()


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("loyers", "le loyer de mars"),
        ("loyer", "les loyers impayés"),
        ("chomage", "allocations de chômage"),
        ("CHÔMAGE", "allocations de chomage"),
        ("allocation", "les allocations familiales"),
        ("revenus", "revenu d'intégration"),
        ("revenu", "ses revenus"),
        ("journal", "les journaux"),
        ("expulsé", "une expulsion"),
        ('"revenu d\'intégration"', "le revenu d'intégration sociale"),
        ("bail ou loyer", "le loyer"),
    ],
)
def test_french_words_are_found_whatever_their_accents_plural_or_form(data, typed, written):
    user = data["users"][Role.SOCIAL_WORKER.value]
    report = add_report(data["files"]["nimy"], author=user, title="Suivi", body=f"<p>{written}</p>")
    indexing.index_report(report.pk)
    assert ("report", report.pk) in found(user, typed)


def test_a_query_excludes_words_and_finds_phrases_in_order(data):
    user = data["users"][Role.SOCIAL_WORKER.value]
    file = data["files"]["nimy"]
    one = add_report(file, author=user, title="A", body="<p>garantie locative versée</p>")
    two = add_report(file, author=user, title="B", body="<p>locative garantie refusée</p>")
    for report in (one, two):
        indexing.index_report(report.pk)
    assert found(user, "garantie locative") >= {("report", one.pk), ("report", two.pk)}
    assert ("report", two.pk) not in found(user, '"garantie locative"')
    assert found(user, "garantie -refusée") & {("report", two.pk)} == set()
    assert not parse("de la")
    assert search_texts(user, "de la") == (parse("de la"), None)


def test_filters_narrow_by_file_type_person_author_and_date(data):
    users, files = data["users"], data["files"]
    worker = users[Role.SOCIAL_WORKER.value]
    nimy = files["nimy"]
    report = data["items"][("report", "nimy", "team")]
    document = data["items"][("document", "nimy", "team")]
    both = {("report", report.pk), ("document", document.pk)}
    assert found(worker, "motnimyteamrapport ou motnimyteamdocument") == both
    query = "motnimyteamrapport ou motnimyteamdocument"
    assert found(worker, query, Filters(report_kind="note")) == {("report", report.pk)}
    assert found(worker, query, Filters(document_type_id=document.type_id)) == {("document", document.pk)}
    from files.models import SocialFile

    assert found(worker, query, Filters(file_ids=SocialFile.objects.filter(pk=nimy.pk).values("pk"))) == both
    assert found(worker, query, Filters(file_ids=SocialFile.objects.none().values("pk"))) == set()
    people = type(nimy.beneficiary).objects.filter(pk=nimy.beneficiary_id).values("pk")
    assert found(worker, query, Filters(person_ids=people)) == {("report", report.pk)}
    authors = type(worker).objects.filter(pk=worker.pk).values("pk")
    assert found(worker, query, Filters(author_ids=authors)) == both
    assert found(worker, query, Filters(date_from=report.written_on, date_to=report.written_on)) >= {
        ("report", report.pk)
    }
    assert found(worker, query, Filters(date_to=report.written_on.replace(year=2000))) == set()


def test_a_document_without_text_is_found_by_its_title_and_type(data):
    user = data["users"][Role.SOCIAL_WORKER.value]
    document = add_document(data["files"]["nimy"], author=user, title="Fiche de paie d'octobre", text="")
    document.current.ocr_state = document.current.OcrState.PENDING
    document.current.save()
    indexing.index_document(document.pk)
    assert ("document", document.pk) in found(user, "paie octobre")
    assert ("document", document.pk) in found(user, "bail")  # its type


def test_reindex_texts_rewrites_the_index_and_forgets_deleted_items(data):
    user = data["users"][Role.SOCIAL_WORKER.value]
    IndexedText.objects.filter(kind="document").update(text="", title="vide", label="vide", terms="vide")
    call_command("reindex_texts", "--only", "documents", verbosity=0)
    assert ("document", data["items"][("document", "nimy", "team")].pk) in found(user, "motnimyteamdocument")
    report = data["items"][("report", "nimy", "team")]
    pk = report.pk
    report.delete()
    assert not IndexedText.objects.filter(report_id=pk).exists()
    call_command("reindex_texts", verbosity=0)
    assert IndexedText.objects.count() == len(data["items"]) - 1


IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_a_report_is_indexed_after_commit_and_its_new_confidentiality_applies_at_once(
    data, settings, django_capture_on_commit_callbacks
):
    from files import services

    settings.TASKS = IMMEDIATE
    users, file = data["users"], data["files"]["nimy"]
    worker, colleague = users[Role.SOCIAL_WORKER.value], users["colleague"]
    with django_capture_on_commit_callbacks(execute=True):
        report = services.write_report(
            actor=worker,
            file=file,
            kind="note",
            title="Visite",
            body="Expulsion annoncée par le propriétaire",
        )
    assert ("report", report.pk) in found(colleague, "expulsion propriétaire")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.update_report(
            actor=worker,
            report=report,
            title="Visite",
            body="Expulsion annoncée, huissier",
            written_on=report.written_on,
            confidentiality="restricted",
            expected_version=report.version,
        )
        # Before the job re-reads its words, the colleague no longer finds it.
        assert found(colleague, "expulsion") == set()
    assert len(callbacks) == 1
    callbacks[0]()
    assert ("report", report.pk) in found(worker, "huissier")
    assert found(colleague, "huissier") == set()


def test_a_document_is_indexed_by_its_services_when_filed_read_renamed_and_rescanned(
    data,
    settings,
    tmp_path,
    reader,  # noqa: F811 - the fixture imported
    django_capture_on_commit_callbacks,
):
    """documents.services and documents.processing schedule the indexing themselves (no signal)."""
    settings.TASKS, settings.MEDIA_ROOT = IMMEDIATE, str(tmp_path / "media")
    worker = data["users"][Role.SOCIAL_WORKER.value]
    lease = DocumentType.objects.get(code="lease")
    with django_capture_on_commit_callbacks(execute=True):
        document = services.add_document(
            user=worker,
            file=data["files"]["nimy"],
            type=lease,
            data=born_digital_pdf("Avis de saisie du mobilier"),
            original_name="avis.pdf",
            title="Courrier",
        )
    assert ("document", document.pk) in found(worker, "saisies")
    with django_capture_on_commit_callbacks(execute=True):
        services.change_document(user=worker, document=document, title="Huissier de justice")
    assert ("document", document.pk) in found(worker, "huissiers")
    with django_capture_on_commit_callbacks(execute=True):
        services.add_version(
            user=worker,
            document=document,
            data=born_digital_pdf("Avis de remboursement"),
            original_name="b.pdf",
        )
    assert found(worker, "saisie") & {("document", document.pk)} == set()
    assert ("document", document.pk) in found(worker, "remboursement")


FRENCH = (
    "Madame Lefèvre a reçu l'avis d'expulsion : trois loyers impayés, la garantie locative n'est pas versée. "
    "Allocations de chômage, revenu d'intégration (article 60), CPAS de Mons, 1.314,20 euros en février. "
    "Œuvre sociale ; les élèves, l'hôpital, être été ayant eu aux journaux."
)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares SQLite's lexemes with PostgreSQL's")
def test_sqlite_indexes_the_lexemes_postgresql_indexes():
    from search.fulltext.backends import CONFIG
    from search.fulltext.words import lexemes

    with connection.cursor() as cursor:
        cursor.execute("SELECT lexeme FROM unnest(to_tsvector(%s::regconfig, %s))", [CONFIG, FRENCH])
        postgresql = {row[0] for row in cursor.fetchall()}
    assert set(lexemes(FRENCH).split()) == postgresql
