"""Timeline benchmark: how a file's pages behave as its history grows (10, 100 and 1,000 events).

Run by ./bin/bench (python bench/timeline.py [--repeat N]). Sets Django up on a throwaway SQLite database in a
temporary directory, creates a social worker, a team and three files whose timelines hold 10, 100 and 1,000
events (a few requests and reports written through the services, the rest as timeline entries), then renders
each file's pages with django.test.Client, logged in as the social worker. For each page it prints the median
and 95th percentile time and the number of SQL queries, the ratios to the 10-event file, and whether the query
count stays constant. Nothing is asserted on time: the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVENT_COUNTS = (10, 100, 1000)
# (URL name, label): the file page and its timeline, both written in files/views.
PAGES = (("files:detail", "fiche"), ("files:timeline", "historique"))


def setup_django(directory: str) -> None:
    """Point Django at a fresh SQLite database in `directory` (before django.setup()) and migrate it."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
    # django.test.Client calls itself "testserver".
    hosts = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
    os.environ["DJANGO_ALLOWED_HOSTS"] = f"{hosts},testserver"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def create_data() -> tuple[object, dict[int, int]]:
    """A social worker of one antenne and three files; returns the worker and {events: file id}."""
    import random

    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from access.models import Membership, Team
    from files import services as file_services
    from files.models import FileEvent, SocialFile
    from people import services as people_services
    from people import synthetic

    rng = random.Random(42)
    team = Team.objects.create(name="Antenne Bench")
    worker = User.objects.create_user("as.bench", first_name="Anne", last_name="Banc")
    worker.groups.add(Group.objects.get(name="social_worker"))
    Membership.objects.create(user=worker, team=team)
    today = timezone.localdate()
    files = {}
    for n, size in enumerate(EVENT_COUNTS):
        opened = today - datetime.timedelta(days=400)
        birth = datetime.date(1980 + n, 3, 14)
        person = people_services.create_person(
            actor=worker,
            data={
                "last_name": f"Lefèvre-Banc{n}",
                "first_names": "Hélène",
                "national_number": synthetic.national_number(birth, "F", rng),
                "birth_date": birth,
                "sex": "F",
                "nationality": "BE",
            },
        )
        file = file_services.open_file(
            actor=worker, beneficiary=person, team=team, primary_worker=worker, opened_on=opened
        )
        people_services.add_address(
            actor=worker,
            file=file,
            person=person,
            data={
                "street": "rue de Nimy",
                "number": str(10 + n),
                "postal_code": "7000",
                "city": "Mons",
                "valid_from": opened,
            },
        )
        people_services.add_bank_account(
            actor=worker,
            file=file,
            person=person,
            iban=synthetic.belgian_iban(rng),
            holder="Hélène Lefèvre",
            valid_from=opened,
            is_payment_account=True,
        )
        for k, aid in enumerate(["ri", "energy", "medical"]):
            day = opened + datetime.timedelta(days=30 * k + 1)
            file_services.add_request(actor=worker, file=file, aid=aid, channel="desk", requested_on=day)
            file_services.write_report(
                actor=worker,
                file=file,
                kind=["social_report", "home_visit", "note"][k],
                title=f"Rapport {k + 1}",
                body="<p>Situation examinée.</p><ul><li>Documents reçus.</li></ul>",
                written_on=day + datetime.timedelta(days=10),
            )
        # The rest of the history: entries of the kinds other services write (identity, address...).
        kinds = [
            FileEvent.Kind.IDENTITY,
            FileEvent.Kind.ADDRESS,
            FileEvent.Kind.HOUSEHOLD,
            FileEvent.Kind.NOTE,
        ]
        missing = size - file.events.count()
        start = timezone.now() - datetime.timedelta(days=300)
        FileEvent.objects.bulk_create(
            FileEvent(
                file=file,
                kind=kinds[i % len(kinds)],
                summary=f"Modification n° {i + 1}",
                author=worker,
                occurred_at=start + datetime.timedelta(hours=6 * i),
            )
            for i in range(missing)
        )
        newest = file.events.order_by("-occurred_at").values_list("occurred_at", flat=True).first()
        SocialFile.objects.filter(pk=file.pk).update(last_activity_at=newest)
        assert file.events.count() == size, (file.events.count(), size)
        files[size] = file.pk
    return worker, files


