"""Checks a transition declares (Transition.guards): each returns the French reason it fails, or ""."""

from django.utils.translation import gettext as _

from workflow.models import Opinion, Proposal


def complete(proposal: Proposal) -> str:
    missing = []
    if not proposal.motivation_facts.strip():
        missing.append(_("la motivation en fait"))
    if not proposal.motivation_law.strip():
        missing.append(_("la motivation en droit"))
    if proposal.granted and proposal.periodicity != Proposal.Periodicity.NONE:
        if proposal.amount is None:
            missing.append(_("le montant"))
        if proposal.start_on is None:
            missing.append(_("la date de début"))
    if missing:
        return _("Complétez la proposition avant de la soumettre : %(what)s.") % {"what": ", ".join(missing)}
    return ""


def heard(proposal: Proposal) -> str:
    if proposal.aid_type.right_to_be_heard and proposal.heard_informed_on is None:
        return _(
            "Pour cette aide, la personne doit être informée par écrit de son droit d'être entendue : "
            "indiquez la date à laquelle elle l'a été."
        )
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


GUARDS = {
    "complete": complete,
    "heard": heard,
    "opinion_written": opinion_written,
    "mandatory_opinion": mandatory_opinion,
}
