"""Queue pages: 50 items a page, nearest deadline first, and the same number of queries whatever they hold."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from access.roles import Role
from tests.factories import TeamFactory, UserFactory
from tests.files.conftest import client_for, page_text
from tests.querycount import assert_constant_queries
from tests.workflow import queue_data
from workflow.queue_pages import PER_PAGE, counts, keys
from workflow.queues import BY_KEY

pytestmark = pytest.mark.django_db

GROWTH = 100  # files: 1,600 more queue items (queue_data.ITEMS_PER_FILE each)


@pytest.fixture
def team(db):
    return TeamFactory(name="Antenne Mons-Centre")


@pytest.fixture
def staff(team):
    users = {
        "worker": UserFactory(role=Role.SOCIAL_WORKER, teams=[team]),
        "head": UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[team]),
        "legal": UserFactory(role=Role.LEGAL_OFFICER),
        "secretary": UserFactory(role=Role.COMMITTEE_SECRETARY),
        "payments": UserFactory(role=Role.PAYMENT_CLERK),
        "recovery": UserFactory(role=Role.RECOVERY_CLERK),
    }
    queue_data.grow(2, team=team, worker=users["worker"])  # every source of every queue holds rows already
    return users


def grow(team, staff):
    queue_data.grow(GROWTH, team=team, worker=staff["worker"])


QUEUE_PAGES = [
    ("worker", "a-rediger"),
    ("worker", "piis"),
    ("head", "a-valider"),
    ("legal", "avis"),
    ("legal", "notifications"),
    ("secretary", "comite"),
    ("payments", "paiements"),
    ("recovery", "recuperations"),
]


def test_the_guard_grows_every_queue_of_the_pages_it_checks(team, staff):
    before = {key: len(keys(staff[who], BY_KEY[key])) for who, key in QUEUE_PAGES}
    grow(team, staff)
    after = {key: len(keys(staff[who], BY_KEY[key])) for who, key in QUEUE_PAGES}
    assert sum(after.values()) - sum(before.values()) == GROWTH * queue_data.ITEMS_PER_FILE
    assert all(after[key] > before[key] for key in after)


@pytest.mark.parametrize(("who", "key"), QUEUE_PAGES)
def test_a_queue_page_costs_the_same_queries_whatever_the_queue_holds(team, staff, who, key):
    client = client_for(staff[who])
    url = reverse("queues:queue", args=[key])
    assert_constant_queries(lambda: client.get(url), lambda: grow(team, staff))
    assert_constant_queries(lambda: client.get(url, {"page": 2}), lambda: grow(team, staff))


@pytest.mark.parametrize("who", ["worker", "head", "legal", "payments"])
def test_the_top_bar_counts_cost_the_same_queries_whatever_the_queues_hold(team, staff, who):
    fresh = lambda: User.objects.get(pk=staff[who].pk)  # noqa: E731 - as each request loads the user
    assert_constant_queries(lambda: counts(fresh()), lambda: grow(team, staff))


def test_the_file_page_costs_the_same_queries_whatever_the_queues_hold(team, staff):
    client = client_for(staff["worker"])
    file = staff["worker"].assigned_files.first()
    url = reverse("files:detail", args=[file.pk])
    assert_constant_queries(lambda: client.get(url), lambda: grow(team, staff))
    text = page_text(client.get(url))
    assert f"À rédiger {3 * (2 + GROWTH)}" in text  # the top bar counts the whole queue


def test_a_queue_shows_fifty_items_a_page_returned_first_then_nearest_deadline_first(team, staff):
    grow(team, staff)
    client = client_for(staff["worker"])
    url = reverse("queues:queue", args=["a-rediger"])
    total = 3 * (2 + GROWTH)
    first = client.get(url)
    assert len(first.context["items"]) == PER_PAGE and first.context["page"].paginator.count == total
    assert f"{total} éléments" in page_text(first) and "Page 1 sur 7" in page_text(first)
    last = client.get(url, {"page": 7})
    assert len(last.context["items"]) == total - 6 * PER_PAGE
    order = [
        queue_data.queue_order(item)
        for page in range(1, 8)
        for item, _url in client.get(url, {"page": page}).context["items"]
    ]
    assert len(order) == total and order == sorted(order)
    returned = 1 + GROWTH // queue_data.RETURNED_EVERY
    assert [later for later, _due in order[: returned + 1]] == [False] * returned + [True]
    # A page out of range or mistyped shows the last or the first page, as elsewhere.
    assert client.get(url, {"page": 99}).context["page"].number == 7
    assert client.get(url, {"page": "abc"}).context["page"].number == 1


def test_a_payment_row_shows_its_amount_and_the_iban_to_pay_and_the_read_is_audited(team, staff):
    from audit.models import AuditEvent
    from people.models import BankAccount

    client = client_for(staff["payments"])
    response = client.get(reverse("queues:queue", args=["paiements"]))
    rows = [
        item for item, _url in response.context["items"] if item.next.endswith("mettre en place le paiement")
    ]
    assert rows and all(item.detail == "500,00 €" and item.iban.startswith("BE") for item in rows)
    text = page_text(response)
    for item in rows:
        account = BankAccount.objects.get(person=item.file.beneficiary, is_payment_account=True)
        assert item.iban == account.iban_display and f"500,00 € – {item.iban}" in text
    event = AuditEvent.objects.filter(verb="view", detail__queue="paiements").latest("id")
    assert sorted(event.detail["bank_accounts"]) == sorted(item.bank_account for item in rows)
