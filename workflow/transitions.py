"""Which declared transitions a user may take on a proposal now (reads only; services.take moves it)."""

from access.policy import can
from workflow.declaration import Transition, transitions_from


def available(user, proposal) -> list[Transition]:
    """The transitions from the proposal's state whose action the user holds on its file."""
    return [t for t in transitions_from(proposal.state) if can(user, t.action, proposal.file)]
