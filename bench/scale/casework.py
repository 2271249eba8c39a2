"""Persons, files, requests, decisions and reports at scale, with what the services derive from them.

Each row is what people.services, files.services and workflow.services would have written, without the
per-row queries: the person's search name (people.normalize), one timeline entry per change with the moment
the services give it (files.timeline.moment_of), the back-office tasks a decision creates
(workflow.backoffice.tasks_for), each file's last activity and the reference sequences. The audit trail's
"create" events are collected here (`creates`) and written, chained, by bench/scale/trail.py.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from aid.models import AidType
from bench.scale.bulk import Table, reset_sequences, update_many
from bench.scale.staff import Staff, team_of_locality
from demo import names, places
from demo.texts import NOTES
from files.models import AidRequest, FileEvent, ReferenceSequence, Report, SocialFile
from files.services import REPORT_EVENT_KIND
from files.timeline import moment_of
from people import identifiers, synthetic
from people.models import Address, BankAccount, HouseholdMember, Person
from people.normalize import search_name
from workflow.backoffice import tasks_for
from workflow.declaration import BY_NAME, State
from workflow.models import BackOfficeTask, Decision, Proposal

FIRST_DAY = datetime.date(2014, 1, 6)
# Aid asked for, by share of the requests (codes of files.AidRequest.Aid and aid.AidType alike).
AIDS = [("ri", 34), ("energy", 14), ("medical", 14), ("financial", 10), ("in_kind", 4), ("rent_guarantee", 6)]
AIDS += [("art60", 5), ("advance", 4), ("debt", 4), ("amu", 3), ("other", 2)]
CHANNELS = [c for c, _label in AidRequest.Channel.choices]
REPORT_KINDS = [(Report.Kind.NOTE, 65), (Report.Kind.SOCIAL_REPORT, 20), (Report.Kind.HOME_VISIT, 15)]
SOCIAL_REPORT = (
    "Rapport social",
    "<p>Enquête sociale : résidence effective vérifiée, composition du ménage et ressources examinées.</p>"
    "<ul><li>Extraits de compte des trois derniers mois.</li><li>Bail enregistré.</li></ul>"
    "<p>Conclusion : l'état de besoin de {name} est établi.</p>",
)
HOME_VISIT = (
    "Visite à domicile",
    "<p>Visite au domicile déclaré : {name} y réside effectivement. Logement en état correct ; "
    "composition du ménage conforme à la déclaration.</p>",
)


@dataclass
class FileRow:
    id: int
    person_id: int
    team_id: int
    worker_id: int | None
    opened_on: datetime.date
    status: str
    first_name: str
    until: datetime.date  # the last day anything happens in it (its closing day, or yesterday)


class Casework:
    """Writes the rows in batches (parents first in each batch, so every batch commits whole)."""

    def __init__(self, staff: Staff, rng: random.Random) -> None:
        self.staff, self.rng = staff, rng
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.aid_types = {a.code: a for a in AidType.objects.all()}
        self.categories = {a.code: list(a.categories.all()) for a in self.aid_types.values()}
        self.labels = {
            "aid": dict(AidRequest.Aid.choices),
            "channel": dict(AidRequest.Channel.choices),
            "outcome": dict(Decision.Outcome.choices),
        }
        self.persons = Table(
            Person,
            ["last_name", "first_names", "national_number", "birth_date", "sex", "nationality"]
            + ["residence_status", "language", "search_name", "created_at", "updated_at"],
        )
        self.addresses = Table(
            Address, ["person", "street", "number", "box", "postal_code", "city", "valid_from"]
        )
        self.accounts = Table(
            BankAccount, ["person", "iban", "bic", "holder", "valid_from", "is_payment_account", "created_at"]
        )
        self.household = Table(HouseholdMember, ["person", "member", "relation", "is_dependant", "since"])
        self.files = Table(
            SocialFile,
            ["reference", "beneficiary", "team", "primary_worker", "status", "opened_on", "closed_on"]
            + ["last_activity_at"],
        )
        self.requests = Table(
            AidRequest, ["file", "requested_on", "channel", "aid", "registered_by", "registered_at"]
        )
        self.proposals = Table(
            Proposal,
            ["file", "request", "aid_type", "category", "granted", "amount", "periodicity", "start_on"]
            + ["piis", "motivation_facts", "motivation_law", "heard_informed_on", "state", "author"]
            + ["created_at", "updated_at", "state_since"],
        )
        self.decisions = Table(Decision, ["proposal", "outcome", "decided_on", "recorded_by"])
        self.tasks = Table(BackOfficeTask, ["decision", "kind", "status", "due_on", "done_at", "done_by"])
        self.reports = Table(
            Report,
            ["file", "kind", "title", "body", "written_on", "author", "confidentiality"]
            + ["created_at", "updated_at"],
        )
        self.readers = Table(Report.sealed_readers.through, ["report", "user"])
        self.events = Table(
            FileEvent, ["file", "occurred_at", "kind", "summary", "author", "report", "confidentiality"]
        )
        self.tables = [
            *(self.persons, self.addresses, self.accounts, self.household, self.files, self.requests),
            *(self.proposals, self.decisions, self.tasks, self.reports, self.readers, self.events),
        ]
        for table in self.tables:
            table.group = self
        # Audit "create" events for bench/scale/trail.py: (timestamp, target type, id, file, person, user).
        self.creates: list[tuple] = []
        self.last_activity: dict[int, datetime.datetime] = {}
        self.taken = set(
            Person.objects.exclude(national_number=None).values_list("national_number", flat=True)
        )
        self.sequences = dict(ReferenceSequence.objects.values_list("year", "last"))
        ibans = {synthetic.belgian_iban(rng) for _ in range(60)}  # shared by many: unique per person only
        self.ibans = [(iban, identifiers.bic_for_iban(iban)) for iban in sorted(ibans)]
        self.new_files: list[FileRow] = []

    # -- writing ----------------------------------------------------------------------------------------

    def flush(self) -> None:
        with transaction.atomic():
            for table in self.tables:
                table.write()

    def pause(self) -> None:
        """Write everything so that the services may write too (with the ids after ours)."""
        self.flush()
        for table in self.tables:
            reset_sequences(table.model)

    def resume(self) -> None:
        for table in self.tables:
            table.resume()

    def finish(self) -> dict[str, int]:
        """Write what is left, each file's last activity and the reference sequences; returns row counts."""
        self.flush()
        for table in self.tables:
            table.close()
        update_many(SocialFile, ["last_activity_at"], [(at, pk) for pk, at in self.last_activity.items()])
        for year, last in self.sequences.items():
            ReferenceSequence.objects.update_or_create(year=year, defaults={"last": last})
        return {table.model._meta.label: table.written for table in self.tables}

    def event(
        self, file_id: int, moment, kind: str, summary: str, author: int | None, report=None, level="team"
    ):
        self.events.add(file_id, moment, kind, summary[:300], author, report, level)
        if moment > self.last_activity.get(file_id, moment - datetime.timedelta(seconds=1)):
            self.last_activity[file_id] = moment

    def created(self, moment, target: str, target_id: int, file_id, person_id, user_id) -> None:
        self.creates.append((moment.timestamp(), target, target_id, file_id, person_id, user_id))

    # -- people and files -------------------------------------------------------------------------------

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def moment(self, day: datetime.date) -> datetime.datetime:
        return moment_of(day) or self.now

    def person(self, community, sex: str, born: datetime.date, moment, *, file_id=None, actor=None) -> tuple:
        rng = self.rng
        last, first = names.full_name(rng, community, sex, born.year)
        while True:
            number = synthetic.national_number(born, sex, rng, bis=rng.random() < 0.03)
            if number not in self.taken:
                self.taken.add(number)
                break
        country, status = names.weighted(rng, community.papers)[:2]
        language = names.weighted(rng, community.languages)[0]
        pk = self.persons.add(
            last,
            first,
            number,
            born,
            sex,
            country,
            status,
            language,
            search_name(last, first),
            moment,
            moment,
        )
        self.created(moment, "people.person", pk, file_id, pk, actor)
        return pk, last, first

    def open_files(self, count: int) -> None:
        """`count` beneficiaries with their file, address, payment account and household."""
        rng, staff = self.rng, self.staff
        last_opening = self.today - datetime.timedelta(days=60)
        reception = staff.id("accueil")
        for _n in range(count):
            community = names.pick_community(rng)
            sex = rng.choice("MF")
            born = self.day_between(datetime.date(1942, 1, 1), datetime.date(2004, 12, 31))
            opened_on = self.day_between(FIRST_DAY, last_opening)
            moment = self.moment(opened_on)
            locality = places.pick_locality(rng)
            team = team_of_locality(staff.antennes, locality)
            worker = rng.choice(staff.workers[team.pk]) if rng.random() > 0.04 else None
            year = opened_on.year
            self.sequences[year] = self.sequences.get(year, 0) + 1
            reference = settings.FILE_REFERENCE_FORMAT.format(year=year, seq=self.sequences[year])
            person_id, last, first = self.person(community, sex, born, moment, actor=reception)
            status = rng.choices(["open", "dormant", "closed"], weights=[80, 5, 15])[0]
            closed_on = self.day_between(opened_on, self.today - datetime.timedelta(days=1))
            file_id = self.files.add(
                reference, person_id, team.pk, worker, status, opened_on,
                closed_on if status == "closed" else None, moment,
            )  # fmt: skip
            self.created(moment, "files.socialfile", file_id, file_id, person_id, reception)
            self.event(file_id, moment, FileEvent.Kind.OPENED, f"{reference} – {team.name}", reception)
            until = closed_on if status == "closed" else self.today - datetime.timedelta(days=1)
            row = FileRow(file_id, person_id, team.pk, worker, opened_on, status, first.split()[0], until)
            self.new_files.append(row)
            full = f"{last.upper()} {first}"
            address = places.address(rng, locality)
            pk = self.addresses.add(person_id, *address.values(), opened_on)
            self.created(moment, "people.address", pk, file_id, person_id, reception)
            street = f"{address['street']} {address['number']}" + (
                f" bte {address['box']}" if address["box"] else ""
            )
            summary = f"{full} : {street}, {address['postal_code']} {address['city']}"
            self.event(file_id, moment, FileEvent.Kind.ADDRESS, summary, reception)
            actor = worker or staff.heads[team.pk]
            if rng.random() < 0.7:
                iban, bic = rng.choice(self.ibans)
                pk = self.accounts.add(person_id, iban, bic, full, opened_on, True, moment)
                self.created(moment, "people.bankaccount", pk, file_id, person_id, actor)
                summary = f"Compte de paiement : {identifiers.format_iban(iban)} (auparavant aucun)"
                self.event(file_id, moment, FileEvent.Kind.BANK_ACCOUNT, summary, actor)
            self.members(row, community, born, moment, actor)

    def members(self, row: FileRow, community, born: datetime.date, moment, actor: int) -> None:
        """Half the beneficiaries live alone; the others with a partner and children (0.9 members a file)."""
        rng = self.rng
        if rng.random() < 0.5:
            return
        wanted = [("partner", born.replace(day=1) + datetime.timedelta(days=rng.randint(-1500, 1500)))]
        wanted += [
            ("child", born + datetime.timedelta(days=rng.randint(7000, 12000)))
            for _ in range(rng.randint(0, 2))
        ]
        for relation, birth in wanted:
            birth = min(birth, self.today - datetime.timedelta(days=200))
            member_id, last, first = self.person(
                community, rng.choice("MF"), birth, moment, file_id=row.id, actor=actor
            )
            dependant = relation == "child"
            pk = self.household.add(row.person_id, member_id, relation, dependant, row.opened_on)
            self.created(moment, "people.householdmember", pk, row.id, member_id, actor)
            label = HouseholdMember.Relation(relation).label
            self.event(row.id, moment, FileEvent.Kind.HOUSEHOLD, f"{last.upper()} {first} ({label})", actor)

    # -- requests and decisions -------------------------------------------------------------------------

    def request(self, row: FileRow, day: datetime.date, aid: str, author: int) -> int:
        channel = self.rng.choice(CHANNELS)
        moment = self.moment(day)
        pk = self.requests.add(row.id, day, channel, aid, author, moment)
        self.created(moment, "files.aidrequest", pk, row.id, row.person_id, author)
        summary = f"{self.labels['aid'][aid]} ({self.labels['channel'][channel]})"
        self.event(row.id, moment, FileEvent.Kind.REQUEST, summary, author)
        return pk

    def aid(self, body: str | None = None) -> str:
        """An aid asked for, as often as in life (only those `body` decides, when given)."""
        aids = [(a, w) for a, w in AIDS if body is None or self.aid_types[a].deciding_body == body]
        return self.rng.choices([a for a, _w in aids], weights=[w for _a, w in aids])[0]

    def author(self, row: FileRow) -> int:
        return row.worker_id or self.rng.choice(self.staff.workers[row.team_id])

    def proposal(
        self, row: FileRow, request_id: int, aid: str, day: datetime.date, state: str, *, granted=True
    ):
        """A proposal at `state` for a request made on `day`; returns (proposal, its unsaved model)."""
        rng, aid_type = self.rng, self.aid_types[aid]
        author = self.author(row)
        categories = self.categories[aid]
        category = rng.choice(categories) if categories else None
        amount = Decimal(rng.randint(150, 1400)) if aid_type.payment != AidType.Payment.NONE else None
        start_on = day
        written = self.moment(min(day + datetime.timedelta(days=3), self.today - datetime.timedelta(days=1)))
        piis = aid == "ri" and rng.random() < 0.2
        values = [
            row.id, request_id, aid_type.pk, category.pk if category else None, granted, amount,
            "monthly" if amount and aid_type.payment == "monthly" else ("once" if amount else "none"),
            start_on, piis, f"Situation examinée le {day:%d/%m/%Y}.", aid_type.legal_basis[:200],
            day if aid in ("ri", "eri") else None, state, author, written, written, written,
        ]  # fmt: skip
        pk = self.proposals.add(*values)
        self.created(written, "workflow.proposal", pk, row.id, row.person_id, author)
        if state != State.DRAFT:
            summary = f"{aid_type.label} : {BY_NAME['submit'].label}"
            self.event(row.id, written, FileEvent.Kind.PROPOSAL, summary, author)
        model = Proposal(pk=pk, aid_type=aid_type, piis=piis, start_on=start_on, granted=granted)
        return pk, model

    def decision(self, row: FileRow, proposal: Proposal, day: datetime.date, *, open_tasks: bool) -> int:
        """The committee's decision of `day` and its back-office tasks: done (unless `open_tasks`), except
        the PIIS evaluations not yet due."""
        rng, staff = self.rng, self.staff
        outcome = "granted" if proposal.granted else "refused"
        secretary = staff.id("secretaire")
        pk = self.decisions.add(proposal.pk, outcome, day, secretary)
        moment = self.moment(day)
        self.created(moment, "workflow.decision", pk, row.id, None, secretary)
        summary = f"{proposal.aid_type.label} : {self.labels['outcome'][outcome]}"
        self.event(row.id, moment, FileEvent.Kind.DECISION, summary, secretary)
        decision = Decision(pk=pk, proposal=proposal, outcome=outcome, decided_on=day)
        todo = BackOfficeTask.Status.TODO
        for kind, due in tasks_for(decision):
            later = kind == BackOfficeTask.Kind.PIIS_EVALUATION and due >= self.today
            if later or (open_tasks and rng.random() < 0.6):
                self.tasks.add(pk, kind, todo, due, None, None)
            else:
                done = self.moment(min(due, self.today - datetime.timedelta(days=1)))
                self.tasks.add(pk, kind, BackOfficeTask.Status.DONE, due, done, staff.id("paiements"))
        return pk

    def decided_requests(self, rows: list[FileRow], count: int) -> None:
        """`count` requests decided long enough ago that their decision was carried out."""
        rng = self.rng
        last = self.today - datetime.timedelta(days=45)
        for _n in range(count):
            row = rng.choice(rows)
            day = self.day_between(row.opened_on, max(row.opened_on, min(last, row.until)))
            aid = self.aid()
            request = self.request(row, day, aid, self.author(row))
            granted = rng.random() < 0.8
            _pk, proposal = self.proposal(row, request, aid, day, State.COMPLETED, granted=granted)
            decided = day + datetime.timedelta(days=rng.randint(10, 28))
            self.decision(row, proposal, decided, open_tasks=False)

    def recent(self, row: FileRow, state: str | None, aid: str | None = None) -> int | None:
        """A request of the last weeks left at `state` (None: no proposal yet); returns the proposal's id."""
        rng = self.rng
        day = max(row.opened_on, self.today - datetime.timedelta(days=rng.randint(3, 40)))
        aid = aid or self.aid()
        request = self.request(row, day, aid, self.author(row))
        if state is None:
            return None
        pk, proposal = self.proposal(row, request, aid, day, state)
        if state == State.DECIDED:
            self.decision(row, proposal, min(day + datetime.timedelta(days=2), self.today), open_tasks=True)
        return pk

    # -- reports ----------------------------------------------------------------------------------------

    def reports_of(self, row: FileRow, count: int, *, authors: list[int] | None = None) -> None:
        rng, staff = self.rng, self.staff
        kinds = [k for k, _w in REPORT_KINDS]
        weights = [w for _k, w in REPORT_KINDS]
        head = staff.heads[row.team_id]
        for _n in range(count):
            kind = rng.choices(kinds, weights=weights)[0]
            if kind == Report.Kind.NOTE:
                title, body = rng.choice(NOTES)
            else:
                title, body = SOCIAL_REPORT if kind == Report.Kind.SOCIAL_REPORT else HOME_VISIT
            body = body.replace("{name}", row.first_name)
            day = self.day_between(row.opened_on, row.until)
            author = rng.choice(authors) if authors else self.author(row)
            level = rng.choices(["team", "restricted", "sealed"], weights=[980, 15, 5])[0]
            moment = self.moment(day)
            pk = self.reports.add(row.id, kind, title, body, day, author, level, moment, moment)
            if level == "sealed" and head != author:
                self.readers.add(pk, head)
            self.created(moment, "files.report", pk, row.id, row.person_id, author)
            self.event(row.id, moment, REPORT_EVENT_KIND[kind], title, author, pk, level)
