"""Payments: the clerk opens the first payment to prepare, pays the IBAN shown, types the bank's reference,
clicks « Fait » and finds the queue without it."""

import re

import pytest
from playwright.sync_api import expect

from access.roles import Role
from tests.browser.test_accessibility import assert_accessible
from tests.factories import TeamFactory, UserFactory
from tests.login import browser_log_in
from tests.workflow import queue_data
from workflow.models import BackOfficeTask
from workflow.queue_pages import first_item
from workflow.queues import BY_KEY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_payment_clerk_pays_the_first_item_and_it_leaves_the_queue(browser, live_server):
    team = TeamFactory(name="Antenne Jemappes")
    worker = UserFactory(username="as.jemappes", role=Role.SOCIAL_WORKER, teams=[team])
    clerk = UserFactory(username="paiements", role=Role.PAYMENT_CLERK)
    queue_data.grow(3, team=team, worker=worker)
    first = first_item(clerk, BY_KEY["paiements"])
    task = BackOfficeTask.objects.select_related("decision__proposal__file__beneficiary").get(
        pk=first.key.removeprefix("t")
    )
    assert task.kind == BackOfficeTask.Kind.PAYMENT
    iban = task.decision.proposal.file.beneficiary.bank_accounts.get().iban_display

    page = browser.new_context(locale="fr-BE", timezone_id="Europe/Brussels").new_page()
    browser_log_in(page, live_server.url, "paiements")
    page.get_by_role("navigation").get_by_role("link", name=re.compile("Paiements à préparer")).first.click()
    expect(page.get_by_role("heading", name="Paiements à préparer")).to_be_visible()
    rows = page.get_by_role("row")
    total = rows.count()
    expect(rows.nth(1)).to_contain_text("500,00 €")
    expect(rows.nth(1)).to_contain_text(iban)
    assert_accessible(page, "paiements à préparer")

    page.get_by_role("link", name="Ouvrir le premier").click()
    card = page.locator("li.card", has_text="Mettre en place le paiement")
    expect(card).to_contain_text(iban)
    expect(card).to_contain_text("500,00 €")
    expect(card).not_to_contain_text("pas valable")
    card.get_by_role("button", name="Fait").click()  # without its reference: refused in French
    expect(page.get_by_text("Indiquez la référence du paiement").first).to_be_visible()
    card = page.locator("li.card", has_text="Mettre en place le paiement")
    card.get_by_label("Référence du paiement").fill("VIR-2026-000123")
    card.get_by_role("button", name="Fait").click()
    expect(page.get_by_text("« Mettre en place le paiement » : fait.")).to_be_visible()

    page.get_by_role("navigation").get_by_role("link", name=re.compile("Paiements à préparer")).first.click()
    expect(page.get_by_role("row")).to_have_count(total - 1)
    task.refresh_from_db()
    assert (task.status, task.reference) == (BackOfficeTask.Status.DONE, "VIR-2026-000123")
    assert f"t{task.pk}" not in [item.key for item in queue_items(clerk)]
    page.context.close()


def queue_items(user):
    from workflow.queue_pages import items

    return items(user, BY_KEY["paiements"])
