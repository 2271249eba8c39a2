"""Which declared transitions a user may take on a proposal now (reads only; services.take moves it)."""

from access.policy import can
from workflow.declaration import Transition, transitions_from


def available(user, proposal) -> list[Transition]:
    """The transitions from the proposal's state that a screen offers (meeting and system steps have their own
    path) and whose action the user holds on its file."""
    return [t for t in transitions_from(proposal.state) if t.on_screen and can(user, t.action, proposal.file)]
