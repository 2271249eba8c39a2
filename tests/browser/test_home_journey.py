"""Accueil: the social worker and the legal service land on their work, open its first item in one click."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from access.roles import Role
from tests.browser.test_accessibility import assert_accessible
from tests.factories import TeamFactory, UserFactory
from tests.login import browser_log_in
from tests.workflow import queue_data
from workflow.declaration import State
from workflow.models import Proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def url_of(proposal):
    return reverse("workflow:detail", kwargs={"file_pk": proposal.file_id, "proposal_pk": proposal.pk})


def land(browser, base_url, username):
    page = browser.new_context(locale="fr-BE", timezone_id="Europe/Brussels").new_page()
    browser_log_in(page, base_url, username)
    expect(page.get_by_role("heading", name="Accueil", exact=True)).to_be_visible()
    assert_accessible(page, f"accueil de {username}")
    return page


def test_each_desk_lands_on_its_work_and_opens_the_first_item(browser, live_server):
    team = TeamFactory(name="Antenne Ghlin")
    worker = UserFactory(username="as.ghlin", role=Role.SOCIAL_WORKER, teams=[team])
    UserFactory(username="juriste", role=Role.LEGAL_OFFICER)
    queue_data.grow(3, team=team, worker=worker)
    returned = Proposal.objects.get(state=State.RETURNED)
    asked = Proposal.objects.filter(state=State.OPINION_REQUESTED)

    page = land(browser, live_server.url, "as.ghlin")
    work = page.get_by_role("region", name="À rédiger")
    first = work.get_by_role("row").nth(1)
    expect(first).to_contain_text("Renvoyée avec remarques")
    expect(first).to_contain_text(f"Joindre les fiches de paie ({returned.file.reference}).")
    first.get_by_role("link", name="Soumettre au chef de service").click()
    page.wait_for_url("**/propositions/**")
    assert page.url.split("?")[0].removeprefix(live_server.url) == url_of(returned)
    page.context.close()

    page = land(browser, live_server.url, "juriste")
    opinions = page.get_by_role("region", name="Avis à donner")
    expect(opinions.get_by_role("row")).to_have_count(1 + asked.count())
    link = opinions.get_by_role("row").nth(1).get_by_role("link", name="Donner l'avis")
    link.click()
    page.wait_for_url("**/propositions/**")
    opened = [url_of(p) for p in asked]
    assert page.url.split("?")[0].removeprefix(live_server.url) in opened
    page.context.close()
