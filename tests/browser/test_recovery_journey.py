"""Recovery: the clerk lands on Accueil, opens the first advance or recovery to open, records the claim's
number on « Fait » and comes back to Accueil with the item gone and the counter down by one."""

import re

import pytest
from playwright.sync_api import expect

from access.roles import Role
from tests.browser.test_role_steps import block, counter, home, land, rows
from tests.factories import TeamFactory, UserFactory
from tests.workflow import queue_data
from workflow.models import BackOfficeTask
from workflow.queue_pages import first_item
from workflow.queues import BY_KEY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TASK = "Ouvrir l'avance ou la récupération"


def test_the_recovery_clerk_opens_the_first_claim_and_it_leaves_accueil(browser, live_server):
    team = TeamFactory(name="Antenne Cuesmes")
    worker = UserFactory(username="as.cuesmes", role=Role.SOCIAL_WORKER, teams=[team])
    clerk = UserFactory(username="recuperation", role=Role.RECOVERY_CLERK)
    queue_data.grow(3, team=team, worker=worker)
    task = BackOfficeTask.objects.get(pk=first_item(clerk, BY_KEY["recuperations"]).key.removeprefix("t"))
    reference = task.decision.proposal.file.reference

    page = land(browser, live_server, "recuperation")
    queue = block(page, "Récupérations à ouvrir")
    before = counter(queue)
    first = rows(queue).first
    expect(first).to_contain_text(reference)
    first.get_by_role("link", name=re.compile("^Traiter")).click()

    card = page.locator("li.card", has_text=TASK)
    card.get_by_role("button", name="Fait").click()  # without the claim's number: refused in French
    expect(page.get_by_text("Indiquez le numéro de la créance").first).to_be_visible()
    card = page.locator("li.card", has_text=TASK)
    card.get_by_label("Numéro de la créance").fill("CR-2026-0042")
    card.get_by_role("button", name="Fait").click()
    expect(page.get_by_text(f"« {TASK} » : fait.")).to_be_visible()

    home(page)
    queue = block(page, "Récupérations à ouvrir")
    expect(queue.locator("h3 .count")).to_have_text(str(before - 1))
    expect(rows(queue).filter(has_text=reference)).to_have_count(0)
    task.refresh_from_db()
    assert (task.status, task.reference) == (BackOfficeTask.Status.DONE, "CR-2026-0042")
    page.context.close()
