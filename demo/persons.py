"""Synthetic people of the demo: a beneficiary's identity and the members of their household."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from demo import names
from people import synthetic
from people.normalize import fold


@dataclass
class PersonSpec:
    """Identity of one synthetic person, as people.services.create_person takes it."""

    last_name: str
    first_names: str
    sex: str
    birth_date: datetime.date
    nationality: str
    residence_status: str
    language: str
    national_number: str
    phone: str = ""
    email: str = ""

    @property
    def first_name(self) -> str:
        return self.first_names.split()[0]

    def identity(self) -> dict[str, str | datetime.date]:
        return {
            "last_name": self.last_name,
            "first_names": self.first_names,
            "national_number": self.national_number,
            "birth_date": self.birth_date,
            "sex": self.sex,
            "nationality": self.nationality,
            "residence_status": self.residence_status,
            "language": self.language,
            "phone": self.phone,
            "email": self.email,
        }

    def age_on(self, day: datetime.date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday


@dataclass
class MemberSpec:
    key: str  # unique within the case: "partner", "child1", "parent"...
    person: PersonSpec
    relation: str  # people.models.HouseholdMember.Relation
    is_dependant: bool
    since: datetime.date | None


@dataclass
class Registry:
    """Draws identities; national numbers stay unique within the demo and against `taken` (the database)."""

    rng: random.Random
    taken: set[str] = field(default_factory=set)

    def number(self, birth: datetime.date, sex: str, bis: bool) -> str:
        while True:
            number = synthetic.national_number(birth, sex, self.rng, bis=bis)
            if number not in self.taken:
                self.taken.add(number)
                return number

    def phone(self, adult: bool = True) -> str:
        roll = self.rng.random()
        if not adult or roll < 0.12:
            return ""
        if roll < 0.95:
            r = self.rng
            return f"+32 4{r.randint(60, 99)} {r.randint(10, 99)} {r.randint(10, 99)} {r.randint(10, 99)}"
        return f"+32 65 {self.rng.randint(31, 89)} {self.rng.randint(10, 99)} {self.rng.randint(10, 99)}"

    def email(self, last: str, first: str) -> str:
        if self.rng.random() > 0.35:
            return ""
        user = f"{fold(first.split()[0])}.{fold(last)}".replace(" ", "")
        if self.rng.random() < 0.4:
            user += str(self.rng.randint(1, 99))
        return f"{user}@example.{self.rng.choice(['com', 'net', 'org'])}"

    def person(
        self,
        community: names.Community,
        sex: str,
        birth: datetime.date,
        *,
        papers: tuple[str, str] | None = None,
        last_name: str | None = None,
        first_names: str | None = None,
        adult: bool = True,
    ) -> PersonSpec:
        country, status = papers or names.weighted(self.rng, community.papers)[:2]
        drawn_last, drawn_first = names.full_name(self.rng, community, sex, birth.year)
        last = last_name or drawn_last
        first = first_names or drawn_first
        bis = self._bis(status)
        language = names.weighted(self.rng, community.languages)[0] if adult else "fr"
        return PersonSpec(
            last_name=last,
            first_names=first,
            sex=sex,
            birth_date=birth,
            nationality=country,
            residence_status=status,
            language=language,
            national_number=self.number(birth, sex, bis),
            phone=self.phone(adult),
            email=self.email(last, first) if adult else "",
        )

    def _bis(self, status: str) -> bool:
        """People outside the National Register have a BIS number: no legal stay, some recent arrivals."""
        if status == "irregular":
            return True
        if status == "eu":
            return self.rng.random() < 0.3
        if status == "asylum_seeker":
            return self.rng.random() < 0.2
        return False


def birth_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    if last <= first:
        return first
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def beneficiary_birth(rng: random.Random) -> datetime.date:
    """Adults born 1940-2008, most between 1975 and 2005 (many young adults ask for the RI)."""
    first_year, last_year = rng.choices(
        [(1940, 1959), (1960, 1979), (1980, 1999), (2000, 2008)], weights=[12, 28, 38, 22]
    )[0]
    return birth_between(rng, datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31))


def household(
    reg: Registry, community: names.Community, head: PersonSpec, opened_on: datetime.date
) -> tuple[list[MemberSpec], str]:
    """The household members at the opening of the file, and a sentence describing it for the reports."""
    rng = reg.rng
    age = head.age_on(opened_on)
    if age < 26:
        kind = names.weighted(rng, [("alone", 55), ("parent", 25), ("couple", 8), ("single_parent", 12)])[0]
    elif age < 66:
        kind = names.weighted(
            rng, [("alone", 38), ("single_parent", 27), ("family", 20), ("couple", 10), ("other", 5)]
        )[0]
    else:
        kind = names.weighted(rng, [("alone", 60), ("couple", 35), ("adult_child", 5)])[0]
    papers = (head.nationality, head.residence_status)
    members: list[MemberSpec] = []
    alone = "seule" if head.sex == "F" else "seul"

    def partner() -> MemberSpec:
        same_sex = rng.random() < 0.03
        sex = head.sex if same_sex else ("M" if head.sex == "F" else "F")
        birth = birth_between(rng, years_before(head.birth_date, 8), years_before(head.birth_date, -6))
        birth = min(birth, years_before(opened_on, 18))
        mixed = rng.random() < 0.2
        who = reg.person(
            names.COMMUNITY["wallon"] if mixed else community,
            sex,
            birth,
            papers=("BE", "belgian") if mixed else papers,
        )
        adult_since = max(
            years_before(opened_on, rng.randint(1, 15)), years_before(max(birth, head.birth_date), -18)
        )
        return MemberSpec("partner", who, "partner", rng.random() < 0.3, min(adult_since, opened_on))

    def children(count: int, father_last: str | None, parents: list[PersonSpec]) -> list[MemberSpec]:
        """Children born when both parents were adults, the youngest at least a month before the opening."""
        earliest = max(years_before(max(p.birth_date for p in parents), -18), years_before(opened_on, 24))
        latest = opened_on - datetime.timedelta(days=30)
        found: list[MemberSpec] = []
        if earliest > latest:
            return found
        for n in range(count):
            birth = birth_between(rng, earliest, latest)
            last = father_last or (head.last_name if rng.random() < 0.6 else None)
            who = reg.person(community, rng.choice("MF"), birth, papers=papers, last_name=last, adult=False)
            child_age = who.age_on(opened_on)
            # Dependent: a minor, or a young adult still in school (allocations familiales until 25).
            dependant = child_age < 18 or (child_age < 25 and rng.random() < 0.6)
            found.append(MemberSpec(f"child{n + 1}", who, "child", dependant, birth))
        return found

    n_children = rng.choices([1, 2, 3, 4], weights=[40, 35, 18, 7])[0]
    if kind == "alone":
        sentence = f"vit {alone}"
    elif kind == "parent":
        sex = rng.choice("MF")
        birth = birth_between(rng, years_before(head.birth_date, 40), years_before(head.birth_date, 20))
        parent = reg.person(
            community, sex, birth, papers=papers, last_name=head.last_name if sex == "M" else None
        )
        members.append(MemberSpec("parent", parent, "parent", False, None))
        sentence = f"vit chez {'son père' if sex == 'M' else 'sa mère'}"
    elif kind in {"couple", "family"}:
        mate = partner()
        members.append(mate)
        word = "son compagnon" if mate.person.sex == "M" else "sa compagne"
        sentence = f"vit avec {word}, {mate.person.first_name}"
        if kind == "family":
            father = head.last_name if head.sex == "M" else mate.person.last_name
            kids = children(n_children, father, [head, mate.person])
            members += kids
            sentence += f", et {_count(len(kids))}"
    elif kind == "single_parent":
        kids = children(n_children, head.last_name if head.sex == "M" else None, [head])
        members += kids
        sentence = f"vit {alone} avec {_count(len(kids))}" if kids else f"vit {alone}"
    elif kind == "adult_child":
        birth = birth_between(rng, years_before(head.birth_date, -20), years_before(head.birth_date, -35))
        birth = min(birth, years_before(opened_on, 19))
        child = reg.person(community, rng.choice("MF"), birth, papers=papers, last_name=head.last_name)
        members.append(MemberSpec("child1", child, "child", False, None))
        sentence = f"vit avec {'son fils' if child.sex == 'M' else 'sa fille'} adulte"
    else:
        birth = birth_between(rng, years_before(opened_on, 60), years_before(opened_on, 20))
        other = reg.person(community, rng.choice("MF"), birth, papers=papers)
        members.append(MemberSpec("other", other, "other", False, years_before(opened_on, rng.randint(0, 3))))
        sentence = (
            f"partage son logement avec {other.first_name} (cohabitant{'e' if other.sex == 'F' else ''})"
        )
    return members, sentence


def _count(children: int) -> str:
    if children == 0:
        return "sans enfant"
    words = {1: "un enfant", 2: "deux enfants", 3: "trois enfants", 4: "quatre enfants"}
    return words.get(children, f"{children} enfants")
