"""What is due for deletion or anonymisation, from when, under which rule, and what holds it.

A date window selects the items whose due date (start + years of their rule) falls in it; the start of each
item is computed in the query, so that a page of them costs the same few queries whatever the volume.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, DateField, Exists, F, OuterRef, Q, QuerySet, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext as _

from documents.models import Document, DocumentType
from files.models import SocialFile
from letters.models import Letter
from retention.models import Disposal, LegalHold, RetentionRule
from retention.periods import years_after, years_before
from workflow.models import BackOfficeTask

Start = RetentionRule.Start
DocStart = DocumentType.RetentionStart

LETTER = "letters.letter"
FILE = "files.socialfile"


@dataclass(frozen=True)
class Window:
    """Due on or before `due_by`, and after `after` when given."""

    due_by: datetime.date
    after: datetime.date | None = None

    @classmethod
    def now(cls, on: datetime.date) -> Window:
        return cls(due_by=on)

    @classmethod
    def coming(cls, on: datetime.date, days: int) -> Window:
        return cls(due_by=on + datetime.timedelta(days=days), after=on)


@dataclass
class DueItem:
    """One document, letter or file due, with why and what holds it (the holds, empty when none)."""

    category: str  # "document", "letter" or "file"
    obj: Any
    file: SocialFile
    group: str
    rule: str
    start_on: datetime.date
    due_on: datetime.date
    disposal: str
    holds: list[str] = field(default_factory=list)


def _in_window(start_field: str, years: int, window: Window) -> Q:
    q = Q(**{f"{start_field}__lte": years_before(window.due_by, years)})
    if window.after is not None:
        q &= Q(**{f"{start_field}__gt": years_before(window.after, years)})
    return q


# Documents: each type of the catalogue with a period of its own (the others go with their file).


def document_types() -> list[DocumentType]:
    return list(DocumentType.objects.filter(retention_years__isnull=False))


def _document_start():
    return Case(
        When(type__retention_start=DocStart.FILE_CLOSED, then=F("file__closed_on")),
        When(
            type__retention_start=DocStart.DOCUMENT_DATE,
            then=Coalesce("document_date", TruncDate("created_at")),
        ),
        default=TruncDate("created_at"),
        output_field=DateField(),
    )


def due_documents(window: Window, types: list[DocumentType] | None = None) -> QuerySet[Document]:
    types = document_types() if types is None else types
    condition = Q(pk__in=[])
    for doc_type in types:
        condition |= Q(type_id=doc_type.pk) & _in_window(
            "retention_start_on", doc_type.retention_years, window
        )
    return (
        Document.objects.annotate(retention_start_on=_document_start())
        .filter(condition)
        .order_by("type__position", "type__label", "retention_start_on", "id")
    )


def document_rule(doc_type: DocumentType) -> str:
    return _("%(label)s : %(years)s ans à compter de : %(start)s") % {
        "label": doc_type.label,
        "years": doc_type.retention_years,
        "start": doc_type.get_retention_start_display().lower(),
    }


# Letters: one rule per kind.


def letter_rules() -> list[RetentionRule]:
    return list(RetentionRule.objects.filter(target=RetentionRule.Target.LETTER_KIND, years__isnull=False))


_LETTER_STARTS = {
    Start.FILE_CLOSED: F("file__closed_on"),
    Start.LETTER_DATE: TruncDate("created_at"),
    Start.LETTER_NOTIFIED: Coalesce("notified_on", "sent_on", TruncDate("created_at")),
}


def due_letters(window: Window, rules: list[RetentionRule] | None = None) -> QuerySet[Letter]:
    rules = letter_rules() if rules is None else rules
    if not rules:
        return Letter.objects.none()
    start = Case(
        *(When(kind=rule.key, then=_LETTER_STARTS[rule.start]) for rule in rules), output_field=DateField()
    )
    condition = Q(pk__in=[])
    for rule in rules:
        condition |= Q(kind=rule.key) & _in_window("retention_start_on", rule.years, window)
    return (
        Letter.objects.annotate(retention_start_on=start)
        .filter(condition)
        .exclude(Exists(Disposal.objects.filter(target_type=LETTER, target_id=OuterRef("pk"))))
        .order_by("kind", "retention_start_on", "id")
    )


# Files: the rule of the closed state (a file is anonymised, never deleted).


def file_rule() -> RetentionRule | None:
    return RetentionRule.objects.filter(
        target=RetentionRule.Target.FILE_STATUS, key=SocialFile.Status.CLOSED, years__isnull=False
    ).first()


def due_files(window: Window, rule: RetentionRule | None = None) -> QuerySet[SocialFile]:
    if rule is None:
        return SocialFile.objects.none()
    return (
        SocialFile.objects.filter(status=SocialFile.Status.CLOSED)
        .filter(_in_window("closed_on", rule.years, window))
        .exclude(Exists(Disposal.objects.filter(target_type=FILE, target_id=OuterRef("pk"))))
        .order_by("closed_on", "id")
    )


def rule_text(rule: RetentionRule) -> str:
    return _("%(rule)s : %(years)s ans à compter de : %(start)s") % {
        "rule": rule.key_label,
        "years": rule.years,
        "start": rule.get_start_display().lower(),
    }


# Holds.


def holds_for(files: Iterable[SocialFile], on: datetime.date) -> dict[int, list[str]]:
    """{file id: why nothing of it may go now}, empty lists for the files free of any hold. Two queries."""
    files = {file.pk: file for file in files}
    ids = list(files)
    holds: dict[int, list[str]] = {pk: [] for pk in files}
    for pk, file in files.items():
        if file.status != SocialFile.Status.CLOSED:
            holds[pk].append(_("Dossier non clôturé"))
    if not files:
        return holds
    recovering = (
        BackOfficeTask.objects.filter(kind=BackOfficeTask.Kind.RECOVERY, decision__proposal__file_id__in=ids)
        .exclude(status=BackOfficeTask.Status.DONE)
        .values_list("decision__proposal__file_id", flat=True)
        .distinct()
    )
    for pk in recovering:
        holds[pk].append(_("Récupération en cours (tâche du back-office non terminée)"))
    manual = LegalHold.objects.filter(LegalHold.active_on(on), file_id__in=ids).order_by("starts_on", "id")
    for pk, reason, starts_on in manual.values_list("file_id", "reason", "starts_on"):
        holds[pk].append(
            _("Gel juridique depuis le %(since)s : %(reason)s")
            % {"since": starts_on.strftime("%d/%m/%Y"), "reason": reason}
        )
    return holds


# Items, as the page and the command show them.


def document_items(documents: Iterable[Document], types: dict[int, DocumentType]) -> list[DueItem]:
    items = []
    for document in documents:
        doc_type = types[document.type_id]
        items.append(
            DueItem(
                category="document",
                obj=document,
                file=document.file,
                group=doc_type.label,
                rule=document_rule(doc_type),
                start_on=document.retention_start_on,
                due_on=years_after(document.retention_start_on, doc_type.retention_years),
                disposal=RetentionRule.Disposal.DELETE,
            )
        )
    return items


def letter_items(letters: Iterable[Letter], rules: dict[str, RetentionRule]) -> list[DueItem]:
    items = []
    for letter in letters:
        rule = rules[letter.kind]
        items.append(
            DueItem(
                category="letter",
                obj=letter,
                file=letter.file,
                group=rule.key_label,
                rule=rule_text(rule),
                start_on=letter.retention_start_on,
                due_on=years_after(letter.retention_start_on, rule.years),
                disposal=rule.disposal,
            )
        )
    return items


def file_items(files: Iterable[SocialFile], rule: RetentionRule) -> list[DueItem]:
    return [
        DueItem(
            category="file",
            obj=file,
            file=file,
            group=rule.key_label,
            rule=rule_text(rule),
            start_on=file.closed_on,
            due_on=years_after(file.closed_on, rule.years),
            disposal=RetentionRule.Disposal.ANONYMISE,
        )
        for file in files
    ]


def with_holds(items: list[DueItem], on: datetime.date) -> list[DueItem]:
    holds = holds_for({item.file.pk: item.file for item in items}.values(), on)
    for item in items:
        item.holds = holds[item.file.pk]
    return items


def due(on: datetime.date, window: Window | None = None) -> list[DueItem]:
    """Everything due in `window` (by `on` when none), documents first, then letters, then files, with their
    holds on `on`. For the command: it loads every item (the page reads them a page at a time)."""
    window = window or Window.now(on)
    types = document_types()
    documents = due_documents(window, types).select_related("file")
    rules = letter_rules()
    letters = due_letters(window, rules).select_related("file")
    rule = file_rule()
    items = document_items(documents, {t.pk: t for t in types})
    items += letter_items(letters, {r.key: r for r in rules})
    if rule is not None:
        items += file_items(due_files(window, rule), rule)
    return with_holds(items, on)
