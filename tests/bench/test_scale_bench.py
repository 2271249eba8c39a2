"""bin/bench --scale mons runs end to end on a sliver of Mons (SQLite) and reports every daily page."""

from tests.bench.run import OWN_DATABASE
from tests.processes import run_python


def table_rows(text: str, heading: str) -> list[list[str]]:
    """The cells of the Markdown table under `heading` (header and rule lines left out)."""
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip("| ").split("|") for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row] for row in rows[1:] if not row[0].startswith("---")]


def test_the_scale_bench_times_every_daily_page_and_checks_the_trail(tmp_path):
    from files.sections import TABS
    from workflow.queues import QUEUES

    output = tmp_path / "scale.md"
    arguments = ["--scale", "mons", "--fraction", "0.005", "--load-seconds", "2", "--repeat", "1"]
    arguments += ["--demo-beneficiaries", "60", "--output", str(output)]
    result = run_python("-m", "bench.scale", *arguments, without=OWN_DATABASE, timeout=600)
    text = output.read_text()
    assert text in result.stdout

    pages = {row[0]: row for row in table_rows(text, "Pages")}
    wanted = {f"file: {label}" for _key, label, _name, _action in TABS}
    wanted |= {f"queue: {queue.label}" for queue in QUEUES}
    wanted |= {"home (Mes dossiers), social worker", "search, social worker (20 queries)", "file: one report"}
    wanted |= {
        f"journal: {name}" for name in ("no filter", "user", "file", "verb", "period", "failed log-ins")
    }
    assert wanted <= set(pages), sorted(wanted - set(pages))
    assert any(label.startswith("meeting (") for label in pages)
    for label, row in pages.items():
        assert len(row) == 10 and row[-1].startswith(("met", "NOT MET (by ")), (label, row)

    load = {row[0]: row for row in table_rows(text, "Load")}
    assert load["errors"][1] == "0", text
    audit = table_rows(text, "Audit trail")
    assert audit[0][0] == "verify_audit (default)" and audit[0][2].startswith("OK"), audit
