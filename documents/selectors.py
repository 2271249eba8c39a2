"""Reads of documents, always through the access policy: the files the user reaches for VIEW_DOCUMENTS,
narrowed by each document's confidentiality exactly as can(user, VIEW_DOCUMENTS, document) narrows it."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from access.confidentiality import Level
from access.policy import Action, readable_items_anywhere
from documents.models import Document, DocumentVersion


def readable_q(user, path: str = "") -> Q | None:
    """The condition on a Document, reached through `path` (e.g. "document__"), for the documents `user` may
    read; None for none (access.policy.readable_items_anywhere)."""
    sealed_for_user = Document.sealed_readers.through.objects.filter(user_id=user.pk).values("document_id")
    return readable_items_anywhere(
        user, Action.VIEW_DOCUMENTS, path, sealed=Q(**{f"{path}pk__in": sealed_for_user})
    )


def readable_documents(user) -> QuerySet[Document]:
    """Every document `user` may read, in any file."""
    condition = readable_q(user)
    return Document.objects.none() if condition is None else Document.objects.filter(condition)


def file_documents(user, file, *, filters: dict | None = None) -> QuerySet[Document]:
    """The Documents tab: the file's documents `user` may read, newest first, with what a row shows (one
    query for a page whatever the number of rows). `filters`: type, person, request, date_from, date_to."""
    documents = readable_documents(user).filter(file=file)
    filters = filters or {}
    if filters.get("type"):
        documents = documents.filter(type=filters["type"])
    if filters.get("person"):
        documents = documents.filter(person=filters["person"])
    if filters.get("request"):
        documents = documents.filter(request=filters["request"])
    if filters.get("date_from"):
        documents = documents.filter(document_date__gte=filters["date_from"])
    if filters.get("date_to"):
        documents = documents.filter(document_date__lte=filters["date_to"])
    return documents.select_related("type", "person", "request", "author", "current").defer("current__text")


def get_document(user, file, pk: int) -> Document:
    """One document of `file` that `user` may read; otherwise 404, exactly as if it did not exist."""
    try:
        return (
            readable_documents(user)
            .select_related("type", "person", "request", "author")
            .get(file=file, pk=pk)
        )
    except Document.DoesNotExist:
        raise Http404 from None


def versions_of(document: Document) -> list[DocumentVersion]:
    """The document's versions, newest first, without their text."""
    return list(
        document.versions.select_related("original", "archived", "uploaded_by")
        .defer("text")
        .order_by("-number")
    )


def get_version(document: Document, number: int) -> DocumentVersion:
    try:
        return document.versions.select_related("original", "archived", "thumbnail").get(number=number)
    except DocumentVersion.DoesNotExist:
        raise Http404 from None


def hidden_sealed_documents(user, file) -> QuerySet:
    """Ids of the sealed documents of `file` that `user` may not read: even their existence stays hidden (as
    sealed reports' in Consultations)."""
    sealed = Document.objects.filter(file=file, confidentiality=Level.SEALED)
    return sealed.exclude(pk__in=readable_documents(user).filter(file=file).values("pk")).values_list(
        "pk", flat=True
    )
