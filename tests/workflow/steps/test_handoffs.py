"""Fewer hand-offs, each declared (issue 14, point 2): the catalogue's choices let the system take the head's
second and third passes (validate also asks the opinion; a favourable opinion makes the proposal ready),
through services.take(), by every path, with why in the steps, the audit trail and the timeline."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from files.models import FileEvent
from tests.files.conftest import client_for, page_text
from tests.workflow.steps.conftest import make_proposal
from workflow import services
from workflow.declaration import BY_NAME, State, holder_step
from workflow.queue_pages import page
from workflow.queues import BY_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def chained(aid_type):
    aid_type.validate_requests_opinion = True
    aid_type.ready_after_favourable_opinion = True
    aid_type.save()
    return aid_type


def at(file, request_, worker, aid_type, state):
    proposal = make_proposal(file, request_, worker, aid_type, state=state)
    if state == State.OPINION_REQUESTED:
        proposal.steps.create(
            transition="request_opinion", source=State.VALIDATED, target=state, actor=worker
        )
    return proposal


def post_step(user, proposal, name, **data):
    proposal.refresh_from_db()
    url = reverse("steps:take", args=[proposal.file_id, proposal.pk, name])
    return client_for(user).post(url, {"version": proposal.version, **data}, follow=True)


def post_opinion(user, proposal, verdict, text=""):
    proposal.refresh_from_db()
    url = reverse("steps:opinion", args=[proposal.file_id, proposal.pk])
    data = {"verdict": verdict, "text": text, "version": proposal.version}
    return client_for(user).post(url, data, follow=True)


def transitions(proposal):
    return list(proposal.steps.values_list("transition", flat=True))


def test_the_chained_steps_are_declared_as_the_system_s():
    assert BY_NAME["validate"].then == ("opinion_on_validation",)
    assert BY_NAME["give_opinion"].then == ("ready_after_opinion",)
    for name in ("opinion_on_validation", "ready_after_opinion"):
        step = BY_NAME[name]
        assert step.automatic and not step.on_screen and step.why
    # The legal officer's own step carries the proposal to the committee: no action the legal service lacks.
    assert BY_NAME["ready_after_opinion"].action == BY_NAME["give_opinion"].action
    assert "mandatory_opinion" in BY_NAME["ready_after_opinion"].guards


# --- validate also asks the opinion -----------------------------------------------------------------------


def test_validating_on_the_step_page_also_asks_the_opinion(file, request_, worker, people, chained):
    proposal = at(file, request_, worker, chained, State.SUBMITTED)
    response = post_step(people["head"], proposal, "validate")
    proposal.refresh_from_db()
    assert proposal.state == State.OPINION_REQUESTED
    assert transitions(proposal) == ["validate", "opinion_on_validation"]
    auto = proposal.steps.get(transition="opinion_on_validation")
    assert auto.actor == people["head"]
    assert auto.comment == "selon le catalogue : la validation demande aussi l'avis juridique"
    # The head is told where it went.
    assert "Avis juridique demandé avec la validation" in page_text(response)


def test_validating_through_the_service_also_asks_the_opinion(file, request_, worker, people, chained):
    proposal = at(file, request_, worker, chained, State.SUBMITTED)
    services.take(actor=people["head"], proposal=proposal, transition="validate", expected_version=1)
    proposal.refresh_from_db()
    assert proposal.state == State.OPINION_REQUESTED
    # The audit trail and the timeline record both steps, the system's with why.
    events = AuditEvent.objects.filter(verb="transition", target_id=str(proposal.pk)).order_by("pk")
    details = [e.detail for e in events]
    assert [d["transition"] for d in details] == ["validate", "opinion_on_validation"]
    assert details[1]["automatic"] is True and "selon le catalogue" in details[1]["comment"]
    timeline = list(
        FileEvent.objects.filter(file=file, kind=FileEvent.Kind.PROPOSAL).values_list("summary", flat=True)
    )
    assert any("Avis juridique demandé avec la validation – selon le catalogue" in s for s in timeline)


def test_without_the_choice_validate_stops_at_validated(file, request_, worker, people, aid_type):
    proposal = at(file, request_, worker, aid_type, State.SUBMITTED)
    post_step(people["head"], proposal, "validate")
    proposal.refresh_from_db()
    assert proposal.state == State.VALIDATED
    # The head still asks for the opinion by hand.
    post_step(people["head"], proposal, "request_opinion")
    proposal.refresh_from_db()
    assert proposal.state == State.OPINION_REQUESTED


def test_the_head_s_queue_no_longer_lists_it_and_the_legal_queue_does(
    file, request_, worker, people, chained
):
    proposal = at(file, request_, worker, chained, State.SUBMITTED)
    post_step(people["head"], proposal, "validate")
    head_keys = [item.key for item in page(people["head"], BY_KEY["a-valider"], 1)]
    legal_keys = [item.key for item in page(people["legal"], BY_KEY["avis"], 1)]
    assert f"p{proposal.pk}" not in head_keys
    assert f"p{proposal.pk}" in legal_keys


# --- a favourable opinion makes the proposal ready ---------------------------------------------------------


def test_a_favourable_opinion_on_the_page_makes_it_ready(file, request_, worker, people, chained):
    proposal = at(file, request_, worker, chained, State.OPINION_REQUESTED)
    post_opinion(people["legal"], proposal, "favourable")
    proposal.refresh_from_db()
    assert proposal.state == State.READY
    auto = proposal.steps.get(transition="ready_after_opinion")
    assert auto.actor == people["legal"] and auto.comment == "selon le catalogue : avis favorable"
    timeline = FileEvent.objects.filter(file=file, kind=FileEvent.Kind.PROPOSAL).values_list(
        "summary", flat=True
    )
    assert any(
        "Prête pour le comité après l'avis favorable – selon le catalogue : avis favorable" in s
        for s in timeline
    )
    head_keys = [item.key for item in page(people["head"], BY_KEY["a-valider"], 1)]
    secretary_keys = [item.key for item in page(people["secretary"], BY_KEY["comite"], 1)]
    assert f"p{proposal.pk}" not in head_keys and f"p{proposal.pk}" in secretary_keys


def test_a_favourable_opinion_through_the_service_makes_it_ready(file, request_, worker, people, chained):
    proposal = at(file, request_, worker, chained, State.OPINION_REQUESTED)
    services.give_opinion(
        actor=people["legal"],
        proposal=proposal,
        verdict="favourable",
        text="",
        expected_version=proposal.version,
    )
    proposal.refresh_from_db()
    assert proposal.state == State.READY
    event = AuditEvent.objects.filter(verb="transition", target_id=str(proposal.pk)).order_by("pk").last()
    assert event.detail["transition"] == "ready_after_opinion" and event.detail["automatic"] is True


@pytest.mark.parametrize("verdict", ["with_remarks", "reserved", "unfavourable"])
def test_any_other_opinion_goes_back_to_the_head(file, request_, worker, people, chained, verdict):
    proposal = at(file, request_, worker, chained, State.OPINION_REQUESTED)
    post_opinion(people["legal"], proposal, verdict, text="Vérifier les revenus du partenaire.")
    proposal.refresh_from_db()
    assert proposal.state == State.OPINION_GIVEN
    assert "ready_after_opinion" not in transitions(proposal)
    assert f"p{proposal.pk}" in [item.key for item in page(people["head"], BY_KEY["a-valider"], 1)]


def test_without_the_choice_a_favourable_opinion_waits_for_the_head(file, request_, worker, people, aid_type):
    proposal = at(file, request_, worker, aid_type, State.OPINION_REQUESTED)
    post_opinion(people["legal"], proposal, "favourable")
    proposal.refresh_from_db()
    assert proposal.state == State.OPINION_GIVEN
    post_step(people["head"], proposal, "make_ready")
    proposal.refresh_from_db()
    assert proposal.state == State.READY


def test_a_mandatory_opinion_is_still_asked_for(file, request_, worker, people, chained):
    """With both choices on, a mandatory opinion still stands between validation and the committee: the
    head cannot make it ready without one, and the system takes nothing it may not."""
    chained.opinion_required = True
    chained.save()
    proposal = at(file, request_, worker, chained, State.SUBMITTED)
    post_step(people["head"], proposal, "validate")
    proposal.refresh_from_db()
    assert proposal.state == State.OPINION_REQUESTED
    # Taken directly, the system's step is refused as long as no opinion was given since it was asked.
    proposal.state = State.OPINION_GIVEN
    proposal.save()
    with pytest.raises(Exception, match="obligatoire|favorable"):
        services.take(
            actor=people["legal"],
            proposal=proposal,
            transition="ready_after_opinion",
            expected_version=proposal.version,
        )


def test_the_step_page_never_offers_the_system_s_steps(file, request_, worker, people, chained):
    proposal = at(file, request_, worker, chained, State.OPINION_GIVEN)
    response = post_step(people["legal"], proposal, "ready_after_opinion")
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.state == State.OPINION_GIVEN


# --- who holds it ------------------------------------------------------------------------------------------


def test_the_holder_of_each_state_is_read_from_the_declaration():
    actions = {state: (holder_step(state).action if holder_step(state) else None) for state in State}
    assert actions[State.SUBMITTED] == BY_NAME["validate"].action
    assert actions[State.OPINION_REQUESTED] == BY_NAME["give_opinion"].action
    assert actions[State.OPINION_GIVEN] == BY_NAME["make_ready"].action  # a person's step before the system's
    assert actions[State.READY] == BY_NAME["schedule"].action
    assert actions[State.ON_AGENDA] == BY_NAME["grant"].action
    assert actions[State.RETURNED] == BY_NAME["submit"].action
    assert holder_step(State.DECIDED).name == "complete"
    assert actions[State.COMPLETED] is None
