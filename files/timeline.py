"""Writing a file's timeline. Services call `record_event` for every change a colleague should see."""

import datetime

from django.utils import timezone

from access.confidentiality import Level
from files.models import FileEvent, SocialFile


def moment_of(day: datetime.date) -> datetime.datetime | None:
    """Timeline moment of something dated `day` (a request received by post, a report written earlier).

    Today: now. An earlier day: midday of that day, so that the timeline stays in date order.
    """
    if day >= timezone.localdate():
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def record_event(
    *,
    file: SocialFile,
    kind: str,
    summary: str,
    author,
    report=None,
    occurred_at: datetime.datetime | None = None,
) -> FileEvent:
    event = FileEvent.objects.create(
        file=file,
        kind=kind,
        summary=summary[:300],
        author=author,
        report=report,
        confidentiality=report.confidentiality if report else Level.TEAM,
        occurred_at=occurred_at or timezone.now(),
    )
    if event.occurred_at > file.last_activity_at:
        SocialFile.objects.filter(pk=file.pk).update(last_activity_at=event.occurred_at)
        file.last_activity_at = event.occurred_at
    return event
