"""Issue 3, point 5: the password alone opens nothing; the code of the authentication app does."""

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from access.roles import Role
from audit.models import AuditEvent
from tests.access.test_http_matrix import PAGES, build_file, url_for
from tests.factories import TeamFactory, UserFactory
from tests.login import PASSWORD, authentication_app, current_code

pytestmark = pytest.mark.django_db
CODE_URL = reverse("accounts:code")


@pytest.fixture
def worker(db):
    return UserFactory(role=Role.SOCIAL_WORKER.value, teams=[TeamFactory(name="Antenne Cuesmes")])


def password_step(client, user):
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302  # the password was right
    return response


def test_with_the_password_only_every_page_sends_to_the_code_step(client, worker):
    authentication_app(worker)
    data = build_file(worker.memberships.get().team, worker)
    password_step(client, worker)
    addresses = [url_for(name, data) for name, _view in PAGES]
    addresses += [
        reverse("files:my_files"),
        reverse("files:create"),
        reverse("search:results") + "?q=dupont",
        reverse("audit:review"),
        reverse("access:review"),
        reverse("accounts:password_change"),
        reverse("admin:index"),
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 302, address
        assert response.url.startswith(CODE_URL), address
    assert not AuditEvent.objects.filter(user=worker, verb=AuditEvent.Verb.VIEW).exists()


def test_a_form_sent_with_the_password_only_changes_nothing(client, worker):
    authentication_app(worker)
    data = build_file(worker.memberships.get().team, worker)
    password_step(client, worker)
    before = data["file"].events.count()
    response = client.post(reverse("files:report_add", args=[data["file"].pk]) + "?type=note", {"title": "x"})
    assert response.url == CODE_URL
    assert data["file"].events.count() == before


def test_htmx_requests_get_a_whole_page_redirect_not_a_fragment(client, worker):
    authentication_app(worker)
    password_step(client, worker)
    response = client.get(reverse("search:suggestions") + "?q=du", headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == CODE_URL
    assert b"<form" not in response.content


def test_the_right_code_opens_the_page_asked_for_and_both_steps_are_audited(client, worker):
    device = authentication_app(worker)
    asked = reverse("files:create")
    client.post(reverse("login"), {"username": worker.username, "password": PASSWORD, "next": asked})
    response = client.get(asked, follow=True)
    assert response.redirect_chain[-1][0] == f"{CODE_URL}?{urlencode({'next': asked})}"
    assert "Code de connexion" in response.content.decode()
    response = client.post(CODE_URL, {"token": current_code(device), "next": asked}, follow=True)
    assert response.redirect_chain[-1][0] == asked
    assert response.status_code == 200
    steps = AuditEvent.objects.filter(user=worker, verb="login").values_list("detail", flat=True)
    assert {"step": "otp", "enrolment": False} in list(steps)
    assert len(steps) == 2  # the password step, then the code


def test_the_session_id_is_renewed_after_the_second_factor(client, worker):
    """A session id seen or planted before the code step (on a shared computer, in a log) opens nothing."""
    device = authentication_app(worker)
    password_step(client, worker)
    before = client.cookies["sessionid"].value
    assert client.post(CODE_URL, {"token": current_code(device)}).status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert client.get(reverse("files:my_files")).status_code == 200

    stolen = Client()
    stolen.cookies["sessionid"] = before
    response = stolen.get(reverse("files:my_files"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_enrolment_renews_the_session_id_too(client, worker):
    password_step(client, worker)
    client.get(reverse("accounts:enrol"))
    before = client.cookies["sessionid"].value
    device = worker.totpdevice_set.get(confirmed=False)
    assert client.post(reverse("accounts:enrol"), {"token": current_code(device)}).status_code == 302
    assert client.cookies["sessionid"].value != before
    stolen = Client()
    stolen.cookies["sessionid"] = before
    assert stolen.get(reverse("files:my_files")).url.startswith(reverse("login"))


def test_a_wrong_code_is_refused_in_french_and_audited(client, worker):
    authentication_app(worker)
    password_step(client, worker)
    response = client.post(CODE_URL, {"token": "000000"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce code est erroné ou a expiré" in page
    assert client.get(reverse("files:my_files")).status_code == 302
    failed = AuditEvent.objects.get(username=worker.username, verb=AuditEvent.Verb.LOGIN_FAILED)
    assert failed.detail["step"] == "otp"


def test_letters_or_a_short_code_get_a_clear_message(client, worker):
    authentication_app(worker)
    password_step(client, worker)
    page = client.post(CODE_URL, {"token": "12a45"}).content.decode()
    assert "Le code compte exactement six chiffres" in page


def test_repeated_wrong_codes_make_the_user_wait_even_for_the_right_code(client, worker):
    device = authentication_app(worker)
    password_step(client, worker)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(CODE_URL, {"token": "000000"})
        client.post(CODE_URL, {"token": "111111"})
        refused = client.post(CODE_URL, {"token": current_code(device)})
        assert "Trop de codes erronés à la suite. Attendez 1 seconde" in refused.content.decode()
        assert client.get(reverse("files:my_files")).status_code == 302
    with time_machine.travel(start + datetime.timedelta(seconds=2), tick=False):
        accepted = client.post(CODE_URL, {"token": current_code(device)})
        assert accepted.status_code == 302
        assert client.get(reverse("files:my_files")).status_code == 200
    failures = AuditEvent.objects.filter(username=worker.username, verb=AuditEvent.Verb.LOGIN_FAILED)
    assert sorted(e.detail["throttled"] for e in failures) == [False, True, True]


def test_a_code_is_accepted_only_once(client, worker):
    device = authentication_app(worker)
    with time_machine.travel(timezone.now(), tick=False):
        code = current_code(device)
        password_step(client, worker)
        assert client.post(CODE_URL, {"token": code}).status_code == 302
        client.post(reverse("logout"))
        password_step(client, worker)
        replayed = client.post(CODE_URL, {"token": code})
        assert "Ce code est erroné ou a expiré" in replayed.content.decode()


def test_the_code_step_hides_the_menus_and_offers_to_log_out(client, worker):
    authentication_app(worker)
    password_step(client, worker)
    page = client.get(CODE_URL).content.decode()
    assert "Mes dossiers" not in page
    assert "Rechercher un bénéficiaire" not in page
    assert "Annuler et se déconnecter" in page
