"""WCAG 2.1 AA, checked by axe-core in chromium on the pages a social worker uses all day."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from access.roles import Role
from files import services
from files.models import Report
from people.models import HouseholdMember
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def file_with_history():
    team = TeamFactory(name="Antenne Jemappes")
    worker = UserFactory(username="as.jemappes", role=Role.HEAD_SOCIAL_WORKER.value, teams=[team])
    file = SocialFileFactory(
        team=team, primary_worker=worker, beneficiary=PersonFactory(last_name="Di Santo")
    )
    HouseholdMember.objects.create(person=file.beneficiary, member=PersonFactory(), relation="child")
    services.add_request(actor=worker, file=file, aid="ri", channel="desk")
    report = services.write_report(
        actor=worker, file=file, kind=Report.Kind.HOME_VISIT, title="Visite", body="<p>Logement sain.</p>"
    )
    return file, report


def pages_of(file, report):
    yield reverse("home:home")
    yield reverse("files:my_files")
    yield reverse("search:results") + "?q=santo"
    yield reverse("files:create")
    for name in (
        "files:detail",
        "files:requests",
        "files:reports",
        "files:timeline",
        "files:assign",
        "files:access_log",
    ):
        yield reverse(name, args=[file.pk])
    for name in (
        "people:identity",
        "people:identity_edit",
        "people:household",
        "people:bank",
        "people:bank_add",
    ):
        yield reverse(name, args=[file.pk])
    yield reverse("files:report_detail", args=[file.pk, report.pk])
    yield reverse("files:report_add", args=[file.pk]) + "?type=note"


def assert_accessible(page, what):
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{what}\n{results.generate_report()}"


def test_daily_pages_meet_wcag_21_aa(page, live_server, file_with_history):
    page.goto(live_server.url + reverse("login"))
    assert_accessible(page, "connexion")
    browser_log_in(page, live_server.url, "as.jemappes")
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    for url in pages_of(*file_with_history):
        page.goto(live_server.url + url)
        assert_accessible(page, url)


def test_a_form_with_errors_stays_accessible(page, live_server, file_with_history):
    file, _report = file_with_history
    browser_log_in(page, live_server.url, "as.jemappes")
    page.goto(live_server.url + reverse("people:bank_add", args=[file.pk]))
    page.get_by_label("IBAN").fill("BE00 0000 0000 0000")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "compte bancaire refusé")


def test_the_security_advisers_pages_meet_wcag_21_aa(page, live_server, file_with_history):
    UserFactory(username="securite", role=Role.SECURITY_OFFICER.value)
    browser_log_in(page, live_server.url, "securite")
    page.get_by_role("link", name="Journal d'audit").click()
    expect(page.get_by_role("heading", name="Journal d'audit")).to_be_visible()
    assert_accessible(page, "journal d'audit")
    page.get_by_role("link", name="Revue des accès").click()
    expect(page.get_by_role("heading", name="Revue des accès")).to_be_visible()
    assert_accessible(page, "revue des accès")
