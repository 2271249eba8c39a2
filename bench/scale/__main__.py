"""Mons-scale benchmark: every daily page on the demo and at the size of the CPAS de Mons, side by side.

Run by ./bin/bench --scale mons [--db sqlite|postgres] [--fraction F] [--load-seconds N] [--repeat N]
[--output PATH] (bin/bench starts the throwaway PostgreSQL cluster for --db postgres). On a database of its
own (a SQLite file in a temporary directory, or that cluster) it:
1. migrates and loads the demo (demo/), then times every daily page with django.test.Client;
2. grows it to Mons scale (× fraction) with bulk writes (bench/scale/mons.py), ANALYZE;
3. times the same pages again; then 20 users at once through gunicorn on loopback (bench/scale/load.py);
4. times one audit append, runs `manage.py verify_audit` (and `--full` where it exists);
5. prints the Markdown report and writes it to var/bench/scale-<db>-<fraction>.md (or --output).
On PostgreSQL the owner role migrates and builds; pages, gunicorn and verify_audit run as the application's
role, as in production. Goals are checked, never asserted: the report says which are met and by how much not.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bin/bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["mons"], required=True, help="the size to build (Mons)")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--fraction", type=float, default=1.0, help="every count × F (default 1; 0.1: quick)")
    parser.add_argument("--repeat", type=int, default=10, help="timed requests per page (default 10)")
    parser.add_argument("--load-seconds", type=float, default=60, help="load test length (0: none)")
    parser.add_argument("--load-users", type=int, default=20, help="concurrent users (default 20)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers (cores)")
    parser.add_argument("--demo-beneficiaries", type=int, default=300, help="size of the demo (default 300)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--output", type=Path, help="default: var/bench/scale-<db>-<fraction>.md")
    args = parser.parse_args(argv)
    if not 0 < args.fraction <= 1 or args.repeat < 1 or args.load_seconds < 0 or args.load_users < 1:
        parser.error("--fraction must be in ]0, 1], --repeat and --load-users at least 1, --load-seconds ≥ 0")
    return args


def prepare(db: str, directory: Path) -> dict[str, str]:
    """Environment of this process and of those it starts (gunicorn, manage.py), then django.setup()."""
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DOSSIER_MEDIA_ROOT": str(directory / "media"),
        "DOSSIER_AUDIT_SEAL_KEY_FILE": str(directory / "audit_seal_key"),
        "DOSSIER_AUDIT_SEAL_JOURNAL_FILE": str(directory / "audit_seals.jsonl"),
        # django.test.Client calls itself "testserver".
        "DJANGO_ALLOWED_HOSTS": "localhost,127.0.0.1,[::1],testserver",
    }
    if db == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{directory / 'bench.sqlite3'}"
    elif os.environ.get("DOSSIER_BENCH_THROWAWAY") != "1" or not os.environ.get(
        "DATABASE_URL", ""
    ).startswith("postgres"):
        raise SystemExit("bench: --db postgres runs through bin/bench, which starts a throwaway cluster")
    for name in ("DJANGO_PRODUCTION", "DJANGO_DEBUG"):  # the demo refuses production settings
        os.environ.pop(name, None)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return dict(os.environ)


def as_application(on: bool) -> None:
    """On PostgreSQL, switch this process's connection to the application's role (SET ROLE), or back."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql" or not settings.DATABASE_APP_ROLE:
        return
    connection.close()
    options = connection.settings_dict["OPTIONS"]
    if on:
        options["assume_role"] = settings.DATABASE_APP_ROLE
    else:
        options.pop("assume_role", None)


def counts(long_file, meeting_id, worker) -> dict[str, object]:
    from django.contrib.auth.models import User

    from audit.models import AuditEvent
    from bench.scale.mons import queue_size
    from committee.models import AgendaItem
    from files.models import AidRequest, FileEvent, Report, SocialFile
    from people.models import Person
    from workflow.models import BackOfficeTask, Proposal

    queued = queue_size(worker)
    return {
        "files": SocialFile.objects.count(),
        "persons": Person.objects.count(),
        "requests": AidRequest.objects.count(),
        "proposals": Proposal.objects.count(),
        "back-office tasks": BackOfficeTask.objects.count(),
        "reports": Report.objects.count(),
        "timeline entries": FileEvent.objects.count(),
        "audit events": AuditEvent.objects.count(),
        "social workers": User.objects.filter(groups__name="social_worker").count(),
        "long file: reports, requests": f"{long_file.reports.count()}, {long_file.requests.count()}",
        "meeting: agenda items": AgendaItem.objects.filter(meeting_id=meeting_id).count(),
        "social worker's queue items": "n/a" if queued is None else queued,
    }


