"""Letters benchmark: notifications per second for a 300-decision batch, with one and with two workers.

Run by ./bin/bench (python bench/letters.py [--count N]). Sets Django up on a throwaway SQLite database and
media directory, writes N decided proposals (one file each, an address in Mons so the notification names its
court), then times:
- WeasyPrint alone rendering the same letters' HTML (prepared beforehand), the floor;
- one worker running the whole batch through letters.services.run (render, QR code, storage, register row,
  audit trail, then the merged PDF);
- two worker processes, each running half the decisions as its own batch.
It prints letters per second and the ratio to WeasyPrint alone (our overhead). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime
import multiprocessing
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(directory: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(directory) / 'bench.sqlite3'}"
    os.environ["DOSSIER_MEDIA_ROOT"] = str(Path(directory) / "media")
    import django

    django.setup()


def create_decisions(count: int) -> tuple[object, list[int]]:
    """A legal officer and `count` granted decisions on as many files; the officer and the decisions' ids."""
    from django.contrib.auth.models import Group, User

    from access.models import Membership, Team
    from aid.models import AidType
    from files.models import AidRequest, SocialFile
    from people.models import Address, Person
    from workflow.declaration import State
    from workflow.models import Decision, Proposal

    team = Team.objects.create(name="Antenne Bench")
    worker = User.objects.create_user("as.bench", first_name="Anne", last_name="Banc")
    worker.groups.add(Group.objects.get(name="social_worker"))
    Membership.objects.create(user=worker, team=team)
    legal = User.objects.create_user("juridique.bench", first_name="Léa", last_name="Juriste")
    legal.groups.add(Group.objects.get(name="legal_officer"))
    aid_type = AidType.objects.get(code="ri")
    category = aid_type.categories.first()
    ids = []
    for n in range(count):
        person = Person.objects.create(
            last_name=f"Banc{n}", first_names="Hélène", birth_date=datetime.date(1980, 3, 14), sex="F"
        )
        Address.objects.create(
            person=person,
            street="Rue de Nimy",
            number=str(n + 1),
            postal_code="7000",
            city="Mons",
            valid_from=datetime.date(2020, 1, 1),
        )
        file = SocialFile.objects.create(
            beneficiary=person, team=team, primary_worker=worker, reference=f"2026/B{n:05d}"
        )
        request = AidRequest.objects.create(file=file, aid="ri", registered_by=worker)
        proposal = Proposal.objects.create(
            file=file,
            request=request,
            aid_type=aid_type,
            category=category,
            author=worker,
            state=State.DECIDED,
            amount=Decimal("1263.17"),
            computation="1 263,17 € par mois",
            periodicity="monthly",
            start_on=datetime.date(2026, 11, 1),
            motivation_facts="Aucun revenu.",
            motivation_law="Loi du 26 mai 2002, art. 14.",
            heard_informed_on=datetime.date(2026, 10, 20),
        )
        ids.append(Decision.objects.create(proposal=proposal, outcome="granted", recorded_by=worker).pk)
    return legal, ids


def run_batch(args: tuple[int, list[int]]) -> int:
    """One worker process: a batch of these decisions, written as the legal officer."""
    from django.db import connections

    from letters import services
    from letters.models import Batch

    user_id, ids = args
    connections.close_all()  # a forked process opens its own connection
    batch = Batch.objects.create(created_by_id=user_id, decision_ids=ids, total=len(ids))
    services.run(batch)
    return batch.done


def weasyprint_alone(ids: list[int]) -> float:
    """Seconds WeasyPrint takes for the same letters' HTML, prepared beforehand."""
    from letters import rendering
    from letters.models import Kind, LetterTemplate
    from workflow.models import Decision

    template = LetterTemplate.objects.get(kind=Kind.NOTIFICATION)
    pages = []
    for decision in Decision.objects.filter(pk__in=ids).select_related("proposal__file"):
        context = rendering.context_for(
            Kind.NOTIFICATION, file=decision.proposal.file, proposal=decision.proposal, decision=decision
        )
        pages.append(rendering.render_html(template, context, rendering.new_code()))
    rendering.render_pdf(pages[0])  # fonts loaded once, outside the timing, as a running worker has them
    start = time.perf_counter()
    for html in pages:
        rendering.render_pdf(html)
    return time.perf_counter() - start


def timed(workers: int, user_id: int, ids: list[int]) -> float:
    halves = [(user_id, ids[i::workers]) for i in range(workers)]
    start = time.perf_counter()
    if workers == 1:
        run_batch(halves[0])
    else:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pool.map(run_batch, halves)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1, help="ignored (the timeline bench's option)")
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory() as directory:
        setup_django(directory)
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        legal, ids = create_decisions(count)
        print(f"Lettres : {count} notifications, PDF/A avec code QR ({os.cpu_count()} cœurs)")
        alone = weasyprint_alone(ids)
        print(f"  WeasyPrint seul        {count / alone:7.1f} lettres/s")
        for workers in (1, 2):
            seconds = timed(workers, legal.pk, ids)
            rate, ratio = count / seconds, seconds / alone
            print(f"  {workers} travailleur(s)       {rate:7.1f} lettres/s   ({ratio:.2f} × WeasyPrint seul)")


if __name__ == "__main__":
    main()
