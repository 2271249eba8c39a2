"""Ids changed in URLs (IDOR): an object of another file, named under a file the user may open, is not found.

Every page of a file that names an inner object (report, household link, person, bank account, resource) is
enrolled from the URL configuration, like the access matrix; the object is taken from a file of the same team,
so that only the file-to-object check can refuse it.
"""

import pytest
from django.urls import reverse

from access.roles import Role
from audit.models import AuditEvent
from files.models import Report
from tests.access.test_http_matrix import PAGES, build_file
from tests.factories import TeamFactory, UserFactory
from tests.login import verified_login

pytestmark = pytest.mark.django_db

INNER = ("report_pk", "link_pk", "person_pk", "account_pk", "resource_pk")


def inner_pages():
    pages = []
    for name, _view in PAGES:
        for key in INNER:
            try:
                reverse(name, kwargs={"pk" if name.startswith("files:") else "file_pk": 1, key: 1})
            except Exception:  # noqa: BLE001, S112 (this page names no such object)
                continue
            pages.append((name, key))
    return pages


INNER_PAGES = inner_pages()


@pytest.fixture
def world(db):
    team = TeamFactory(name="Antenne Hyon")
    head = UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[team])  # may open both files and edit anything
    return {"head": head, "mine": build_file(team, head), "theirs": build_file(team, head)}


def test_every_page_naming_an_inner_object_is_enrolled():
    assert {key for _name, key in INNER_PAGES} == set(INNER)
    assert len(INNER_PAGES) >= 5


@pytest.mark.parametrize(("name", "key"), INNER_PAGES, ids=[f"{n}-{k}" for n, k in INNER_PAGES])
def test_an_object_of_another_file_is_not_found_under_this_one(client, world, name, key):
    verified_login(client, world["head"])
    mine, theirs = world["mine"], world["theirs"]
    file_kw = "pk" if name.startswith("files:") else "file_pk"
    own_url = reverse(name, kwargs={file_kw: mine["file"].pk, key: mine[key]})
    forged = reverse(name, kwargs={file_kw: mine["file"].pk, key: theirs[key]})
    assert client.get(own_url).status_code in (200, 302, 405), own_url
    before = (Report.objects.count(), theirs["file"].events.count())
    assert client.get(forged).status_code in (404, 405), forged
    assert client.post(forged, {"title": "x", "body": "<p>x</p>", "until": "01/01/2026"}).status_code == 404
    assert (Report.objects.count(), theirs["file"].events.count()) == before
    assert (
        not AuditEvent.objects.filter(file_id=mine["file"].pk, target_id=str(theirs[key]))
        .exclude(target_type="files.socialfile")
        .exists()
    )
