"""Reads of the letters app, always starting from the files the user may see."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from access.policy import Action, can, visible_files
from letters.models import Batch, Letter, ReturnedCopy


def letters_of_file(file):
    return (
        file.letters.select_related("created_by")
        .prefetch_related("returned_copies")
        .order_by("-created_at", "-id")
    )


def get_letter(user, pk: int) -> Letter:
    """A letter of a file the user may see; any other answers exactly as a letter that does not exist."""
    letter = Letter.objects.select_related("file__beneficiary", "decision").filter(
        pk=pk, file__in=visible_files(user, Action.VIEW_FILE)
    )
    if not letter:
        raise Http404
    return letter[0]


def register(user, *, day_from=None, day_to=None):
    """The outgoing mail register: the letters of the files on which the user dispatches letters."""
    letters = (
        Letter.objects.filter(file__in=visible_files(user, Action.DISPATCH_LETTER))
        .select_related("file")
        .prefetch_related("returned_copies")
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
    """A batch its author follows while it runs."""
    batch = Batch.objects.filter(pk=pk, created_by=user).first()
    if batch is None:
        raise Http404
    return batch


def printable_batches(user):
    """Finished batches whose every letter is of a file on which the user dispatches letters, newest first:
    the merged PDFs the mail cell prints and posts."""
    hidden = Letter.objects.exclude(file__in=visible_files(user, Action.DISPATCH_LETTER))
    return (
        Batch.objects.filter(status=Batch.Status.DONE)
        .exclude(merged_pdf="")
        .exclude(letters__in=hidden)
        .select_related("created_by")
    )


def get_printable_batch(user, pk: int) -> Batch:
    batch = printable_batches(user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def get_returned_copy(user, pk: int) -> ReturnedCopy:
    """A returned copy of a letter of a file the user may see; any other answers as a missing one."""
    copy = (
        ReturnedCopy.objects.select_related("letter__file")
        .filter(pk=pk, letter__file__in=visible_files(user, Action.VIEW_FILE))
        .first()
    )
    if copy is None:
        raise Http404
    return copy


def describe_copies(user, pks) -> dict[int, tuple[str, str]]:
    """What the documents intake filed as returned copies, for its page: {pk: (French label, URL)}, the
    file's reference and the copy's URL only for whom the copy's view opens it (its file visible)."""
    copies = ReturnedCopy.objects.filter(pk__in=pks).select_related("letter__file")
    described = {}
    for copy in copies:
        file = copy.letter.file
        visible = can(user, Action.VIEW_FILE, file)
        values = {"code": copy.letter.code, "reference": file.reference}
        label = (
            _("copie retournée de la lettre %(code)s — dossier %(reference)s") % values
            if visible
            else _("copie retournée de la lettre %(code)s") % values
        )
        described[copy.pk] = (label, reverse("letters:copy_pdf", args=[copy.pk]) if visible else "")
    return described


def letters_to_post(user, batch: Batch):
    """A printable batch's letters not sent yet, in the merged PDF's order (the order of the printed pile)."""
    mine = visible_files(user, Action.DISPATCH_LETTER)
    return batch.letters.filter(method="", file__in=mine).order_by("id")
