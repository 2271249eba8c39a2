"""Running a bench/ script as ./bin/bench does: this interpreter, on its own throwaway database and media."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_bench(name: str, *args: str) -> subprocess.CompletedProcess:
    """Run bench/<name>.py with `args`; the test's own database and media settings are not passed on."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DOSSIER_MEDIA_ROOT")}
    result = subprocess.run(  # noqa: S603 (our own script, run with this interpreter)
        [sys.executable, str(ROOT / "bench" / f"{name}.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result
