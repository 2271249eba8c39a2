"""Writing a proposal (proposition de décision) and recording hearings. Each checks, validates, audits.

Every save keeps a ProposalVersion snapshot, so that the social worker sees what the head corrected.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.policy import Action, can
from aid.formatting import euros
from aid.installments import first_payment_day
from audit.services import Verb, changes_between, record
from config.concurrency import save_if_unchanged
from files.models import AidRequest, FileEvent
from files.timeline import record_event
from workflow import computation, procedure
from workflow.declaration import EDITABLE, State
from workflow.models import Hearing, PiisDispensation, Proposal, ProposalVersion

FIELDS = [
    "aid_type",
    "category",
    "granted",
    "amount",
    "computation",
    "computed_amount",
    "amount_override_reason",
    "socio_professional",
    "start_on",
    "end_on",
    "periodicity",
    "first_payment_on",
    "conditions",
    "piis",
    "piis_dispensation",
    "piis_dispensation_reason",
    "motivation_facts",
    "motivation_law",
    "heard_informed_on",
    "hearing_waived_on",
]
CLOSED_STATES = (State.DECIDED, State.COMPLETED)


def snapshot(proposal: Proposal) -> dict[str, Any]:
    """The proposal's fields as JSON values (ids for the catalogue, text for dates and amounts)."""
    values = {}
    for name in FIELDS:
        value = getattr(proposal, f"{name}_id" if name in ("aid_type", "category") else name)
        if isinstance(value, datetime.date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        values[name] = value
    return values


def _clean(data: dict[str, Any], file) -> dict[str, Any]:
    """Check that the fields agree with each other; a draft may stay incomplete (submitting checks that)."""
    values = {name: data.get(name) for name in FIELDS}
    texts = ("computation", "conditions", "motivation_facts", "motivation_law", "piis_dispensation_reason")
    for text in (*texts, "amount_override_reason"):
        values[text] = (values[text] or "").strip()
    values["piis_dispensation"] = values["piis_dispensation"] or ""
    values["granted"] = bool(values["granted"])
    values["piis"] = bool(values["piis"])
    values["socio_professional"] = bool(values["socio_professional"])
    values["periodicity"] = values["periodicity"] or Proposal.Periodicity.NONE
    errors: dict[str, str] = {}
    aid_type, category = values["aid_type"], values["category"]
    if aid_type is None:
        errors["aid_type"] = _("Choisissez l'aide proposée.")
    elif category is not None and category.aid_type_id != aid_type.pk:
        errors["category"] = _("Cette catégorie n'appartient pas à l'aide « %(aid)s ».") % {"aid": aid_type}
    if values["amount"] is not None and values["amount"] < 0:
        errors["amount"] = _("Le montant ne peut pas être négatif.")
    if values["start_on"] and values["end_on"] and values["end_on"] < values["start_on"]:
        errors["end_on"] = _("La fin ne peut pas précéder le début (%(day)s).") % {
            "day": values["start_on"].strftime("%d/%m/%Y")
        }
    dispensation = values["piis_dispensation"]
    if dispensation and dispensation not in PiisDispensation.values:
        errors["piis_dispensation"] = _("Choisissez une raison de dispense dans la liste.")
    elif dispensation and not values["piis_dispensation_reason"]:
        errors["piis_dispensation_reason"] = _("Motivez la dispense de PIIS : la motivation est requise.")
    elif values["piis_dispensation_reason"] and not dispensation:
        errors["piis_dispensation"] = _("Choisissez la raison de la dispense (santé ou équité).")
    waived = values["hearing_waived_on"]
    if waived and waived > timezone.localdate():
        errors["hearing_waived_on"] = _("Cette date ne peut pas être dans le futur.")
    errors |= _computed_amount(values, file.beneficiary)
    informed = values["heard_informed_on"]
    if informed and aid_type is not None and not procedure.may_be_heard(aid_type):
        errors["heard_informed_on"] = _("L'aide « %(aid)s » ne prévoit pas de droit d'être entendu.") % {
            "aid": aid_type
        }
    elif informed and informed > timezone.localdate():
        errors["heard_informed_on"] = _("Cette date ne peut pas être dans le futur.")
    if errors:
        raise ValidationError(errors)
    return values


def _computed_amount(values: dict[str, Any], beneficiary) -> dict[str, str]:
    """Store the computed amount; an empty amount takes it, a different one needs a stated reason."""
    aid_type, result = values["aid_type"], None
    paid = values["granted"] and aid_type is not None and values["periodicity"] in computation.PERIODIC
    if paid and values["start_on"] and not values["first_payment_on"]:
        values["first_payment_on"] = first_payment_day(aid_type, values["start_on"], timezone.localdate())
    if values["granted"] and aid_type is not None:
        result = computation.computed(
            values["aid_type"],
            values["category"],
            values["start_on"],
            values["end_on"],
            beneficiary,
            socio_professional=values["socio_professional"],
        )
    values["computed_amount"] = result[0] if result else None
    if result is None:
        return {}
    if values["amount"] is None:
        values["amount"], values["computation"] = result
    elif not values["computation"]:
        values["computation"] = result[1]
    if values["amount"] == result[0]:
        values["amount_override_reason"] = ""
    elif not values["amount_override_reason"]:
        return {
            "amount_override_reason": _(
                "Le montant proposé (%(amount)s) diffère du montant calculé (%(computed)s) : indiquez le "
                "motif de la dérogation, ou videz le montant pour reprendre le montant calculé."
            )
            % {"amount": euros(values["amount"]), "computed": euros(result[0])}
        }
    return {}


def _save_version(proposal: Proposal, actor) -> ProposalVersion:
    return ProposalVersion.objects.create(
        proposal=proposal, number=proposal.version, content=snapshot(proposal), author=actor
    )


def _labels(changed) -> str:
    return ", ".join(str(Proposal._meta.get_field(name).verbose_name) for name in changed)


@transaction.atomic
def create_proposal(*, actor, request: AidRequest, data: dict[str, Any]) -> Proposal:
    """Write the first version of the proposal answering a request (state: draft)."""
    file = request.file
    if not can(actor, Action.WRITE_PROPOSAL, file):
        raise PermissionDenied
    if request.proposals.exclude(state__in=CLOSED_STATES).exists():
        raise ValidationError(_("Une proposition est déjà en cours pour cette demande : complétez-la."))
    proposal = Proposal(file=file, request=request, author=actor, **_clean(data, file))
    proposal.save()
    _save_version(proposal, actor)
    record(
        actor=actor,
        verb=Verb.CREATE,
        target=proposal,
        file_id=file.pk,
        person_id=file.beneficiary_id,
        changes=changes_between({}, snapshot(proposal)),
    )
    record_event(
        file=file,
        kind=FileEvent.Kind.PROPOSAL,
        summary=_("Proposition rédigée : %(aid)s") % {"aid": proposal.aid_type},
        author=actor,
    )
    return proposal


def may_edit(user, proposal: Proposal) -> bool:
    """The author's team while drafting or returned; the head while the proposal is submitted to them."""
    action = EDITABLE.get(proposal.state)
    return action is not None and can(user, action, proposal.file)


@transaction.atomic
def update_proposal(*, actor, proposal: Proposal, data: dict[str, Any], expected_version: int) -> Proposal:
    """Correct the proposal; a colleague's save in between raises EditConflict and nothing is overwritten."""
    if EDITABLE.get(proposal.state) is None:
        raise ValidationError(
            _("Cette proposition ne peut plus être modifiée à l'étape « %(state)s ».")
            % {"state": proposal.get_state_display()}
        )
    if not may_edit(actor, proposal):
        raise PermissionDenied
    before = snapshot(proposal)
    for name, value in _clean(data, proposal.file).items():
        setattr(proposal, name, value)
    changes = changes_between(before, snapshot(proposal))
    if not changes:
        return proposal
    save_if_unchanged(proposal, expected_version=expected_version, fields=FIELDS)
    _save_version(proposal, actor)
    file = proposal.file
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=proposal,
        file_id=file.pk,
        person_id=file.beneficiary_id,
        changes=changes,
    )
    record_event(
        file=file,
        kind=FileEvent.Kind.PROPOSAL,
        summary=_("Proposition modifiée (version %(number)s) : %(fields)s")
        % {"number": proposal.version, "fields": _labels(changes)},
        author=actor,
    )
    return proposal


