"""Monthly resources of the demo households, consistent with the income the reports describe (texts.INCOME).

Drawn from a generator of their own, seeded by the person, so that adding them leaves the rest of the demo as
it was.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from demo import texts
from demo.persons import MemberSpec, PersonSpec, years_before
from people.models import Resource

Kind, Source = Resource.Kind, Resource.Source

# What the beneficiary receives for each income of the reports: kind, monthly range in euros, source.
OWN = {
    "unemployment_end": (Kind.UNEMPLOYMENT, 1000, 1250, Source.BCSS),
    "sickness": (Kind.SICKNESS, 950, 1350, Source.DOCUMENT),
    "part_time": (Kind.SALARY, 750, 950, Source.DOCUMENT),
    "pension": (Kind.PENSION, 1050, 1400, Source.BCSS),
}
PARTNER = [
    (Kind.SALARY, 1500, 2100, Source.DOCUMENT),
    (Kind.UNEMPLOYMENT, 1000, 1300, Source.BCSS),
    (Kind.SICKNESS, 950, 1350, Source.DOCUMENT),
]
PER_CHILD = (175, 195)  # allocations familiales, illustrative (Wallonia's base amount is about that)


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _row(kind, amount, since, source, *, until=None, note="") -> dict:
    return {
        "kind": kind,
        "monthly_amount": amount,
        "since": since,
        "until": until,
        "source": source,
        "note": note,
    }


def _since(rng: random.Random, person: PersonSpec, opened_on: datetime.date) -> datetime.date:
    """Some months or years before the file opened, never before the person's 18th birthday."""
    return max(
        opened_on - datetime.timedelta(days=rng.randint(60, 1500)), years_before(person.birth_date, -18)
    )


def planned(
    person: PersonSpec, members: list[MemberSpec], s: texts.Situation, opened_on: datetime.date
) -> list[tuple[str | None, dict]]:
    """(household member's key, None for the beneficiary; the resource) as the social worker records them."""
    rng = random.Random(
        f"resources-{person.national_number}-{person.last_name}-{person.first_names}-{person.birth_date}"
    )
    found: list[tuple[str | None, dict]] = []
    if s.income in OWN:
        kind, low, high, source = OWN[s.income]
        row = _row(kind, _amount(rng, low, high), _since(rng, person, opened_on), source)
        if s.income == "unemployment_end":
            row["until"] = opened_on + datetime.timedelta(days=rng.randint(5, 40))
            row["note"] = "Fin de droit annoncée par l'ONEM."
        found.append((None, row))
    children = [m for m in members if m.relation == "child" and m.is_dependant]
    if children:
        first_born = min(m.person.birth_date for m in children)
        amount = Decimal(sum(rng.randint(*PER_CHILD) for _ in children))
        since = max(first_born, opened_on - datetime.timedelta(days=rng.randint(200, 1200)))
        found.append((None, _row(Kind.FAMILY_ALLOWANCE, amount, since, Source.BCSS)))
    for member in members:
        if member.relation == "partner" and rng.random() < 0.55:
            kind, low, high, source = rng.choice(PARTNER)
            found.append(
                (
                    member.key,
                    _row(kind, _amount(rng, low, high), _since(rng, member.person, opened_on), source),
                )
            )
    return found
