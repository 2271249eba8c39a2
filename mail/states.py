"""The states of an incoming mail and the moves between them, declared once: services, pages and tests read
this declaration, and services.py is the only code that moves a mail."""

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    RECEIVED = "received", _("Reçu")
    ROUTED = "routed", _("Orienté")
    HANDLED = "handled", _("Traité")
    FILED = "filed", _("Classé")


@dataclass(frozen=True)
class Move:
    """One move: from which states it may be taken, the state it leads to, and what it does (as a refusal
    names it: "impossible de …")."""

    sources: frozenset[State]
    target: State
    label: Promise


MOVES = {
    # Routing again (another service) is allowed until the mail is handled; it clears the agent.
    "route": Move(frozenset({State.RECEIVED, State.ROUTED}), State.ROUTED, _("l'orienter vers un service")),
    "assign": Move(frozenset({State.ROUTED}), State.ROUTED, _("l'attribuer à un agent")),
    "handle": Move(frozenset({State.ROUTED}), State.HANDLED, _("le marquer comme traité")),
    "file": Move(frozenset({State.HANDLED}), State.FILED, _("le classer dans un dossier")),
}

# The states in which a mail waits for its agent ("À traiter").
WAITING = (State.ROUTED,)
