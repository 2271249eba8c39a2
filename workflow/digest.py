"""The daily e-mail of a user's late and at-risk items.

An e-mail leaves the CPAS: it carries file references, steps and due dates, never a beneficiary's name.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from workflow import deadlines
from workflow.models import DigestSubscription
from workflow.queue_pages import items
from workflow.queues import queues_for

URGENT = {deadlines.Status.LATE, deadlines.Status.AT_RISK}


def urgent_items(user) -> list[tuple]:
    """(queue, item) of the user's items that are late or at risk, the most urgent first."""
    found = [
        (queue, item) for queue in queues_for(user) for item in items(user, queue) if item.status in URGENT
    ]
    return sorted(found, key=lambda pair: pair[1].due)


def compose(user) -> EmailMessage | None:
    found = urgent_items(user)
    if not found or not user.email:
        return None
    late = sum(1 for _queue, item in found if item.status == deadlines.Status.LATE)
    lines = [
        _("Bonjour %(name)s,") % {"name": user.get_full_name() or user.get_username()},
        "",
        _("%(late)d élément(s) en retard et %(risk)d à risque vous attendent dans Dossier social :")
        % {"late": late, "risk": len(found) - late},
        "",
    ]
    for queue, item in found:
        lines.append(
            f"- {item.due:%d/%m/%Y} ({item.status.label}) – {queue.label} – "
            + (f"{_('dossier')} {item.file.reference} – " if item.file else "")
            + f"{item.what} – {item.step}"
        )
    base = settings.SITE_URL.rstrip("/")
    lines += ["", _("Ouvrir vos files : %(url)s") % {"url": base + reverse("files:my_files")}, ""]
    lines.append(_("Ce message ne contient aucun nom : les dossiers s'ouvrent dans l'application."))
    subject = _("Dossier social : %(n)d échéance(s) à surveiller") % {"n": len(found)}
    return EmailMessage(subject, "\n".join(lines), to=[user.email])


def send_digests() -> int:
    """Send each subscribed user their digest (none when nothing is late or at risk); returns how many."""
    messages = []
    for subscription in DigestSubscription.objects.select_related("user").filter(user__is_active=True):
        message = compose(subscription.user)
        if message is not None:
            messages.append(message)
    if messages:
        # Sent once the caller's transaction commits (at once outside one): a rollback sends nothing.
        transaction.on_commit(lambda: get_connection().send_messages(messages))
    return len(messages)
