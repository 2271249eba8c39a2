"""Writers appending at the same time never fork the chain (separate connections, a real database file)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

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
    env = {**os.environ, "DOSSIER_AUDIT_SEAL_JOURNAL_FILE": str(tmp_path / "seals.jsonl")}
    result = subprocess.run(  # noqa: S603 (our own code, run with this interpreter)
        [sys.executable, "-c", WRITERS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["160", "True"]
