"""Reading registrations, under the access policy: the BCSS cell reads them all."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from access.policy import Action, can
from bcss.models import AccessRegistration


def get_registration(user, pk: int) -> AccessRegistration:
    rows = AccessRegistration.objects.select_related("file__beneficiary", "purpose", "done_by", "created_by")
    registration = get_object_or_404(rows, pk=pk)
    if not can(user, Action.MANAGE_BCSS, registration):
        raise PermissionDenied
    return registration


def history_of(registration: AccessRegistration):
    """The file's other registrations, newest first: what was registered and ended before."""
    rows = AccessRegistration.objects.filter(file_id=registration.file_id).exclude(pk=registration.pk)
    return rows.select_related("purpose").order_by("-id")[:20]
