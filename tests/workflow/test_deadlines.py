"""Legal deadlines in calendar and working days, across weekends and Belgian public holidays."""

import datetime

import pytest

from aid.models import AidType
from workflow import deadlines
from workflow.deadlines import Status

D = datetime.date


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (D(2026, 11, 6), 1, D(2026, 11, 9)),  # Friday -> Monday
        (D(2026, 11, 10), 1, D(2026, 11, 12)),  # over Armistice, Wednesday 11/11
        (D(2026, 4, 3), 1, D(2026, 4, 7)),  # over the weekend and Easter Monday 06/04
        (D(2026, 12, 24), 1, D(2026, 12, 28)),  # Christmas on a Friday, then the weekend
        (D(2026, 7, 20), 1, D(2026, 7, 22)),  # over the national holiday 21/07
        (D(2026, 11, 6), 5, D(2026, 11, 16)),  # a week counted without 11/11: up to the next Monday
        (D(2026, 11, 9), 0, D(2026, 11, 9)),
    ],
)
def test_working_days_skip_weekends_and_belgian_holidays(start, n, due):
    assert deadlines.add_working_days(start, n) == due


@pytest.mark.parametrize(
    ("deadline", "start", "due"),
    [
        (deadlines.notification_due, D(2026, 11, 3), D(2026, 11, 12)),  # 11/11 is a holiday -> Thursday
        (deadlines.decision_due, D(2026, 6, 21), D(2026, 7, 22)),  # 21/07 -> 22/07
        (deadlines.notification_due, D(2026, 11, 6), D(2026, 11, 16)),  # a Saturday -> Monday
        (deadlines.notification_due, D(2026, 12, 17), D(2026, 12, 28)),  # Christmas Friday -> Monday
        (deadlines.decision_due, D(2026, 11, 2), D(2026, 12, 2)),  # an ordinary Wednesday stays
    ],
)
def test_a_calendar_deadline_ending_on_a_day_off_moves_to_the_next_working_day(deadline, start, due):
    assert deadline(start) == due


def test_the_day_counts_are_settings(settings):
    settings.DEADLINE_DAYS = {**settings.DEADLINE_DAYS, "decision": 15}
    assert deadlines.decision_due(D(2026, 11, 2)) == D(2026, 11, 17)


@pytest.mark.django_db
def test_the_spp_form_is_due_within_the_aid_types_delay_from_the_grant_not_within_7_days():
    """Form B of the revenu d'intégration: 45 days from the aid's grant, counted from the start of the period
    when it precedes the decision (the SPP IS's own example: decided 20/01, granted from 01/01, due 15/02)."""
    ri = AidType.objects.get(code="ri")
    assert (ri.spp_form, ri.spp_delay_days) == ("B", 45)
    assert deadlines.spp_due(D(2019, 1, 20), ri, D(2019, 1, 1)) == D(2019, 2, 15)
    assert deadlines.spp_due(D(2026, 11, 2), ri, D(2026, 11, 16)) == D(2026, 12, 17)
    eri = AidType.objects.get(code="eri")
    assert (eri.spp_form, eri.spp_delay_days) == ("B1", 45)
    eri.spp_delay_days = 30  # data an administrator corrects
    assert deadlines.spp_due(D(2026, 11, 2), eri) == D(2026, 12, 2)


@pytest.mark.django_db
def test_the_opinion_is_due_after_the_working_days_of_the_aid_type():
    ri = AidType.objects.get(code="ri")  # 5 working days
    assert deadlines.opinion_due(D(2026, 4, 2), ri) == D(2026, 4, 10)  # Easter Monday not counted
    ri.opinion_delay_days = 10
    assert deadlines.opinion_due(D(2026, 4, 2), ri) == D(2026, 4, 17)


@pytest.mark.parametrize(
    ("today", "left", "state"),
    [
        (D(2026, 11, 13), 5, Status.OK),
        (D(2026, 11, 16), 4, Status.OK),
        (D(2026, 11, 17), 3, Status.AT_RISK),
        (D(2026, 11, 20), 0, Status.AT_RISK),  # due today
        (D(2026, 11, 21), 0, Status.LATE),  # the Saturday after: no working day late yet, but late
        (D(2026, 11, 24), -2, Status.LATE),
    ],
)
def test_an_item_is_at_risk_three_working_days_before_its_deadline_and_late_after_it(today, left, state):
    due = D(2026, 11, 20)  # a Friday
    assert deadlines.working_days_left(due, today) == left
    assert deadlines.status(due, today) == state


def test_a_holiday_does_not_count_as_time_left():
    # Six calendar days, but only three working days (11/11 is a holiday): at risk.
    assert deadlines.working_days_left(D(2026, 11, 12), D(2026, 11, 6)) == 3
    assert deadlines.status(D(2026, 11, 12), D(2026, 11, 6)) == Status.AT_RISK


def test_the_at_risk_margin_is_a_setting(settings):
    settings.DEADLINE_AT_RISK_WORKING_DAYS = 5
    assert deadlines.status(D(2026, 11, 20), D(2026, 11, 13)) == Status.AT_RISK


def test_statuses_read_in_french():
    assert [s.label for s in Status] == ["dans les temps", "à risque", "en retard"]
