"""bin/bench's letters benchmark runs end to end on a small meeting with real db_worker processes."""

from tests.bench.run import run_bench


def test_the_bench_writes_a_meetings_notifications_with_one_and_two_workers():
    result = run_bench("letters", "--count", "3")
    rows = {line[:26].strip(): line[26:].split() for line in result.stdout.splitlines()[2:]}
    assert set(rows) == {"WeasyPrint seul", "1 travailleur(s)", "2 travailleur(s)"}, result.stdout
    assert all(row[0] == "3" for row in rows.values()), result.stdout
