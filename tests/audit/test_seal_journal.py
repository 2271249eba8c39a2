"""The seal journal outside the database: the owner who deletes the newest rows together with their seals, or
rewrites rows and drops the seals after them, is still caught; a forged journal line is named. Runs on SQLite
and PostgreSQL (the owner is `dba`)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from audit.models import AuditSeal
from audit.services import Verb, record

pytestmark = pytest.mark.django_db


def command(name: str, *args) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out, stderr=out)
    return out.getvalue()


def failure(*args) -> str:
    with pytest.raises(CommandError) as error:
        command("verify_audit", *args)
    return str(error.value)


def when(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run `command` as if its transaction committed, so that its seals reach the journal."""

    def run(name: str, *args) -> str:
        with django_capture_on_commit_callbacks(execute=True):
            return command(name, *args)

    return run


def fail(n: int) -> None:
    for i in range(n):
        record(actor=None, verb=Verb.LOGIN_FAILED, username=f"encore{i}")


def test_each_seal_is_journaled_once_committed_and_verify_is_clean(trail, committed, seal_journal, settings):
    committed("seal_audit")
    fail(5)
    settings.AUDIT_SEAL_EVERY = 3
    with transaction.atomic():
        fail(4)  # an append that seals, rolled back: nothing journaled
        transaction.set_rollback(True)
    settings.AUDIT_SEAL_EVERY = 0
    committed("seal_audit")
    lines = [json.loads(line) for line in seal_journal.read_text().splitlines()]
    seals = list(AuditSeal.objects.order_by("id").values("id", "last_id", "last_hash", "count", "signature"))
    assert [
        {"id": line["seal"], **{k: line[k] for k in ("last_id", "last_hash", "count", "signature")}}
        for line in lines
    ] == seals
    out = command("verify_audit", "--strict", "--full")
    assert "Journal d'audit intègre : 25 événements vérifiés" in out
    assert f"Dernier sceau intact : n° {seals[-1]['id']}" in out and "Attention" not in out


def test_deleting_the_newest_rows_with_their_seals_is_caught_by_the_journal(trail, committed, dba):
    committed("seal_audit")
    fail(10)
    committed("seal_audit")
    second = AuditSeal.objects.order_by("id").last()
    dba.execute("DELETE FROM audit_auditevent WHERE id > %s", [trail[-1].pk])
    dba.execute("DELETE FROM audit_auditseal WHERE id = %s", [second.pk])
    message = failure()
    assert "les événements les plus récents ont été supprimés" in message
    assert f"le sceau n° {second.pk} du {when(second.at)} couvre 30 événements" in message


def test_a_rewrite_with_later_seals_dropped_is_caught_by_the_journal(trail, committed, dba):
    committed("seal_audit")
    fail(10)
    committed("seal_audit")
    second = AuditSeal.objects.order_by("id").last()
    dba.rewrite(trail[-1].pk + 3, username="quelqu'un d'autre")
    dba.execute("DELETE FROM audit_auditseal WHERE id = %s", [second.pk])
    message = failure()
    assert "le journal a été réécrit" in message
    assert f"ne correspond plus au sceau n° {second.pk} du {when(second.at)}" in message


def test_a_seal_deleted_from_the_database_alone_is_named(trail, committed, dba):
    committed("seal_audit")
    made = AuditSeal.objects.get()
    dba.execute("DELETE FROM audit_auditseal")
    message = failure()
    assert (
        f"le sceau n° {made.pk} du {when(made.at)} (ligne 1 du registre des sceaux) a été supprimé" in message
    )


def test_a_forged_journal_line_is_named(trail, committed, seal_journal):
    committed("seal_audit")
    line = json.loads(seal_journal.read_text())
    line.update(seal=line["seal"] + 1, count=line["count"] + 5, last_id=line["last_id"] + 5)
    with seal_journal.open("a") as journal:
        journal.write(json.dumps(line) + "\n")
    assert "la ligne 2 du registre des sceaux" in (message := failure())
    assert "n'a pas une signature valide" in message


def test_an_absent_journal_warns_and_fails_only_when_strict(trail, seal_journal):
    call_command("seal_audit", stdout=StringIO())  # its transaction never commits here: nothing journaled
    assert not seal_journal.exists()
    out = command("verify_audit")
    assert "Journal d'audit intègre" in out and "Attention : le registre des sceaux" in out
    assert "Vérification stricte impossible" in failure("--strict")
