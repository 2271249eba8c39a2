"""What is due for deletion or anonymisation, from when, under which rule, and what holds it.

A date window selects the items whose due date (start + years of their rule) falls in it. Nothing is stored:
the window becomes bounds on the dated columns themselves, so every change (a file closed or reopened, a
document added or retyped, a rule edited, a letter sent) counts at once, and a page costs the same few
queries whatever the volume.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
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


# A start date is the first set of a chain of columns (a document's date, else the day it arrived). The window
# is turned into bounds on those columns themselves, never into a date computed per row: SQLite computes a
# datetime's local day in Python, row by row, which cost seconds at 50,000 documents.
DATE, MOMENT = "date", "moment"  # a DateField, or a DateTimeField whose local day counts


def _next_midnight(day: datetime.date) -> datetime.datetime:
    """The first moment after `day` in the current time zone (a moment's local day is ≤ day before it)."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def _bound(column: str, kind: str, compare: str, day: datetime.date) -> Q:
    """`column` (a start) "lte" or "gt" `day`."""
    if kind == MOMENT:
        return Q(**{f"{column}__lt" if compare == "lte" else f"{column}__gte": _next_midnight(day)})
    return Q(**{f"{column}__{compare}": day})


def _in_window(chain, years: int, window: Window, *, within: Q | None = None) -> Q:
    """The rows (of `within`, when given) whose start, the first non-empty column of `chain`, is due in
    `window` after `years`. One term per column (the earlier ones empty, this one within bounds), each
    repeating `within`: a flat OR whose every term an index on (type or kind, column) serves."""
    due_by = years_before(window.due_by, years)
    after = None if window.after is None else years_before(window.after, years)
    condition = Q(pk__in=[])
    earlier_empty = within or Q()
    for column, kind in chain:
        bound = _bound(column, kind, "lte", due_by)
        if after is not None:
            bound &= _bound(column, kind, "gt", after)
        condition |= earlier_empty & bound
        earlier_empty &= Q(**{f"{column}__isnull": True})
    return condition


def _start_of(obj, chain) -> datetime.date | None:
    """The start date of one loaded row, as the window reads it (`file__closed_on` needs its file loaded)."""
    for column, kind in chain:
        value = obj
        for part in column.split("__"):
            value = getattr(value, part)
        if value is not None:
            return timezone.localdate(value) if kind == MOMENT else value
    return None


# Documents: each type of the catalogue with a period of its own (the others go with their file).


def document_types() -> list[DocumentType]:
    return list(DocumentType.objects.filter(retention_years__isnull=False))


_DOCUMENT_STARTS = {
    DocStart.FILE_CLOSED: [("file__closed_on", DATE)],
    DocStart.DOCUMENT_DATE: [("document_date", DATE), ("created_at", MOMENT)],
    DocStart.RECEIVED: [("created_at", MOMENT)],
}


def document_start(document: Document, doc_type: DocumentType) -> datetime.date | None:
    return _start_of(document, _DOCUMENT_STARTS[doc_type.retention_start])


def due_documents(window: Window, types: list[DocumentType] | None = None) -> QuerySet[Document]:
    """The documents due in `window`, by type, in the order they arrived (served by the indexes on type and
    date, documents/migrations/0005_retention_indexes.py)."""
    types = document_types() if types is None else types
    condition = Q(pk__in=[])
    for doc_type in types:
        chain = _DOCUMENT_STARTS[doc_type.retention_start]
        condition |= _in_window(chain, doc_type.retention_years, window, within=Q(type_id=doc_type.pk))
    return Document.objects.filter(condition).order_by("type__position", "type__label", "created_at", "id")


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
    Start.FILE_CLOSED: [("file__closed_on", DATE)],
    Start.LETTER_DATE: [("created_at", MOMENT)],
    Start.LETTER_NOTIFIED: [("notified_on", DATE), ("sent_on", DATE), ("created_at", MOMENT)],
}


def letter_start(letter: Letter, rule: RetentionRule) -> datetime.date | None:
    return _start_of(letter, _LETTER_STARTS[rule.start])


def due_letters(window: Window, rules: list[RetentionRule] | None = None) -> QuerySet[Letter]:
    """The letters due in `window` and not yet anonymised, by kind, in the order they were written."""
    rules = letter_rules() if rules is None else rules
    condition = Q(pk__in=[])
    for rule in rules:
        condition |= _in_window(_LETTER_STARTS[rule.start], rule.years, window, within=Q(kind=rule.key))
    return (
        Letter.objects.filter(condition)
        .exclude(Exists(Disposal.objects.filter(target_type=LETTER, target_id=OuterRef("pk"))))
        .order_by("kind", "created_at", "id")
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
        .filter(_in_window([("closed_on", DATE)], rule.years, window))
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
        start_on = document_start(document, doc_type)
        items.append(
            DueItem(
                category="document",
                obj=document,
                file=document.file,
                group=doc_type.label,
                rule=document_rule(doc_type),
                start_on=start_on,
                due_on=years_after(start_on, doc_type.retention_years),
                disposal=RetentionRule.Disposal.DELETE,
            )
        )
    return items


def letter_items(letters: Iterable[Letter], rules: dict[str, RetentionRule]) -> list[DueItem]:
    items = []
    for letter in letters:
        rule = rules[letter.kind]
        start_on = letter_start(letter, rule)
        items.append(
            DueItem(
                category="letter",
                obj=letter,
                file=letter.file,
                group=rule.key_label,
                rule=rule_text(rule),
                start_on=start_on,
                due_on=years_after(start_on, rule.years),
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
