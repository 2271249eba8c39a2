"""Each role takes exactly the transitions the declaration gives its action, on a file of its own team.

The expectations are read from the declaration (workflow.declaration.TRANSITIONS) and the access policy
(POLICY): a role holding the transition's action moves the proposal; any other is refused (403, or 404 when it
may not even open the file) and the proposal stays where it was. Meeting steps and the system's step are
never taken on this generic page, by any role: the meeting's page and the back office take them.
"""

import pytest
from django.urls import reverse

from access.policy import POLICY, Action, Scope
from access.roles import Role
from tests.factories import UserFactory
from tests.files.conftest import client_for
from tests.workflow.steps.conftest import make_proposal
from workflow.declaration import TRANSITIONS, State
from workflow.models import Proposal

pytestmark = pytest.mark.django_db


def holds(role: Role, action: Action) -> bool:
    return POLICY[role].get(action, Scope.NONE) >= Scope.TEAM


def post_step(client, proposal, transition):
    if transition.name == "give_opinion":
        url = reverse("steps:opinion", args=[proposal.file_id, proposal.pk])
        return client.post(url, {"verdict": "favourable", "version": proposal.version})
    url = reverse("steps:take", args=[proposal.file_id, proposal.pk, transition.name])
    return client.post(url, {"comment": "Motivé en séance.", "version": proposal.version})


def test_every_state_but_completed_has_a_way_out_and_every_action_a_holder():
    sources = {s for t in TRANSITIONS for s in t.sources}
    assert set(State) - sources == {State.COMPLETED}
    # A decided proposal is left only by the system's step, when the back office is done.
    assert [t.name for t in TRANSITIONS if State.DECIDED in t.sources] == ["complete"]
    for transition in TRANSITIONS:
        assert any(holds(role, transition.action) for role in Role), transition.name


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: t.name)
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_a_role_takes_only_its_own_transitions(team, file, request_, worker, aid_type, transition, role):
    source = sorted(transition.sources)[0]
    proposal = make_proposal(file, request_, worker, aid_type, state=source)
    if transition.name == "give_opinion":
        proposal.steps.create(
            transition="request_opinion", source=State.VALIDATED, target=source, actor=worker
        )
    user = worker if role is Role.SOCIAL_WORKER else UserFactory(role=role, teams=[team])
    response = post_step(client_for(user), proposal, transition)
    proposal.refresh_from_db()
    if not transition.on_screen:
        assert response.status_code in (200, 403, 404)
        if response.status_code == 200:  # the French refusal, on the page that was posted
            assert "Cette étape se fait en séance du comité" in response.content.decode()
        assert proposal.state == source and not proposal.steps.exists()
    elif holds(role, transition.action):
        assert response.status_code == 302, response.content.decode()[:500]
        assert proposal.state == transition.target
    else:
        assert response.status_code in (403, 404)
        assert proposal.state == source
        assert proposal.steps.exclude(transition="request_opinion").count() == 0


def test_a_step_from_the_wrong_state_is_refused_and_says_who_moved_it(file, request_, worker, head, aid_type):
    proposal = make_proposal(file, request_, worker, aid_type, state=State.SUBMITTED)
    first, second = client_for(head), client_for(UserFactory(role=Role.HEAD_SOCIAL_WORKER, teams=[file.team]))
    version = proposal.version
    url = reverse("steps:take", args=[file.pk, proposal.pk, "validate"])
    assert first.post(url, {"version": version}).status_code == 302
    response = second.post(url, {"version": version}, follow=True)
    assert "a déjà fait avancer cette proposition" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).steps.filter(transition="validate").count() == 1


def test_meeting_steps_are_never_offered_on_the_proposal_page(file, request_, worker, aid_type, people):
    """The president and the secretary see the proposal, but schedule and decide only in a meeting."""
    for state in (State.READY, State.ON_AGENDA):
        proposal = make_proposal(file, request_, worker, aid_type, state=state)
        for who in ("secretary", "president"):
            client = client_for(people[who])
            page = client.get(reverse("workflow:detail", args=[file.pk, proposal.pk])).content.decode()
            for transition in TRANSITIONS:
                if transition.meeting_step and state in transition.sources:
                    assert str(transition.label) not in page, (who, transition.name)
                    url = reverse("steps:take", args=[file.pk, proposal.pk, transition.name])
                    assert client.get(url).status_code == 404
