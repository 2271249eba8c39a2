"""What a printed copy holds, read through the access policy: a file, one report, a person's access report."""

from collections.abc import Iterator
from itertools import islice

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from access.policy import Action, can, visible_files
from audit.models import AuditEvent
from files.models import FileEvent, Report, SocialFile
from files.sections import describe_event
from files.selectors import hidden_sealed_reports, without_hidden_reports
from people import selectors as people_selectors
from people.models import HouseholdMember, Person

ACCESS_CHUNK = 400  # audit events laid out per PDF part: bounds the memory of a report on a busy file


def readable_reports(user, file: SocialFile) -> list[Report]:
    """The file's reports `user` may read, each asked of the policy (confidentiality levels live there)."""
    return [r for r in file.reports.select_related("author") if can(user, Action.VIEW_REPORTS, r)]


def report_to_print(user, file: SocialFile, pk: int) -> Report:
    """One report of the file, if the policy lets `user` read it; otherwise 404, as if it did not exist."""
    report = file.reports.select_related("author").filter(pk=pk).first()
    if report is None or not can(user, Action.VIEW_REPORTS, report):
        raise Http404
    return report


def file_printout(user, file: SocialFile) -> dict:
    """A file as printed: identity, household, requests, readable reports; bank details on need to know."""
    person = file.beneficiary
    household, _former = people_selectors.household(person)
    may_view_bank = can(user, Action.VIEW_BANK, file)
    return {
        "file": file,
        "person": person,
        "current_addresses": [a for a in people_selectors.address_history(person) if a.is_current],
        "household": household,
        "requests": list(file.requests.select_related("registered_by")),
        "may_view_reports": can(user, Action.VIEW_REPORTS, file),
        "reports": readable_reports(user, file),
        "may_view_bank": may_view_bank,
        "bank_accounts": people_selectors.bank_accounts(person) if may_view_bank else [],
    }


def access_report_data(user, file: SocialFile) -> dict:
    """GDPR art. 15: everything held about the file's beneficiary, in every file that names them.

    What `user` may not read is listed without its content, so that the person knows it exists.
    """
    if not can(user, Action.ACCESS_REPORT, file):
        raise PermissionDenied
    person = file.beneficiary
    own_files = list(person_files(person).select_related("team", "primary_worker"))
    current, former = people_selectors.household(person)
    return {
        "person": person,
        "addresses": people_selectors.address_history(person),
        "household": current,
        "former_household": former,
        "member_of": HouseholdMember.objects.filter(member=person).select_related("person"),
        "may_view_bank": any(can(user, Action.VIEW_BANK, f) for f in own_files),
        "bank_accounts": people_selectors.bank_accounts(person),
        "files": [_file_as_held(user, f) for f in own_files],
    }


def person_files(person: Person) -> QuerySet[SocialFile]:
    return SocialFile.objects.filter(beneficiary=person).order_by("opened_on", "pk")


def _file_as_held(user, file: SocialFile) -> dict:
    """The file's content; what `user` may not read is named without its content, except a sealed report,
    whose very existence stays with the people it names."""
    hidden = hidden_sealed_reports(user, [file])
    events = file.events.exclude(report_id__in=hidden).select_related("author", "report")
    events = events.order_by("occurred_at", "pk")
    reports = file.reports.exclude(pk__in=hidden).select_related("author").order_by("written_on", "pk")
    return {
        "file": file,
        "requests": list(file.requests.select_related("registered_by").order_by("requested_on", "pk")),
        "reports": [{"report": r, "readable": can(user, Action.VIEW_REPORTS, r)} for r in reports],
        "events": [{"event": e, "readable": _event_readable(user, file, e)} for e in events.iterator()],
    }


def _event_readable(user, file: SocialFile, event: FileEvent) -> bool:
    if event.report_id is not None:
        return can(user, Action.VIEW_REPORTS, event.report)
    if event.kind == FileEvent.Kind.BANK_ACCOUNT:
        return can(user, Action.VIEW_BANK, file)
    return True


def person_accesses(person: Person) -> QuerySet[AuditEvent]:
    """Every recorded access to the person's data, oldest first: events naming the person or their files.

    Events recorded before the trail named the person carry only the file.
    """
    file_ids = person_files(person).values("pk")
    return AuditEvent.objects.filter(Q(person_id=person.pk) | Q(file_id__in=file_ids)).order_by("at", "id")


def access_rows_in_chunks(user, person: Person, size: int = ACCESS_CHUNK) -> Iterator[list[dict]]:
    """The person's accesses as printable rows, `size` at a time, streamed from the database; none about a
    sealed report `user` may not read."""
    files = list(person_files(person))
    references = {f.pk: f.reference for f in files}
    events = without_hidden_reports(user, person_accesses(person), files)
    events = events.select_related("user").iterator(chunk_size=size)
    while chunk := list(islice(events, size)):
        yield [_access_row(e, references) for e in chunk]


def _access_row(event: AuditEvent, references: dict[int, str]) -> dict:
    who = event.user.get_full_name() if event.user else ""
    return {
        "at": event.at,
        "who": f"{who} ({event.username})" if who else event.username,
        "verb": event.get_verb_display(),
        "what": describe_event(event),
        "file": references.get(event.file_id, ""),
        "purpose": event.purpose,
    }


def access_report_file(user, reference: str) -> SocialFile | None:
    """The file with this reference, if `user` may make its beneficiary's access report."""
    if not reference:
        return None
    return visible_files(user, Action.ACCESS_REPORT).filter(reference=reference.strip()).first()
