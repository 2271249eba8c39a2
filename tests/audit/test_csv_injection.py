"""No CSV cell starts like a formula: typed text is neutralised with a leading quote (OWASP)."""

import csv
import io

import pytest
from django.urls import reverse

from access.roles import Role
from access.services import open_break_glass
from audit.services import Verb, record
from tests.factories import SocialFileFactory, TeamFactory, UserFactory
from tests.login import verified_login

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x")'


def exported(client, name: str) -> list[list[str]]:
    response = client.get(reverse(name), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:], newline=""), delimiter=";"))


@pytest.fixture
def adviser(client):
    verified_login(client, UserFactory(username="securite", role=Role.SECURITY_OFFICER))
    return client


def test_a_formula_typed_as_a_user_name_at_log_in_is_exported_as_text(adviser):
    for typed in (FORMULA, "+33 1 23", "-5+3", "@SUM(A1:A9)"):
        adviser.__class__().post(reverse("login"), {"username": typed, "password": "mauvais"})
    rows = exported(adviser, "audit:failed_logins")
    assert sorted(row[1] for row in rows[1:]) == sorted(["'" + FORMULA, "'+33 1 23", "'-5+3", "'@SUM(A1:A9)"])


def test_a_leading_tab_or_carriage_return_is_neutralised_too(adviser):
    # The log-in form strips blanks; another sign-in path (a service call) can still record them.
    for typed in ("\t=1+1", "\r=1+1"):
        record(actor=None, verb=Verb.LOGIN_FAILED, username=typed)
    rows = exported(adviser, "audit:failed_logins")
    assert sorted(row[1] for row in rows[1:]) == ["'\t=1+1", "'\r=1+1"]


def test_names_in_the_roles_export_and_reasons_in_the_break_glass_export_are_neutralised(adviser):
    file = SocialFileFactory(team=TeamFactory(name="@Antenne"))
    worker = UserFactory(
        username="as.garde",
        first_name="=1+1",
        last_name="x",
        role=Role.SOCIAL_WORKER,
        teams=[TeamFactory(name="+Nimy")],
    )
    open_break_glass(actor=worker, file=file, reason="-Remplacement urgent de l'AS en congé maladie.")
    review = {row[0]: row for row in exported(adviser, "access:review")[1:]}
    assert review["as.garde"][1] == "'=1+1 x"
    assert review["as.garde"][4] == "'+Nimy"
    grant = exported(adviser, "audit:break_glass")[1]
    assert grant[3:7] == [
        "'=1+1 x",
        file.reference,
        "'@Antenne",
        "'-Remplacement urgent de l'AS en congé maladie.",
    ]


def test_numbers_the_code_computed_stay_numbers_and_plain_text_is_untouched():
    from audit.export import safe_cell

    assert [safe_cell(v) for v in (-5, 2.5, None, "Nimy", "a=b", "")] == [-5, 2.5, "", "Nimy", "a=b", ""]
