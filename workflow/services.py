"""Moving a proposal through the declared workflow, and the back-office work a decision creates.

`take` is the only code that changes a proposal's state: it checks the declaration (source state, action,
comment, guards), moves the state with a conditional UPDATE (two people taking a step at once: exactly one
succeeds), and records the step in the proposal's history, the file's timeline and the audit trail.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from access.policy import Action, can
from access.services import end_ratification_grants, grant_ratification
from audit.services import Verb, record
from files.models import FileEvent
from files.timeline import record_event
from workflow import backoffice
from workflow.declaration import BY_NAME, GRANTING_OUTCOMES, State, Transition
from workflow.guards import GUARDS
from workflow.models import BackOfficeTask, Decision, Opinion, Proposal, StepRecord


class StepConflict(Exception):
    """Someone moved the proposal first: `step` says who, when and where to (None if nothing was recorded)."""

    def __init__(self, proposal: Proposal, step: StepRecord | None):
        super().__init__("step conflict")
        self.proposal, self.step = proposal, step

    @property
    def message(self) -> str:
        if self.step is None:
            return _("La proposition a changé entre-temps : rechargez la page.")
        who = self.step.actor.get_full_name() or self.step.actor.get_username()
        return _("%(who)s a déjà fait avancer cette proposition (%(step)s, le %(when)s).") % {
            "who": who,
            "step": State(self.step.target).label,
            "when": timezone.localtime(self.step.at).strftime("%d/%m/%Y à %H:%M"),
        }


@transaction.atomic
def take(
    *,
    actor,
    proposal: Proposal,
    transition: str,
    expected_version: int,
    comment: str = "",
    meeting=None,
    request=None,
) -> StepRecord:
    """Take the declared `transition` on `proposal`, as it was at `expected_version`.

    A meeting step needs the `meeting` it happens in (committee.rules says when and by whom).
    """
    step = BY_NAME.get(transition)
    if step is None or not can(actor, step.action, proposal.file):
        raise PermissionDenied
    if step.urgent and step.outcome not in GRANTING_OUTCOMES:  # no urgent refusal, whatever declares it
        raise ValidationError(_("Le président décide seul en urgence pour octroyer, jamais pour refuser."))
    if step.meeting_step:
        # Imported here: committee builds on workflow (see committee.rules for why the rule lives there).
        from committee import rules

        rules.check_step(actor=actor, meeting=meeting, proposal=proposal, step=step)
    comment = comment.strip()
    if proposal.state not in step.sources or proposal.version != expected_version:
        raise StepConflict(proposal, proposal.steps.select_related("actor").last())
    if step.comment_required and not comment:
        raise ValidationError(
            {"comment": _("Expliquez votre choix en quelques mots : le commentaire est requis.")}
        )
    for name in step.guards:
        reason = GUARDS[name](proposal)
        if reason:
            raise ValidationError(reason)
    source = proposal.state
    moved = Proposal.objects.filter(pk=proposal.pk, state=source, version=expected_version).update(
        state=step.target, version=F("version") + 1, state_since=timezone.now()
    )
    if not moved:
        proposal.refresh_from_db()
        raise StepConflict(proposal, proposal.steps.select_related("actor").last())
    proposal.refresh_from_db()
    done = StepRecord.objects.create(
        proposal=proposal,
        transition=step.name,
        source=source,
        target=step.target,
        actor=actor,
        comment=comment,
    )
    record(
        actor=actor,
        verb=Verb.TRANSITION,
        target=proposal,
        file_id=proposal.file_id,
        person_id=proposal.file.beneficiary_id,
        detail={
            "transition": step.name,
            "from": source,
            "to": step.target,
            "comment": comment,
            **({"automatic": True} if step.automatic else {}),
        },
        request=request,
    )
    summary = f"{proposal.aid_type.label} : {step.label}" + (f" – {comment}" if comment else "")
    record_event(file=proposal.file, kind=FileEvent.Kind.PROPOSAL, summary=summary, author=actor)
    if step.outcome:
        _decide(actor, proposal, step, comment, request)
    for name in step.then:
        _follow(actor, proposal, BY_NAME[name], request)
    return done


def _follow(actor, proposal: Proposal, step: Transition, request) -> None:
    """A system step chained to the one just taken (declaration `then`), in the same transaction: taken
    when the catalogue asks for it (its guards pass), recorded with why; otherwise the proposal waits."""
    if proposal.state not in step.sources or not can(actor, step.action, proposal.file):
        return
    if any(GUARDS[name](proposal) for name in step.guards):
        return
    take(
        actor=actor,
        proposal=proposal,
        transition=step.name,
        expected_version=proposal.version,
        comment=str(step.why),
        request=request,
    )


def _decide(actor, proposal: Proposal, step: Transition, comment: str, request) -> Decision:
    decision = Decision.objects.create(
        proposal=proposal, outcome=step.outcome, urgent=step.urgent, comment=comment, recorded_by=actor
    )
    record(
        actor=actor,
        verb=Verb.CREATE,
        target=decision,
        file_id=proposal.file_id,
        request=request,
        detail={"outcome": decision.outcome, "urgent": decision.urgent},
    )
    summary = f"{proposal.aid_type.label} : {decision.get_outcome_display()}"
    if decision.urgent:
        summary += " " + _("(président, en urgence : à ratifier par le comité)")
        grant_ratification(
            decision_id=decision.pk, body=proposal.aid_type.ratifying_body, file_id=proposal.file_id
        )
    record_event(file=proposal.file, kind=FileEvent.Kind.DECISION, summary=summary, author=actor)
    if step.target == State.DECIDED:
        backoffice.create_tasks(decision)
    return decision


@transaction.atomic
def give_opinion(*, actor, proposal: Proposal, verdict: str, text: str, expected_version: int, request=None):
    """The legal service's opinion, and the step that hands it back (one action for the legal officer)."""
    if not can(actor, Action.GIVE_OPINION, proposal.file):
        raise PermissionDenied
    if verdict not in Opinion.Verdict.values:
        raise ValidationError({"verdict": _("Choisissez un avis dans la liste.")})
    if verdict != Opinion.Verdict.FAVOURABLE and not text.strip():
        raise ValidationError(
            {"text": _("Motivez l'avis : le texte est requis sauf pour un avis favorable.")}
        )
    opinion = Opinion.objects.create(proposal=proposal, verdict=verdict, text=text.strip(), author=actor)
    take(
        actor=actor,
        proposal=proposal,
        transition="give_opinion",
        expected_version=expected_version,
        comment=opinion.get_verdict_display(),
        request=request,
    )
    return opinion


