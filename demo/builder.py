"""Builds the demo CPAS by replaying the planned stories through the project's services, as the demo users.

Every write goes through people.services and files.services, which check the acting user's permission,
validate, write the audit trail and the file's timeline: the demo holds exactly what the application itself
would have written, including search_name, one FileEvent per change and last_activity_at.

Dates. The services date timeline events "now" (requests excepted), so a demo loaded today would show three
years of history happening today. While the builder runs, the Clock dates each new FileEvent at the moment of
the step that caused it (a pre_save receiver connected only during the build); afterwards it re-dates the
creation stamps that Django fills itself (auto_now_add: Person.created_at, AidRequest.registered_at,
Report.created_at, BankAccount.created_at, Resource.created_at) and sets each file's last_activity_at to its
newest event.
The audit trail (audit.AuditEvent) is deliberately left as written: it is append-only and truthfully says
that these records were written at load time, by the demo loader acting as each demo user.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db import connection, transaction
from django.db.models import Case, Count, OuterRef, Q, Subquery, When
from django.db.models.signals import pre_save
from django.utils import timezone

from access.services import open_break_glass
from demo import accounts, places
from demo.bcss import bcss_cutoff, build_bcss, keep_up
from demo.consents import build_consents
from demo.decisions import build_decisions
from demo.letters import build_letters
from demo.mail import build_mail
from demo.meetings import build_meeting
from demo.plan import DEMO_UNTIL, CasePlan, Step, plan_demo
from files import services as file_services
from files.models import AidRequest, FileEvent, Report, SocialFile
from letters.models import Letter
from people import services as people_services
from people.models import Address, BankAccount, HouseholdMember, Person, Resource
from people.normalize import fold
from people.services_resources import add_resource
from workflow.models import Proposal

DEFAULT_BENEFICIARIES = 300
DEFAULT_SEED = 2026


class Clock:
    """The demo's "now" while the stories are replayed (see the module's docstring)."""

    def __init__(self) -> None:
        self.now: datetime.datetime | None = None
        self._stamps: dict[type, tuple[list, set[str]]] = {}

    def _date_event(self, sender, instance: FileEvent, **kwargs) -> None:
        if instance.pk is None and self.now is not None:
            instance.occurred_at = self.now

    @contextmanager
    def running(self) -> Iterator[Clock]:
        pre_save.connect(self._date_event, sender=FileEvent, dispatch_uid="demo-clock", weak=False)
        try:
            yield self
        finally:
            pre_save.disconnect(sender=FileEvent, dispatch_uid="demo-clock")
            self.now = None

    def stamp(self, obj, *fields: str) -> None:
        """Remember to write the current moment into `fields` of `obj` (creation stamps Django filled)."""
        for name in fields:
            setattr(obj, name, self.now)
        objects, names = self._stamps.setdefault(type(obj), ([], set()))
        objects.append(obj)
        names.update(fields)

    def finish(self, file_ids: list[int]) -> None:
        # One prepared UPDATE per model run with executemany: bulk_update's CASE WHEN takes seconds here.
        quote = connection.ops.quote_name
        for model, (objects, names) in self._stamps.items():
            fields = [model._meta.get_field(name) for name in sorted(names)]
            assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608 (names from the models)
            rows = [
                [f.get_db_prep_value(getattr(o, f.attname), connection) for f in fields] + [o.pk]
                for o in objects
            ]
            with connection.cursor() as cursor:
                cursor.executemany(sql, rows)
        newest = (
            FileEvent.objects.filter(file=OuterRef("pk")).order_by("-occurred_at").values("occurred_at")[:1]
        )
        for start in range(0, len(file_ids), 500):
            SocialFile.objects.filter(pk__in=file_ids[start : start + 500]).update(
                last_activity_at=Subquery(newest)
            )


@dataclass
class CaseState:
    plan: CasePlan
    person: Person | None = None
    file: SocialFile | None = None
    links: dict[str, HouseholdMember] = field(default_factory=dict)


class Builder:
    def __init__(self, users: dict[str, User], teams: dict) -> None:
        self.users, self.teams = users, teams
        self.clock = Clock()
        self.file_ids: list[int] = []

    def run(self, plans: list[CasePlan]) -> None:
        """Replay every step of every case in date order, so that references follow the opening dates."""
        queue = sorted(
            ((step.at, plan.index, n, step) for plan in plans for n, step in enumerate(plan.steps)),
            key=lambda item: item[:3],
        )
        states = {plan.index: CaseState(plan) for plan in plans}
        self.bcss_cutoff = bcss_cutoff([step for *_, step in queue])
        with self.clock.running():
            for at, index, _n, step in queue:
                self.clock.now = at
                getattr(self, f"do_{step.kind}")(states[index], step, self.users[step.actor])
        self.clock.finish(self.file_ids)

    def do_open(self, state: CaseState, step: Step, actor: User) -> None:
        if state.person is None:
            state.person = people_services.create_person(actor=actor, data=state.plan.person.identity())
            self.clock.stamp(state.person, "created_at", "updated_at")
        worker = step.args["worker"]
        state.file = file_services.open_file(
            actor=actor,
            beneficiary=state.person,
            team=self.teams[step.args["team"]],
            primary_worker=self.users[worker] if worker else None,
            opened_on=step.day,
        )
        self.file_ids.append(state.file.pk)
        self._bcss(state.file)

    def _bcss(self, file: SocialFile) -> None:
        keep_up(file=file, clock=self.clock, cell=self.users["bcss"], cutoff=self.bcss_cutoff)

    def do_request(self, state: CaseState, step: Step, actor: User) -> None:
        request = file_services.add_request(actor=actor, file=state.file, **step.args)
        self._bcss(state.file)  # a request on a closed file registers the person again
        self.clock.stamp(request, "registered_at")

    def do_address(self, state: CaseState, step: Step, actor: User) -> None:
        people_services.add_address(
            actor=actor, file=state.file, person=state.person, data=dict(step.args["data"])
        )

    def do_member(self, state: CaseState, step: Step, actor: User) -> None:
        spec = next(m for m in state.plan.members if m.key == step.args["key"])
        member = people_services.create_person(actor=actor, data=spec.person.identity(), file=state.file)
        self.clock.stamp(member, "created_at", "updated_at")
        state.links[spec.key] = people_services.add_household_member(
            actor=actor,
            file=state.file,
            member=member,
            relation=spec.relation,
            is_dependant=spec.is_dependant,
            since=spec.since,
        )

    def do_member_leaves(self, state: CaseState, step: Step, actor: User) -> None:
        link = state.links[step.args["key"]]
        people_services.end_household_member(
            actor=actor, file=state.file, link=link, until=step.args["until"]
        )

    def do_resource(self, state: CaseState, step: Step, actor: User) -> None:
        key = step.args["member"]
        person = state.person if key is None else state.links[key].member
        resource = add_resource(actor=actor, file=state.file, person=person, data=dict(step.args["data"]))
        self.clock.stamp(resource, "created_at", "updated_at")

    def do_account(self, state: CaseState, step: Step, actor: User) -> None:
        account = people_services.add_bank_account(
            actor=actor, file=state.file, person=state.person, is_payment_account=True, **step.args
        )
        self.clock.stamp(account, "created_at")

    def do_report(self, state: CaseState, step: Step, actor: User) -> None:
        args = dict(step.args)
        args["sealed_readers"] = [self.users[name] for name in args.get("sealed_readers", [])]
        report = file_services.write_report(actor=actor, file=state.file, written_on=step.day, **args)
        self.clock.stamp(report, "created_at", "updated_at")

    def do_assign(self, state: CaseState, step: Step, actor: User) -> None:
        file = state.file
        file_services.update_file(
            actor=actor,
            file=file,
            team=self.teams[step.args["team"]],
            primary_worker=self.users[step.args["worker"]],
            status=file.status,
            closed_on=file.closed_on,
            expected_version=file.version,
        )

    def do_status(self, state: CaseState, step: Step, actor: User) -> None:
        file, status = state.file, step.args["status"]
        file_services.update_file(
            actor=actor,
            file=file,
            team=file.team,
            primary_worker=file.primary_worker,
            status=status,
            closed_on=step.day if status == SocialFile.Status.CLOSED else None,
            expected_version=file.version,
        )
        self._bcss(file)


# -- the command's entry points ---------------------------------------------------------------------------


def demo_is_loaded() -> bool:
    """The demo is there when its first antenne holds files."""
    return SocialFile.objects.filter(team__name=places.CENTRE).exists()


def last_day(until: datetime.date | None = None) -> datetime.date:
    """The demo's last day: DEMO_UNTIL (or `until`), but before today (services refuse future dates)."""
    return min(until or DEMO_UNTIL, timezone.localdate() - datetime.timedelta(days=1))


