"""The daily pages the benchmark times, each with its user and goal, and their timing with django.test.Client.

Pages are found at run time from what the application declares (the file's tabs in files.sections.TABS, the
queues in workflow.queues.QUEUES, the journal's filter form), so that the list follows the application.
"""

from __future__ import annotations

import datetime
import math
import statistics
import time
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from access.policy import can
from files.models import Report, SocialFile
from people.identifiers import format_national_number


@dataclass(frozen=True)
class Goal:
    """Server time a page must stay under at Mons scale, in ms (None: no bound on that figure)."""

    median: float | None = None
    p95: float | None = None

    def verdict(self, median: float, p95: float) -> str:
        over = [median - self.median] if self.median is not None else []
        over += [p95 - self.p95] if self.p95 is not None else []
        worst = max(over, default=0.0)
        return "met" if worst <= 0 else f"NOT MET (by {math.ceil(worst)} ms)"

    def __str__(self) -> str:
        parts = [f"median ≤ {self.median:.0f}"] if self.median is not None else []
        parts += [f"p95 ≤ {self.p95:.0f}"] if self.p95 is not None else []
        return ", ".join(parts) + " ms"


FILE_TAB = Goal(median=50, p95=100)
SEARCH = Goal(p95=100)
QUEUE = Goal(median=100)
MEETING = Goal(median=150)
JOURNAL = Goal(median=100)
# A page slower than this on its warm-up is timed only SLOW_REPEAT times: far off its goal anyway.
SLOW_SECONDS, SLOW_REPEAT = 2.0, 3


@dataclass
class Page:
    key: str  # the same page in both columns
    label: str
    username: str
    urls: list[str]  # several: one row over all (search); one: a page
    goal: Goal


@dataclass
class Timing:
    times: list[float] = field(default_factory=list)
    queries: int = 0
    statuses: set[int] = field(default_factory=set)
    # Per URL of a row of several (the searches): (URL, median ms, queries, status).
    each: list[tuple[str, float, int, int]] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        if len(self.times) < 2:
            return self.times[0]
        return statistics.quantiles(self.times, n=20, method="inclusive")[18]


@dataclass
class Scene:
    """What a phase's pages point at: the long file, a meeting, and the names searched for."""

    file: SocialFile
    meeting_id: int | None
    searches: list[str]


def url(name: str, *args, **query) -> str | None:
    try:
        base = reverse(name, args=args)
    except NoReverseMatch:
        return None
    if not query:
        return base
    from urllib.parse import urlencode

    return f"{base}?{urlencode(query)}"


def file_pages(file: SocialFile, worker: User) -> list[Page]:
    """The file page and each of its tabs (files.sections.TABS), as the file's social worker, and a report."""
    from files.sections import TABS

    pages = []
    for key, label, name, action in TABS:
        address = url(name, file.pk)
        if address and can(worker, action, file):
            pages.append(Page(f"tab:{key}", f"file: {label}", worker.username, [address], FILE_TAB))
    newest = Report.objects.filter(file=file, confidentiality="team").order_by("-written_on", "-pk").first()
    if newest is not None:
        address = url("files:report_detail", file.pk, newest.pk)
        pages.append(Page("report", "file: one report", worker.username, [address], FILE_TAB))
    return pages


def search_terms(file: SocialFile) -> list[str]:
    """Twenty searches of the top bar: partial names, accents, national numbers, references."""
    person = file.beneficiary
    number = person.national_number or ""
    year, _slash, seq = file.reference.partition("/")
    names = ["lef", "Lefèvre", "lefevre", "LEFÈVRE hél", "dubois", "du", "van h", "saint-amand", "noël"]
    names += ["piérard", "stiev", "ben", person.last_name, f"{person.last_name[:4]} {person.first_names[:3]}"]
    numbers = [number, format_national_number(number), number[:6]]
    references = [file.reference, f"{year}/{seq.lstrip('0')}" if seq else file.reference, f"{year}/0"]
    return names + numbers + references


def search_pages(scene: Scene) -> list[Page]:
    urls = [url("search:results", q=term) for term in scene.searches]
    return [
        Page("search:as", "search, social worker (20 queries)", "as.centre", urls, SEARCH),
        Page("search:desk", "search, reception (20 queries)", "accueil", urls, SEARCH),
    ]


def queue_pages(users: dict[str, User]) -> list[Page]:
    """Every declared queue, each as the first demo account that has it."""
    from workflow.queues import QUEUES, queues_for

    order = [
        "as.centre",
        "chef.centre",
        "juriste",
        "secretaire",
        "president",
        "paiements",
        "recuperation",
        "bcss",
    ]
    pages = []
    for queue in QUEUES:
        holder = next((u for u in order if u in users and queue in queues_for(users[u])), None)
        address = url("queues:queue", queue.key)
        if holder and address:
            pages.append(Page(f"queue:{queue.key}", f"queue: {queue.label}", holder, [address], QUEUE))
    return pages


