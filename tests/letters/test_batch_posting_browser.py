"""In a real browser: the mail clerk posts a printed batch with a barcode scanner (a number, then Enter, moves
to the next letter), and the page meets WCAG 2.1 AA, its errors included."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from access.roles import Role
from letters.models import Letter
from tests.browser.test_accessibility import assert_accessible
from tests.factories import UserFactory
from tests.letters.conftest import ship_templates
from tests.letters.test_batch_posting import batch  # noqa: F401 - the printed batch fixture
from tests.login import browser_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def shipped_templates():
    ship_templates()


def test_the_clerk_scans_the_labels_of_a_pile(page, live_server, batch):  # noqa: F811
    UserFactory(username="courrier", role=Role.MAIL_CLERK)
    letters = list(batch.letters.order_by("id"))
    browser_log_in(page, live_server.url, "courrier")
    page.goto(live_server.url + reverse("letters:batch_post", args=[batch.pk]))
    assert_accessible(page, "dépôt des recommandés")
    first = page.get_by_label(f"Numéro du recommandé de la lettre {letters[0].code}")
    first.click()
    for number in ("RR123456785BE", "RR123456785BE", "RR123456802BE"):  # the scanner types, then Enter
        page.keyboard.type(number)
        page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Enregistrer le dépôt")).to_be_focused()
    page.get_by_role("button", name="Enregistrer le dépôt").click()
    expect(page.get_by_text(f"Numéro déjà saisi pour la lettre {letters[0].code}.")).to_be_visible()
    assert_accessible(page, "dépôt des recommandés, avec erreurs")
    second = page.get_by_label(f"Numéro du recommandé de la lettre {letters[1].code}")
    expect(second).to_have_value("RR123456785BE")
    second.fill("RR123456799BE")
    page.get_by_role("button", name="Enregistrer le dépôt").click()
    expect(page.get_by_text("3 lettre(s) enregistrée(s) comme déposée(s)")).to_be_visible()
    assert sorted(Letter.objects.values_list("registered_number", flat=True)) == [
        "RR123456785BE",
        "RR123456799BE",
        "RR123456802BE",
    ]