@transaction.atomic
def ratify(*, actor, decision: Decision, meeting=None, request=None) -> Decision:
    """The committee ratifies the president's urgent decision in session (the next meeting after it)."""
    if not decision.urgent or not can(actor, Action.DECIDE, decision.proposal.file):
        raise PermissionDenied
    from committee import rules  # at call time, as in take()

    rules.check_ratification(actor=actor, meeting=meeting, decision=decision)
    if not Decision.objects.filter(pk=decision.pk, ratified_on__isnull=True).update(
        ratified_on=timezone.localdate()
    ):
        raise ValidationError(_("Cette décision est déjà ratifiée."))
    decision.refresh_from_db()
    end_ratification_grants(decision_id=decision.pk)
    file = decision.proposal.file
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=decision,
        file_id=file.pk,
        request=request,
        changes={"ratified_on": (None, decision.ratified_on.isoformat())},
    )
    record_event(
        file=file,
        kind=FileEvent.Kind.DECISION,
        summary=_("Décision urgente ratifiée par le comité : %(aid)s")
        % {"aid": decision.proposal.aid_type.label},
        author=actor,
    )
    return decision


def may_work_on(user, task: BackOfficeTask) -> bool:
    return can(user, backoffice.TASK_ACTIONS[task.kind], task.decision.proposal.file)


