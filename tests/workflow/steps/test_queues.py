"""Queues per role: what waits for each, with due dates; the next item opens in one click."""

import pytest
from django.urls import reverse

from tests.files.conftest import client_for, page_text
from tests.workflow.steps.conftest import make_proposal
from workflow.declaration import State
from workflow.queues import proposal_url

pytestmark = pytest.mark.django_db


def test_each_role_sees_its_queue_and_nothing_else(file, request_, worker, aid_type, people):
    make_proposal(file, request_, worker, aid_type, state=State.SUBMITTED)
    head = client_for(people["head"])
    assert "À valider" in page_text(head.get(reverse("files:my_files")))  # in the top bar, with its count
    text = page_text(head.get(reverse("queues:queue", args=["a-valider"])))
    assert file.reference in text and "Soumise au chef de service" in text
    assert head.get(reverse("queues:queue", args=["avis"])).status_code == 403
    assert client_for(people["payments"]).get(reverse("queues:queue", args=["a-valider"])).status_code == 403
    assert client_for(people["legal"]).get(reverse("queues:queue", args=["nope"])).status_code == 404


def test_from_a_queue_the_next_item_opens_in_one_click(file, request_, worker, aid_type, people):
    first = make_proposal(file, request_, worker, aid_type, state=State.SUBMITTED)
    second = make_proposal(file, request_, worker, aid_type, state=State.SUBMITTED)
    head = client_for(people["head"])
    opened = head.get(reverse("queues:next", args=["a-valider"]))
    assert opened.status_code == 302 and "queue=a-valider" in opened["Location"]
    current = first if opened["Location"].startswith(proposal_url(first)) else second
    other = second if current is first else first
    done = head.post(
        reverse("steps:take", args=[file.pk, current.pk, "validate"]),
        {"version": current.version, "queue": "a-valider"},
    )
    assert done["Location"] == reverse("queues:next", args=["a-valider"]) + f"?apres=p{current.pk}"
    following = head.get(done["Location"])
    assert following["Location"].startswith(proposal_url(other))


def test_due_dates_are_shown_and_late_items_marked(file, request_, worker, aid_type, people):
    make_proposal(file, request_, worker, aid_type, state=State.SUBMITTED)  # requested 02/11/2026: due 02/12
    text = page_text(client_for(people["head"]).get(reverse("queues:queue", args=["a-valider"])))
    assert "02/12/2026" in text
