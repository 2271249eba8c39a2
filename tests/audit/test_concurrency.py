"""Writers appending at the same time never fork the chain (separate connections, a real database file)."""

from tests.processes import run_python

WRITERS = """
import sys, tempfile, threading
sys.path.insert(0, "bench")
from timeline import setup_django

setup_django(tempfile.mkdtemp(prefix="dossier-concurrent-"))
from django.db import connection
from audit import verification
from audit.services import record

def write(n):
    for i in range(40):
        record(actor=None, verb="login_failed", username=f"agent{n}-{i}")
    connection.close()

threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
report = verification.verify(full=True)
print(report.checked, report.intact)
"""


def test_four_writers_at_once_leave_one_unbroken_chain(tmp_path):
    # Its own seal journal: the checkout's var/audit_seals.jsonl names seals of another database.
    result = run_python(
        "-c", WRITERS, extra={"DOSSIER_AUDIT_SEAL_JOURNAL_FILE": str(tmp_path / "seals.jsonl")}
    )
    assert result.stdout.split() == ["160", "True"]
