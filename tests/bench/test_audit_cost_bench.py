"""bin/bench's audit trail benchmark runs end to end (on its own throwaway database) and prints its ratio."""

from tests.bench.run import run_bench


def test_the_bench_compares_the_file_page_with_and_without_read_logging():
    result = run_bench("audit_cost", "--repeat", "2", "--fill", "500")
    lines = result.stdout.splitlines()
    variants = [line.split()[1:3] for line in lines if line.startswith("fiche ")]
    assert variants == [["avec", "journal"], ["sans", "journal"]], result.stdout
    assert any(line.startswith("ratio with / without read logging, fiche: time x") for line in lines)
    # Logging a read costs the chain's transaction (BEGIN, read of the last hash, INSERT, COMMIT), no more.
    assert "queries +4" in result.stdout
    appends = [line.split() for line in lines if line.split()[:1] and line.split()[0].isdigit()]
    assert len(appends) == 2 and int(appends[1][0]) >= int(appends[0][0]) + 500, result.stdout
