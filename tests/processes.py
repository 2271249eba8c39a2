"""Our own Python code in a process of its own, for tests that need real processes (locks, workers, a server).

A test's database transaction is visible to itself only, so such code runs on a database file of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_python(
    *args: str, without: tuple[str, ...] = (), extra: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess:
    """Run this interpreter with `args` from the repository root and fail the test if it fails.

    `without` drops the variables that start with those prefixes (the test's own database, its media);
    `extra` adds variables.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(without)} if without else dict(os.environ)
    env.update(extra or {})
    result = subprocess.run(  # noqa: S603 (our own code, run with this interpreter)
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result
