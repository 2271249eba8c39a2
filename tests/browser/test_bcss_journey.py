"""The BCSS cell lands on its queue, opens the first registration, records it made, and comes back with it
gone (issue 14, point 5)."""

import pytest
from playwright.sync_api import expect

from access.roles import Role
from bcss.models import AccessRegistration
from tests.bcss.data import pending
from tests.browser.test_home_journey import land
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_bcss_cell_records_the_first_registration_made(browser, live_server):
    UserFactory(username="bcss", role=Role.BCSS_OPERATOR)
    first, second = pending(2)
    page = land(browser, live_server.url, "bcss")
    work = page.get_by_role("region", name="BCSS : intégrations à faire")
    expect(work.get_by_role("row")).to_have_count(3)
    work.get_by_role("row").nth(1).get_by_role("link", name="Enregistrer : intégration").click()
    page.wait_for_url("**/bcss/**")
    expect(page.get_by_role("heading", level=1)).to_contain_text(first.file.beneficiary.full_name)
    page.get_by_label("Référence BCSS").fill("BCSS-2026-0001")
    page.get_by_role("button", name="Enregistrer comme fait").click()
    # Back on the queue's next item, then on Accueil: the registration made is gone from it.
    page.wait_for_url(f"**/bcss/{second.pk}/**")
    expect(page.locator(".messages")).to_contain_text("BCSS-2026-0001")
    page.goto(live_server.url + "/")
    work = page.get_by_role("region", name="BCSS : intégrations à faire")
    expect(work.get_by_role("row")).to_have_count(2)
    expect(work).not_to_contain_text(first.file.reference)
    assert AccessRegistration.objects.get(pk=first.pk).bcss_reference == "BCSS-2026-0001"
    page.context.close()
