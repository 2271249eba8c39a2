"""Reads of the documents intake: one's own latest intakes, and the pages waiting to be sorted."""

from django.db.models import Prefetch
from django.http import Http404

from access.policy import Action, can
from documents.models import Intake, IntakePart, UnsortedPages


def recent_intakes(user, limit: int = 10):
    """The user's own latest intakes, newest first, with what each filed: only one's own (what filed itself
    was found with the uploader's access, and a colleague's pile is theirs to follow; the pages left to sort
    are shared anyway, in "Documents à classer")."""
    if not can(user, Action.FILE_SCANS):
        return Intake.objects.none()
    return Intake.objects.filter(uploaded_by=user).prefetch_related(
        Prefetch("parts", IntakePart.objects.order_by("id"))
    )[:limit]


def unsorted_pages(user):
    """Documents à classer: pages of no known file yet, for those who file scans for the whole CPAS."""
    if not can(user, Action.FILE_SCANS):
        return UnsortedPages.objects.none()
    return UnsortedPages.objects.select_related("uploaded_by").order_by("uploaded_at", "id")


def get_unsorted(user, pk: int) -> UnsortedPages:
    pages = unsorted_pages(user).filter(pk=pk).first()
    if pages is None:
        raise Http404
    return pages
