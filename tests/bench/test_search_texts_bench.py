"""bin/bench --texts runs end to end (on its own throwaway SQLite database) and prints its table."""

from tests.bench.run import run_bench


def test_the_text_search_bench_runs_and_reports_median_and_p95():
    result = run_bench("search_texts", "--sizes", "200,400", "--repeat", "1")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith(("| 200 |", "| 400 |"))]
    assert len(set(rows)) == 4, result.stdout  # (each row printed as measured, then in the table)
    assert "median ms" in result.stdout and "p95 ms" in result.stdout