@transaction.atomic
def set_task_status(
    *, actor, task: BackOfficeTask, status: str, expected_version: int, reference: str = "", request=None
):
    """Take a task (in progress, assigned to oneself) or finish it; the decision is complete when all are.

    Finishing a payment, SPP or recovery task needs its `reference` (backoffice.REFERENCES), kept on the task.
    """
    if not may_work_on(actor, task):
        raise PermissionDenied
    if task.kind == BackOfficeTask.Kind.NOTIFY and status == BackOfficeTask.Status.DONE:
        # Its end is the notification's dispatch: the date that starts the appeal delay is never skipped.
        raise ValidationError(
            _(
                "La notification est faite quand son envoi est enregistré : écrivez la lettre, puis "
                "enregistrez son envoi (recommandé, remise en main propre ou e-mail)."
            )
        )
    reference = " ".join((reference or "").split())
    if status == BackOfficeTask.Status.DONE and task.kind in backoffice.REFERENCES:
        label, missing = backoffice.REFERENCES[task.kind]
        if not reference:
            raise ValidationError({"reference": missing})
        if len(reference) > backoffice.REFERENCE_MAX:
            raise ValidationError(
                {
                    "reference": _("%(label)s : %(max)s caractères au plus (vous en avez tapé %(n)s).")
                    % {"label": label, "max": backoffice.REFERENCE_MAX, "n": len(reference)}
                }
            )
    else:
        reference = ""  # only "Fait" on a task that asks for one records a reference
    return _set_task_status(actor, task, status, expected_version, request, reference=reference)


@transaction.atomic
def notification_sent(*, actor, decision: Decision, request=None) -> BackOfficeTask | None:
    """The decision's notification has left (letters.services.dispatch): its notify task is done.

    Whoever may dispatch letters records this, the mail cell included, which holds no right to write them.
    """
    if not can(actor, Action.DISPATCH_LETTER, decision.proposal.file):
        raise PermissionDenied
    # Only a notification the law accepts (registered, or handed over against a signed receipt) has a date;
    # an e-mailed copy has none and leaves the task open.
    if not decision.letters.filter(kind="notification", notified_on__isnull=False).exists():
        raise ValidationError(_("Aucune notification de cette décision n'a de date de notification."))
    task = decision.tasks.filter(kind=BackOfficeTask.Kind.NOTIFY).first()
    if task is None or task.status == BackOfficeTask.Status.DONE:
        return task
    return _set_task_status(actor, task, BackOfficeTask.Status.DONE, task.version, request)


def _set_task_status(
    actor, task: BackOfficeTask, status: str, expected_version: int, request, *, reference: str = ""
):
    if status not in BackOfficeTask.Status.values:
        raise ValidationError(_("État inconnu."))
    before, before_reference = task.status, task.reference
    values = {"status": status, "version": F("version") + 1}
    if status == BackOfficeTask.Status.DONE:
        values.update(done_at=timezone.now(), done_by=actor)
        if reference:
            values.update(reference=reference)
    elif status == BackOfficeTask.Status.IN_PROGRESS:
        values.update(assignee=actor)
    if not BackOfficeTask.objects.filter(pk=task.pk, version=expected_version).update(**values):
        task.refresh_from_db()
        raise StepConflict(task.decision.proposal, None)
    task.refresh_from_db()
    proposal = task.decision.proposal
    changes = {"status": (before, status)}
    if reference:
        changes["reference"] = (before_reference, reference)
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=task,
        file_id=proposal.file_id,
        request=request,
        changes=changes,
    )
    if status == BackOfficeTask.Status.DONE:
        summary = f"{task.get_kind_display()} : {task.get_status_display().lower()}"
        if reference:
            summary += f" ({backoffice.REFERENCES[task.kind][0]} : {reference})"
        record_event(file=proposal.file, kind=FileEvent.Kind.BACK_OFFICE, author=actor, summary=summary)
        _complete_if_done(actor, task.decision, request)
    return task


def _complete_if_done(actor, decision: Decision, request) -> None:
    """Décision exécutée: when the decision's last task ends, its finisher takes the declared system step."""
    proposal = Proposal.objects.get(pk=decision.proposal_id)
    if proposal.state not in BY_NAME["complete"].sources or GUARDS["tasks_done"](proposal):
        return
    take(
        actor=actor,
        proposal=proposal,
        transition="complete",
        expected_version=proposal.version,
        comment=_("toutes les tâches du back-office sont faites"),
        request=request,
    )
