"""The dashboards' figures checked against a flow whose lead times, waits and steps are known (data.py)."""

import pytest
from django.utils import timezone

from dashboards import selectors
from dashboards.filters import Filters, period
from dashboards.flow import desk
from dashboards.stats import spread
from tests.dashboards import data
from workflow.declaration import State

pytestmark = pytest.mark.django_db


def filters_for(months=3, **kwargs) -> Filters:
    today = timezone.localdate()
    return Filters(months, *period(months, today), today, **kwargs)


@pytest.fixture
def flow():
    return data.build()


def spreads(pair):
    return [(s.count, s.median, s.p90) for s in pair]


def test_median_and_90th_percentile():
    assert spread([]) == spread([])
    assert (spread([40, 10, 20]).median, spread([40, 10, 20]).p90) == (20, 40)
    assert (spread([2, 20]).median, spread([2, 20]).p90) == (11, 20)
    assert spread(list(range(1, 11))).p90 == 9  # nearest rank: 9 of 10 took at most this


def test_lead_times_by_month(flow):
    f = filters_for()
    lead = selectors.lead_times(selectors.decisions(flow.president, f), f)
    assert list(lead.by_month) == f.month_keys()
    assert spreads(lead.by_month[flow.m1]) == [(3, 20, 40), (2, 4, 5)]
    assert spreads(lead.by_month[flow.m2]) == [(3, 15, 60), (2, 11, 20)]
    assert spreads(lead.by_month[f.month_keys()[-1]]) == [(0, None, None), (0, None, None)]


def test_lead_times_by_team_and_aid_type(flow):
    f = filters_for()
    lead = selectors.lead_times(selectors.decisions(flow.president, f), f)
    assert spreads(lead.by_team_aid[(flow.nord.pk, flow.ri.pk)]) == [(5, 15, 40), (4, 4, 20)]
    assert spreads(lead.by_team_aid[(flow.sud.pk, flow.aide.pk)]) == [(1, 60, 60), (0, None, None)]
    assert spreads(lead.by_month_team_aid[(flow.m2, flow.nord.pk, flow.ri.pk)]) == [(2, 10, 15), (2, 11, 20)]


def test_filters_by_team_and_aid_type(flow):
    for filters in (filters_for(team_id=flow.sud.pk), filters_for(aid_type_id=flow.aide.pk)):
        lead = selectors.lead_times(selectors.decisions(flow.president, filters), filters)
        assert spreads(lead.by_month[flow.m2]) == [(1, 60, 60), (0, None, None)]
        assert lead.by_month[flow.m1][0].count == 0


def test_a_head_counts_only_their_teams(flow):
    f = filters_for()
    rows = selectors.decisions(flow.head_sud, f)
    assert [r.proposal_id for r in rows] == [flow.proposals["f"].pk]
    assert [w.spread.count for w in selectors.waiting(flow.head_sud, f) if not w.task] == [0] * 8
    assert [(m.decided, m.postponed) for m in selectors.meetings(flow.head_sud, f)] == [(0, 0)]


def test_missed_deadlines(flow):
    f = filters_for()
    missed = {
        m.month: (m.decisions, m.decisions_late, m.notifications_late)
        for m in selectors.missed_deadlines(selectors.decisions(flow.president, f), f)
    }
    assert missed == {flow.m1: (3, 1, 1), flow.m2: (3, 1, 2), f.month_keys()[-1]: (0, 0, 0)}


def test_files_waiting_at_each_step(flow):
    found = {
        w.key: (w.spread.count, w.spread.median, w.spread.p90, w.longest, w.late)
        for w in selectors.waiting(flow.president, filters_for())
    }
    assert found[State.SUBMITTED] == (2, 5, 7, 7, 1)
    assert found[State.OPINION_REQUESTED] == (1, 1, 1, 1, 0)
    assert found[State.READY] == (1, 4, 4, 4, 1)
    assert found[State.DRAFT] == (0, None, None, None, 0)
    decided_f = flow.proposals["f"].decisions.get().decided_on
    age = (timezone.localdate() - decided_f).days
    assert found["notify"] == (1, age, age, age, 1)
    assert found["payment"][0] == 0


def test_desks_follow_the_declaration():
    assert desk(State.DRAFT) == desk(State.RETURNED) != desk(State.SUBMITTED)
    assert desk(State.SUBMITTED) == desk(State.VALIDATED) == desk(State.OPINION_GIVEN)
    assert desk(State.READY) == desk(State.ON_AGENDA) != desk(State.OPINION_REQUESTED)
    assert desk(State.DECIDED) == desk(State.COMPLETED) == "back_office"


def test_hand_offs_per_decision_and_returns_per_proposal(flow):
    f = filters_for()
    rows, counts = selectors.decisions(flow.president, f), selectors.step_counts(flow.president, f)
    assert counts.of(flow.proposals["a"].pk) == (7, 1)
    assert counts.of(flow.proposals["f"].pk) == (2, 0)
    handoffs = selectors.distribution(rows, counts, 0, f)
    assert handoffs.counts == {0: 4, 1: 0, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0, 7: 1}
    assert handoffs.mean == 1.5
    assert handoffs.mean_by_month[flow.m1] == 7 / 3 and handoffs.mean_by_month[flow.m2] == 2 / 3
    returns = selectors.distribution(rows, counts, 1, f)
    assert returns.counts == {0: 5, 1: 1}


def test_decisions_per_meeting(flow):
    found = selectors.meetings(flow.president, filters_for())
    assert [(m.meeting_id, m.decided, m.postponed) for m in found] == [(flow.meeting.pk, 2, 1)]
    assert selectors.meetings(flow.president, filters_for(aid_type_id=flow.aide.pk))[0].decided == 0
