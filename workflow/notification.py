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
from letters import letterhead
from people.models import Address
from workflow import catalogue, motivation, notification_amount
from workflow.models import Decision, Proposal

APPEAL_MONTHS = 3
# A blank the catalogue's paragraphs leave to fill in (aid migration 0003): "[date de la demande]", "[objet]".
PLACEHOLDER = re.compile(r"\[[^\W\d_][^\[\]\n]{0,80}\]")
# Where the letter is posted: where the person lives, else the CPAS reference address, else a contact address.
ADDRESS_ORDER = [Address.Kind.RESIDENCE, Address.Kind.REFERENCE, Address.Kind.CONTACT]
# The competent labour court is that of the domicile: the residence, else the reference address; a contact
# address (a relative's, a post box) never decides it.
DOMICILE_ORDER = [Address.Kind.RESIDENCE, Address.Kind.REFERENCE]


@dataclass
class Court:
    """The labour court division competent for the person's domicile, as the letter prints it."""

    name: str
    division: str
    street: str
    postal_code: str
    city: str
    hearing_place: str = ""  # where RI and social-aid cases are heard, when not at the seat


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
    # The letter as its reader sees it (letters.letterhead): sender, date, form of address, contact, the
    # reasons each under one heading, and the legal texts in force on the letter's date.
    letter_date: datetime.date | None = None
    sender: letterhead.Sender | None = None
    reader: letterhead.Address | None = None
    facts: str = ""
    law: str = ""
    recovery: bool = False
    heard_on: datetime.date | None = None
    legal_texts: list = field(default_factory=list)
    limitation: str = ""
    missing: list[str] = field(default_factory=list)
    court_problem: str = ""  # why no court can be named, for the legal service (blocks the letter)
    # The amount block (workflow.notification_amount, owned apart): period, payments and the account paid.
    periodic: bool = False
    period: str = ""
    first_payment_on: datetime.date | None = None
    account_paid: str = ""
    account_holder: str = ""

    @property
    def address_lines(self) -> list[str]:
        return str(self.address).split(", ") if self.address else []


def current_address(person) -> Address | None:
    """Where the letter is posted."""
    return _first_current(person, ADDRESS_ORDER)


def domicile(person) -> Address | None:
    """The address that decides the competent labour court (never a contact address)."""
    return _first_current(person, DOMICILE_ORDER)


def _first_current(person, order) -> Address | None:
    current = [a for a in person.addresses.all() if a.is_current and a.kind in order]
    return min(current, key=lambda a: order.index(a.kind), default=None)


def competent_court(address: Address | None, day: datetime.date) -> tuple[Court | None, str]:
    """The court of the domicile on `day`, or None and why, in French for the legal service."""
    if address is None:
        return None, _(
            "La personne n'a ni résidence ni adresse de référence actuelle : c'est son domicile qui "
            "désigne le tribunal du travail compétent (une adresse de contact ne suffit pas). Complétez "
            "son adresse dans la signalétique du dossier."
        )
    answer = catalogue.court_answer(address.postal_code, address.city, day)
    division = answer.division
    if division is None:
        return None, answer.problem
    court = Court(
        name=division.court,
        division=division.division,
        street=division.street,
        postal_code=division.postal_code,
        city=division.city,
        hearing_place=division.hearing_place,
    )
    return court, ""


def notification_problem(decision: Decision, day: datetime.date | None = None) -> str:
    """Why the notification of a decision cannot be produced ("" when it can): a letter without a mention the
    law requires would not start the appeal delay, so the legal service is told what to complete instead."""
    n = build(decision.proposal, decision=decision, today=day)
    if n.court_problem:
        return n.court_problem
    if n.missing:
        return _(
            "La notification ne peut pas être produite, il y manque : %(what)s. Complétez le dossier ou la "
            "décision avant de la générer."
        ) % {"what": ", ".join(n.missing)}
    return ""


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
    court, court_problem = competent_court(domicile(file.beneficiary), today)
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
        court=court,
        court_problem=court_problem,
        worker_name=(worker.get_full_name() or worker.get_username()) if worker else "",
    )
    _letter_parts(notification, aid_type, today)
    for name, value in notification_amount.amount_fields(proposal, today).items():  # the amount block
        setattr(notification, name, value)
    notification.missing = missing_mentions(notification)
    return notification