def may_record_hearing(user, proposal: Proposal) -> bool:
    """Hearings come before the decision, for the aids that grant the right to be heard."""
    return (
        procedure.may_be_heard(proposal.aid_type)
        and proposal.state not in CLOSED_STATES
        and can(user, Action.WRITE_PROPOSAL, proposal.file)
    )


@transaction.atomic
def record_hearing(
    *, actor, proposal: Proposal, held_on: datetime.date, attendees: str, summary: str
) -> Hearing:
    """Audition: the person was heard before the decision (revenu d'intégration)."""
    file = proposal.file
    if not can(actor, Action.WRITE_PROPOSAL, file):
        raise PermissionDenied
    errors = {}
    if not procedure.may_be_heard(proposal.aid_type):
        errors["held_on"] = _("L'aide « %(aid)s » ne prévoit pas d'audition.") % {"aid": proposal.aid_type}
    elif proposal.state in CLOSED_STATES:
        errors["held_on"] = _("La décision est prise : une audition ne peut plus s'y ajouter.")
    elif held_on > timezone.localdate():
        errors["held_on"] = _("L'audition ne peut pas être dans le futur : enregistrez-la une fois tenue.")
    if not attendees.strip():
        errors["attendees"] = _("Indiquez qui était présent.")
    if not summary.strip():
        errors["summary"] = _("Résumez ce qui a été dit.")
    if errors:
        raise ValidationError(errors)
    hearing = Hearing.objects.create(
        proposal=proposal,
        held_on=held_on,
        attendees=attendees.strip(),
        summary=summary.strip(),
        recorded_by=actor,
    )
    new = {"held_on": held_on, "attendees": hearing.attendees, "summary": hearing.summary}
    record(
        actor=actor,
        verb=Verb.CREATE,
        target=hearing,
        file_id=file.pk,
        person_id=file.beneficiary_id,
        changes=changes_between({}, new),
    )
    record_event(
        file=file,
        kind=FileEvent.Kind.HEARING,
        summary=_("Audition du %(day)s (%(aid)s)")
        % {"day": held_on.strftime("%d/%m/%Y"), "aid": proposal.aid_type},
        author=actor,
    )
    return hearing
