"""The hash chain: a fresh trail verifies; a row altered, removed or slipped in is named by verify_audit."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from access.roles import Role
from audit import chain
from audit.models import AuditEvent
from audit.services import Verb, record
from tests.factories import SocialFileFactory, UserFactory
from tests.login import verified_login

pytestmark = pytest.mark.django_db


def verify(**options) -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out, **options)
    return out.getvalue()


def failure() -> str:
    with pytest.raises(CommandError) as error:
        verify()
    return str(error.value)


def when(event: AuditEvent) -> str:
    return timezone.localtime(event.at).strftime("%d/%m/%Y %H:%M:%S")


def test_a_fresh_trail_of_many_events_verifies_after_its_round_trip_through_the_database(client):
    worker = UserFactory(role=Role.SOCIAL_WORKER.value)
    request = RequestFactory().get("/", REMOTE_ADDR="2001:0db8:0000:0000:0000:0000:0000:0001")
    for n in range(300):
        record(
            actor=worker,
            verb=Verb.VIEW,
            request=request,
            purpose="Vérification « urgente » — café" if n % 3 else "",
            detail={
                "n": n,
                "montant": 1314.2,
                "entier": 2.0,
                "grand": 1e20,
                "z": [None, True],
                "é": {"b": 1},
            },
        )
    # Moments on a whole second, which ISO formatting would otherwise print without microseconds.
    AuditEvent.objects.create(verb=Verb.LOGIN_FAILED, at=timezone.now().replace(microsecond=0))
    verified_login(client, worker)  # the log-in signal writes its event too
    out = verify(chunk_size=7)
    total = AuditEvent.objects.count()
    assert f"Journal d'audit intègre : {total} événements vérifiés" in out
    assert AuditEvent.objects.order_by("-id").first().row_hash in out


def test_each_row_links_to_the_previous_one_from_a_fixed_genesis(trail):
    assert trail[0].prev_hash == chain.GENESIS
    assert all(row.prev_hash == before.row_hash for before, row in zip(trail, trail[1:], strict=False))
    assert len({row.row_hash for row in trail}) == len(trail)


def test_a_row_altered_directly_in_sql_is_named_with_its_time(trail, dba):
    altered = trail[11]
    dba.execute("UPDATE audit_auditevent SET username = %s WHERE id = %s", ["quelqu'un d'autre", altered.pk])
    message = failure()
    assert f"l'événement n° {altered.pk} du {when(altered)} a été modifié" in message
    assert "après 11 événements intègres" in message


def test_an_altered_detail_is_found_too(trail, dba):
    dba.execute("UPDATE audit_auditevent SET detail = %s WHERE id = %s", ['{"essai": 99}', trail[4].pk])
    assert f"l'événement n° {trail[4].pk} du" in failure()


def test_a_removed_row_is_named_by_the_rows_around_it(trail, dba):
    dba.execute("DELETE FROM audit_auditevent WHERE id = %s", [trail[7].pk])
    message = failure()
    assert "supprimés" in message
    assert f"entre l'événement n° {trail[6].pk} du {when(trail[6])}" in message
    assert f"et l'événement n° {trail[8].pk} du {when(trail[8])}" in message


def test_removing_the_first_rows_is_found(trail, dba):
    dba.execute("DELETE FROM audit_auditevent WHERE id <= %s", [trail[2].pk])
    assert f"supprimés avant l'événement n° {trail[3].pk}" in failure()


def test_an_altered_row_whose_hash_was_recomputed_breaks_the_link_to_the_next_one(trail, dba):
    forged = trail[5]
    forged.username = "personne"
    values = {name: getattr(forged, name) for name in chain.HASHED_FIELDS}
    dba.execute(
        "UPDATE audit_auditevent SET username = %s, row_hash = %s WHERE id = %s",
        ["personne", chain.compute_hash(values), forged.pk],
    )
    assert f"entre l'événement n° {forged.pk} du {when(forged)} et l'événement n° {trail[6].pk}" in failure()


def test_a_row_slipped_in_between_two_rows_is_named_even_with_a_well_computed_hash():
    first = AuditEvent.objects.create(id=10, verb=Verb.LOGIN_FAILED, username="a")
    AuditEvent.objects.create(id=20, verb=Verb.LOGIN_FAILED, username="b")
    slipped = AuditEvent(
        id=15, verb=Verb.LOGIN, username="alibi", at=timezone.now(), prev_hash=first.row_hash
    )
    slipped.row_hash = chain.compute_hash({name: getattr(slipped, name) for name in chain.HASHED_FIELDS})
    AuditEvent.objects.bulk_create([slipped])  # a plain INSERT: no chaining
    assert f"l'événement n° 15 du {when(slipped)} a été inséré" in failure()


def test_a_forged_row_added_at_the_end_is_named(trail):
    at = timezone.now() - datetime.timedelta(days=3)
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                id=trail[-1].pk + 5, verb=Verb.LOGIN, username="alibi", at=at, prev_hash="x", row_hash="y"
            )
        ]
    )
    assert f"l'événement n° {trail[-1].pk + 5} du" in failure()
    assert "a été inséré" in failure()


def test_the_database_refuses_to_update_a_stored_row(trail):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=trail[3].pk).update(username="quelqu'un d'autre")
    with pytest.raises(ValueError):
        trail[3].save()
    assert "intègre : 20 événements" in verify()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite refuses UPDATE only (flush deletes)")
def test_postgresql_refuses_delete_and_truncate(trail):
    # The application's role is refused by its privileges (test_database_roles.py), any other by the triggers.
    with pytest.raises(DatabaseError, match="ajout seul|permission denied"), transaction.atomic():
        AuditEvent.objects.filter(pk=trail[3].pk).delete()
    with (
        pytest.raises(DatabaseError, match="ajout seul|permission denied"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # else PostgreSQL refuses for pending FK checks
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.count() == 20


def test_one_append_is_one_indexed_read_and_one_insert(trail):
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        record(actor=None, verb=Verb.LOGIN_FAILED, username="inconnu")
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    lock = ["SELECT"] if connection.vendor == "postgresql" else []
    assert statements == [*lock, "SELECT", "INSERT"]


def test_reading_a_file_names_the_person_it_concerns(client):
    file = SocialFileFactory()
    worker = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[file.team])
    verified_login(client, worker)
    client.get(reverse("files:detail", args=[file.pk]))
    event = AuditEvent.objects.get(verb=Verb.VIEW, user=worker)
    assert (event.file_id, event.person_id) == (file.pk, file.beneficiary_id)
