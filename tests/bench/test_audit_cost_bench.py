"""bin/bench's audit trail benchmark runs end to end (on its own throwaway database) and prints its ratio."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "audit_cost.py"


def test_the_bench_compares_the_file_page_with_and_without_read_logging():
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(  # noqa: S603 (our own script, run with this interpreter)
        [sys.executable, str(SCRIPT), "--repeat", "2", "--fill", "500"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    variants = [line.split()[1:3] for line in lines if line.startswith("fiche ")]
    assert variants == [["avec", "journal"], ["sans", "journal"]], result.stdout
    assert any(line.startswith("ratio with / without read logging, fiche: time x") for line in lines)
    # Logging a read costs the chain's transaction (BEGIN, read of the last hash, INSERT, COMMIT), no more.
    assert "queries +4" in result.stdout
    appends = [line.split() for line in lines if line.split()[:1] and line.split()[0].isdigit()]
    assert len(appends) == 2 and int(appends[1][0]) >= int(appends[0][0]) + 500, result.stdout
