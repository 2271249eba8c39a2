"""When a letter counts as notified, and the appeal deadline that starts from it."""

import datetime

from dateutil.relativedelta import relativedelta

from workflow import deadlines
from workflow.notification import APPEAL_MONTHS

# A registered letter is deemed received on the third working day after it was posted (charte de l'assuré
# social, art. 14); handed over or e-mailed, on that day.
REGISTERED_DELIVERY_WORKING_DAYS = 3


def notified_on(method: str, sent_on: datetime.date) -> datetime.date:
    from letters.models import Letter

    if method == Letter.Method.REGISTERED:
        return deadlines.add_working_days(sent_on, REGISTERED_DELIVERY_WORKING_DAYS)
    return sent_on


def appeal_deadline(notified: datetime.date) -> datetime.date:
    """Three months after the notification; a weekend or holiday moves it to the next working day."""
    return deadlines.next_working_day(notified + relativedelta(months=APPEAL_MONTHS))
