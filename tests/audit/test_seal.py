"""Seals of the trail's head: the database owner deleting the newest rows, or rewriting a row and recomputing
every later hash, no longer goes unnoticed. Runs on SQLite and PostgreSQL (the owner is `dba`)."""

import datetime
import os
import stat
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit import seal
from audit.models import AuditEvent, AuditSeal
from audit.services import Verb, record
from tests.audit.conftest import set_server_retention

pytestmark = pytest.mark.django_db


def command(name: str, *args) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def failure() -> str:
    with pytest.raises(CommandError) as error:
        command("verify_audit")
    return str(error.value)


def when(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S")


def fail(n: int) -> None:
    for i in range(n):
        record(actor=None, verb=Verb.LOGIN_FAILED, username=f"encore{i}")


def test_seal_audit_signs_the_head_and_verify_audit_checks_it(trail):
    out = command("seal_audit")
    made = AuditSeal.objects.get()
    assert (made.last_id, made.last_hash, made.count) == (trail[-1].pk, trail[-1].row_hash, 20)
    assert f"Sceau n° {made.pk} : 20 événements jusqu'à l'événement n° {trail[-1].pk}" in out
    assert "Rien de nouveau" in command("seal_audit")
    assert AuditSeal.objects.count() == 1
    assert f"Dernier sceau intact : n° {made.pk} du {when(made.at)}, 20 événements" in command("verify_audit")


def test_deleting_the_newest_rows_after_a_seal_is_named(trail, dba):
    command("seal_audit")
    made = AuditSeal.objects.get()
    dba.execute("DELETE FROM audit_auditevent WHERE id > %s", [trail[14].pk])
    message = failure()
    assert "les événements les plus récents ont été supprimés" in message
    assert f"le sceau n° {made.pk} du {when(made.at)} couvre 20 événements" in message
    assert f"jusqu'à l'événement n° {trail[-1].pk}" in message
    assert f"s'arrête à l'événement n° {trail[14].pk} du {when(trail[14].at)}" in message


def test_deleting_the_newest_rows_and_writing_on_is_named(trail, dba):
    command("seal_audit")
    dba.execute("DELETE FROM audit_auditevent WHERE id > %s", [trail[14].pk])
    fail(10)  # the application appends on, linked to the shortened trail
    message = failure()
    assert f"l'événement n° {trail[-1].pk}, scellé par le sceau n°" in message
    assert "a disparu du journal" in message


def test_a_row_rewritten_with_every_later_hash_recomputed_is_named_between_two_seals(trail, dba):
    command("seal_audit")
    fail(10)
    command("seal_audit")
    first, second = AuditSeal.objects.order_by("id")
    newest = AuditEvent.objects.order_by("-id").first()
    dba.rewrite(trail[-1].pk + 3, username="quelqu'un d'autre")
    message = failure()
    assert "le journal a été réécrit" in message
    assert f"après l'événement n° {trail[-1].pk} (scellé intact le {when(first.at)})" in message
    assert (
        f"jusqu'à l'événement n° {newest.pk} : celui-ci ne correspond plus au sceau n° {second.pk}" in message
    )
    assert "après 20 événements intègres" in message


def test_a_rewrite_before_the_first_seal_is_named_from_the_start(trail, dba):
    command("seal_audit")
    dba.rewrite(trail[4].pk, username="personne")
    message = failure()
    assert "le journal a été réécrit depuis le début du journal" in message
    assert f"jusqu'à l'événement n° {trail[-1].pk}" in message


def test_a_seal_forged_without_the_key_is_named(trail, dba, tmp_path, settings):
    command("seal_audit")
    dba.execute("DELETE FROM audit_auditevent WHERE id > %s", [trail[9].pk])
    # The owner seals the shortened trail anew, with a key of his own.
    application_key, settings.AUDIT_SEAL_KEY_FILE = settings.AUDIT_SEAL_KEY_FILE, str(tmp_path / "owners-key")
    with transaction.atomic():
        forged = seal.seal_head()
    settings.AUDIT_SEAL_KEY_FILE = application_key
    dba.execute("DELETE FROM audit_auditseal WHERE id < %s", [forged.pk])
    assert f"le sceau n° {forged.pk} du {when(forged.at)} n'a pas une signature valide" in failure()


def test_the_key_is_kept_outside_the_database_readable_by_its_owner_only(trail):
    command("seal_audit")
    path = django_settings.AUDIT_SEAL_KEY_FILE
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    key = open(path, "rb").read().strip()  # noqa: PTH123, SIM115
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_hash, signature FROM audit_auditseal")
        assert key.decode() not in " ".join(cursor.fetchone())


def test_every_nth_append_seals_the_head_within_the_same_append(trail, settings):
    settings.AUDIT_SEAL_EVERY = 4
    fail(12)
    seals = list(AuditSeal.objects.order_by("id"))
    assert len(seals) == 3
    assert all(s.last_id % 4 == 0 for s in seals)
    events = list(AuditEvent.objects.order_by("id").values_list("id", "row_hash"))
    for made in seals:
        position = [i for i, _ in events].index(made.last_id) + 1
        assert (made.count, made.last_hash) == (position, dict(events)[made.last_id])
    assert "Dernier sceau intact" in command("verify_audit")


def test_an_append_that_does_not_seal_costs_what_it_did(trail, settings):
    settings.AUDIT_SEAL_EVERY = 1000
    if (trail[-1].pk + 1) % 1000 == 0:
        fail(1)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        record(actor=None, verb=Verb.LOGIN_FAILED, username="inconnu")
    lock = ["SELECT"] if connection.vendor == "postgresql" else []
    assert [q["sql"].split()[0].upper() for q in queries.captured_queries] == [*lock, "SELECT", "INSERT"]


def test_a_purge_leaves_the_seals_verifiable(settings):
    now = timezone.now()
    for years in (12, 11, 9, 1, 0):
        AuditEvent.objects.create(
            verb=Verb.LOGIN,
            username=f"agent-{years}",
            at=now - datetime.timedelta(days=round(365.25 * years)),
        )
    command("seal_audit")
    if connection.vendor == "postgresql":
        set_server_retention(10)
    settings.AUDIT_RETENTION_YEARS = 10
    assert "2 événements antérieurs" in command("purge_audit")
    out = command("verify_audit", "--full")
    assert "Journal d'audit intègre : 4 événements vérifiés" in out
    last = AuditSeal.objects.order_by("-id").first()
    assert f"Dernier sceau intact : n° {last.pk}" in out and "5 événements" in out


def test_an_unusable_key_stops_every_command(tmp_path, settings):
    from django.core.checks import run_checks

    (tmp_path / "short").write_text("trop courte")
    settings.AUDIT_SEAL_KEY_FILE = str(tmp_path / "short")
    [error] = [m for m in run_checks() if m.id == "audit.E001"]
    assert "shorter than 32 bytes" in error.msg
