"""What a back-office task card shows, so the clerk works from the page and not from the letter.

Payment: the account to pay (to those who may see bank details), the amount, its periodicity, the period and
the first due date. Recovery: the amount, the period and the decision. SPP: the form and its deadline. A done
task shows the reference its « Fait » recorded.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import iban as iban_std

from access.policy import Action, can
from aid.formatting import euros
from audit.services import Verb, record
from people import selectors as people_selectors
from workflow import backoffice
from workflow.models import BackOfficeTask, Proposal

Kind = BackOfficeTask.Kind


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def amount_text(proposal: Proposal) -> str:
    return euros(proposal.amount) if proposal.amount is not None else _("non précisé")


def period_text(proposal: Proposal) -> str:
    """« du 01/11/2026 au 30/04/2027 », « du 01/11/2026, sans date de fin », or « non précisée »."""
    if proposal.start_on is None:
        return (
            _("jusqu'au %(end)s") % {"end": _day(proposal.end_on)} if proposal.end_on else _("non précisée")
        )
    if proposal.end_on is None:
        return _("du %(start)s, sans date de fin") % {"start": _day(proposal.start_on)}
    return _("du %(start)s au %(end)s") % {"start": _day(proposal.start_on), "end": _day(proposal.end_on)}


def account_warning(account, today: datetime.date) -> str:
    """Why this payment account should not be paid as it stands ("" when nothing stops it)."""
    if account is None:
        return _(
            "Aucun compte de paiement n'est désigné pour cette personne : ne payez pas avant que le service "
            "social l'ait enregistré (onglet « Comptes bancaires » du dossier)."
        )
    if not iban_std.is_valid(account.iban):
        return _("Cet IBAN n'est pas valable : faites-le vérifier par le service social avant de payer.")
    if account.valid_from > today:
        return _("Ce compte n'est valable qu'à partir du %(day)s : vérifiez-le avant de payer.") % {
            "day": _day(account.valid_from)
        }
    if account.valid_to is not None and account.valid_to < today:
        return _(
            "Ce compte n'est plus valable depuis le %(day)s : demandez le compte actuel au service social."
        ) % {"day": _day(account.valid_to)}
    return ""


def payment_account(user, proposal: Proposal) -> dict | None:
    """The beneficiary's payment account as of now, formatted, for a user who may see bank details (else
    None): {"account", "iban", "holder", "warning"}. One query."""
    if not can(user, Action.VIEW_BANK, proposal.file):
        return None
    account = people_selectors.payment_account(proposal.file.beneficiary)
    return {
        "account": account,
        "iban": iban_std.format(account.iban) if account else "",
        "holder": account.holder if account else "",
        "warning": account_warning(account, timezone.localdate()),
    }


def facts(user, task: BackOfficeTask) -> dict:
    """The card's facts as (label, value) rows, and the payment account (payment task, VIEW_BANK only)."""
    decision = task.decision
    proposal = decision.proposal
    rows: list[tuple[str, str]] = []
    account = None
    if task.kind == Kind.PAYMENT:
        account = payment_account(user, proposal)
        first = proposal.first_payment_on
        rows = [
            (_("Montant"), amount_text(proposal)),
            (_("Périodicité"), proposal.get_periodicity_display()),
            (_("Période"), period_text(proposal)),
            (_("Premier paiement"), _day(first) if first else _("non précisé")),
        ]
    elif task.kind == Kind.RECOVERY:
        decided = _("%(outcome)s le %(day)s") % {
            "outcome": decision.get_outcome_display(),
            "day": _day(decision.decided_on),
        }
        if decision.urgent:
            decided += " " + _("(président, en urgence)")
        rows = [
            (_("Montant"), amount_text(proposal)),
            (_("Période"), period_text(proposal)),
            (_("Décision"), decided),
        ]
    elif task.kind == Kind.SPP:
        # The form and its delay are the card's sentence (task_card.html); here, the date it comes to.
        rows = [(_("À envoyer au plus tard le"), _day(task.due_on))]
    if task.reference and task.kind in backoffice.REFERENCES:
        rows.append((str(backoffice.REFERENCES[task.kind][0]), task.reference))
    return {"facts": rows, "account": account}


def audit_bank_reads(request, rows: list[dict]) -> None:
    """A payment account shown on a task card is a read of bank details: recorded as the bank tab's is."""
    for row in rows:
        shown = (row.get("account") or {}).get("account")
        if shown is not None:
            record(
                actor=request.user,
                verb=Verb.VIEW,
                target=shown,
                file_id=row["task"].decision.proposal.file_id,
                person_id=shown.person_id,
                detail={"section": "payment_task", "task": row["task"].pk},
                request=request,
            )
