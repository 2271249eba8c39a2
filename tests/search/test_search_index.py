"""The name index behind the search: kept in step with the persons, and a search page that costs the same
number of queries however many persons and files match."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from access.roles import Role
from people import services as people_services
from people.models import HouseholdMember, Person
from people.normalize import search_name
from search import backends
from search.selectors import search_files
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import verified_login
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db
ON_SQLITE = pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table is SQLite's index")
ON_POSTGRESQL = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's index")


def indexed_names() -> dict[int, str]:
    """What SQLite's FTS5 table holds: {person id: search name}."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid, search_name FROM people_person_search")
        return dict(cursor.fetchall())


def stored_names() -> dict[int, str]:
    return dict(Person.objects.values_list("pk", "search_name"))


@pytest.fixture
def worker():
    team = TeamFactory(name="Antenne Nimy")
    return UserFactory(role=Role.HEAD_SOCIAL_WORKER.value, teams=[team])


def names_found(user, query: str) -> set[str]:
    return {f.beneficiary.last_name for f in search_files(user, query).files}


@ON_SQLITE
def test_the_sqlite_index_follows_every_insert_rename_and_delete(worker):
    team = worker.memberships.get().team
    file = SocialFileFactory(team=team, beneficiary=PersonFactory(last_name="Lefèvre", first_names="Hélène"))
    Person.objects.bulk_create(
        Person(last_name=name, first_names="Noé", search_name=search_name(name, "Noé"))
        for name in ("D'Hondt", "Van den Berghe")
    )
    assert indexed_names() == stored_names()

    person = file.beneficiary
    data = {**{k: getattr(person, k) for k in people_services.IDENTITY_FIELDS}, "last_name": "Delvaux"}
    people_services.update_person(
        actor=worker, file=file, person=person, data=data, expected_version=person.version
    )
    Person.objects.filter(last_name="D'Hondt").update(search_name="dhondt noe")
    assert indexed_names() == stored_names()
    assert names_found(worker, "delvaux") == {"Delvaux"}
    assert names_found(worker, "lefevre") == set()

    Person.objects.filter(last_name="Van den Berghe").delete()
    assert indexed_names() == stored_names()


@ON_SQLITE
def test_after_a_migrate_lost_triggers_come_back_and_a_drifted_index_is_refilled(worker):
    team = worker.memberships.get().team
    SocialFileFactory(team=team, beneficiary=PersonFactory(last_name="Lefèvre", first_names="Hélène"))
    # What SQLite's rebuild of an altered people_person leaves: no triggers, names that no longer follow.
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER people_person_search_insert")
        cursor.execute("DROP TRIGGER people_person_search_update")
        cursor.execute("UPDATE people_person_search SET search_name = 'stale'")
    SocialFileFactory(team=team, beneficiary=PersonFactory(last_name="Mahieu", first_names="Zoé"))
    assert indexed_names() != stored_names()

    call_command("migrate", verbosity=0)  # nothing to apply: post_migrate only

    assert indexed_names() == stored_names()
    PersonFactory(last_name="Quévy")
    assert indexed_names() == stored_names()
    assert names_found(worker, "mahieu zoe") == {"Mahieu"}


@ON_SQLITE
@pytest.mark.django_db(transaction=True)
def test_the_index_stays_in_step_across_a_flush(worker):
    PersonFactory(last_name="Lefèvre")
    call_command("flush", interactive=False, verbosity=0)
    assert indexed_names() == {}
    team = TeamFactory(name="Antenne Cuesmes")
    user = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[team])
    SocialFileFactory(team=team, beneficiary=PersonFactory(last_name="Ghislain", first_names="Léa"))
    assert indexed_names() == stored_names()
    assert names_found(user, "ghis") == {"Ghislain"}


@ON_POSTGRESQL
def test_postgresql_reads_part_of_a_name_from_the_trigram_index():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table is otherwise read whole
        sql, params = backends.name_filter("efev").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "people_person_name_trgm" in plan


def test_the_search_page_costs_the_same_queries_however_many_people_match(client, worker):
    team = worker.memberships.get().team
    SocialFileFactory(team=team, beneficiary=PersonFactory(last_name="Lefèvre", first_names="Hélène"))
    verified_login(client, worker)

    def grow():
        heads = PersonFactory.create_batch(60, last_name="Lefebvre")
        for head in heads:
            SocialFileFactory(team=team, beneficiary=head)
        HouseholdMember.objects.bulk_create(
            HouseholdMember(person=head, member=member, relation="child")
            for head, member in zip(heads, PersonFactory.create_batch(60, last_name="Lefèvre"), strict=True)
        )

    for path in ("search:results", "search:suggestions"):
        assert_constant_queries(lambda path=path: client.get(reverse(path), {"q": "lef"}), grow)
