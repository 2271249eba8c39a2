"""The decision workflow, declared once as data: states, transitions, who may take each, what each triggers.

Every screen, queue and test reads this declaration; services.take() is the only code that moves a proposal.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from access.policy import Action


class State(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Soumise au chef de service")
    RETURNED = "returned", _("Renvoyée avec remarques")
    VALIDATED = "validated", _("Validée par le chef de service")
    OPINION_REQUESTED = "opinion_requested", _("Avis juridique demandé")
    OPINION_GIVEN = "opinion_given", _("Avis juridique donné")
    READY = "ready", _("Prête pour le comité")
    ON_AGENDA = "on_agenda", _("À l'ordre du jour")
    DECIDED = "decided", _("Décidée – back-office en cours")
    COMPLETED = "completed", _("Décision exécutée")


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    action: Action
    comment_required: bool = False
    # Checks that must pass (workflow.guards), and what the transition records (a decision's outcome).
    guards: tuple[str, ...] = ()
    outcome: str = ""
    urgent: bool = False
    # Taken only through a meeting (committee.rules): AGENDA while its agenda is built, SESSION in session.
    meeting_step: str = ""
    # Taken by the system when its moment comes (the last back-office task done), never offered as a button.
    automatic: bool = False
    # System steps tried right after this one, in the same transaction, by services.take() for the same
    # actor: each is taken when its guards pass (the catalogue asks for it), its `why` as the comment.
    then: tuple[str, ...] = ()
    why: str = ""

    @property
    def on_screen(self) -> bool:
        """May the generic step page offer and take it? Meeting and system steps have their own path."""
        return not self.meeting_step and not self.automatic


S = State
AGENDA, SESSION = "agenda", "session"
BEFORE_COMMITTEE = frozenset({S.SUBMITTED, S.VALIDATED, S.OPINION_REQUESTED, S.OPINION_GIVEN, S.READY})

# "documents" (every required piece present or waived, files.checklist) is checked on submitting and again on
# granting, by whichever path; never on refusing, which missing pieces may be the reason for.
TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        "submit",
        _("Soumettre au chef de service"),
        frozenset({S.DRAFT, S.RETURNED}),
        S.SUBMITTED,
        Action.WRITE_PROPOSAL,
        guards=("complete", "documents", "social_inquiry", "piis", "hearing_offered"),
    ),
    Transition(
        "return",
        _("Renvoyer avec remarques"),
        frozenset({S.SUBMITTED}),
        S.RETURNED,
        Action.VALIDATE_PROPOSAL,
        comment_required=True,
    ),
    Transition(
        "validate",
        _("Valider"),
        frozenset({S.SUBMITTED}),
        S.VALIDATED,
        Action.VALIDATE_PROPOSAL,
        then=("opinion_on_validation",),
    ),
    # The head's validation also asks for the opinion, where the catalogue says so (one hand-off less).
    Transition(
        "opinion_on_validation",
        _("Avis juridique demandé avec la validation"),
        frozenset({S.VALIDATED}),
        S.OPINION_REQUESTED,
        Action.VALIDATE_PROPOSAL,
        guards=("validation_asks_opinion",),
        automatic=True,
        why=_("selon le catalogue : la validation demande aussi l'avis juridique"),
    ),
    Transition(
        "request_opinion",
        _("Demander l'avis du service juridique"),
        frozenset({S.VALIDATED}),
        S.OPINION_REQUESTED,
        Action.VALIDATE_PROPOSAL,
    ),
    Transition(
        "give_opinion",
        _("Donner l'avis"),
        frozenset({S.OPINION_REQUESTED}),
        S.OPINION_GIVEN,
        Action.GIVE_OPINION,
        guards=("opinion_written",),
        then=("ready_after_opinion",),
    ),
    # After a favourable opinion the proposal goes to the committee's secretary without the head's third
    # pass, where the catalogue says so; a reserved or unfavourable opinion goes back to the head.
    Transition(
        "ready_after_opinion",
        _("Prête pour le comité après l'avis favorable"),
        frozenset({S.OPINION_GIVEN}),
        S.READY,
        Action.GIVE_OPINION,
        guards=("ready_on_favourable_opinion", "mandatory_opinion"),
        automatic=True,
        why=_("selon le catalogue : avis favorable"),
    ),
    Transition(
        "make_ready",
        _("Prête pour le comité"),
        frozenset({S.VALIDATED, S.OPINION_GIVEN}),
        S.READY,
        Action.VALIDATE_PROPOSAL,
        guards=("mandatory_opinion",),
    ),
    Transition(
        "schedule",
        _("Inscrire à l'ordre du jour"),
        frozenset({S.READY}),
        S.ON_AGENDA,
        Action.SCHEDULE_PROPOSAL,
        meeting_step=AGENDA,
    ),
    Transition(
        "unschedule",
        _("Retirer de l'ordre du jour"),
        frozenset({S.ON_AGENDA}),
        S.READY,
        Action.SCHEDULE_PROPOSAL,
        meeting_step=AGENDA,
    ),
    Transition(
        "grant",
        _("Octroyer"),
        frozenset({S.ON_AGENDA}),
        S.DECIDED,
        Action.DECIDE,
        guards=("amount_given", "documents", "piis"),
        outcome="granted",
        meeting_step=SESSION,
    ),
    Transition(
        "grant_amended",
        _("Octroyer avec modifications"),
        frozenset({S.ON_AGENDA}),
        S.DECIDED,
        Action.DECIDE,
        comment_required=True,
        guards=("amount_given", "documents", "piis"),
        outcome="amended",
        meeting_step=SESSION,
    ),
    Transition(
        "refuse",
        _("Refuser"),
        frozenset({S.ON_AGENDA}),
        S.DECIDED,
        Action.DECIDE,
        guards=("refusal_heard",),
        outcome="refused",
        meeting_step=SESSION,
    ),
    Transition(
        "postpone",
        _("Reporter"),
        frozenset({S.ON_AGENDA}),
        S.READY,
        Action.DECIDE,
        comment_required=True,
        outcome="postponed",
        meeting_step=SESSION,
    ),
    Transition(
        "return_for_inquiry",
        _("Renvoyer pour complément d'enquête"),
        frozenset({S.ON_AGENDA}),
        S.RETURNED,
        Action.DECIDE,
        comment_required=True,
        outcome="inquiry",
        meeting_step=SESSION,
    ),
    Transition(
        "urgent_grant",
        _("Octroyer en urgence (président)"),
        BEFORE_COMMITTEE,
        S.DECIDED,
        Action.DECIDE_URGENT,
        comment_required=True,
        guards=("amount_given", "documents", "piis"),
        outcome="granted",
        urgent=True,
    ),
    # Décision exécutée: the system's step, taken for whoever ends the decision's last back-office task
    # (workflow.backoffice); any role that sees the file may be that person, and the guard keeps the moment.
    Transition(
        "complete",
        _("Décision exécutée"),
        frozenset({S.DECIDED}),
        S.COMPLETED,
        Action.VIEW_FILE,
        guards=("tasks_done",),
        automatic=True,
    ),
)
BY_NAME = {t.name: t for t in TRANSITIONS}
assert all(BY_NAME[n].automatic for t in TRANSITIONS for n in t.then), "a chained step is the system's"
# The president decides alone in urgency to grant aid only: there is no urgent refusal (domain.md).
GRANTING_OUTCOMES = frozenset({"granted", "amended"})
assert all(t.outcome in GRANTING_OUTCOMES for t in TRANSITIONS if t.urgent), "an urgent step may only grant"
# Where a proposal may still be corrected, and by whom (the author in draft, the head while reviewing, the
# committee amending it in session).
EDITABLE = {
    S.DRAFT: Action.WRITE_PROPOSAL,
    S.RETURNED: Action.WRITE_PROPOSAL,
    S.SUBMITTED: Action.VALIDATE_PROPOSAL,
    S.ON_AGENDA: Action.DECIDE,
}


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if state in t.sources]


def in_session_from(state: str) -> list[Transition]:
    """The decisions a meeting in session takes on an item in `state` (its buttons, in declared order)."""
    return [t for t in transitions_from(state) if t.meeting_step == SESSION]


def sources_of(action) -> set[str]:
    """The states from which a holder of `action` has a step to take on screen (what their queue lists)."""
    return {s for t in TRANSITIONS if t.action == action and not t.automatic for s in t.sources}


# Progress along the circuit: a returned proposal is back at its draft's rank.
_RANK = {state: rank for rank, state in enumerate(s for s in State if s != S.RETURNED)} | {S.RETURNED: 0}


def holder_step(state: str) -> Transition | None:
    """The step whose taker holds a proposal in `state`: the first declared that takes it forward (not a
    return, not a withdrawal from the agenda, not the president's urgency), a person's step before the
    system's. Its action names the desk (workflow.holders); None once the decision is executed."""
    forward = [t for t in transitions_from(state) if not t.urgent and _RANK[t.target] > _RANK[State(state)]]
    forward.sort(key=lambda t: t.automatic)
    return forward[0] if forward else None
