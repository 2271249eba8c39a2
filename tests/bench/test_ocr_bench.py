"""bin/bench's OCR benchmark runs end to end on one page, through read_pdf and the ocrmypdf command."""

from tests.bench.run import run_bench


def test_the_bench_reads_the_same_page_both_ways_and_prints_the_ratio():
    result = run_bench("ocr", "--pages", "1", "--per-document", "1", "--languages", "fra")
    lines = result.stdout.splitlines()
    assert any(line.split()[:3] == ["ocrmypdf", "(commande)", "1"] for line in lines), result.stdout
    assert any(line.split()[:2] == ["read_pdf", "1"] for line in lines), result.stdout
    assert "read_pdf / ocrmypdf :" in result.stdout
    assert "« loyer » lu par read_pdf dans 1 document(s) sur 1" in result.stdout
