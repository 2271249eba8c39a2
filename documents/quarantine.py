"""The originals of refused uploads (envois refusés): kept for the clerk to see what was sent and why it was
refused, apart from the content store, and removed after REFUSED_UPLOAD_DAYS."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import RefusedUpload
from files.models import SocialFile


def keep_refused(
    *, user, name: str, data: bytes, reason: str, file: SocialFile | None = None
) -> RefusedUpload:
    """Record a refused upload and keep its bytes under quarantine/. Call it outside the transaction that
    the refusal rolls back. An upload over the size limit is recorded without its bytes."""
    upload = RefusedUpload(
        refused_by=user, file=file, original_name=name[:255], reason=reason, size=len(data)
    )
    if len(data) <= settings.UPLOAD_MAX_BYTES:
        upload.original.save("refused", ContentFile(data), save=False)
    try:
        upload.save()
    except BaseException:
        if upload.original:
            upload.original.delete(save=False)  # no bytes without their row
        raise
    return upload


def purge_refused(*, now: datetime.datetime | None = None) -> tuple[int, datetime.datetime]:
    """Remove the refused uploads older than REFUSED_UPLOAD_DAYS, their bytes first (a row left by a failure
    is removed the next time); returns how many went and the cut-off."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.REFUSED_UPLOAD_DAYS)
    purged = 0
    for upload in RefusedUpload.objects.filter(refused_at__lt=cutoff).order_by("pk").iterator():
        if upload.original:
            upload.original.delete(save=False)
        upload.delete()
        purged += 1
    return purged, cutoff
