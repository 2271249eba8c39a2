"""The amount block of the notification: what is paid, over which period, how often, from when, to which
account (workflow/includes/notification_amount.html). Kept apart from workflow.notification, which builds the
rest of the letter."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from people.models import BankAccount
from workflow.computation import PERIODIC
from workflow.models import Proposal


def account_paid(person, day: datetime.date) -> BankAccount | None:
    """The beneficiary's payment account, valid on `day` (people.BankAccount)."""
    account = BankAccount.objects.filter(person=person, is_payment_account=True, valid_from__lte=day).first()
    if account is None or (account.valid_to is not None and account.valid_to < day):
        return None
    return account


def period_text(proposal: Proposal) -> str:
    if proposal.start_on is None:
        return ""
    if proposal.end_on is None:
        return _("à partir du %(start)s") % {"start": proposal.start_on.strftime("%d/%m/%Y")}
    return _("du %(start)s au %(end)s") % {
        "start": proposal.start_on.strftime("%d/%m/%Y"),
        "end": proposal.end_on.strftime("%d/%m/%Y"),
    }


def amount_fields(proposal: Proposal, today: datetime.date) -> dict:
    """The Notification fields of the amount block."""
    account = account_paid(proposal.file.beneficiary, today) if proposal.file_id else None
    return {
        "periodic": proposal.periodicity in PERIODIC,
        "period": period_text(proposal),
        "first_payment_on": proposal.first_payment_on,
        "account_paid": account.iban_display if account else "",
        "account_holder": account.holder if account else "",
    }


def missing_amount_mentions(proposal: Proposal, account: str) -> list[str]:
    """What the amount block still lacks for a granted aid paid periodically."""
    if not proposal.granted or proposal.periodicity not in PERIODIC:
        return []
    missing = []
    if proposal.first_payment_on is None:
        missing.append(_("la date du premier paiement"))
    if not account:
        missing.append(_("le compte de paiement de la personne (IBAN)"))
    return missing
