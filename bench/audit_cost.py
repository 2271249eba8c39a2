"""Audit trail benchmark: what logging every read costs the file page, and what one chained append costs.

Run by ./bin/bench (python bench/audit_cost.py [--repeat N] [--fill N]). Sets Django up on a throwaway SQLite
database in a temporary directory (as bench/timeline.py does), creates a social worker and one file, then
renders the file's summary page ("fiche") `repeat` times each, alternating, through the real view (which
records the read) and through a subclass whose audit_read() does nothing. It prints medians, 95th percentiles,
query counts and the ratio. It then times one append to the trail (hash chain: lock, indexed read of the last
hash, SHA-256, INSERT) against a plain INSERT of the same row and the SHA-256 alone, on a trail of a few
hundred events and again after filling it with `fill` more rows. Nothing is asserted on time.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timeline import p95, setup_django, verified_client  # noqa: E402 (the sibling bench script, importable once on the path)

UNLOGGED_URLCONF = "bench_audit_cost_urls"


def create_data():
    """A social worker of one antenne and the file of a synthetic beneficiary; returns (worker, file)."""
    import random

    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from access.models import Membership, Team
    from files import services as file_services
    from people import services as people_services
    from people import synthetic

    rng = random.Random(7)
    team = Team.objects.create(name="Antenne Bench")
    worker = User.objects.create_user("as.audit", first_name="Aude", last_name="Journal")
    worker.groups.add(Group.objects.get(name="social_worker"))
    Membership.objects.create(user=worker, team=team)
    birth = datetime.date(1979, 5, 2)
    person = people_services.create_person(
        actor=worker,
        data={
            "last_name": "Lefèvre-Journal",
            "first_names": "Hélène",
            "national_number": synthetic.national_number(birth, "F", rng),
            "birth_date": birth,
            "sex": "F",
            "nationality": "BE",
        },
    )
    opened = timezone.localdate() - datetime.timedelta(days=200)
    file = file_services.open_file(
        actor=worker, beneficiary=person, team=team, primary_worker=worker, opened_on=opened
    )
    people_services.add_first_address(
        actor=worker,
        file=file,
        data={
            "street": "rue de Nimy",
            "number": "7",
            "postal_code": "7000",
            "city": "Mons",
            "valid_from": opened,
        },
    )
    for k, aid in enumerate(["ri", "energy"]):
        day = opened + datetime.timedelta(days=20 * k + 1)
        file_services.add_request(actor=worker, file=file, aid=aid, channel="desk", requested_on=day)
        file_services.write_report(
            actor=worker, file=file, kind="note", title=f"Note {k + 1}", body="<p>Vu.</p>", written_on=day
        )
    return worker, file


def install_unlogged_view() -> None:
    """A URL conf with every project URL plus the summary page through a view that does not record reads."""
    from django.urls import include, path

    from files.views.summary import FileSummaryView

    class UnloggedSummaryView(FileSummaryView):
        def audit_read(self, request) -> None:
            pass

    module = types.ModuleType(UNLOGGED_URLCONF)
    module.urlpatterns = [
        path("bench/fiche-sans-journal/<int:pk>/", UnloggedSummaryView.as_view(), name="bench_unlogged"),
        path("", include("config.urls")),
    ]
    sys.modules[UNLOGGED_URLCONF] = module


def measure_pages(client, urls: dict[str, str], repeat: int) -> dict[str, dict]:
    """Per variant: times in ms of `repeat` requests (variants alternate, so drift hits both) and queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results = {}
    for label, url in urls.items():
        response = client.get(url)  # warm-up
        if response.status_code != 200:
            raise SystemExit(f"bench: {url} answered HTTP {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        results[label] = {"times": [], "queries": len(queries.captured_queries)}
    for _ in range(repeat):
        for label, url in urls.items():
            started = time.perf_counter()
            client.get(url)
            results[label]["times"].append((time.perf_counter() - started) * 1000)
    return results


def time_appends(repeat: int) -> dict[str, list[float]]:
    """Microseconds of: one chained append (own transaction), one plain INSERT (own transaction), SHA-256."""
    from django.db import transaction
    from django.utils import timezone

    from audit import chain
    from audit.models import AuditEvent
    from audit.services import Verb, record

    times: dict[str, list[float]] = {"append": [], "insert": [], "hash": []}
    detail = {"section": "summary"}
    for _ in range(repeat):
        started = time.perf_counter()
        with transaction.atomic():
            record(actor=None, verb=Verb.VIEW, username="bench", file_id=1, person_id=1, detail=detail)
        times["append"].append((time.perf_counter() - started) * 1e6)
        plain = AuditEvent(verb=Verb.VIEW, username="bench", file_id=1, person_id=1, detail=detail)
        started = time.perf_counter()
        with transaction.atomic():
            AuditEvent.objects.bulk_create([plain])  # the same row, unchained: bulk_create bypasses save()
        times["insert"].append((time.perf_counter() - started) * 1e6)
        values = {name: getattr(plain, name) for name in chain.HASHED_FIELDS} | {"at": timezone.now()}
        started = time.perf_counter()
        chain.compute_hash(values)
        times["hash"].append((time.perf_counter() - started) * 1e6)
    return times


def fill_trail(count: int) -> None:
    """`count` more rows, bulk-inserted (unchained filler: only the table's size matters here)."""
    from django.db import transaction

    from audit.models import AuditEvent

    batch = 5000
    for start in range(0, count, batch):
        with transaction.atomic():
            AuditEvent.objects.bulk_create(
                AuditEvent(verb="view", username="filler", file_id=n % 500, detail={"section": "summary"})
                for n in range(start, min(start + batch, count))
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests timed per variant (default 20)")
    parser.add_argument(
        "--fill", type=int, default=100_000, help="rows added before timing appends again (default 100000)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.fill < 0:
        parser.error("--repeat must be at least 1 and --fill at least 0")

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dossier-bench-audit-") as directory:
        setup_django(directory)
        from django import get_version
        from django.conf import settings
        from django.db import connection
        from django.test import override_settings
        from django.urls import reverse

        from audit.models import AuditEvent

        worker, file = create_data()
        install_unlogged_view()
        print(
            f"bench: audit trail cost, Django {get_version()}, Python {platform.python_version()}, SQLite "
            f"{connection.Database.sqlite_version}, DEBUG={settings.DEBUG}, {args.repeat} requests per row"
        )
        with override_settings(ROOT_URLCONF=UNLOGGED_URLCONF):
            client = verified_client(worker)
            urls = {
                "avec journal": reverse("files:detail", args=[file.pk]),
                "sans journal": reverse("bench_unlogged", args=[file.pk]),
            }
            pages = measure_pages(client, urls, args.repeat)
        appends = [(AuditEvent.objects.count(), time_appends(max(args.repeat, 50)))]
        if args.fill:
            fill_trail(args.fill)
            appends.append((AuditEvent.objects.count(), time_appends(max(args.repeat, 50))))
        connection.close()

    print()
    header = f"{'page':<8} {'variant':<14} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
    print(header)
    print("-" * len(header))
    for label, result in pages.items():
        times = result["times"]
        print(
            f"{'fiche':<8} {label:<14} {statistics.median(times):>10.2f} {p95(times):>8.2f} "
            f"{result['queries']:>8}"
        )
    logged, unlogged = (statistics.median(pages[k]["times"]) for k in urls)
    print()
    print(
        f"ratio with / without read logging, fiche: time x{logged / unlogged:.2f}, queries "
        f"+{pages['avec journal']['queries'] - pages['sans journal']['queries']}"
    )
    print()
    header = f"{'trail rows':>10} {'append us':>10} {'insert us':>10} {'sha256 us':>10} {'x insert':>9}"
    print(header)
    print("-" * len(header))
    for rows, times in appends:
        append, insert, digest = (statistics.median(times[k]) for k in ("append", "insert", "hash"))
        print(f"{rows:>10} {append:>10.1f} {insert:>10.1f} {digest:>10.1f} {append / insert:>9.2f}")
    print(f"bench: done in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
