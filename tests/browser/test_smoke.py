"""The browser harness works: Django's live server, Playwright and Debian's chromium together."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_login_page_opens(live_server, page):
    """Harness check on a page that Django itself provides."""
    response = page.goto(live_server.url + "/admin/login/")
    assert response is not None
    assert response.status == 200
    assert page.locator("input[type=password]").count() == 1


def test_login_page_has_a_password_field(live_server, page):
    response = page.goto(live_server.url + "/connexion/")
    assert response is not None
    assert response.status == 200
    assert page.locator("input[type=password]").count() == 1
