"""Reads of the audit trail: who read or changed a file, and the security adviser's review."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, QuerySet

from access.policy import Action, can
from audit.models import AuditEvent


def file_access_log(user, file) -> QuerySet[AuditEvent]:
    """Every read and change of `file`, newest first, for those allowed to see its access log."""
    if not can(user, Action.VIEW_ACCESS_LOG, file):
        raise PermissionDenied
    return AuditEvent.objects.filter(file_id=file.pk).select_related("user")


def file_readers(user, file) -> list[dict]:
    """One line per person who opened the file: how many times, first and last time."""
    return list(
        file_access_log(user, file)
        .filter(verb=AuditEvent.Verb.VIEW)
        .values("user_id", "username", "user__first_name", "user__last_name")
        .annotate(reads=Count("id"), last_read=Max("at"))
        .order_by("-last_read")
    )


def review(
    user,
    *,
    username: str = "",
    file_id: int | None = None,
    verb: str = "",
    day_from: datetime.date | None = None,
    day_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """The security adviser's view of the whole trail, filtered."""
    if not can(user, Action.VIEW_AUDIT):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("user")
    if username:
        events = events.filter(username__iexact=username.strip())
    if file_id is not None:
        events = events.filter(file_id=file_id)
    if verb:
        events = events.filter(verb=verb)
    if day_from:
        events = events.filter(at__date__gte=day_from)
    if day_to:
        events = events.filter(at__date__lte=day_to)
    return events


def last_change(target) -> AuditEvent | None:
    """The latest recorded change of `target`: who changed it and when (to explain an edit conflict)."""
    return (
        AuditEvent.objects.filter(
            verb=AuditEvent.Verb.UPDATE, target_type=target._meta.label_lower, target_id=str(target.pk)
        )
        .select_related("user")
        .order_by("-at", "-id")
        .first()
    )


def author_name(event: AuditEvent) -> str:
    if event.user is not None:
        return event.user.get_full_name() or event.user.get_username()
    return event.username
