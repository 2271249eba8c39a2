"""verify_audit by default from the newest seal, --full in parallel chunks: what each finds, and that chunks
and processes give the answer of one walk. Runs on SQLite and PostgreSQL (the owner is `dba`)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from audit import chain, verification
from audit.models import AuditEvent, AuditSeal
from audit.services import Verb, record
from tests.processes import run_python

pytestmark = pytest.mark.django_db


def command(*args) -> str:
    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def failure(*args) -> str:
    with pytest.raises(CommandError) as error:
        command(*args)
    return str(error.value)


def when(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S")


def fail(n: int) -> list[AuditEvent]:
    return [record(actor=None, verb=Verb.LOGIN_FAILED, username=f"encore{i}") for i in range(n)]


def test_a_default_run_verifies_what_follows_the_newest_seal(trail):
    call_command("seal_audit", stdout=StringIO())
    made = AuditSeal.objects.get()
    fail(5)
    out = command()
    newest = AuditEvent.objects.order_by("-id").first()
    assert (
        f"intègre depuis le dernier sceau : 5 événements vérifiés après l'événement n° {trail[-1].pk}. "
        f"Dernière empreinte : {newest.row_hash}"
    ) in out
    assert f"Dernier sceau intact : n° {made.pk} du {when(made.at)}, 20 événements" in out
    assert "seule une vérification complète (--full)" in out
    assert "Journal d'audit intègre : 25 événements vérifiés" in command("--full")


def test_a_break_after_the_newest_seal_is_found_by_default(trail, dba):
    call_command("seal_audit", stdout=StringIO())
    made = AuditSeal.objects.get()
    later = fail(6)
    dba.execute("UPDATE audit_auditevent SET username = %s WHERE id = %s", ["alibi", later[2].pk])
    message = failure()
    assert f"après l'événement n° {trail[-1].pk} (sceau n° {made.pk}) et 2 événements intègres" in message
    assert f"l'événement n° {later[2].pk} du {when(later[2].at)} a été modifié" in message


def test_a_row_changed_in_place_before_the_newest_seal_is_left_to_the_full_verification(trail, dba):
    """The default run trusts the seal for the rows before it: a row changed in place, its stored hash left
    alone, keeps the sealed head intact; only reading every row finds it."""
    call_command("seal_audit", stdout=StringIO())
    fail(5)
    dba.execute("UPDATE audit_auditevent SET username = %s WHERE id = %s", ["alibi", trail[3].pk])
    assert "intègre depuis le dernier sceau : 5 événements vérifiés" in command()
    message = failure("--full")
    assert f"après 3 événements intègres : l'événement n° {trail[3].pk} du {when(trail[3].at)}" in message


def test_when_the_newest_seal_no_longer_holds_the_default_run_verifies_everything(trail, dba):
    call_command("seal_audit", stdout=StringIO())
    fail(10)
    call_command("seal_audit", stdout=StringIO())
    dba.rewrite(trail[-1].pk + 3, username="quelqu'un d'autre")  # every later hash recomputed
    message = failure()
    assert "le journal a été réécrit" in message and "après 20 événements intègres" in message
    assert failure("--full") == message


def test_removing_old_rows_without_recomputing_changes_the_newest_seals_count(trail, dba):
    call_command("seal_audit", stdout=StringIO())
    fail(3)
    dba.execute("DELETE FROM audit_auditevent WHERE id = %s", [trail[7].pk])
    message = failure()
    assert f"entre l'événement n° {trail[6].pk} du {when(trail[6].at)}" in message
    assert failure("--full") == message


def test_the_full_verification_prints_its_progress(trail):
    out = command("--full", "--chunk-size", "8")
    lines = [line for line in out.splitlines() if line.startswith("Vérifiés")]
    assert lines == [
        "Vérifiés : 8 / 20 événements (40 %)",
        "Vérifiés : 16 / 20 événements (80 %)",
        "Vérifiés : 20 / 20 événements (100 %)",
    ]


def altered(trail, dba):
    dba.execute("UPDATE audit_auditevent SET username = %s WHERE id = %s", ["alibi", trail[11].pk])


def removed(trail, dba):
    dba.execute("DELETE FROM audit_auditevent WHERE id = %s", [trail[8].pk])


def first_removed(trail, dba):
    dba.execute("DELETE FROM audit_auditevent WHERE id <= %s", [trail[2].pk])


def recomputed(trail, dba):
    forged = {name: getattr(trail[5], name) for name in chain.HASHED_FIELDS}
    forged["username"] = "personne"
    dba.execute(
        "UPDATE audit_auditevent SET username = %s, row_hash = %s WHERE id = %s",
        ["personne", chain.compute_hash(forged), trail[5].pk],
    )


def slipped_in(trail, dba):
    """A row with a well-computed hash between two rows, ids apart (the rows after it renumbered)."""
    dba.execute("UPDATE audit_auditevent SET id = id + 1000 WHERE id > %s", [trail[9].pk])
    slipped = AuditEvent(id=trail[9].pk + 1, verb=Verb.LOGIN, username="alibi", at=timezone.now())
    slipped.prev_hash = trail[9].row_hash
    slipped.row_hash = chain.compute_hash({name: getattr(slipped, name) for name in chain.HASHED_FIELDS})
    AuditEvent.objects.bulk_create([slipped])


def sealed_then_cut(trail, dba):
    call_command("seal_audit", stdout=StringIO())
    dba.execute("DELETE FROM audit_auditevent WHERE id > %s", [trail[14].pk])


@pytest.mark.parametrize(
    "tamper", [None, altered, removed, first_removed, recomputed, slipped_in, sealed_then_cut]
)
def test_chunks_of_any_size_give_the_answer_of_one_walk(trail, dba, tamper):
    if tamper is not None:
        tamper(trail, dba)
    answers = {
        size: verification.verify(full=True, jobs=2, chunk_events=size) for size in (1, 2, 3, 7, 19, 1000)
    }
    one_walk = answers.pop(1000)
    assert one_walk.intact == (tamper is None)
    for size, report in answers.items():
        assert report == one_walk, size


SUBPROCESS = """
import json, sys, tempfile
sys.path.insert(0, "bench")
from timeline import setup_django

