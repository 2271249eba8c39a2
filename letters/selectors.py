"""Reads of the letters app, always starting from the files the user may see."""

from django.http import Http404

from access.policy import Action, visible_files
from letters.models import Batch, Letter


def letters_of_file(file):
    return file.letters.select_related("created_by").order_by("-created_at", "-id")


def get_letter(user, pk: int) -> Letter:
    """A letter of a file the user may see; any other answers exactly as a letter that does not exist."""
    letter = Letter.objects.select_related("file__beneficiary", "decision").filter(
        pk=pk, file__in=visible_files(user, Action.VIEW_FILE)
    )
    if not letter:
        raise Http404
    return letter[0]


def register(user, *, day_from=None, day_to=None):
    """The outgoing mail register: the letters of the files on which the user sends notifications."""
    letters = Letter.objects.filter(file__in=visible_files(user, Action.NOTIFY_DECISION)).select_related(
        "file"
    )
    if day_from:
        letters = letters.filter(created_at__date__gte=day_from)
    if day_to:
        letters = letters.filter(created_at__date__lte=day_to)
    return letters.order_by("-created_at", "-id")


def registered_posted_on(user, day):
    """Registered letters posted on `day`: the list handed to the post office."""
    return register(user).filter(method=Letter.Method.REGISTERED, sent_on=day).order_by("registered_number")


def get_batch(user, pk: int) -> Batch:
    batch = Batch.objects.filter(pk=pk, created_by=user).first()
    if batch is None:
        raise Http404
    return batch
