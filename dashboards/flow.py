"""Desks and hand-offs, read from the declared workflow (never a second copy of it)."""

from __future__ import annotations

from functools import cache

from django.db.models import Q

from workflow.declaration import TRANSITIONS, State

# After the decision the proposal sits with the back office until its tasks are done.
BACK_OFFICE = "back_office"
DECIDED_STATES = frozenset({State.DECIDED, State.COMPLETED})
# The steps a proposal waits at before its decision, in the declared order.
OPEN_STATES = tuple(s for s in State if s not in DECIDED_STATES)


def desk(state: str) -> str:
    """Who holds a proposal in `state`: the action (the role's desk) of the first declared, ordinary step
    out of it (neither the president's urgent step, which every state before the committee offers, nor a
    system step).

    Drafting and returned proposals sit with the social worker (write), submitted, validated and opinion-given
    ones with the head (validate), asked opinions with the legal service, ready and scheduled ones with the
    committee's secretariat (schedule), decided and completed ones with the back office.
    """
    if state in DECIDED_STATES:
        return BACK_OFFICE
    for transition in TRANSITIONS:
        if state in transition.sources and not transition.urgent and not transition.automatic:
            return str(transition.action)
    return str(state)


@cache
def handoff_pairs() -> frozenset[tuple[str, str]]:
    """The (source, target) pairs of declared steps that move a proposal to another desk."""
    return frozenset(
        (str(source), str(t.target))
        for t in TRANSITIONS
        for source in t.sources
        if desk(source) != desk(t.target)
    )


def handoff_condition() -> Q:
    """A hand-off (passage de main): a step (StepRecord) whose source and target states sit at different
    desks (see desk()). A proposal's hand-offs are counted up to its decision, that is over its steps that do
    not leave a decided state: the back office's own work (the automatic « exécutée ») is not a hand-off.

    So drafting, then submit (worker → head), validate (head → head, not one), request the opinion (head →
    legal), give it (legal → head), make ready (head → secretariat), schedule (secretariat → secretariat, not
    one), grant (secretariat → back office) is 4 hand-offs; without the opinion, 2. A return to the social
    worker and the new submission add 2."""
    condition = Q(pk__in=[])
    for source, target in sorted(handoff_pairs()):
        condition |= Q(source=source, target=target)
    return condition
