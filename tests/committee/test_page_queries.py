"""The meeting page with a long agenda: as many queries for 303 items as for 3, and every row as the item's
own data says (file, aid, proposal, decision, recusals, links), whoever reads it in whatever state."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from committee.models import AgendaItem, Meeting, Recusal
from files.models import AidRequest
from tests.factories import SocialFileFactory
from tests.files.conftest import client_for
from tests.querycount import assert_constant_queries
from workflow.declaration import State
from workflow.models import Decision, Proposal

pytestmark = pytest.mark.django_db


def fill_agenda(meeting, team, worker, aid_type, board, count: int) -> None:
    """`count` more items, each on its own file; one in four decided, one in ten with a recusal."""
    start = meeting.items.count()
    files = [SocialFileFactory(team=team, primary_worker=worker) for _ in range(count)]
    requests = AidRequest.objects.bulk_create(
        AidRequest(file=f, aid=AidRequest.Aid.FINANCIAL, registered_by=worker) for f in files
    )
    proposals = Proposal.objects.bulk_create(
        Proposal(
            file=r.file,
            request=r,
            aid_type=aid_type,
            author=worker,
            state=State.ON_AGENDA,
            granted=n % 5 != 0,
            amount=Decimal(100 + n) if n % 3 else None,
        )
        for n, r in enumerate(requests)
    )
    decisions = {
        p.pk: Decision.objects.create(
            proposal=p, outcome=Decision.Outcome.POSTPONED, recorded_by=board["secretary"]
        )
        for p in proposals[::4]
    }
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, proposal=p, number=start + n + 1, decision=decisions.get(p.pk))
        for n, p in enumerate(proposals)
    )
    Recusal.objects.bulk_create(
        Recusal(item=item, member=board["members"][n % 2], recorded_by=board["secretary"])
        for n, item in enumerate(items[::10])
    )


@pytest.fixture
def agenda(board, meeting, team, worker, aid_type):
    fill_agenda(meeting, team, worker, aid_type, board, 3)
    return lambda count: fill_agenda(meeting, team, worker, aid_type, board, count)


def set_status(meeting, status):
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("secretary", Meeting.Status.PLANNED),
        ("president", Meeting.Status.IN_SESSION),
        ("member", Meeting.Status.FROZEN),
        ("secretary", Meeting.Status.CLOSED),
    ],
)
def test_the_meeting_page_makes_the_same_queries_for_three_hundred_items(who, status, board, meeting, agenda):
    set_status(meeting, status)
    user = board["members"][0] if who == "member" else board[who]
    client = client_for(user)
    url = reverse("committee:meeting", args=[meeting.pk])
    assert_constant_queries(lambda: client.get(url), lambda: agenda(300))
    assert len(BeautifulSoup(client.get(url).content, "html.parser").select("tbody tr")) == 303


@pytest.mark.parametrize("status", [Meeting.Status.PLANNED, Meeting.Status.IN_SESSION, Meeting.Status.CLOSED])
def test_every_row_shows_its_item_and_links_to_it(status, board, meeting, agenda):
    agenda(27)
    set_status(meeting, status)
    page = BeautifulSoup(
        client_for(board["secretary"]).get(reverse("committee:meeting", args=[meeting.pk])).content,
        "html.parser",
    )
    rows = page.select("tbody tr")
    items = list(
        meeting.items.select_related("proposal__file", "proposal__aid_type", "decision").order_by("number")
    )
    assert len(rows) == len(items) == 30
    for row, item in zip(rows, items, strict=True):
        cells = row.find_all(["td", "th"])
        proposal = item.proposal
        assert cells[0].text == str(item.number)
        assert cells[1].a["href"] == reverse("committee:item", args=[meeting.pk, item.number])
        assert cells[1].text == proposal.file.reference
        assert proposal.aid_type.label in cells[2].text
        names = [r.member.get_full_name() for r in item.recusals.all()]
        assert all(name in cells[2].text for name in names) and ("Déport" in cells[2].text) == bool(names)
        assert cells[3].text.startswith("Octroi" if proposal.granted else "Refus")
        assert ("€" in cells[3].text) == (proposal.granted and proposal.amount is not None)
        decided = item.decision.get_outcome_display() if item.decision else "—"
        assert cells[4].text.startswith(decided)
        extract = cells[4].a["href"] if cells[4].a else None
        closed = status == Meeting.Status.CLOSED and item.decision
        assert extract == (reverse("committee:extract", args=[meeting.pk, item.number]) if closed else None)
        if status == Meeting.Status.PLANNED:
            buttons = cells[5].select('button[form="agenda-actions"]')
            assert [b["formaction"] for b in buttons] == [
                reverse("committee:move", args=[meeting.pk, item.pk]),
                reverse("committee:move", args=[meeting.pk, item.pk]),
                reverse("committee:remove", args=[meeting.pk, item.pk]),
            ]
            assert buttons[0]["aria-label"] == f"Monter le point {item.number}"
        elif status == Meeting.Status.IN_SESSION:
            box = cells[5].select_one('input[name="except"]')
            assert (box["value"] if box else None) == (None if item.decision else str(item.pk))


def test_the_shared_form_moves_and_removes_the_item_its_button_names(board, meeting, agenda):
    client = client_for(board["secretary"])
    url = reverse("committee:meeting", args=[meeting.pk])
    page = BeautifulSoup(client.get(url).content, "html.parser")
    form = page.select_one("form#agenda-actions")
    assert form["method"] == "post" and form.select_one('input[name="csrfmiddlewaretoken"]')
    second = meeting.items.get(number=2)
    up = page.select_one('button[aria-label="Monter le point 2"]')
    client.post(up["formaction"], {up["name"]: up["value"]})
    second.refresh_from_db()
    assert second.number == 1
