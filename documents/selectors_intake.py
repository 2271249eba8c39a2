"""Reads of the documents intake: one's own latest intakes and what each part became, the pages waiting to be
sorted, and the files a clerk may file them into."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Max, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from access.policy import Action, can, visible_files
from documents import intake
from documents.models import Document, Intake, IntakePart, UnsortedPages
from documents.selectors import readable_documents
from files.models import SocialFile
from search.selectors import search_files

MAX_SUGGESTIONS = 8


def recent_intakes(user, limit: int = 10):
    """The user's own latest intakes, newest first, with what each filed: only one's own (what filed itself
    was found with the uploader's access, and a colleague's pile is theirs to follow; the pages left to sort
    are shared anyway, in "Documents à classer")."""
    if not can(user, Action.FILE_SCANS):
        return Intake.objects.none()
    return Intake.objects.filter(uploaded_by=user).prefetch_related(
        Prefetch("parts", IntakePart.objects.order_by("id"))
    )[:limit]


@dataclass(frozen=True)
class Outcome:
    """One part of an upload as its page lists it: « Pages 1 à 3 » : « Bail — dossier 2026/00049 », and
    where the user may open it (a URL, an anchor in the page, or nothing)."""

    pages: str
    label: str
    url: str = ""


def outcomes(user, intakes: list[Intake], *, shown: Callable[[int], bool]) -> dict[int, list[Outcome]]:
    """{intake pk: what each of its parts became}, in a fixed number of queries however many parts: the
    documents (linked if the user may read them), what a consumer filed (described by it), the pages still
    to sort (an anchor to their row when `shown(pk)` says it is on the page, else to the list)."""
    parts = [part for row in intakes for part in row.parts.all()]
    wanted: dict[str, list[int]] = defaultdict(list)
    for part in parts:
        model, pk = intake.parse_label(part.filed_as)
        if pk is not None:
            wanted[model].append(pk)
    described = {
        "documents.document": _documents(user, wanted.pop("documents.document", [])),
        "documents.unsortedpages": _waiting(wanted.pop("documents.unsortedpages", []), shown),
    }
    for model, pks in wanted.items():
        consumer = intake.consumer_of_model(model)
        described[model] = consumer.describe(user, pks) if consumer else {}
    result = {}
    for row in intakes:
        result[row.pk] = [
            _outcome(part, number, described) for number, part in enumerate(row.parts.all(), start=1)
        ]
    return result


def _outcome(part: IntakePart, number: int, described: dict) -> Outcome:
    model, pk = intake.parse_label(part.filed_as)
    if part.first_page is None:
        pages = _("Partie %(number)d") % {"number": number}
    elif part.pages == 1:
        pages = _("Page %(first)d") % {"first": part.first_page}
    else:
        pages = _("Pages %(first)d à %(last)d") % {
            "first": part.first_page,
            "last": part.first_page + part.pages - 1,
        }
    if model == intake.DELETED:
        return Outcome(pages, _("supprimées de la liste des documents à classer"))
    label, url = described.get(model, {}).get(pk, (None, ""))
    if label is None:  # removed since (a retention deletion), or sorted before sorting was kept here
        return Outcome(pages, _("classées ; elles ne sont plus à classer"))
    return Outcome(pages, label, url)


def _documents(user, pks: list[int]) -> dict[int, tuple[str, str]]:
    if not pks:
        return {}
    documents = Document.objects.filter(pk__in=pks).select_related("type", "file", "request")
    readable = set(readable_documents(user).filter(pk__in=pks).values_list("pk", flat=True))
    described = {}
    for document in documents:
        label = document.type.label
        if can(user, Action.VIEW_FILE, document.file):
            label = _("%(type)s — dossier %(reference)s") % {
                "type": label,
                "reference": document.file.reference,
            }
            if document.request is not None:
                label = _("%(document)s, demande %(aid)s du %(day)s") % {
                    "document": label,
                    "aid": document.request.get_aid_display(),
                    "day": date_format(document.request.requested_on, "d/m/Y"),
                }
        url = reverse("documents:detail", args=[document.file_id, document.pk])
        described[document.pk] = (label, url if document.pk in readable else "")
    return described


def _waiting(pks: list[int], shown: Callable[[int], bool]) -> dict[int, tuple[str, str]]:
    if not pks:
        return {}
    waiting = UnsortedPages.objects.filter(pk__in=pks).values_list("pk", flat=True)
    label = _("à classer ci-dessous")
    return {pk: (label, f"#unsorted-{pk}" if shown(pk) else "#unsorted") for pk in waiting}


def unsorted_pages(user):
    """Documents à classer: pages of no known file yet, for those who file scans for the whole CPAS."""
    if not can(user, Action.FILE_SCANS):
        return UnsortedPages.objects.none()
    return UnsortedPages.objects.select_related("uploaded_by").order_by("uploaded_at", "id")


def latest_unsorted(user) -> int:
    """The newest pk among the pages waiting to be sorted (0 for none): the page's mark of what it shows, so
    that pages arriving later are told apart."""
    return unsorted_pages(user).aggregate(latest=Max("pk"))["latest"] or 0


def get_unsorted(user, pk: int) -> UnsortedPages:
    pages = unsorted_pages(user).filter(pk=pk).first()
    if pages is None:
        raise Http404
    return pages


def files_named(user, typed: str) -> list[SocialFile]:
    """Up to two files into which `user` may add documents, named exactly by `typed`: their reference, their
    beneficiary's national number or last name (two: the name is not unique)."""
    typed = typed.strip()
    if not typed:
        return []
    digits = "".join(char for char in typed if char.isdigit())
    match = Q(reference__iexact=typed) | Q(beneficiary__last_name__iexact=typed)
    if len(digits) == 11:
        match |= Q(beneficiary__national_number=digits)
    return list(visible_files(user, Action.ADD_DOCUMENTS).filter(match)[:2])


def files_to_suggest(user, typed: str) -> list[SocialFile]:
    """The first files matching part of a name, a national number or a reference, as the top bar's search
    finds them (accents and case aside), among those into which `user` may add documents."""
    found = search_files(user, typed).files
    return [file for file in found if can(user, Action.ADD_DOCUMENTS, file)][:MAX_SUGGESTIONS]
