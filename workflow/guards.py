"""Checks a transition declares (Transition.guards): each returns the French reason it fails, or ""."""

from django.utils.translation import gettext as _

from aid.models import AidType
from workflow.models import BackOfficeTask, Opinion, Proposal
from workflow.notification import build


def complete(proposal: Proposal) -> str:
    """Every mention the notification needs (without them the appeal delay would never start)."""
    missing = build(proposal).missing
    if missing:
        return _("Complétez la proposition avant de la soumettre : %(what)s.") % {"what": ", ".join(missing)}
    return ""


def opinion_written(proposal: Proposal) -> str:
    if not _opinion_since_request(proposal):
        return _("Rédigez l'avis avant de le transmettre.")
    return ""


def mandatory_opinion(proposal: Proposal) -> str:
    if proposal.aid_type.opinion_required and not _opinion_since_request(proposal):
        return _(
            "L'avis du service juridique est obligatoire pour « %(aid)s » : demandez-le avant de présenter "
            "la proposition au comité."
        ) % {"aid": proposal.aid_type.label}
    return ""


def _opinion_since_request(proposal: Proposal) -> bool:
    """An opinion given after the latest request for one (a proposal corrected since needs a new opinion)."""
    asked = (
        proposal.steps.filter(transition="request_opinion")
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    opinions = Opinion.objects.filter(proposal=proposal)
    return (opinions.filter(given_at__gte=asked) if asked else opinions).exists()


def amount_given(proposal: Proposal) -> str:
    """An aid that pays is granted with its amount (an emptied amendment field must not erase it)."""
    if proposal.aid_type.payment != AidType.Payment.NONE and proposal.amount is None:
        return _("« %(aid)s » se paie : indiquez le montant octroyé avant de décider l'octroi.") % {
            "aid": proposal.aid_type.label
        }
    return ""


def tasks_done(proposal: Proposal) -> str:
    """Décision exécutée: every back-office task of the latest decision is done."""
    decision = proposal.decisions.order_by("-pk").first()
    if decision is None or decision.tasks.exclude(status=BackOfficeTask.Status.DONE).exists():
        return _("La décision est exécutée quand toutes les tâches du back-office sont faites.")
    return ""


GUARDS = {
    "complete": complete,
    "opinion_written": opinion_written,
    "mandatory_opinion": mandatory_opinion,
    "amount_given": amount_given,
    "tasks_done": tasks_done,
}
