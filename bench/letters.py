"""Letters benchmark: notifications per second for a 300-item meeting, with one and with two workers.

Run by ./bin/bench (python bench/letters.py [--count N]). Sets Django up on a throwaway SQLite database and
media directory, then builds a closed meeting of the Comité spécial with N granted items (one file each, an
address in Mons so that each notification names its labour court), each with its open "notify" task. It times:
- WeasyPrint alone rendering the same letters' HTML (prepared beforehand, fonts already loaded): the floor;
- the product's path with 1, then 2 `manage.py db_worker --batch` processes: the meeting's notifications
  started as one batch from the register (parts of LETTERS_BATCH_PART decisions in the task queue), each
  letter rendered with its QR code, stored, written in the register and the audit trail, then the merged PDF.
  The time runs from the start of the workers to their exit, so it includes their start-up (Django, fonts).
It prints letters per second and the ratio to WeasyPrint alone (our overhead). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(directory: str) -> dict[str, str]:
    """Point Django at a fresh database and media directory; returns the environment the workers share."""
    sys.path.insert(0, str(ROOT))
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": f"sqlite:///{Path(directory) / 'bench.sqlite3'}",
        "DOSSIER_MEDIA_ROOT": str(Path(directory) / "media"),
    }
    os.environ.update(env)
    import django

    django.setup()
    return {**os.environ, **env}


def create_meeting(count: int):
    """A legal officer and a closed meeting of `count` granted items, each with its notification to send."""
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from access.models import Membership, Team
    from aid.models import AidType
    from committee.models import AgendaItem, Body, Meeting
    from files.models import AidRequest, SocialFile
    from people import synthetic
    from people.models import Address, BankAccount, Person
    from workflow import backoffice
    from workflow.declaration import State
    from workflow.models import Decision, Proposal

    team = Team.objects.create(name="Antenne Bench")
    worker = User.objects.create_user("as.bench", first_name="Anne", last_name="Banc")
    worker.groups.add(Group.objects.get(name="social_worker"))
    Membership.objects.create(user=worker, team=team)
    legal = User.objects.create_user("juridique.bench", first_name="Léa", last_name="Juriste")
    legal.groups.add(Group.objects.get(name="legal_officer"))
    secretary = User.objects.create_user("secretaire.bench", first_name="Sam", last_name="Secrétaire")
    secretary.groups.add(Group.objects.get(name="committee_secretary"))
    body = Body.objects.create(kind=Body.Kind.COMMITTEE, president=secretary, secretary=secretary)
    meeting = Meeting.objects.create(
        body=body,
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        place="Salle du conseil",
        status=Meeting.Status.CLOSED,
        closed_at=timezone.now(),
    )
    aid_type = AidType.objects.get(code="ri")
    category = aid_type.categories.first()
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
        BankAccount.objects.create(
            person=person,
            iban=synthetic.belgian_iban(random.Random(n)),
            holder=f"BANC{n} Hélène",
            valid_from=datetime.date(2020, 1, 1),
            is_payment_account=True,
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
            amount=Decimal("1340.49"),
            computation="1.340,49 € par mois",
            periodicity="monthly",
            start_on=datetime.date(2026, 11, 1),
            first_payment_on=datetime.date(2026, 11, 5),
            motivation_facts="Aucun revenu.",
            motivation_law="Loi du 26 mai 2002, art. 14.",
            heard_informed_on=datetime.date(2026, 10, 20),
        )
        decision = Decision.objects.create(proposal=proposal, outcome="granted", recorded_by=secretary)
        backoffice.create_tasks(decision)
        AgendaItem.objects.create(meeting=meeting, proposal=proposal, number=n + 1, decision=decision)
    return legal, meeting


def weasyprint_alone(meeting) -> tuple[int, float]:
    """How many letters, and the seconds WeasyPrint takes for their HTML, prepared beforehand."""
    from letters import rendering
    from letters.models import Kind, LetterTemplate
    from letters.services import notifications_to_send

    template = LetterTemplate.objects.get(kind=Kind.NOTIFICATION)
    pages = []
    for decision in notifications_to_send(meeting.pk).select_related("proposal__file"):
        context = rendering.context_for(
            Kind.NOTIFICATION, file=decision.proposal.file, proposal=decision.proposal, decision=decision
        )
        pages.append(rendering.render_html(template, context, rendering.new_code()))
    rendering.render_pdf(pages[0])  # fonts loaded once, outside the timing, as a running worker has them
    start = time.perf_counter()
    for html in pages:
        rendering.render_pdf(html)
    return len(pages), time.perf_counter() - start


def with_workers(workers: int, legal, meeting, env: dict[str, str]) -> tuple[int, float]:
    """Start the meeting's batch from a clean register and time `workers` db_worker processes through it."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from letters import services
    from letters.models import Batch, Letter

    Letter.objects.all().delete()
    Batch.objects.all().delete()
    DBTaskResult.objects.all().delete()
    with transaction.atomic():  # the parts are queued when the request's transaction commits
        batch = services.start_batch(actor=legal, decisions=services.notifications_to_send(meeting.pk))
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    log = Path(env["DOSSIER_MEDIA_ROOT"]).parent / "workers.log"
    with log.open("w") as output:
        start = time.perf_counter()
        processes = [
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=output)  # noqa: S603 - our manage.py
            for _ in range(workers)
        ]
        for process in processes:
            process.wait()
        seconds = time.perf_counter() - start
    batch.refresh_from_db()
    if batch.status != Batch.Status.DONE or not batch.merged_pdf:
        sys.exit(f"batch not done with {workers} worker(s): {batch.status} {batch.error}\n{log.read_text()}")
    return batch.done, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    count = parser.parse_args().count
    with tempfile.TemporaryDirectory() as directory:
        env = setup_django(directory)
        from django.conf import settings
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        legal, meeting = create_meeting(count)
        print(
            f"Lettres : séance de {count} points, une notification PDF/A avec code QR par point "
            f"({os.cpu_count()} cœurs, lots de {settings.LETTERS_BATCH_PART})"
        )
        header = ("variante", "lettres", "secondes", "lettres/s", "× WeasyPrint seul")
        print("  {:<24} {:>7} {:>9} {:>10} {:>18}".format(*header))
        letters, alone = weasyprint_alone(meeting)
        print(f"  {'WeasyPrint seul':<24} {letters:>7} {alone:>9.1f} {letters / alone:>10.1f} {1:>18.2f}")
        floor = alone / letters
        for workers in (1, 2):
            done, seconds = with_workers(workers, legal, meeting, env)
            label = f"{workers} travailleur(s)"
            ratio = (seconds / done) / floor
            print(f"  {label:<24} {done:>7} {seconds:>9.1f} {done / seconds:>10.1f} {ratio:>18.2f}")


if __name__ == "__main__":
    main()