# The articles every notification reproduces (charte de l'assuré social, art. 14), as LegalText keys.
PRINTED_ARTICLES = ["cj-728", "cj-1017"]
RECOVERY_PREFIX = "recup"  # the catalogue's recovery decisions: recup_ri, recup_aide (aid migration 0004)


def _letter_parts(n: Notification, aid_type: AidType | None, today: datetime.date) -> None:
    p = n.proposal
    n.letter_date = today
    n.sender = letterhead.sender()
    n.reader = letterhead.form_of_address(p.file.beneficiary.sex)
    n.facts, n.law = motivation.split(p.motivation_facts, p.motivation_law)
    if motivation.has_request_date_blank(n.facts) or motivation.has_request_date_blank(n.law):
        # A motivation saved before the prefill filled it: the request is read only then (no query otherwise).
        requested_on = p.request.requested_on if p.request_id else None
        n.facts, n.law = (motivation.fill_blanks(text, requested_on) for text in (n.facts, n.law))
    n.recovery = aid_type is not None and aid_type.code.startswith(RECOVERY_PREFIX)
    hearing = p.hearings.last() if p.pk else None
    n.heard_on = hearing.held_on if hearing else None
    n.legal_texts = [t for t in (letterhead.legal_text(key, today) for key in PRINTED_ARTICLES) if t]
    if n.recovery:
        limitation = letterhead.legal_text(f"prescription-{aid_type.code}", today)
        n.limitation = limitation.text if limitation else ""


def missing_mentions(n: Notification) -> list[str]:
    """The legal mentions the letter cannot state yet, in the words of the social worker."""
    p = n.proposal
    aid_type = p.aid_type if p.aid_type_id else None
    missing = []
    if aid_type is None:
        missing.append(_("l'aide concernée"))
    elif aid_type.categories.exists() and not p.category_id:
        missing.append(_("la catégorie (revenu d'intégration)"))
    for text, filled, label in (
        (p.motivation_facts, n.facts, _("la motivation en fait")),
        (p.motivation_law, n.law, _("la motivation en droit")),
    ):
        blanks = PLACEHOLDER.findall(filled)  # what the letter would still print between brackets
        if not text.strip():
            missing.append(label)
        elif blanks:
            missing.append(
                _("%(what)s, qui contient encore %(blanks)s à remplacer")
                % {"what": label, "blanks": ", ".join(f"« {b} »" for b in dict.fromkeys(blanks))}
            )
    if n.recovery and p.amount is None:
        missing.append(_("le montant total payé indûment"))
    if n.recovery and (p.start_on is None or p.end_on is None):
        missing.append(_("la période des paiements indus (début et fin)"))
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
    if n.court is None:
        missing.append(_("le tribunal du travail compétent : %(why)s") % {"why": n.court_problem})
    if not n.worker_name:
        missing.append(_("la personne de contact du dossier (travailleur social référent)"))
    if len(n.legal_texts) < len(PRINTED_ARTICLES):
        missing.append(_("le texte en vigueur des articles 728 et 1017 du Code judiciaire (textes légaux)"))
    if n.recovery and not n.limitation:
        missing.append(_("le délai de prescription de la récupération (textes légaux)"))
    return missing


def render(notification: Notification) -> SafeString:
    """The letter's text as HTML (everything typed is escaped), ready for a page or a PDF."""
    return render_to_string("workflow/notification.html", {"n": notification, "p": notification.proposal})


def render_notification(
    proposal: Proposal, *, decision: Decision | None = None, today: datetime.date | None = None
) -> SafeString:
    """The notification of a proposal and its decision: the one function every screen and letter uses."""
    return render(build(proposal, decision=decision, today=today))
