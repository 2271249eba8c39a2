"""Reads of the audit trail: who read or changed a file, and the security adviser's review."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from access.policy import Action, can
from audit.models import AuditEvent


def file_access_log(user, file) -> QuerySet[AuditEvent]:
    """Every read and change of `file`, newest first, for those allowed to see its access log."""
    if not can(user, Action.VIEW_ACCESS_LOG, file):
        raise PermissionDenied
    return AuditEvent.objects.filter(file_id=file.pk).select_related("user")


def file_readers(events: QuerySet[AuditEvent]) -> QuerySet:
    """One line per person who opened the file (`events`: its access log as the viewer may see it), the most
    recent reader first, in an order fixed enough to be sliced into pages.

    The reads are counted among the file's events (filtered, not selected, by verb), so that the database
    reads them through the file's index and never through the verb's, which holds most of the trail.
    """
    reads = Q(verb=AuditEvent.Verb.VIEW)
    return (
        events.values("user_id", "username", "user__first_name", "user__last_name")
        .annotate(reads=Count("id", filter=reads), last_read=Max("at", filter=reads))
        .filter(reads__gt=0)
        .order_by("-last_read", "user_id", "username")
    )


def review(
    user,
    *,
    user_id: int | None = None,
    username: str = "",
    file_id: int | None = None,
    verb: str = "",
    day_from: datetime.date | None = None,
    day_to: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """The security adviser's view of the whole trail, filtered, newest first.

    Each filter leads an index ending in (at, id) (audit/migrations/0006_journal_indexes.py), so that a page
    of it reads only its own rows. `username` is the name typed at a failed log-in, which names no account.
    """
    if not can(user, Action.VIEW_AUDIT):
        raise PermissionDenied
    events = AuditEvent.objects.all()
    if user_id is not None:
        events = events.filter(user_id=user_id)
    if username:
        events = events.filter(user__isnull=True, username=username.strip())
    if file_id is not None:
        events = events.filter(file_id=file_id)
    if verb:
        events = events.filter(verb=verb)
    return in_period(events, "at", day_from, day_to)


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


def day_start(day: datetime.date) -> datetime.datetime:
    """The first instant of `day` in Brussels (stored as UTC): a bound an index on the moment can use."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def in_period(queryset: QuerySet, field: str, day_from, day_to) -> QuerySet:
    """`queryset` within Brussels days `day_from` to `day_to` (both included; None: open)."""
    if day_from:
        queryset = queryset.filter(**{f"{field}__gte": day_start(day_from)})
    if day_to:
        queryset = queryset.filter(**{f"{field}__lt": day_start(day_to + datetime.timedelta(days=1))})
    return queryset


def break_glass_accesses(user, *, day_from=None, day_to=None) -> QuerySet:
    """Every break-glass access, newest first, with the pages read while it lasted (one query)."""
    from access.models import BreakGlass

    if not can(user, Action.VIEW_AUDIT):
        raise PermissionDenied
    reads = (
        AuditEvent.objects.filter(
            verb=AuditEvent.Verb.VIEW,
            user_id=OuterRef("user_id"),
            file_id=OuterRef("file_id"),
            at__gte=OuterRef("opened_at"),
            at__lte=OuterRef("expires_at"),
        )
        .order_by()
        .values("file_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    accesses = BreakGlass.objects.select_related("user", "file__team").annotate(
        reads=Coalesce(Subquery(reads), 0)
    )
    return in_period(accesses, "opened_at", day_from, day_to)


def printed_copies(user, *, day_from=None, day_to=None) -> QuerySet[AuditEvent]:
    """Every print and export (PDF, CSV) recorded, newest first."""
    if not can(user, Action.VIEW_AUDIT):
        raise PermissionDenied
    events = AuditEvent.objects.filter(verb__in=[AuditEvent.Verb.PRINT, AuditEvent.Verb.EXPORT])
    return in_period(events, "at", day_from, day_to)


def failed_logins(user, *, day_from=None, day_to=None) -> QuerySet[AuditEvent]:
    """Failed log-ins (password or second factor), newest first."""
    if not can(user, Action.VIEW_AUDIT):
        raise PermissionDenied
    events = AuditEvent.objects.filter(verb=AuditEvent.Verb.LOGIN_FAILED)
    return in_period(events, "at", day_from, day_to)


def locked_accounts(user) -> QuerySet:
    """Accounts locked now by repeated failures (django-axes), most recent first."""
    from axes.models import AccessAttempt

    if not can(user, Action.VIEW_AUDIT):
        raise PermissionDenied
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")
