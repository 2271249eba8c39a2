"""The mention every printed copy bears: who printed it and when (issue 3, against parallel paper)."""

import datetime

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

MENTION = gettext_noop("Copie imprimée par {name} le {date} à {time} - document confidentiel")


def printed_by(user) -> str:
    return user.get_full_name() or user.get_username()


def copy_mention(user, at: datetime.datetime) -> str:
    local = timezone.localtime(at)
    return _(MENTION).format(name=printed_by(user), date=f"{local:%d/%m/%Y}", time=f"{local:%H:%M}")


def copy_mention_html(user, at: datetime.datetime) -> SafeString:
    """The mention for a page printed by the browser; app.js sets the date and time again when it prints."""
    local = timezone.localtime(at)
    return format_html(
        _(MENTION),
        name=printed_by(user),
        date=format_html("<span data-print-date>{}</span>", f"{local:%d/%m/%Y}"),
        time=format_html("<span data-print-time>{}</span>", f"{local:%H:%M}"),
    )
