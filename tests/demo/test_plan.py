"""The demo's planning (pure Python, no database): reproducible, and people as the brief describes them."""

import datetime

import pytest
from stdnum.be import bis as bis_std

from demo import names, places
from demo.plan import DEMO_UNTIL, plan_demo
from demo.workdays import is_workday

UNTIL = datetime.date(2026, 11, 20)


@pytest.fixture(scope="module")
def full_plan():
    """The default demo's plan (300 cases): rare branches of the stories show up only at this size."""
    return plan_demo(count=300, seed=2026, until=DEMO_UNTIL)


def test_the_same_seed_gives_the_same_demo():
    first, second = plan_demo(count=25, seed=7, until=UNTIL), plan_demo(count=25, seed=7, until=UNTIL)
    assert [c.person for c in first] == [c.person for c in second]
    assert [[(s.at, s.kind, s.actor) for s in c.steps] for c in first] == [
        [(s.at, s.kind, s.actor) for s in c.steps] for c in second
    ]
    other = plan_demo(count=25, seed=8, until=UNTIL)
    assert [c.person.national_number for c in other] != [c.person.national_number for c in first]


def test_beneficiaries_identities_nationalities_and_households(full_plan):
    cases = full_plan
    people = [c.person for c in cases]
    births = [p.birth_date.year for p in people]
    assert min(births) >= 1940 and max(births) <= 2008
    assert sum(year >= 2000 for year in births) >= 20
    assert len({p.national_number for c in cases for p in [c.person, *(m.person for m in c.members)]}) == len(
        [1 for c in cases for _ in [c.person, *c.members]]
    )
    bis = [p for p in people if bis_std.is_valid(p.national_number)]
    assert bis and all(p.nationality != "BE" for p in bis)
    for person in people:
        if person.nationality == "BE":
            assert person.residence_status == "belgian"
        elif person.nationality in {"IT", "FR", "RO"}:
            assert person.residence_status == "eu"
        else:
            assert person.residence_status not in {"belgian", "eu"}
    nationalities = {p.nationality for p in people}
    assert {"BE", "IT", "MA", "TR", "CD", "SY", "FR", "RO", "UA"} <= nationalities
    assert sum(p.nationality == "BE" for p in people) > len(people) / 2
    assert any(any(ch in p.last_name for ch in "éèêëçöüş") for p in people)
    assert any("-" in p.last_name for p in people) and any(" " in p.last_name for p in people)
    members = [m for c in cases for m in c.members]
    assert {m.relation for m in members} == {"partner", "child", "parent", "other"}
    assert any(m.is_dependant for m in members if m.relation == "child")
    surnames = {n for c in names.COMMUNITIES for n in c.surnames}
    assert all(p.last_name in surnames or p.last_name == "Lefèvre" for p in people)


def test_steps_happen_on_working_days_in_order_and_before_the_last_day():
    for case in plan_demo(count=60, seed=2026, until=UNTIL):
        moments = [s.at for s in case.steps]
        assert moments == sorted(moments)
        assert case.steps[0].kind == "open"
        for step in case.steps:
            assert is_workday(step.day) and step.day <= UNTIL and step.at.date() == step.day
            assert not step.actor.startswith("@")


def test_belgian_legal_holidays_are_not_working_days():
    assert not is_workday(datetime.date(2025, 4, 21))  # Easter Monday
    assert not is_workday(datetime.date(2026, 5, 14))  # Ascension
    assert not is_workday(datetime.date(2026, 5, 25))  # Whit Monday
    assert not is_workday(datetime.date(2025, 7, 21))  # National day
    assert not is_workday(datetime.date(2026, 11, 21))  # a Saturday
    assert is_workday(datetime.date(2026, 11, 20))


def test_current_addresses_are_in_mons_whatever_the_story(full_plan):
    """Replays each case's address steps: the open address of each kind is in Mons, even on rare paths."""
    for case in full_plan:
        current: dict[str, dict] = {}
        for step in case.steps:
            if step.kind == "address":
                data = step.args["data"]
                kind = data.get("kind", "residence")
                previous = current.get(kind)
                assert previous is None or data["valid_from"] > previous["valid_from"]
                current[kind] = data
        assert current, case.person
        assert {a["postal_code"] for a in current.values()} <= places.MONS_POSTAL_CODES, case.person