setup_django(tempfile.mkdtemp(prefix="dossier-verify-"))
from django.db import connection
from audit import seal, verification
from audit.services import record

def answer(**options):
    steps = []
    report = verification.verify(progress=lambda done, total: steps.append([done, total]), **options)
    first = report.first_break
    # Chunks end in any order: the progress tells only the total, and everything verified when intact.
    done, total = max(steps)
    progress = [total, done == total] if report.intact else [total]
    return [report.checked, report.last_hash, first and [first.kind, first.row_id, first.message], progress]

def answers():
    return {jobs: [answer(full=True, jobs=jobs, chunk_events=45), answer(jobs=jobs, chunk_events=45)]
            for jobs in (1, 2)}

for i in range(300):
    record(actor=None, verb="login_failed", username=f"agent{i}")
seal.seal()
for i in range(100):
    record(actor=None, verb="login_failed", username=f"ensuite{i}")
intact = answers()
with connection.cursor() as cursor:
    cursor.execute("DROP TRIGGER audit_auditevent_no_update")
    cursor.execute("UPDATE audit_auditevent SET username = 'alibi' WHERE id = 123")
before_seal = answers()
with connection.cursor() as cursor:
    cursor.execute("UPDATE audit_auditevent SET username = 'alibi' WHERE id = 350")
print(json.dumps([intact, before_seal, answers()]))
"""


def test_processes_in_parallel_give_the_answer_of_one_process(tmp_path):
    """Real worker processes on a database file (a test's own transaction is visible to itself only)."""
    result = run_python(
        "-c", SUBPROCESS, extra={"DOSSIER_AUDIT_SEAL_JOURNAL_FILE": str(tmp_path / "seals.jsonl")}
    )
    intact, before_seal, after_seal = json.loads(result.stdout)
    for answers in (intact, before_seal, after_seal):
        assert answers["1"] == answers["2"]
    full, default = intact["2"]
    assert full == [400, default[1], None, [400, True]]
    assert default == [100, full[1], None, [100, True]]
    # Row 123 lies before the seal (of row 300): a default run trusts it to the seal; row 350 follows it.
    full, default = before_seal["2"]
    assert full[0] == 122 and full[2][:2] == ["altered", 123]
    assert default[2] is None
    full, default = after_seal["2"]
    assert full[0] == 122 and full[2][:2] == ["altered", 123]
    assert default[0] == 49 and default[2][:2] == ["altered", 350]
