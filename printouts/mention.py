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


def copy_mention_html(user, day: datetime.date) -> SafeString:
    """The mention for a page printed by the browser: app.js writes the moment of printing into it.

    The server gives the day only, so that a page reads the same whatever the minute it was rendered.
    """
    return format_html(
        _(MENTION),
        name=printed_by(user),
        date=format_html("<span data-print-date>{}</span>", f"{day:%d/%m/%Y}"),
        time=format_html("<span data-print-time>{}</span>", "--:--"),
    )