@dataclass
class BuildResult:
    seconds: float
    cases: int
    reused_accounts: list[str]


def build_demo(
    *,
    beneficiaries: int = DEFAULT_BENEFICIARIES,
    seed: int = DEFAULT_SEED,
    until: datetime.date | None = None,
) -> BuildResult:
    """Create the teams, the accounts and `beneficiaries` cases, in one transaction (all or nothing)."""
    started = time.monotonic()
    with transaction.atomic():
        teams = accounts.ensure_teams()
        users, reused = accounts.ensure_accounts(teams)
        taken = set(Person.objects.exclude(national_number=None).values_list("national_number", flat=True))
        plans = plan_demo(count=beneficiaries, seed=seed, until=last_day(until), taken=taken)
        Builder(users, teams).run(plans)
        break_glass_examples(users, teams)
        build_consents()
        build_decisions(users)
        build_letters(users)
        build_mail(users, teams)
        build_meeting(users)
        build_bcss(users)
    return BuildResult(time.monotonic() - started, len(plans), reused)


BREAK_GLASS_REASONS = [
    "Permanence de garde : la personne se présente pour une aide urgente, son AS est absente.",
    "Remplacement de ma collègue en congé : rendez-vous fixé ce matin avec le bénéficiaire.",
]


def break_glass_examples(users: dict[str, User], teams: dict) -> None:
    """Two files of the Mons-Centre antenne opened by the Jemappes social worker on call, with a reason."""
    files = SocialFile.objects.filter(team=teams[places.CENTRE]).exclude(status=SocialFile.Status.CLOSED)
    for file, reason in zip(files.order_by("pk")[:2], BREAK_GLASS_REASONS, strict=False):
        open_break_glass(actor=users["as.jemappes"], file=file, reason=reason)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def account_lines() -> list[str]:
    from access.roles import role_label

    present = set(User.objects.filter(username__in=accounts.USERNAMES).values_list("username", flat=True))
    rows = [("Rôle", "Identifiant", "Équipe(s)")]
    rows += [
        (
            role_label(a.role),
            a.username if a.username in present else f"{a.username} (absent)",
            ", ".join(a.teams) or "—",
        )
        for a in accounts.ACCOUNTS
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    lines = [f"Comptes de démonstration (mot de passe : {accounts.DEMO_PASSWORD})"]
    for n, (role, username, teams) in enumerate(rows):
        lines.append(f"  {role:<{widths[0]}}  {username:<{widths[1]}}  {teams}")
        if n == 0:
            lines.append(f"  {'-' * widths[0]}  {'-' * widths[1]}  {'-' * 9}")
    lines.append("  (admin gère les utilisateurs dans l'administration Django : /admin/)")
    return lines


def count_lines() -> list[str]:
    files = SocialFile.objects.aggregate(
        total=Count("id"),
        open=Count("id", filter=Q(status=SocialFile.Status.OPEN)),
        dormant=Count("id", filter=Q(status=SocialFile.Status.DORMANT)),
        closed=Count("id", filter=Q(status=SocialFile.Status.CLOSED)),
        unassigned=Count("id", filter=Q(primary_worker__isnull=True) & ~Q(status=SocialFile.Status.CLOSED)),
    )
    reports = Report.objects.aggregate(
        social=Count("id", filter=Q(kind=Report.Kind.SOCIAL_REPORT)),
        visits=Count("id", filter=Q(kind=Report.Kind.HOME_VISIT)),
        notes=Count("id", filter=Q(kind=Report.Kind.NOTE)),
        restricted=Count("id", filter=Q(confidentiality=Report.Confidentiality.RESTRICTED)),
        sealed=Count("id", filter=Q(confidentiality=Report.Confidentiality.SEALED)),
    )
    beneficiaries = Person.objects.filter(files__isnull=False).distinct().count()
    people = Person.objects.count()
    bis = sum(
        1
        for n in Person.objects.exclude(national_number=None).values_list("national_number", flat=True)
        if int(n[2:4]) >= 20
    )
    changed = BankAccount.objects.values("person").annotate(n=Count("id")).filter(n__gt=1).count()
    return [
        "Contenu de la base :",
        f"  bénéficiaires : {_n(beneficiaries)} (et {_n(people - beneficiaries)} membres de ménage ; "
        f"{_n(bis)} numéros BIS)",
        f"  dossiers : {_n(files['total'])} ({_n(files['open'])} ouverts "
        f"dont {_n(files['unassigned'])} à attribuer, "
        f"{_n(files['dormant'])} en veille, {_n(files['closed'])} clôturés)",
        f"  demandes : {_n(AidRequest.objects.count())}",
        f"  rapports : {_n(reports['social'])} rapports sociaux, {_n(reports['visits'])} rapports de visite, "
        f"{_n(reports['notes'])} notes de suivi ({_n(reports['restricted'])} confidentielles, "
        f"{_n(reports['sealed'])} scellées)",
        f"  adresses : {_n(Address.objects.count())} ; comptes bancaires : {_n(BankAccount.objects.count())} "
        f"({_n(changed)} personnes ont changé de compte de paiement)",
        f"  ressources : {_n(Resource.objects.count())} lignes "
        f"({_n(Resource.objects.values('person').distinct().count())} personnes)",
        f"  propositions de décision : {_n(Proposal.objects.count())} "
        f"(à chaque étape, de la rédaction au back-office : voyez les files de chaque rôle)",
        f"  courrier sortant : {_n(Letter.objects.count())} lettres au registre "
        f"({_n(Letter.objects.filter(method='').count())} à envoyer : compte « courrier »)",
        f"  événements de l'historique : {_n(FileEvent.objects.count())}",
    ]


def search_example() -> str | None:
    """A beneficiary of as.centre whose name carries accents: what a search demo (or test) can look for."""
    files = SocialFile.objects.filter(primary_worker__username="as.centre").exclude(
        status=SocialFile.Status.CLOSED
    )
    # The planner always gives as.centre Hélène Lefèvre: show her when she is there, whatever the size.
    files = files.select_related("beneficiary").annotate(
        planned=Case(When(beneficiary__last_name="Lefèvre", then=0), default=1)
    )
    for file in files.order_by("planned", "opened_on", "pk"):
        person = file.beneficiary
        if fold(person.last_name) != person.last_name.casefold():
            return (
                f"Exemple pour la recherche : {person.full_name} – dossier {file.reference}, "
                "suivi par as.centre "
                f"(cherchez « {fold(person.last_name)} » ou « {person.last_name} »)."
            )
    return None