def time_appends(user, file, count: int = 50) -> float:
    """Median ms of one chained append to the trail (the read of a file page), each in its own transaction."""
    from django.db import transaction

    from audit.services import Verb, record

    times = []
    for _n in range(count):
        started = time.perf_counter()
        with transaction.atomic():
            record(actor=user, verb=Verb.VIEW, target=file, detail={"section": "summary"})
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def verify_audit(env: dict[str, str]):
    """`manage.py verify_audit`, then `--full` when this version has it: seconds, outcome, last line."""
    from django.core.management import load_command_class

    from bench.scale.report import Check

    parser = load_command_class("audit", "verify_audit").create_parser("manage.py", "verify_audit")
    options = {o for action in parser._actions for o in action.option_strings}
    runs = [("verify_audit (default)", [])]
    runs += [("verify_audit --full", ["--full"])] if "--full" in options else []
    checks = []
    for label, extra in runs:
        started = time.monotonic()
        done = subprocess.run(  # noqa: S603 (our manage.py, this interpreter)
            [sys.executable, "manage.py", "verify_audit", *extra],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        said = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
        checks.append(
            Check(label, time.monotonic() - started, done.returncode == 0, said[-1] if said else "")
        )
    if "--full" not in options:
        checks.append(
            Check("verify_audit --full", None, True, "not in this version (the default run is full)")
        )
    return checks


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    started = time.monotonic()

    def say(text: str) -> None:
        print(f"[{time.monotonic() - started:6.0f} s] {text}", flush=True)

    with tempfile.TemporaryDirectory(prefix="dossier-bench-scale-") as directory:
        env = prepare(args.db, Path(directory))
        return run(args, env, Path(directory), say, started)


def run(args, env: dict[str, str], directory: Path, say, started: float) -> int:
    from django import get_version
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    from bench.scale import load, mix, mons, pages, report
    from committee.models import Meeting
    from demo import accounts

    say(f"bench: Mons scale × {args.fraction:g} on {connection.vendor}: migrating")
    call_command("migrate", verbosity=0, interactive=False)
    say(f"bench: loading the demo ({args.demo_beneficiaries} beneficiaries)")
    # The demo's accounts share one password hash: a fast hasher, since nobody logs in with it here.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("load_demo", beneficiaries=args.demo_beneficiaries, stdout=io.StringIO())
    users = {u.username: u for u in User.objects.filter(username__in=accounts.USERNAMES)}
    worker = users[mons.SOCIAL_WORKER]
    long_file = mons.long_file(worker)
    planned = Meeting.objects.filter(status=Meeting.Status.PLANNED).order_by("-starts_at").first()
    scene = pages.Scene(long_file, planned.pk if planned else None, pages.search_terms(long_file))
    demo_counts = counts(long_file, scene.meeting_id, worker)

    as_application(True)
    clients = {name: mix.signed_in(user) for name, user in users.items()}
    say("bench: timing the demo's pages")
    demo = pages.measure_all(pages.catalogue(scene, users), clients, args.repeat, say)

    as_application(False)
    say("bench: building Mons scale")
    built = mons.build(args.fraction, args.seed, long_file, say)
    as_application(True)
    scene = pages.Scene(long_file, built.meeting, scene.searches)
    mons_pages = pages.catalogue(scene, users)
    say("bench: timing the pages at Mons scale")
    at_scale = pages.measure_all(mons_pages, clients, args.repeat, say)
    mons_counts = counts(long_file, built.meeting, worker)

    app_env = {**env, "DATABASE_URL": os.environ.get("DOSSIER_BENCH_APP_URL", env["DATABASE_URL"])}
    result = None
    if args.load_seconds:
        say(f"bench: {args.load_users} users for {args.load_seconds:g} s through gunicorn")
        journal = [p.urls[0] for p in mons_pages if p.key.startswith("journal:")]
        crowd = mix.crowd(args.load_users, users, scene, journal, args.seed)
        result = load.load_test(
            crowd,
            seconds=args.load_seconds,
            workers=args.workers,
            env=app_env,
            log=directory / "gunicorn.log",
        )
    trail_size = mons_counts["audit events"]
    append = (trail_size, time_appends(worker, long_file))
    say("bench: verify_audit")
    checks = verify_audit(app_env)

    title = f"Scale benchmark: Mons × {args.fraction:g}, {connection.vendor}"
    if connection.vendor == "sqlite":
        version = connection.Database.sqlite_version
    else:
        version = f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"
    load_average = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    context = [
        f"{time.strftime('%Y-%m-%d %H:%M')}; {os.cpu_count()} CPUs{load_average}; Python "
        f"{platform.python_version()}, Django {get_version()}, {connection.vendor} {version}",
        f"{args.repeat} timed requests per page after a warm-up (searches: {max(1, args.repeat // 2)} per "
        "query); DEBUG off; the demo's accounts (bin/demo)",
        f"whole run {time.monotonic() - started:.0f} s",
    ]
    text = report.render(
        report.Report(
            title=title,
            context=context,
            counts=[(name, demo_counts[name], mons_counts[name]) for name in demo_counts],
            pages=mons_pages,
            demo=demo,
            mons=at_scale,
            build_seconds=built.seconds,
            build_steps=built.steps,
            fraction=args.fraction,
            load=result,
            checks=checks,
            append_ms=append,
        )
    )
    output = args.output or ROOT / "var" / "bench" / f"scale-{args.db}-{args.fraction:g}.md"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text)
    print()
    print(text)
    say(f"bench: report written to {output}")
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
