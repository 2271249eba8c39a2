"""bin/bench's letters benchmark runs end to end on a small meeting with real db_worker processes."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "letters.py"


def test_the_bench_writes_a_meetings_notifications_with_one_and_two_workers():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DOSSIER_MEDIA_ROOT")}
    result = subprocess.run(  # noqa: S603 (our own script, run with this interpreter)
        [sys.executable, str(SCRIPT), "--count", "3"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = {line[:26].strip(): line[26:].split() for line in result.stdout.splitlines()[2:]}
    assert set(rows) == {"WeasyPrint seul", "1 travailleur(s)", "2 travailleur(s)"}, result.stdout
    assert all(row[0] == "3" for row in rows.values()), result.stdout
