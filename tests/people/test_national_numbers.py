"""Properties of national numbers: generated ones validate and tell their birth date and sex."""

import datetime
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from people import identifiers, synthetic
from people.forms import IdentityForm
from people.validation import MAX_AGE, check_identity


@settings(max_examples=300, deadline=None)
@given(
    born=st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 12, 31)),
    sex=st.sampled_from(["M", "F"]),
    bis=st.booleans(),
    seed=st.integers(min_value=0, max_value=2**32),
    separators=st.booleans(),
)
def test_any_generated_number_validates_and_yields_its_birth_date_and_sex(born, sex, bis, seed, separators):
    number = synthetic.national_number(born, sex, random.Random(seed), bis=bis)
    assert identifiers.validate_national_number(number) == number
    assert identifiers.is_bis(number) == bis
    typed = identifiers.format_national_number(number) if separators else number
    form = IdentityForm(
        data={
            "last_name": "Test",
            "first_names": "Personne",
            "national_number": typed,
            "language": "fr",
            "version": 1,
        }
    )
    if datetime.date.today().year - born.year > MAX_AGE:
        assert "vérifiez-le" in form.errors["national_number"][0]
        return
    assert form.is_valid(), form.errors
    assert form.cleaned_data["national_number"] == number
    assert form.cleaned_data["birth_date"] == born
    assert form.cleaned_data["sex"] == sex


@settings(max_examples=300, deadline=None)
@given(
    born=st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 12, 31)),
    sex=st.sampled_from(["M", "F"]),
    seed=st.integers(min_value=0, max_value=2**32),
    position=st.integers(min_value=0, max_value=10),
    delta=st.integers(min_value=1, max_value=9),
)
def test_a_one_digit_typo_is_always_caught_when_the_birth_date_is_typed_too(born, sex, seed, position, delta):
    """The check digits alone miss a few typos: 03.03.04-139.48 (2003) and 09.03.04-139.48 (1909) are both
    valid, because births from 2000 are checked with a leading 2. The typed birth date catches those."""
    number = synthetic.national_number(born, sex, random.Random(seed))
    digits = list(number)
    digits[position] = str((int(digits[position]) + delta) % 10)
    data = {
        "last_name": "Test",
        "first_names": "P",
        "national_number": "".join(digits),
        "birth_date": born.strftime("%d/%m/%Y"),
        "language": "fr",
        "version": 1,
    }
    form = IdentityForm(data=data)
    assert not form.is_valid()
    assert form.errors.get("national_number") or form.errors.get("birth_date")


@settings(max_examples=100, deadline=None)
@given(name=st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=60))
def test_any_typed_name_is_kept_when_the_number_is_wrong(name):
    form = IdentityForm(
        data={
            "last_name": name,
            "first_names": "P",
            "national_number": "85073003329",
            "language": "fr",
            "version": 1,
        }
    )
    assert not form.is_valid()
    assert "national_number" in form.errors
    assert form["last_name"].value() == name


def test_a_typo_that_makes_someone_born_in_2003_born_in_1903_is_caught():
    rng = random.Random(3)
    real = synthetic.national_number(datetime.date(2003, 3, 4), "M", rng)
    typo = next(
        candidate
        for candidate in (f"0{d}{real[2:]}" for d in "0123456789")
        if candidate != real and identifiers.birth_date_from_number(candidate)
    )
    errors = check_identity(national_number=typo, birth_date=None, sex="")
    assert "il y a plus de 110 ans" in errors["national_number"]
