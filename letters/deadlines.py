"""How a letter may notify a decision, when it counts as notified, and the appeal deadline that starts then.

The law accepts a registered letter or a hand-over against a dated, signed receipt. For a registered letter
the delay runs from the third working day after it was posted (Code judiciaire, art. 53bis; working days
exclude Saturdays, Sundays and legal holidays); handed over, from the date on the signed receipt. An e-mail
is a courtesy copy: it never sets the notification date nor ends the notify task.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import deadlines
from workflow.notification import APPEAL_MONTHS

REGISTERED_DELIVERY_WORKING_DAYS = 3
NO_SIGNED_RECEIPT = gettext_lazy(
    "Une remise en main propre ne vaut notification que contre un accusé de réception daté et signé par la "
    "personne : cochez qu'il est signé et indiquez la date qu'elle y a écrite (gardez l'accusé signé, il se "
    "scanne comme copie retournée)."
)


def notified_on(method: str, sent_on: datetime.date) -> datetime.date | None:
    """The day the letter counts as notified; None for an e-mail, which notifies nothing."""
    from letters.models import Letter

    if method == Letter.Method.REGISTERED:
        return deadlines.add_working_days(sent_on, REGISTERED_DELIVERY_WORKING_DAYS)
    if method == Letter.Method.HAND:
        return sent_on
    return None


def is_courtesy_copy(kind: str, method: str) -> bool:
    """An e-mailed notification: a copy for the person, the notification itself is still to make."""
    from letters.models import Kind, Letter

    return kind == Kind.NOTIFICATION and method == Letter.Method.EMAIL


def courtesy_summary(letter, sent_on: datetime.date) -> str:
    return _(
        "%(kind)s %(code)s : copie de courtoisie envoyée par e-mail le %(day)s (ne vaut pas notification : "
        "envoi recommandé ou remise contre accusé de réception signé encore à faire)"
    ) % {"kind": letter.get_kind_display(), "code": letter.code, "day": f"{sent_on:%d/%m/%Y}"}


def appeal_deadline(notified: datetime.date) -> datetime.date:
    """Three months after the notification; a weekend or holiday moves it to the next working day."""
    return deadlines.next_working_day(notified + relativedelta(months=APPEAL_MONTHS))
