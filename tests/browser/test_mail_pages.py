"""The incoming mail pages meet WCAG 2.1 AA, checked by axe-core in chromium: the register, registering a mail
(errors included), one mail as the clerk, the head of service and the agent it was given to, and the agent's
"Courrier à traiter" queue."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from access.roles import Role
from mail import services
from tests.browser.test_accessibility import assert_accessible
from tests.documents.conftest import born_digital_pdf
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def assigned_mail():
    team = TeamFactory(name="Antenne Mons-Centre")
    clerk = UserFactory(username="courrier", role=Role.MAIL_CLERK)
    head = UserFactory(username="chef", role=Role.HEAD_SOCIAL_WORKER, teams=[team])
    worker = UserFactory(username="as.courrier", role=Role.SOCIAL_WORKER, teams=[team])
    file = SocialFileFactory(team=team, primary_worker=worker, beneficiary=PersonFactory(last_name="Dubois"))
    mail = services.register(
        actor=clerk,
        sender_name="Société de logement",
        subject="Révision du loyer",
        scan=born_digital_pdf("Madame, le loyer de l'appartement passe à 700 euros."),
        scan_name="loyer.pdf",
        file=file,
        team=team,
    )
    services.assign(actor=head, mail=mail, agent=worker)
    return mail


def test_the_mail_clerk_pages_are_accessible(page, live_server, assigned_mail):
    browser_log_in(page, live_server.url, "courrier")
    page.goto(live_server.url + reverse("mail:register"))
    expect(page.get_by_role("link", name=assigned_mail.number)).to_be_visible()
    assert_accessible(page, "registre du courrier")
    page.goto(live_server.url + reverse("mail:new"))
    assert_accessible(page, "enregistrer un courrier")
    # Refused by the server (the browser checks only the required fields): received in the future.
    page.get_by_role("textbox", name="Expéditeur", exact=True).fill("Société de logement")
    page.get_by_role("textbox", name="Objet").fill("Révision du loyer")
    page.get_by_role("textbox", name="Reçu le").fill("02/01/2099")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page, "enregistrer un courrier, erreurs")
    page.goto(live_server.url + reverse("mail:detail", args=[assigned_mail.pk]))
    assert_accessible(page, "courrier, vu par le service courrier")


@pytest.mark.parametrize("username", ["chef", "as.courrier"])
def test_a_mail_is_accessible_to_those_who_route_and_handle_it(page, live_server, assigned_mail, username):
    browser_log_in(page, live_server.url, username)
    page.goto(live_server.url + reverse("mail:detail", args=[assigned_mail.pk]))
    expect(page.get_by_text("Révision du loyer").first).to_be_visible()
    assert_accessible(page, f"courrier, vu par {username}")
    page.goto(live_server.url + reverse("mail:register"))
    assert_accessible(page, f"registre du courrier, vu par {username}")
    if username == "as.courrier":
        page.goto(live_server.url + reverse("queues:queue", args=["courrier"]))
        expect(page.get_by_text(assigned_mail.number)).to_be_visible()
        assert_accessible(page, "courrier à traiter")
