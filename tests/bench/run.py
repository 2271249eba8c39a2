"""Running a bench/ script as ./bin/bench does: this interpreter, on its own throwaway database and media."""

import subprocess

from tests.processes import ROOT, run_python

# The test's own database and media settings are not passed on: the benchmark builds its own.
OWN_DATABASE = ("DATABASE_URL", "DOSSIER_MEDIA_ROOT")


def run_bench(name: str, *args: str) -> subprocess.CompletedProcess:
    """Run bench/<name>.py with `args`."""
    return run_python(str(ROOT / "bench" / f"{name}.py"), *args, without=OWN_DATABASE)
