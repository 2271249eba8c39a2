"""The BCSS cell's work in the demo: each file's access registered (or ended) the day after, as the cell
does, except the last days' ones, still to do; one of them failed, to be tried again."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from bcss import services
from bcss.models import AccessRegistration
from files.models import SocialFile

# Registrations of the demo's last days stay in the cell's queue, and at least the last few.
LEFT_TO_DO_DAYS = 4
LEFT_TO_DO = 5
FAILURE = "La BCSS répond « service temporairement indisponible » : à réessayer."


def bcss_cutoff(steps) -> datetime.datetime:
    """The moment from which the cell has not yet done the registrations (openings and closings)."""
    moments = sorted(
        step.at
        for step in steps
        if step.kind == "open" or (step.kind == "status" and step.args["status"] == SocialFile.Status.CLOSED)
    )
    if not moments:
        return datetime.datetime.max.replace(tzinfo=datetime.UTC)
    return min(
        moments[-1] - datetime.timedelta(days=LEFT_TO_DO_DAYS), moments[-min(LEFT_TO_DO, len(moments))]
    )


def keep_up(*, file: SocialFile, clock, cell: User, cutoff: datetime.datetime) -> None:
    """Date the file's open registration at the demo's moment and, before `cutoff`, record it made."""
    for registration in AccessRegistration.objects.filter(file=file, state=AccessRegistration.State.TODO):
        clock.stamp(registration, "created_at")
        if clock.now < cutoff:
            reference = f"{clock.now:%Y%m%d}-{registration.pk:06d}"
            services.record_done(
                actor=cell,
                registration=registration,
                reference=reference,
                expected_version=registration.version,
            )
            clock.stamp(registration, "done_at")


def build_bcss(users: dict[str, User]) -> int:
    """One of the registrations left to do has failed once; returns how many wait for the cell."""
    waiting = AccessRegistration.objects.filter(state=AccessRegistration.State.TODO).order_by(
        "created_at", "pk"
    )
    first = waiting.first()
    if first is not None:
        services.record_failure(
            actor=users["bcss"], registration=first, reason=FAILURE, expected_version=first.version
        )
    return AccessRegistration.objects.filter(state__in=["todo", "failed"]).count()
