"""« Circuit des propositions »: the head of service chooses per aid type the hand-offs the system takes
for them (issue 14, point 2), through the access policy and the audit trail, in a fixed number of queries."""

import pytest
from django.urls import reverse

from access.roles import Role
from aid.models import AidType
from audit.models import AuditEvent
from tests.factories import TeamFactory, UserFactory
from tests.files.conftest import client_for, page_text
from tests.querycount import assert_constant_queries

pytestmark = pytest.mark.django_db

URL = reverse("queues:handoffs")


@pytest.fixture
def team(db):
    return TeamFactory(name="Antenne Mons-Centre")


@pytest.fixture
def head(team):
    return UserFactory(first_name="Claire", last_name="Renard", role=Role.HEAD_SOCIAL_WORKER, teams=[team])


def form_data(**overrides) -> dict:
    """The page's checkboxes as they are now, changed by `overrides` {"field-id": bool}."""
    data = {}
    for aid_type in AidType.objects.filter(active=True):
        for field in ("validate_requests_opinion", "ready_after_favourable_opinion"):
            name = f"{field}-{aid_type.pk}"
            if overrides.get(name, getattr(aid_type, field)):
                data[name] = "on"
    return data


def test_the_shipped_catalogue_s_defaults():
    """Ready after a favourable opinion for every aid; validate asks the opinion where it is mandatory."""
    for aid_type in AidType.objects.all():
        assert aid_type.ready_after_favourable_opinion, aid_type.code
        assert aid_type.validate_requests_opinion == aid_type.opinion_required, aid_type.code
    assert AidType.objects.get(code="ri").validate_requests_opinion


def test_the_head_sets_the_choices_and_each_change_is_audited(head):
    client = client_for(head)
    text = page_text(client.get(URL))
    assert "Circuit des propositions" in text and "Revenu d'intégration" in text
    assert "Prête pour le comité dès un avis favorable" in text
    ri, energy = AidType.objects.get(code="ri"), AidType.objects.get(code="energy")
    response = client.post(
        URL,
        form_data(
            **{
                f"validate_requests_opinion-{ri.pk}": False,
                f"validate_requests_opinion-{energy.pk}": True,
                f"ready_after_favourable_opinion-{energy.pk}": False,
            }
        ),
        follow=True,
    )
    assert "Circuit enregistré pour" in page_text(response)
    ri.refresh_from_db()
    energy.refresh_from_db()
    assert not ri.validate_requests_opinion and ri.ready_after_favourable_opinion
    assert energy.validate_requests_opinion and not energy.ready_after_favourable_opinion
    events = AuditEvent.objects.filter(verb="update", target_type="aid.aidtype", user=head)
    changes = {e.target_id: e.detail["changes"] for e in events}
    assert changes == {
        str(ri.pk): {"validate_requests_opinion": [True, False]},
        str(energy.pk): {
            "validate_requests_opinion": [False, True],
            "ready_after_favourable_opinion": [True, False],
        },
    }
    # Saving again without a change writes nothing.
    client.post(URL, form_data())
    assert AuditEvent.objects.filter(verb="update", target_type="aid.aidtype").count() == 2


def test_a_social_worker_may_not_open_nor_post_the_page(team):
    worker = UserFactory(role=Role.SOCIAL_WORKER, teams=[team])
    client = client_for(worker)
    ri = AidType.objects.get(code="ri")
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(**{f"validate_requests_opinion-{ri.pk}": False})).status_code == 403
    ri.refresh_from_db()
    assert ri.validate_requests_opinion


def test_the_head_finds_the_page_from_accueil_and_the_queue(head, team):
    for url in (reverse("home:home"), reverse("queues:queue", args=["a-valider"])):
        assert f'href="{URL}"' in client_for(head).get(url).content.decode(), url
    worker = UserFactory(role=Role.SOCIAL_WORKER, teams=[team])
    assert f'href="{URL}"' not in client_for(worker).get(reverse("home:home")).content.decode()


def test_the_page_costs_the_same_queries_with_more_aid_types(head):
    client = client_for(head)
    count = iter(range(1000))

    def grow():
        AidType.objects.bulk_create(
            AidType(code=f"test-{next(count)}", label="Aide test", validate_requests_opinion=True)
            for _ in range(20)
        )

    assert_constant_queries(lambda: client.get(URL), grow)
