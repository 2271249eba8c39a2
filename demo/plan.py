"""The story of each demo file, planned before anything is written: who comes, when, what happens next.

Planning is pure Python driven by one seeded random generator, so the same seed gives the same demo. Each
case is a list of dated steps (open the file, register a request, record an address, write a report...) that
the builder replays through the services, in date order across all cases.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from demo import accounts, names, places, resources, texts
from demo.persons import (
    MemberSpec,
    PersonSpec,
    Registry,
    beneficiary_birth,
    birth_between,
    household,
    years_before,
)
from demo.workdays import workday
from files.models import AidRequest, Report, SocialFile
from people import synthetic

Aid, Channel = AidRequest.Aid, AidRequest.Channel
BRUSSELS = ZoneInfo("Europe/Brussels")
START = datetime.date(2024, 1, 3)
# The demo's "today": fixed, so that a seed always gives the same data (clamped to yesterday if earlier).
DEMO_UNTIL = datetime.date(2026, 11, 20)
WORKER, HEAD, OTHER_WORKER = "@worker", "@head", "@other"


@dataclass
class Step:
    day: datetime.date
    kind: str  # open, request, address, member, member_leaves, resource, account, report, assign, status
    actor: str  # a username, or WORKER / HEAD: the file's social worker or head of team at that moment
    args: dict = field(default_factory=dict)
    at: datetime.datetime | None = None


@dataclass
class CasePlan:
    index: int
    person: PersonSpec
    team: str
    worker: str | None
    members: list[MemberSpec]
    steps: list[Step]
    situation: texts.Situation


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


class Planner:
    def __init__(self, rng: random.Random, registry: Registry, until: datetime.date):
        # The last working day on or before `until`: every step falls on a working day.
        self.rng, self.reg, self.until = rng, registry, workday(until, until)

    def between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return workday(birth_between(self.rng, first, last), self.until)

    def case(self, index: int) -> CasePlan:
        rng = self.rng
        self.used_notes: set[str] = set()
        if index == 0:
            # Always there, whatever the size: a file of as.centre whose name has accents, for search demos.
            community = names.COMMUNITY["wallon"]
            birth = datetime.date(1979, 4, 17)
            person = self.reg.person(
                community,
                "F",
                birth,
                papers=("BE", "belgian"),
                last_name="Lefèvre",
                first_names="Hélène Marie",
            )
            locality = places.MONS[0]
            opened_on = workday(min(datetime.date(2025, 9, 15), self.until - days(60)), self.until)
            unassigned = False
        else:
            community = names.pick_community(rng)
            sex = "F" if rng.random() < 0.56 else "M"
            birth = min(beneficiary_birth(rng), years_before(self.until - days(30), 18))
            person = self.reg.person(community, sex, birth)
            locality = places.pick_locality(rng)
            unassigned = rng.random() < 0.05
            earliest = max(START, years_before(birth, -18))
            if unassigned:
                earliest = max(earliest, self.until - days(40))
            opened_on = self.between(earliest, self.until - days(10))
        team = locality.antenne
        if index == 0:
            worker: str | None = "as.centre"
        else:
            worker = None if unassigned else rng.choice(accounts.social_workers(team))
        members, living = household(self.reg, community, person, opened_on)
        situation = self.situation(person, members, living, locality, opened_on)
        steps = self.story(
            community, person, members, locality, situation, opened_on, unassigned, forced=index == 0
        )
        plan = CasePlan(index, person, team, worker, members, steps, situation)
        self.resolve(plan)
        return plan

    # -- the situation the reports describe ---------------------------------------------------------------

    def situation(self, person, members, living, locality, opened_on) -> texts.Situation:
        rng = self.rng
        age = person.age_on(opened_on)
        with_parent = any(m.relation == "parent" for m in members)
        if rng.random() < 0.02 and not members:
            housing = "homeless"
        elif with_parent:
            housing = "hosted"
        elif age >= 66 and rng.random() < 0.2:
            housing = "owner"
        else:
            housing = names.weighted(rng, [("private", 45), ("house", 20), ("social", 30), ("hosted", 5)])[0]
        rent = {"private": (480, 850), "house": (600, 900), "social": (220, 480)}.get(housing)
        if age >= 66:
            income = "pension"
        elif person.residence_status == "irregular":
            income = "none"
        elif with_parent and rng.random() < 0.4:
            income = "student"
        else:
            income = names.weighted(
                rng,
                [("none", 30), ("unemployment_end", 25), ("sickness", 15), ("part_time", 10), ("waiting", 8)],
            )[0]
        return texts.Situation(
            sex=person.sex,
            last_name=person.last_name,
            first_name=person.first_name,
            age=age,
            household=living,
            housing=housing,
            rent=5 * (rng.randint(*rent) // 5) if rent else 0,
            income=income,
            locality=locality.name,
            children=sum(1 for m in members if m.relation == "child" and m.is_dependant),
        )

    def first_aid(self, person: PersonSpec, s: texts.Situation) -> str:
        status = person.residence_status
        if status == "irregular":
            return Aid.AMU
        if status == "limited":
            return names.weighted(
                self.rng, [(Aid.ERI, 60), (Aid.MEDICAL, 15), (Aid.IN_KIND, 15), (Aid.FINANCIAL, 10)]
            )[0]
        if status == "asylum_seeker":
            return names.weighted(self.rng, [(Aid.FINANCIAL, 40), (Aid.MEDICAL, 30), (Aid.IN_KIND, 30)])[0]
        if s.age >= 66:
            return names.weighted(
                self.rng,
                [
                    (Aid.MEDICAL, 30),
                    (Aid.ENERGY, 25),
                    (Aid.FINANCIAL, 20),
                    (Aid.IN_KIND, 10),
                    (Aid.OTHER, 15),
                ],
            )[0]
        if s.income == "waiting":
            return Aid.ADVANCE
        return names.weighted(
            self.rng,
            [
                (Aid.RI, 58),
                (Aid.FINANCIAL, 10),
                (Aid.ENERGY, 7),
                (Aid.RENT_GUARANTEE, 5),
                (Aid.MEDICAL, 6),
                (Aid.DEBT, 5),
                (Aid.IN_KIND, 5),
            ],
        )[0]

    def later_aid(self, person: PersonSpec, s: texts.Situation, first: str) -> str:
        if person.residence_status == "irregular":
            return names.weighted(self.rng, [(Aid.AMU, 70), (Aid.MEDICAL, 30)])[0]
        if s.age >= 66:
            return names.weighted(
                self.rng, [(Aid.MEDICAL, 35), (Aid.ENERGY, 30), (Aid.FINANCIAL, 20), (Aid.IN_KIND, 15)]
            )[0]
        choices = [
            (Aid.FINANCIAL, 25),
            (Aid.ENERGY, 15),
            (Aid.MEDICAL, 15),
            (Aid.IN_KIND, 10),
            (Aid.DEBT, 8),
            (Aid.RENT_GUARANTEE, 7),
            (Aid.OTHER, 5),
        ]
        if first in {Aid.RI, Aid.ERI} and s.age < 50:
            choices.append((Aid.ART60, 12))
        return names.weighted(self.rng, choices)[0]

    def channel(self) -> str:
        return names.weighted(
            self.rng,
            [
                (Channel.DESK, 55),
                (Channel.POST, 10),
                (Channel.EMAIL, 10),
                (Channel.CPAS_ONLINE, 12),
                (Channel.PHONE, 13),
            ],
        )[0]

    # -- the story ----------------------------------------------------------------------------------------

    def story(self, community, person, members, locality, s, opened_on, unassigned, *, forced) -> list[Step]:
        rng, until = self.rng, self.until
        life = (until - opened_on).days
        fate = "open"
        if not forced and not unassigned and life > 150:
            roll = rng.random()
            if roll < 0.11:
                fate = "closed"
            elif roll < 0.14 and life > 450:
                fate = "reopened"
            elif roll < 0.18 and life > 260:
                fate = "dormant"
        end = until
        if fate == "closed":
            end = self.between(opened_on + days(60), min(until, opened_on + days(540)))
        elif fate == "reopened":
            end = self.between(opened_on + days(60), until - days(330))
        elif fate == "dormant":
            end = self.between(opened_on + days(40), until - days(200))

        steps: list[Step] = []
        creator = "accueil" if unassigned or rng.random() < 0.35 else WORKER
        aid = self.first_aid(person, s)
        channel = Channel.DESK if creator == "accueil" or aid == Aid.AMU else self.channel()
        steps.append(Step(opened_on, "open", creator))
        steps.append(Step(opened_on, "request", creator, self.request_args(s, aid, channel, opened_on)))
        editor = HEAD if unassigned else WORKER
        first_meeting = (
            opened_on if creator == WORKER else self.between(opened_on + days(1), opened_on + days(6))
        )
        first_meeting = min(first_meeting, end)
        steps += self.addresses(person, locality, s, opened_on, first_meeting, editor)
        for member in members:
            steps.append(Step(first_meeting, "member", editor, {"key": member.key}))
        for key, data in resources.planned(person, members, s, opened_on):
            steps.append(Step(first_meeting, "resource", editor, {"member": key, "data": data}))
        account_day = None
        if rng.random() < (0.3 if person.residence_status == "irregular" else 0.88):
            account_day = (
                first_meeting
                if rng.random() < 0.8
                else self.between(first_meeting + days(7), first_meeting + days(60))
            )
            account_day = min(account_day, end)
            steps.append(Step(account_day, "account", editor, self.account_args(person, account_day)))
        if unassigned:
            return self.timed(steps)

        self.inquiry(steps, s, aid, opened_on, end)
        for _ in range(self.count_notes((end - opened_on).days)):
            steps.append(self.note(self.between(opened_on + days(2), end), s))
        if rng.random() < 0.08:
            title, body = texts.confidential_note(rng, s)
            day = self.between(opened_on + days(3), end)
            # Some are sealed: the author names one colleague, and not even the head of service reads them.
            sealed = rng.random() < 0.4
            steps.append(self.report(day, Report.Kind.NOTE, title, body, restricted=True, sealed=sealed))
        for _ in range(
            rng.choices([0, 1, 2, 3], weights=[35, 35, 20, 10])[0] if end - opened_on > days(60) else 0
        ):
            day = self.between(opened_on + days(30), end)
            later = self.later_aid(person, s, aid)
            requester = "accueil" if rng.random() < 0.25 else WORKER
            chan = Channel.DESK if requester == "accueil" else self.channel()
            steps.append(Step(day, "request", requester, self.request_args(s, later, chan, day)))
            if rng.random() < 0.4:
                title, body = texts.social_report(rng, s, later, day)
                steps.append(
                    self.report(
                        min(end, self.between(day + days(5), day + days(20))), "social_report", title, body
                    )
                )
            else:
                steps.append(self.note(min(end, self.between(day + days(2), day + days(10))), s))
        if rng.random() < 0.1 and end - opened_on > days(120) and s.housing != "homeless":
            steps += self.move(s, locality, self.between(opened_on + days(90), end - days(15)), end)
        if account_day and rng.random() < 0.07 and end - account_day > days(60):
            day = self.between(account_day + days(40), end)
            steps.append(Step(day, "account", WORKER, self.account_args(person, day)))
        steps += self.household_change(community, members, person, opened_on, end)
        if rng.random() < 0.05 and end - opened_on > days(90):
            steps.append(
                Step(self.between(opened_on + days(60), end), "assign", HEAD, {"worker": OTHER_WORKER})
            )
        last = max(step.day for step in steps)
        if fate in {"closed", "reopened"}:
            steps.append(Step(max(end, last), "status", HEAD, {"status": SocialFile.Status.CLOSED}))
        elif fate == "dormant":
            steps.append(
                Step(
                    workday(min(until, max(end, last) + days(185)), until),
                    "status",
                    HEAD,
                    {"status": SocialFile.Status.DORMANT},
                )
            )
        if fate == "reopened":
            again = self.between(max(end, last) + days(60), until - days(20))
            aid2 = self.later_aid(person, s, aid) if rng.random() < 0.5 else aid
            steps.append(Step(again, "open", WORKER))
            steps.append(Step(again, "request", WORKER, self.request_args(s, aid2, Channel.DESK, again)))
            self.inquiry(steps, s, aid2, again, until)
        return self.timed(steps)

    def inquiry(
        self, steps: list[Step], s: texts.Situation, aid: str, day: datetime.date, end: datetime.date
    ) -> None:
        """The social inquiry that answers a request: a home visit, then the social report within 30 days."""
        rng = self.rng
        visit = None
        if rng.random() < 0.8:
            visit = min(end, self.between(day + days(5), day + days(18)))
            title, body = texts.home_visit(rng, s, visit)
            steps.append(self.report(visit, Report.Kind.HOME_VISIT, title, body))
        if rng.random() < 0.92:
            earliest = (visit or day + days(8)) + days(2)
            written = min(end, self.between(earliest, max(earliest, day + days(28))))
            title, body = texts.social_report(rng, s, aid, day)
            steps.append(self.report(written, Report.Kind.SOCIAL_REPORT, title, body))

    def count_notes(self, life: int) -> int:
        return max(0, min(9, round(self.rng.gauss(life / 140, 1.0))))

    def note(self, day: datetime.date, s: texts.Situation) -> Step:
        title, body = texts.follow_up_note(self.rng, s, self.used_notes)
        return self.report(day, Report.Kind.NOTE, title, body)

    def report(self, day, kind, title, body, *, restricted: bool = False, sealed: bool = False) -> Step:
        confidentiality = Report.Confidentiality.RESTRICTED if restricted else Report.Confidentiality.TEAM
        args = {"kind": kind, "title": title, "body": body, "confidentiality": confidentiality}
        if sealed:
            args.update(confidentiality=Report.Confidentiality.SEALED, sealed_readers=[OTHER_WORKER])
        return Step(day, "report", WORKER, args)

    def request_args(self, s: texts.Situation, aid: str, channel: str, day: datetime.date) -> dict:
        return {
            "aid": aid,
            "channel": channel,
            "requested_on": day,
            "details": texts.request_details(self.rng, aid, s),
        }

    def account_args(self, person: PersonSpec, day: datetime.date) -> dict:
        return {
            "iban": synthetic.belgian_iban(self.rng),
            "holder": f"{person.first_name} {person.last_name}",
            "valid_from": day,
        }

    def addresses(self, person, locality, s, opened_on, day, editor) -> list[Step]:
        """The current address (or the CPAS reference address) and, for some, earlier ones: oldest first."""
        rng = self.rng
        birth = person.birth_date
        current_from = birth_between(rng, max(birth, years_before(opened_on, 15)), opened_on - days(20))
        if s.housing == "hosted" and rng.random() < 0.5:
            current_from = birth_between(rng, max(birth, years_before(opened_on, 2)), opened_on - days(20))
        found: list[dict] = []
        earlier = current_from
        # A previous residence would stay open beside a reference address (of another kind): none then.
        history = 0 if s.housing == "homeless" else rng.choices([0, 1, 2], weights=[45, 40, 15])[0]
        for _ in range(history):
            if (earlier - birth).days < 400:
                break
            start = birth_between(rng, max(birth, years_before(earlier, 8)), earlier - days(180))
            where = places.pick_locality(rng, places.ELSEWHERE if rng.random() < 0.5 else places.MONS)
            found.insert(0, {**places.address(rng, where), "valid_from": start})
            earlier = start
        if s.housing == "homeless":
            current = {**places.CPAS_REFERENCE, "box": "", "kind": "reference", "valid_from": opened_on}
        else:
            current = {**places.address(rng, locality), "valid_from": current_from}
        found.append(current)
        return [Step(day, "address", editor, {"data": data}) for data in found]

    def move(self, s: texts.Situation, locality, day, end) -> list[Step]:
        """A move within Mons; to another antenne's area, the head hands the file over to that antenne."""
        rng = self.rng
        same = [p for p in places.MONS if p.antenne == locality.antenne]
        where = places.pick_locality(rng, tuple(same) if rng.random() < 0.7 else places.MONS)
        steps = [Step(day, "address", WORKER, {"data": {**places.address(rng, where), "valid_from": day}})]
        if rng.random() < 0.5:
            steps.append(
                Step(day, "request", WORKER, self.request_args(s, Aid.RENT_GUARANTEE, Channel.DESK, day))
            )
        if where.antenne != locality.antenne:
            handover = min(end, self.between(day + days(1), day + days(10)))
            steps.append(Step(handover, "assign", HEAD, {"team": where.antenne, "worker": OTHER_WORKER}))
        return steps

    def household_change(
        self, community, members: list[MemberSpec], person: PersonSpec, opened_on, end
    ) -> list[Step]:
        """A partner leaves, or a baby is born (recorded a few weeks after the birth)."""
        rng = self.rng
        if rng.random() > 0.08 or end - opened_on < days(120):
            return []
        day = self.between(opened_on + days(90), end)
        partner = next((m for m in members if m.relation == "partner"), None)
        if partner and rng.random() < 0.5:
            return [
                Step(
                    day, "member_leaves", WORKER, {"key": "partner", "until": day - days(rng.randint(3, 30))}
                )
            ]
        mothers = [
            p for p in [person] + [m.person for m in members if m.relation == "partner"] if p.sex == "F"
        ]
        mother = next((p for p in mothers if 18 <= p.age_on(day) <= 42), None)
        if mother is None:
            return []
        birth = day - days(rng.randint(5, 30))
        father = (
            person
            if person.sex == "M"
            else (partner.person if partner and partner.person.sex == "M" else None)
        )
        baby = self.reg.person(
            community,
            rng.choice("MF"),
            birth,
            papers=(person.nationality, person.residence_status),
            last_name=father.last_name if father else mother.last_name,
            adult=False,
        )
        key = f"child{len(members) + 1}"
        members.append(MemberSpec(key, baby, "child", True, birth))
        return [Step(day, "member", WORKER, {"key": key})]

    # -- time and actors ----------------------------------------------------------------------------------

    def timed(self, steps: list[Step]) -> list[Step]:
        """Sort the steps by day (keeping the planned order within a day) and give each a time of day."""
        ordered = sorted(steps, key=lambda s: s.day)
        previous: datetime.datetime | None = None
        for step in ordered:
            if previous and previous.date() == step.day:
                moment = previous + datetime.timedelta(minutes=self.rng.randint(3, 25))
            else:
                start = datetime.time(8, 30) if step.kind != "report" else datetime.time(10, 0)
                moment = datetime.datetime.combine(step.day, start) + datetime.timedelta(
                    minutes=self.rng.randint(0, 300)
                )
            step.at = moment.replace(tzinfo=BRUSSELS)
            previous = moment
        return ordered

    def resolve(self, plan: CasePlan) -> None:
        """Replace WORKER / HEAD by the usernames in charge at each step, following hand-overs."""
        team, worker = plan.team, plan.worker
        for step in plan.steps:
            if step.kind == "assign":
                new_team = step.args.get("team") or team
                candidates = [w for w in accounts.social_workers(new_team) if w != worker]
                step.args = {"team": new_team, "worker": self.rng.choice(candidates)}
            if step.actor == WORKER:
                step.actor = worker or accounts.head_of(team)
            elif step.actor == HEAD:
                step.actor = accounts.head_of(team)
            if step.kind == "open":
                step.args = {"team": team, "worker": worker}
            if step.args.get("sealed_readers") == [OTHER_WORKER]:
                colleagues = [w for w in accounts.social_workers(team) if w != step.actor]
                step.args["sealed_readers"] = colleagues[:1]
            if step.kind == "assign":
                team, worker = step.args["team"], step.args["worker"]


def plan_demo(
    *, count: int, seed: int, until: datetime.date, taken: set[str] | None = None
) -> list[CasePlan]:
    rng = random.Random(seed)
    planner = Planner(rng, Registry(rng, set(taken or ())), until)
    return [planner.case(i) for i in range(count)]
