"""The benchmark's Markdown report: demo and Mons side by side, each goal and whether it is met."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from bench.scale.load import LoadResult
from bench.scale.pages import Page, Timing

LOAD_GOALS = {"throughput": 30.0, "p95": 1000.0, "errors": 0, "rss": 200.0}
BUILD_GOAL_SECONDS = 600


@dataclass
class Check:
    """One run of a management command (verify_audit): seconds, exit code, its last line."""

    label: str
    seconds: float | None
    ok: bool
    said: str


@dataclass
class Report:
    title: str
    context: list[str]
    counts: list[tuple[str, object, object]]  # (what, demo, Mons)
    pages: list[Page]
    demo: dict[str, Timing]
    mons: dict[str, Timing]
    build_seconds: float
    build_steps: dict[str, float]
    fraction: float
    load: LoadResult | None = None
    checks: list[Check] = field(default_factory=list)
    append_ms: tuple[int, float] | None = None  # (events in the trail, median ms of one append)


def _n(value) -> str:
    return f"{value:,}".replace(",", " ") if isinstance(value, int) else str(value)


def _ms(value: float) -> str:
    return f"{value:.1f}"


def page_verdict(page: Page, timing: Timing) -> str:
    failed = sorted(s for s in timing.statuses if s >= 400)
    if failed:
        return "ERROR (HTTP " + ", ".join(map(str, failed)) + ")"
    return page.goal.verdict(timing.median, timing.p95)


def over_by(value: float, goal: float, *, at_least: bool = False) -> str:
    short = goal - value if at_least else value - goal
    return "met" if short <= 0 else f"NOT MET (by {math.ceil(short)})"


def render(r: Report) -> str:
    lines = [f"# {r.title}", ""]
    lines += [f"- {line}" for line in r.context]
    lines += ["", "## Data", "", "| | demo | Mons |", "| --- | ---: | ---: |"]
    lines += [f"| {what} | {_n(demo)} | {_n(mons)} |" for what, demo, mons in r.counts]
    build = f"Built in {r.build_seconds:.0f} s"
    if r.fraction >= 1:
        build += f" (goal ≤ {BUILD_GOAL_SECONDS} s: {over_by(r.build_seconds, BUILD_GOAL_SECONDS)})"
    steps = "; ".join(f"{name} {seconds:.0f} s" for name, seconds in r.build_steps.items())
    lines += ["", f"{build}: {steps}."]

    met = sum(page_verdict(p, r.mons[p.key]) == "met" for p in r.pages if p.key in r.mons)
    lines += ["", "## Pages", ""]
    lines += [
        "Server time in ms (django.test.Client), median and 95th percentile, and SQL queries of one request. "
        f"Goals apply at Mons scale. {met} of {len(r.pages)} pages meet their goal.",
        "",
        "| page | user | demo median | demo p95 | demo queries | Mons median | Mons p95 | Mons queries "
        "| goal | Mons |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for page in r.pages:
        demo, mons = r.demo.get(page.key), r.mons.get(page.key)
        cells = [page.label, page.username]
        for timing in (demo, mons):
            cells += [_ms(timing.median), _ms(timing.p95), str(timing.queries)] if timing else ["–"] * 3
        cells += [str(page.goal), page_verdict(page, mons) if mons else "not measured"]
        lines.append("| " + " | ".join(cells) + " |")

    lines += _load(r.load) + _audit(r)
    lines += [
        "",
        "## Searches, one by one",
        "",
        "| query | demo median | Mons median | Mons queries | status |",
    ]
    lines += ["| --- | ---: | ---: | ---: | ---: |"]
    for page in r.pages:
        if len(page.urls) > 1 and page.key in r.mons:
            demo = {u: m for u, m, _q, _s in r.demo[page.key].each} if page.key in r.demo else {}
            lines.append(f"| *{page.label}* | | | | |")
            for address, median, queries, status in r.mons[page.key].each:
                query = parse_qs(urlsplit(address).query).get("q", [""])[0]
                before = _ms(demo[address]) if address in demo else "–"
                lines.append(f"| `{query}` | {before} | {_ms(median)} | {queries} | {status} |")
    return "\n".join(lines) + "\n"


def _load(load: LoadResult | None) -> list[str]:
    if load is None:
        return ["", "## Load", "", "Not run (--load-seconds 0)."]
    rss = max(load.rss_mb, default=0.0)
    lines = ["", "## Load", ""]
    lines += [
        f"{load.users} users for {load.seconds:.0f} s through gunicorn ({load.workers} workers) on loopback, "
        "each a logged-in session fetching its role's pages one after the other.",
        "",
        "| measure | value | goal | |",
        "| --- | ---: | --- | --- |",
        f"| pages per second | {load.throughput:.1f} | ≥ {LOAD_GOALS['throughput']:.0f} | "
        f"{over_by(load.throughput, LOAD_GOALS['throughput'], at_least=True)} |",
        f"| median response, ms | {load.median:.0f} | | |",
        f"| p95 response, ms | {load.p95:.0f} | ≤ {LOAD_GOALS['p95']:.0f} "
        f"| {over_by(load.p95, LOAD_GOALS['p95'])} |",
        f"| errors | {load.errors} | 0 | {over_by(load.errors, 0)} |",
        f"| worker memory (RSS, largest), MB | {rss:.0f} "
        f"({', '.join(f'{m:.0f}' for m in load.rss_mb)}) | ≤ {LOAD_GOALS['rss']:.0f} "
        f"| {over_by(rss, LOAD_GOALS['rss'])} |",
    ]
    lines += [f"\nError: {sample}" for sample in load.error_samples]
    return lines


def _audit(r: Report) -> list[str]:
    lines = ["", "## Audit trail", "", "| measure | value | result |", "| --- | ---: | --- |"]
    for check in r.checks:
        seconds = f"{check.seconds:.1f} s" if check.seconds is not None else "–"
        lines.append(f"| {check.label} | {seconds} | {'OK' if check.ok else 'FAILED'}: {check.said} |")
    if r.append_ms:
        events, ms = r.append_ms
        lines.append(f"| one append (chained) at {_n(events)} events | {ms:.2f} ms | median of 50 |")
    return lines
