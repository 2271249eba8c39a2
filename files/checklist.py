"""The checklist of a request (pièces requises): each document its aid requires, present, missing or waived.

When does a document count as present? A document of the required type linked to this request always does.
A document of that type filed in the same file without a request counts too, when it is about the
beneficiary (or about nobody in particular): an identity card or a lease serves every request of the file.
A requirement marked "à joindre à chaque demande" (pay slips, bank statements of the last months) counts only
the documents linked to this request. Documents linked to another request never count: they were joined to
prove something else.

Presence is a fact whoever looks: a sealed medical certificate is present for the committee too. Which
document a reader may open is another question, answered by `mark_readable` with the access policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, Q, TextChoices, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext_lazy as _

from access.policy import Action, can, readable_items
from aid.models import AidType, RequiredDocument
from documents.models import Document
from files.models import AidRequest, RequirementWaiver

# The documents shown on a line, newest first.
SHOWN = 5


class Status(TextChoices):
    PRESENT = "present", _("Présente")
    MISSING = "missing", _("Manquante")
    WAIVED = "waived", _("Dispensée")


@dataclass
class Line:
    requirement: RequiredDocument
    documents: list[Document] = field(default_factory=list)  # the newest SHOWN, newest first
    waiver: RequirementWaiver | None = None

    @property
    def document_type(self):
        return self.requirement.document_type

    @property
    def status(self) -> str:
        if self.documents:
            return Status.PRESENT
        return Status.WAIVED if self.waiver else Status.MISSING

    def get_status_display(self) -> str:
        return Status(self.status).label


def aid_type_of(request: AidRequest) -> AidType | None:
    """The aid whose requirements apply: the latest proposal's (it may differ from what was asked), else the
    catalogue aid of the code asked."""
    proposal = request.proposals.select_related("aid_type").order_by("-pk").first()
    if proposal is not None:
        return proposal.aid_type
    return AidType.objects.filter(code=request.aid).first()


def request_checklist(request: AidRequest, *, aid_type: AidType | None = None) -> list[Line]:
    """The lines of `request`'s checklist for `aid_type` (default: aid_type_of), in the catalogue's order.

    Three queries whatever the number of requirements, documents and waivers.
    """
    aid_type = aid_type or aid_type_of(request)
    if aid_type is None:
        return []
    lines = {
        r.document_type_id: Line(r)
        for r in RequiredDocument.objects.filter(aid_type=aid_type).select_related("document_type")
    }
    if not lines:
        return []
    file_level = Q(request__isnull=True) & (Q(person__isnull=True) | Q(person_id=F("file__beneficiary_id")))
    per_request = [pk for pk, line in lines.items() if line.requirement.per_request]
    counted = Q(type_id__in=per_request, request_id=request.pk) | (
        ~Q(type_id__in=per_request) & Q(type_id__in=lines) & (Q(request_id=request.pk) | file_level)
    )
    newest = Window(
        RowNumber(), partition_by=[F("type_id")], order_by=[F("created_at").desc(), F("pk").desc()]
    )
    documents = (
        Document.objects.filter(counted, file_id=request.file_id)
        .annotate(rank=newest)
        .filter(rank__lte=SHOWN)  # a file may hold hundreds of pay slips: the newest few say it is present
        .only(
            "pk",
            "file_id",
            "request_id",
            "type_id",
            "title",
            "document_date",
            "created_at",
            "confidentiality",
            "author_id",
        )
        .order_by("-created_at", "-pk")
    )
    for document in documents:
        lines[document.type_id].documents.append(document)
    for waiver in request.waivers.filter(document_type_id__in=lines).select_related("waived_by"):
        lines[waiver.document_type_id].waiver = waiver
    return list(lines.values())


def missing(lines: list[Line]) -> list[Line]:
    return [line for line in lines if line.status == Status.MISSING]


def mark_readable(user, file, lines: list[Line]) -> list[Line]:
    """Set `readable` on each present document: may `user` open it (its file and its confidentiality)?
    One query at most; a document the user may not open is shown as present without its title."""
    documents = [d for line in lines for d in line.documents]
    readable: set[int] = set()
    if documents and can(user, Action.VIEW_DOCUMENTS, file):
        sealed = Document.sealed_readers.through.objects.filter(user_id=user.pk).values("document_id")
        readable = set(
            Document.objects.filter(pk__in=[d.pk for d in documents])
            .filter(readable_items(user, file, sealed_for_user=sealed))
            .values_list("pk", flat=True)
        )
    for document in documents:
        document.readable = document.pk in readable
    return lines