def journal_filters(worker: User, file: SocialFile) -> dict[str, dict[str, str]]:
    """The security adviser's journal filters, by name, with the values the filter form expects."""
    from audit import forms

    form = getattr(forms, "ReviewFilterForm", None)
    fields = form.base_fields if form else {}
    found: dict[str, dict[str, str]] = {"no filter": {}}

    def first(*names: str) -> str | None:
        return next((n for n in names if n in fields), None)

    if name := first("user", "user_id", "username"):
        value = worker.username if name == "username" else str(worker.pk)
        found["user"] = {name: value}
    if name := first("reference", "file", "file_reference"):
        found["file"] = {name: file.reference}
    if name := first("verb", "action"):
        found["verb"] = {name: "print"}
    if "day_from" in fields and "day_to" in fields:
        middle = timezone.localdate() - datetime.timedelta(days=400)
        week = {"day_from": f"{middle:%d/%m/%Y}", "day_to": f"{middle + datetime.timedelta(days=6):%d/%m/%Y}"}
        found["period"] = week
        if "user" in found:
            found["user + period"] = {**found["user"], **week}
    return found


def journal_pages(worker: User, file: SocialFile) -> list[Page]:
    pages = [
        Page(f"journal:{label}", f"journal: {label}", "securite", [url("audit:review", **query)], JOURNAL)
        for label, query in journal_filters(worker, file).items()
    ]
    for name, label in (("audit:break_glass", "break-glass"), ("audit:prints", "prints")):
        pages.append(Page(f"journal:{name}", f"journal: {label}", "securite", [url(name)], JOURNAL))
    pages.append(
        Page("journal:failed", "journal: failed log-ins", "securite", [url("audit:failed_logins")], JOURNAL)
    )
    return pages


def catalogue(scene: Scene, users: dict[str, User]) -> list[Page]:
    worker = users["as.centre"]
    pages = [
        Page("home:as", "home (Mes dossiers), social worker", "as.centre", [url("files:my_files")], FILE_TAB),
        Page(
            "home:head",
            "home (Mes dossiers), head of service",
            "chef.centre",
            [url("files:my_files")],
            FILE_TAB,
        ),
        *(
            Page(f"accueil:{user}", f"Accueil, {label}", user, [url("home:home")], FILE_TAB)
            for user, label in (
                ("as.centre", "social worker"),
                ("chef.centre", "head of service"),
                ("juriste", "legal service"),
                ("secretaire", "secretary"),
                ("securite", "security adviser"),
            )
        ),
        *file_pages(scene.file, worker),
        *search_pages(scene),
        *queue_pages(users),
    ]
    if scene.meeting_id:
        address = url("committee:meeting", scene.meeting_id)
        items = _meeting_items(scene.meeting_id)
        pages.append(Page("meeting", f"meeting ({items} items)", "secretaire", [address], MEETING))
    pages += journal_pages(worker, scene.file)
    return [p for p in pages if all(p.urls)]


def _meeting_items(meeting_id: int) -> int:
    from committee.models import AgendaItem

    return AgendaItem.objects.filter(meeting_id=meeting_id).count()


def measure(page: Page, client: Client, repeat: int) -> Timing:
    """Per URL: one warm-up, one request whose SQL queries are counted, then `repeat` timed requests."""
    timing = Timing()
    for address in page.urls:
        started = time.perf_counter()
        status = client.get(address).status_code
        if time.perf_counter() - started > SLOW_SECONDS:
            repeat = min(repeat, SLOW_REPEAT)
        with CaptureQueriesContext(connection) as captured:
            client.get(address)
        # Read now: captured_queries is computed on access, and the next request empties the log.
        queries = len(captured.captured_queries)
        times = []
        for _n in range(repeat):
            started = time.perf_counter()
            response = client.get(address)
            times.append((time.perf_counter() - started) * 1000)
            timing.statuses.add(response.status_code)
        timing.statuses.add(status)
        timing.queries = max(timing.queries, queries)
        timing.times += times
        timing.each.append((address, statistics.median(times), queries, status))
    return timing


def measure_all(pages: list[Page], clients: dict[str, Client], repeat: int, say=print) -> dict[str, Timing]:
    results = {}
    for page in pages:
        # The twenty searches: p95 over all of them, fewer requests each.
        each = repeat if len(page.urls) == 1 else max(1, repeat // 2)
        results[page.key] = measure(page, clients[page.username], each)
        say(f"pages: {page.label}: median {results[page.key].median:.1f} ms")
    return results
