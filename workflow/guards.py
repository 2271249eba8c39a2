"""Checks a transition declares (Transition.guards): each returns the French reason it fails, or ""."""

from django.utils.translation import gettext as _

from aid.models import AidType
from files import checklist
from workflow import procedure
from workflow.declaration import State
from workflow.models import BackOfficeTask, Opinion, Proposal
from workflow.notification import build


def complete(proposal: Proposal) -> str:
    """Every mention the notification needs (without them the appeal delay would never start)."""
    missing = build(proposal).missing
    if missing:
        return _("Complétez la proposition avant de la soumettre : %(what)s.") % {"what": ", ".join(missing)}
    return ""


def documents(proposal: Proposal) -> str:
    """Every piece the aid requires is in the file (files.checklist), or waived with a reason: a decision is
    not proposed, nor granted, on a file that lacks them without saying so."""
    lines = checklist.missing(checklist.request_checklist(proposal.request, aid_type=proposal.aid_type))
    if lines:
        return _(
            "Pièces manquantes pour « %(aid)s » : %(pieces)s. Joignez-les à la demande, ou dispensez-en "
            "chacune en indiquant le motif."
        ) % {"aid": proposal.aid_type.label, "pieces": ", ".join(line.document_type.label for line in lines)}
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


def validation_asks_opinion(proposal: Proposal) -> str:
    """The catalogue says the head's validation also asks for the legal opinion (opinion_on_validation)."""
    if not proposal.aid_type.validate_requests_opinion:
        return _("Pour « %(aid)s », le chef de service demande l'avis juridique lui-même.") % {
            "aid": proposal.aid_type.label
        }
    return ""


def ready_on_favourable_opinion(proposal: Proposal) -> str:
    """The catalogue sends the proposal to the committee after a favourable opinion (ready_after_opinion);
    any other verdict (remarks, reserved, unfavourable) goes back to the head of service."""
    if not proposal.aid_type.ready_after_favourable_opinion:
        return _("Pour « %(aid)s », le chef de service présente la proposition au comité après l'avis.") % {
            "aid": proposal.aid_type.label
        }
    latest = _opinions_since_request(proposal).order_by("-given_at", "-pk").first()
    if latest is None or latest.verdict != Opinion.Verdict.FAVOURABLE:
        return _("Seul un avis favorable rend la proposition prête pour le comité sans le chef de service.")
    return ""


def _opinions_since_request(proposal: Proposal):
    """The opinions given after the latest request for one, by the head or with the validation (a proposal
    corrected since needs a new opinion)."""
    asked = (
        proposal.steps.filter(target=State.OPINION_REQUESTED)
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    opinions = Opinion.objects.filter(proposal=proposal)
    return opinions.filter(given_at__gte=asked) if asked else opinions


def _opinion_since_request(proposal: Proposal) -> bool:
    return _opinions_since_request(proposal).exists()


def amount_given(proposal: Proposal) -> str:
    """An aid that pays is granted with its amount (an emptied amendment field must not erase it)."""
    if proposal.aid_type.payment != AidType.Payment.NONE and proposal.amount is None:
        return _("« %(aid)s » se paie : indiquez le montant octroyé avant de décider l'octroi.") % {
            "aid": proposal.aid_type.label
        }
    return ""


def social_inquiry(proposal: Proposal) -> str:
    """A dated social report on this request (and a home visit where the aid type requires one)."""
    aid_type = proposal.aid_type
    report, visit = procedure.inquiry_reports(proposal)
    day = proposal.request.requested_on.strftime("%d/%m/%Y")
    if aid_type.social_report_required and report is None:
        return _(
            "L'enquête sociale précède la proposition : rédigez le rapport social de cette demande (daté du "
            "%(day)s ou après) avant de soumettre « %(aid)s »."
        ) % {"day": day, "aid": aid_type.label}
    if aid_type.home_visit_required and visit is None:
        return _(
            "« %(aid)s » demande une visite à domicile : enregistrez le rapport de visite (daté du %(day)s "
            "ou après) avant de soumettre la proposition."
        ) % {"day": day, "aid": aid_type.label}
    return ""


def piis(proposal: Proposal) -> str:
    """A PIIS where the law requires one, or a motivated dispensation (health or equity)."""
    if not procedure.piis_missing(proposal):
        return ""
    status = procedure.piis_status(proposal)
    why = (
        _("la personne a moins de %(age)s ans") % {"age": status.age_limit}
        if status.young
        else _("la personne est un nouveau bénéficiaire")
    )
    return _(
        "Un projet individualisé d'intégration sociale (PIIS) est obligatoire : %(why)s. Cochez le PIIS, ou "
        "inscrivez une dispense (raisons de santé ou d'équité) et sa motivation dans la proposition."
    ) % {"why": why}


def hearing_offered(proposal: Proposal, outcome: str = "") -> str:
    """Before an adverse decision the person was told in writing of the right to be heard, or waived it."""
    if not procedure.hearing_required(proposal, outcome):
        return ""
    if proposal.heard_informed_on or proposal.hearing_waived_on:
        return ""
    return _(
        "Une décision défavorable ne peut être prise qu'après avoir informé la personne par écrit de son "
        "droit d'être entendue (elle peut se faire assister ou représenter) : indiquez la date de cette "
        "information ou celle de sa renonciation écrite dans la proposition."
    )


def refusal_heard(proposal: Proposal) -> str:
    return hearing_offered(proposal, outcome="refused")


def tasks_done(proposal: Proposal) -> str:
    """Décision exécutée: every back-office task of the latest decision is done (PIIS follow-up aside)."""
    decision = proposal.decisions.order_by("-pk").first()
    pending = decision.tasks.exclude(status=BackOfficeTask.Status.DONE) if decision else None
    if decision is None or pending.exclude(kind__in=FOLLOW_UP).exists():
        return _("La décision est exécutée quand toutes les tâches du back-office sont faites.")
    return ""


# Work that lasts beyond the decision's execution (months): it keeps its queue and deadline, not the step.
FOLLOW_UP = (BackOfficeTask.Kind.PIIS, BackOfficeTask.Kind.PIIS_EVALUATION)

GUARDS = {
    "complete": complete,
    "documents": documents,
    "opinion_written": opinion_written,
    "mandatory_opinion": mandatory_opinion,
    "validation_asks_opinion": validation_asks_opinion,
    "ready_on_favourable_opinion": ready_on_favourable_opinion,
    "amount_given": amount_given,
    "tasks_done": tasks_done,
    "social_inquiry": social_inquiry,
    "piis": piis,
    "hearing_offered": hearing_offered,
    "refusal_heard": refusal_heard,
}
