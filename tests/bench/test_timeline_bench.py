"""bin/bench's timeline benchmark runs end to end (on its own throwaway database) and prints its table."""

import importlib.util

from tests.bench.run import ROOT, run_bench

SCRIPT = ROOT / "bench" / "timeline.py"


def load_module():
    spec = importlib.util.spec_from_file_location("bench_timeline", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_p95():
    bench = load_module()
    assert bench.p95([5.0]) == 5.0
    assert bench.p95([float(n) for n in range(1, 101)]) == 95.05


def test_the_bench_runs_and_reports_the_query_count_verdict():
    result = run_bench("timeline", "--repeat", "2")
    out = result.stdout
    assert "page" in out and "median ms" in out and "p95 ms" in out and "queries" in out
    assert "query count constant: " in out
    measured = [line for line in out.splitlines() if line.split()[:1] in (["fiche"], ["historique"])]
    skipped = [line for line in out.splitlines() if line.startswith("skipped:")]
    assert len(measured) + 3 * len(skipped) == 6, out
