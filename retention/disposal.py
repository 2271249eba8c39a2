"""Deleting and anonymising what is due (manage.py apply_retention --apply).

Each item goes in a transaction of its own, after its holds are read again inside it; each deletion is
recorded in the audit trail with ids, dates, the rule and hash prefixes, never the content, and in the
Disposal ledger that a re-run skips. Stored bytes are removed from storage once the transaction commits (a
rolled-back deletion keeps them).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, ProtectedError

from audit.services import Verb, record
from documents.models import Document, StoredContent
from files.models import AidRequest, FileEvent, Report, SocialFile
from letters.models import Letter
from people.models import Address, BankAccount, HouseholdMember, Person, Resource
from people.normalize import search_name
from retention import selectors
from retention.models import Disposal, RetentionRule
from search.fulltext import schedule_report
from workflow.models import Decision, Hearing, Opinion, Proposal, ProposalVersion, StepRecord

# The name the audit trail gives to the command (it runs without a user).
ACTOR = "apply_retention"
PURPOSE = "Durée de conservation échue"


@dataclass
class Outcome:
    done: list[selectors.DueItem] = field(default_factory=list)
    held: list[selectors.DueItem] = field(default_factory=list)
    refused: list[tuple[selectors.DueItem, str]] = field(default_factory=list)


def apply(on: datetime.date) -> Outcome:
    """Delete or anonymise everything due on `on` that no hold keeps."""
    outcome = Outcome()
    for item in selectors.due(on):
        if item.holds:
            outcome.held.append(item)
            continue
        try:
            with transaction.atomic():
                file = SocialFile.objects.select_for_update().get(pk=item.file.pk)
                holds = selectors.holds_for([file], on)[file.pk]
                if holds:  # a hold set since the list was read
                    item.holds = holds
                    outcome.held.append(item)
                    continue
                _DISPOSE[item.category](item)
        except ProtectedError as error:  # something else (another app) still points to it: kept
            outcome.refused.append((item, str(error.protected_objects)))
            continue
        outcome.done.append(item)
    return outcome


def pseudonym(kind: str, pk: int) -> str:
    """A stable pseudonym: the same object always gets the same one, and it names nothing else."""
    return "Anonyme-" + hashlib.sha256(f"{kind}:{pk}".encode()).hexdigest()[:8].upper()


def _ledger(target, item: selectors.DueItem, action: str) -> None:
    Disposal.objects.get_or_create(
        target_type=target._meta.label_lower,
        target_id=target.pk,
        defaults={"file_id": item.file.pk, "action": action, "rule": item.rule[:300]},
    )


def _when(item: selectors.DueItem) -> dict:
    return {"rule": item.rule, "start": item.start_on.isoformat(), "due": item.due_on.isoformat()}


# Documents.


def _dispose_document(item: selectors.DueItem) -> None:
    delete_document(item.obj, detail=_when(item))
    _ledger(item.obj, item, RetentionRule.Disposal.DELETE)


def delete_document(document: Document, *, detail: dict) -> None:
    """Delete a document, its versions, and the stored contents no longer used by anything else."""
    versions = list(document.versions.select_related("original", "archived", "thumbnail"))
    contents = {
        content.pk: content
        for version in versions
        for content in (version.original, version.archived, version.thumbnail)
        if content is not None
    }
    record(
        actor=None,
        username=ACTOR,
        verb=Verb.DELETE,
        target=document,
        file_id=document.file_id,
        person_id=document.person_id,
        purpose=PURPOSE,
        detail={
            **detail,
            "retention": "document",
            "type": document.type.code,
            "document_date": document.document_date.isoformat() if document.document_date else None,
            "added": document.created_at.date().isoformat(),
            "versions": [version.number for version in versions],
            "contents": sorted(content.sha256[:12] for content in contents.values()),
        },
    )
    pk = document.pk
    document.delete()
    document.pk = pk  # the ledger names it after the row is gone
    _purge_contents(contents.values())


def _purge_contents(contents) -> None:
    """Delete the contents nothing refers to any more: the row now, the stored bytes after the commit."""
    for content in contents:
        if _referenced(content):
            continue
        name = content.storage_name
        content.delete()
        transaction.on_commit(lambda name=name: _delete_stored(name))


def _referenced(content: StoredContent) -> bool:
    # Every relation to a content, whichever app declares it (versions today, others tomorrow), hidden ones
    # (related_name="+") included.
    relations = [
        field
        for field in StoredContent._meta.get_fields(include_hidden=True)
        if field.auto_created and not field.concrete and (field.one_to_many or field.one_to_one)
    ]
    return any(
        relation.related_model._default_manager.filter(**{relation.field.name: content}).exists()
        for relation in relations
    )


def _delete_stored(name: str) -> None:
    from django.core.files.storage import default_storage

    default_storage.delete(name)


# Letters.


def _dispose_letter(item: selectors.DueItem) -> None:
    letter: Letter = item.obj
    rule = RetentionRule.objects.get(target=RetentionRule.Target.LETTER_KIND, key=letter.kind)
    dispose_letter(letter, disposal=rule.disposal, detail=_when(item))
    if rule.disposal == RetentionRule.Disposal.ANONYMISE:
        _ledger(letter, item, rule.disposal)


def dispose_letter(letter: Letter, *, disposal: str, detail: dict) -> None:
    """Delete a letter, or keep its row of the outgoing register without its PDF, its returned copies and the
    recipient's name."""
    files = [letter.pdf] + [copy.pdf for copy in letter.returned_copies.all()]
    record(
        actor=None,
        username=ACTOR,
        verb=Verb.DELETE,
        target=letter,
        file_id=letter.file_id,
        purpose=PURPOSE,
        detail={
            **detail,
            "retention": "letter",
            "disposal": disposal,
            "kind": letter.kind,
            "code": letter.code,
            "created": letter.created_at.date().isoformat(),
            "returned_copies": [copy.sha256[:12] for copy in letter.returned_copies.all()],
        },
    )
    if disposal == RetentionRule.Disposal.DELETE:
        pk = letter.pk
        letter.delete()
        letter.pk = pk
    else:
        letter.returned_copies.all().delete()
        Letter.objects.filter(pk=letter.pk).update(
            pdf="", recipient=pseudonym("person", letter.file.beneficiary_id)
        )
    for stored in files:
        if stored:
            transaction.on_commit(lambda storage=stored.storage, name=stored.name: storage.delete(name))


