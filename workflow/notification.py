"""The notification of a decision, generated from the proposal's fields plus every mention the law requires.

One function renders it everywhere (the proposal page and its live preview now, the letters later). Without
these mentions the appeal deadline does not start (charte de l'assuré social, art. 14), so the ones that are
still missing are listed for the social worker instead of being silently left out.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from aid.models import AidType
from people.models import Address
from workflow import catalogue, notification_amount
from workflow.legal_texts import ARTICLE_728, ARTICLE_1017
from workflow.models import Decision, Proposal

APPEAL_MONTHS = 3
# A blank the catalogue's paragraphs leave to fill in (aid migration 0003): "[date de la demande]", "[objet]".
PLACEHOLDER = re.compile(r"\[[^\W\d_][^\[\]\n]{0,80}\]")
# The address that decides the competent court: where the person lives, else the CPAS reference address.
ADDRESS_ORDER = [Address.Kind.RESIDENCE, Address.Kind.REFERENCE, Address.Kind.CONTACT]


@dataclass
class Court:
    """The labour court division competent for the person's current address, as the letter prints it."""

    name: str
    division: str
    street: str
    postal_code: str
    city: str


@dataclass
class Notification:
    proposal: Proposal
    cpas_name: str
    deciding_body: str
    # Who decided and when: the body and its meeting's date, or the president in urgency and that day. Both
    # unknown (a placeholder) only in the preview, before any decision.
    decided_on: datetime.date | None
    urgent: bool
    aid_label: str
    category_label: str
    amount: str
    periodicity: str
    address: Address | None
    court: Court | None
    worker_name: str
    appeal_months: int = APPEAL_MONTHS
    urgent_basis: str = ""
    article_728: str = str(ARTICLE_728)
    article_1017: str = str(ARTICLE_1017)
    missing: list[str] = field(default_factory=list)
    # The amount block (workflow.notification_amount, owned apart): period, payments and the account paid.
    periodic: bool = False
    period: str = ""
    first_payment_on: datetime.date | None = None
    account_paid: str = ""
    account_holder: str = ""


def current_address(person) -> Address | None:
    current = [a for a in person.addresses.all() if a.is_current]
    return min(current, key=lambda a: ADDRESS_ORDER.index(a.kind), default=None)


def competent_court(address: Address | None, day: datetime.date) -> Court | None:
    if address is None:
        return None
    division = catalogue.court_for(address.postal_code, day)
    if division is None:
        return None
    return Court(
        name=division.court,
        division=division.division,
        street=division.street,
        postal_code=division.postal_code,
        city=division.city,
    )


def who_decided(
    aid_type: AidType | None, decision: Decision | None, proposal: Proposal | None = None
) -> tuple[str, datetime.date | None, bool]:
    """(deciding body, day, urgent): the meeting that took the decision, or the president deciding alone.

    Without a decision (the preview), the meeting whose agenda holds the proposal, else the body the aid type
    names and no day yet.
    """
    if decision is not None and decision.urgent:
        return "", decision.decided_on, True
    if decision is None and aid_type is not None and aid_type.deciding_body == AidType.Body.PRESIDENT:
        return "", None, True
    meeting = None
    if decision is not None:
        try:
            meeting = decision.agenda_item.meeting
        except ObjectDoesNotExist:  # recorded outside a meeting of the committee app: its own day
            meeting = None
    elif proposal is not None and proposal.pk:
        item = proposal.agenda_items.exclude(meeting__status="closed").select_related("meeting__body").last()
        meeting = item.meeting if item else None
    if meeting is not None:
        return meeting.body.get_kind_display(), timezone.localdate(meeting.starts_at), False
    body = ""
    if aid_type is not None:
        body = aid_type.get_deciding_body_display()
        if aid_type.deciding_body == AidType.Body.PRESIDENT:  # decided by the committee all the same
            body = AidType.Body.COMMITTEE.label
    return str(body), decision.decided_on if decision else None, False


def build(
    proposal: Proposal, *, decision: Decision | None = None, today: datetime.date | None = None
) -> Notification:
    """Everything the letter says, from the proposal (saved or still typed), its decision and its file."""
    today = today or timezone.localdate()
    file = proposal.file
    aid_type = proposal.aid_type if proposal.aid_type_id else None
    address = current_address(file.beneficiary)
    worker = file.primary_worker
    body, decided_on, urgent = who_decided(aid_type, decision, proposal)
    notification = Notification(
        proposal=proposal,
        cpas_name=settings.CPAS_NAME,
        deciding_body=body,
        decided_on=decided_on,
        urgent=urgent,
        urgent_basis=settings.URGENT_DECISION_LEGAL_BASIS,
        aid_label=aid_type.label if aid_type else "",
        category_label=proposal.category.label if proposal.category_id else "",
        amount=catalogue.euros(proposal.amount) if proposal.amount is not None else "",
        periodicity=proposal.get_periodicity_display(),
        address=address,
        court=competent_court(address, today),
        worker_name=(worker.get_full_name() or worker.get_username()) if worker else "",
    )
    for name, value in notification_amount.amount_fields(proposal, today).items():  # the amount block
        setattr(notification, name, value)
    notification.missing = missing_mentions(notification)
    return notification


def missing_mentions(n: Notification) -> list[str]:
    """The legal mentions the letter cannot state yet, in the words of the social worker."""
    p = n.proposal
    aid_type = p.aid_type if p.aid_type_id else None
    missing = []
    if aid_type is None:
        missing.append(_("l'aide concernée"))
    elif aid_type.categories.exists() and not p.category_id:
        missing.append(_("la catégorie (revenu d'intégration)"))
    for text, label in (
        (p.motivation_facts, _("la motivation en fait")),
        (p.motivation_law, _("la motivation en droit")),
    ):
        blanks = PLACEHOLDER.findall(text)
        if not text.strip():
            missing.append(label)
        elif blanks:
            missing.append(
                _("%(what)s, qui contient encore %(blanks)s à remplacer")
                % {"what": label, "blanks": ", ".join(f"« {b} »" for b in dict.fromkeys(blanks))}
            )
    if p.granted:
        if p.periodicity != Proposal.Periodicity.NONE and p.amount is None:
            missing.append(_("le montant"))
        if p.amount is not None and not p.computation.strip():
            missing.append(_("le calcul du montant"))
        if p.start_on is None:
            missing.append(_("la date de début"))
        missing += notification_amount.missing_amount_mentions(p, n.account_paid)
    if aid_type is not None and aid_type.right_to_be_heard and p.heard_informed_on is None:
        missing.append(_("la date où la personne a été informée de son droit d'être entendue"))
    if n.address is None:
        missing.append(_("l'adresse actuelle de la personne"))
    elif n.court is None:
        missing.append(
            _("le tribunal du travail compétent pour le code postal %(code)s")
            % {"code": n.address.postal_code}
        )
    if not n.worker_name:
        missing.append(_("l'assistant(e) social(e) référent(e) du dossier"))
    return missing


def render(notification: Notification) -> SafeString:
    """The letter's text as HTML (everything typed is escaped), ready for a page or a PDF."""
    return render_to_string("workflow/notification.html", {"n": notification, "p": notification.proposal})


def render_notification(
    proposal: Proposal, *, decision: Decision | None = None, today: datetime.date | None = None
) -> SafeString:
    """The notification of a proposal and its decision: the one function every screen and letter uses."""
    return render(build(proposal, decision=decision, today=today))