def verified_client(user):
    """A client past both log-in steps, as django_otp.login leaves it: the benches time pages, not log-ins."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    ).persistent_id
    session.save()
    return client


def page_url(name: str, pk: int) -> str | None:
    from django.urls import NoReverseMatch, reverse

    for kwargs in ({"pk": pk}, {"file_pk": pk}):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


def measure(client, url: str, repeat: int) -> tuple[list[float], int, int]:
    """Times in ms of `repeat` requests, the number of SQL queries of one request, and the status code."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm-up: templates compiled, caches filled
    if response.status_code != 200:
        return [], 0, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Read now: captured_queries is computed on access, and the next request empties the connection's log.
    count = len(queries.captured_queries)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return times, count, 200


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeat", type=int, default=20, help="requests timed per page and file (default 20)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as directory:
        setup_django(directory)
        from django import get_version
        from django.conf import settings
        from django.db import connection

        worker, files = create_data()
        client = verified_client(worker)
        print(
            f"bench: Django {get_version()}, Python {platform.python_version()}, SQLite "
            f"{connection.Database.sqlite_version}, DEBUG={settings.DEBUG}, {args.repeat} requests per row"
        )
        if hasattr(os, "getloadavg"):
            load = os.getloadavg()[0]
            print(
                f"bench: load average {load:.1f} on {os.cpu_count()} CPUs (times are noisy on a busy machine)"
            )
        rows, skipped = [], []
        for name, label in PAGES:
            base = None
            for size in EVENT_COUNTS:
                url = page_url(name, files[size])
                if url is None:
                    skipped.append(f"{name}: URL not defined yet (files views still being written?)")
                    break
                times, queries, status = measure(client, url, args.repeat)
                if status != 200:
                    skipped.append(f"{name} ({url}): HTTP {status}")
                    break
                row = {"page": label, "url_name": name, "events": size, "queries": queries}
                row.update(median=statistics.median(times), p95=p95(times))
                base = base or row
                row["time_ratio"] = row["median"] / base["median"]
                row["query_ratio"] = queries / base["queries"] if base["queries"] else float("nan")
                rows.append(row)
        connection.close()

    print()
    columns = [("page", "<12"), ("events", ">6"), ("median ms", ">10"), ("p95 ms", ">8"), ("queries", ">8")]
    columns += [("x time", ">7"), ("x queries", ">9")]
    header = " ".join(f"{name:{spec}}" for name, spec in columns)
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['page']:<12} {r['events']:>6} {r['median']:>10.1f} {r['p95']:>8.1f} {r['queries']:>8} "
            f"{r['time_ratio']:>7.2f} {r['query_ratio']:>9.2f}"
        )
    for message in skipped:
        print(f"skipped: {message}")
    print()
    for label in dict.fromkeys(r["page"] for r in rows):
        mine = [r for r in rows if r["page"] == label]
        ratios = ", ".join(
            f"{r['events']} events: time x{r['time_ratio']:.2f}, queries x{r['query_ratio']:.2f}"
            for r in mine[1:]
        )
        print(f"ratio vs 10 events, {label}: {ratios or 'n/a'}")
    by_page: dict[str, set[int]] = {}
    for r in rows:
        by_page.setdefault(r["page"], set()).add(r["queries"])
    measured = [counts for label, counts in by_page.items() if sum(r["page"] == label for r in rows) > 1]
    if measured:
        constant = all(len(counts) == 1 for counts in measured)
        print(f"query count constant: {'yes' if constant else 'no'}")
    else:
        print("query count constant: n/a (no page could be measured)")
    print(f"bench: done in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