# Files.


def _dispose_file(item: selectors.DueItem) -> None:
    anonymise_file(item.file, item=item)
    _ledger(item.file, item, RetentionRule.Disposal.ANONYMISE)


REMOVED = "—"  # in place of a required text removed


def anonymise_file(file: SocialFile, *, item: selectors.DueItem) -> None:
    """The whole content of a file: its documents deleted, its letters reduced to their register row, its
    texts removed; its beneficiary pseudonymised when nothing else still needs their identity."""
    detail = _when(item)
    documents = list(file.documents.select_related("type"))
    for document in documents:
        delete_document(document, detail={**detail, "with_file": True})
    disposed = Disposal.objects.filter(target_type=selectors.LETTER).values("target_id")
    letters = list(file.letters.exclude(pk__in=disposed).select_related("file"))
    for letter in letters:
        dispose_letter(
            letter, disposal=RetentionRule.Disposal.ANONYMISE, detail={**detail, "with_file": True}
        )
        _ledger(letter, item, RetentionRule.Disposal.ANONYMISE)
    Report.objects.filter(file=file).update(title=REMOVED, body="", version=F("version") + 1)
    for report in Report.objects.filter(file=file):  # their removed words leave the search index
        schedule_report(report)
    FileEvent.objects.filter(file=file).update(summary=REMOVED)
    AidRequest.objects.filter(file=file).update(details="")
    proposals = Proposal.objects.filter(file=file)
    proposals.update(
        computation="",
        conditions="",
        motivation_facts="",
        motivation_law="",
        amount_override_reason="",
        piis_dispensation_reason="",
        version=F("version") + 1,
    )
    ProposalVersion.objects.filter(proposal__in=proposals).update(content={})
    StepRecord.objects.filter(proposal__in=proposals).update(comment="")
    Hearing.objects.filter(proposal__in=proposals).update(attendees=REMOVED, summary="")
    Opinion.objects.filter(proposal__in=proposals).update(text="")
    Decision.objects.filter(proposal__in=proposals).update(comment="")
    person_done = _pseudonymise_beneficiary(file)
    record(
        actor=None,
        username=ACTOR,
        verb=Verb.DELETE,
        target=file,
        purpose=PURPOSE,
        detail={
            **detail,
            "retention": "file",
            "disposal": RetentionRule.Disposal.ANONYMISE,
            "closed_on": file.closed_on.isoformat(),
            "documents": len(documents),
            "letters": len(letters),
            "beneficiary_pseudonymised": person_done,
        },
    )


def _pseudonymise_beneficiary(file: SocialFile) -> bool:
    """Replace the beneficiary's identity by a pseudonym, unless another file of theirs is not yet anonymised
    or they belong to someone else's household (who still needs to know them)."""
    person_id = file.beneficiary_id
    disposed = Disposal.objects.filter(target_type=selectors.FILE).values("target_id")
    others = SocialFile.objects.filter(beneficiary_id=person_id).exclude(pk=file.pk).exclude(pk__in=disposed)
    if others.exists() or HouseholdMember.objects.filter(member_id=person_id).exists():
        return False
    name = pseudonym("person", person_id)
    person = Person.objects.get(pk=person_id)
    Person.objects.filter(pk=person_id).update(
        last_name=name,
        first_names="",
        national_number=None,
        # The year alone stays, for the statistics by age.
        birth_date=person.birth_date.replace(month=1, day=1) if person.birth_date else None,
        phone="",
        email="",
        email_consent_on=None,
        email_consent_withdrawn_on=None,
        search_name=search_name(name, ""),
        version=F("version") + 1,
    )
    Address.objects.filter(person_id=person_id).delete()
    BankAccount.objects.filter(person_id=person_id).delete()
    Resource.objects.filter(person_id=person_id).update(note="")
    HouseholdMember.objects.filter(person_id=person_id).delete()
    return True


_DISPOSE = {"document": _dispose_document, "letter": _dispose_letter, "file": _dispose_file}
