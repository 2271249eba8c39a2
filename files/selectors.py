"""Reads of social files, always through the access policy."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from access.models import Membership, Team
from access.policy import Action, can, readable_items, sealed_reader_candidates, visible_files
from access.roles import Role
from audit import selectors as audit_selectors
from documents.models import Document
from documents.selectors import hidden_sealed_documents
from files.models import AidRequest, FileEvent, Report, SocialFile
from people import selectors as people_selectors
from people.models import Person

CASEWORK_ROLES = [Role.SOCIAL_WORKER.value, Role.HEAD_SOCIAL_WORKER.value]


def assignable_workers(teams: QuerySet[Team]) -> list:
    """The active social workers and heads of `teams`, each once (a head of two antennes, a worker with two
    roles), with `offered_teams`: their memberships among `teams`, by team name."""
    memberships = Membership.objects.filter(team__in=teams).select_related("team").order_by("team__name")
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=CASEWORK_ROLES, memberships__team__in=teams)
        .distinct()
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="offered_teams"))
    )
    return list(users)


def my_files(user) -> QuerySet[SocialFile]:
    """Mes dossiers: files assigned to the user, newest activity first."""
    return (
        visible_files(user)
        .filter(primary_worker=user)
        .select_related("beneficiary", "team")
        .order_by("-last_activity_at", "-id")
    )


def unassigned_files(user) -> QuerySet[SocialFile]:
    """À attribuer: files of the teams a head of service assigns that have no primary worker yet."""
    return (
        visible_files(user, Action.ASSIGN_FILE)
        .filter(primary_worker__isnull=True)
        .exclude(status=SocialFile.Status.CLOSED)
        .select_related("beneficiary", "team")
        .order_by("-last_activity_at", "-id")
    )


def with_request_counts(files) -> list[SocialFile]:
    """`files` (one page of a list) as a list, each with its `request_count`, counted in one grouped query for
    these files only rather than for every file of the list."""
    files = list(files)
    counts = dict(
        AidRequest.objects.filter(file__in=[f.pk for f in files])
        .order_by()
        .values_list("file")
        .annotate(Count("pk"))
    )
    for f in files:
        f.request_count = counts.get(f.pk, 0)
    return files


def files_concerning(user, person: Person) -> list[dict]:
    """Files where `person` is the beneficiary or in the household, each saying whether `user` may open it.

    Used to point at an existing file when someone is registered twice; a file the user may not see is
    described by its team only.
    """
    files = list(
        SocialFile.objects.filter(Q(beneficiary=person) | Q(beneficiary__household__member=person))
        .select_related("beneficiary", "team")
        .distinct()
    )
    visible = set(visible_files(user).filter(pk__in=[f.pk for f in files]).values_list("pk", flat=True))
    return [
        {"file": f, "visible": f.pk in visible, "as_member": f.beneficiary_id != person.pk} for f in files
    ]


def get_file(user, pk: int, action: Action = Action.VIEW_FILE) -> SocialFile:
    """The file if `user` may take `action` on it; otherwise 404, exactly as if it did not exist."""
    try:
        return (
            visible_files(user, action)
            .select_related("beneficiary__email_consent_recorded_by", "team", "primary_worker")
            .get(pk=pk)
        )
    except SocialFile.DoesNotExist:
        raise Http404 from None


def file_page_data(user, file: SocialFile, *, latest: int = 5) -> dict:
    """What the summary page shows, in a fixed number of queries whatever the file's size."""
    person = file.beneficiary
    current_household, _former = people_selectors.household(person)
    reports = visible_reports(user, file)
    return {
        "current_addresses": [a for a in people_selectors.address_history(person) if a.is_current],
        "household": current_household,
        "resources": people_selectors.household_resources(person),
        "payment_account": (
            people_selectors.payment_account(person) if can(user, Action.VIEW_BANK, file) else None
        ),
        "requests": list(requests_of(file)[:latest]),
        "request_count": file.requests.count(),
        "can_view_reports": can(user, Action.VIEW_REPORTS, file),
        "reports": list(reports[:latest]),
        "report_count": reports.count(),
    }


def requests_of(file: SocialFile) -> QuerySet:
    """The file's requests, newest first (the caller has already been allowed to see the file)."""
    return file.requests.select_related("registered_by")


def visible_reports(user, file: SocialFile) -> QuerySet[Report]:
    """The file's reports `user` may read, newest first (none without the right to read reports)."""
    if not can(user, Action.VIEW_REPORTS, file):
        return Report.objects.none()
    return file.reports.select_related("author").filter(
        readable_items(user, file, sealed_for_user=_sealed_report_ids(user))
    )


def report_counts(user, file: SocialFile) -> dict[str, int]:
    """How many of the file's reports `user` may read, by kind, in one grouped query."""
    counts = dict.fromkeys(Report.Kind.values, 0)
    counts.update(visible_reports(user, file).order_by().values_list("kind").annotate(Count("pk")))
    return counts


def _sealed_report_ids(user) -> QuerySet:
    return Report.sealed_readers.through.objects.filter(user_id=user.pk).values("report_id")


def hidden_sealed_reports(user, files) -> list[int]:
    """Ids of the sealed reports of `files` that `user` may not read: even their existence stays hidden."""
    hidden = []
    for file in files:
        sealed = file.reports.filter(confidentiality=Report.Confidentiality.SEALED)
        if can(user, Action.VIEW_REPORTS, file):
            sealed = sealed.exclude(readable_items(user, file, sealed_for_user=_sealed_report_ids(user)))
        hidden += sealed.values_list("pk", flat=True)
    return hidden


def without_hidden_reports(user, events: QuerySet, files) -> QuerySet:
    """Audit events minus those about a sealed report `user` may not read (its id, title or readers)."""
    hidden = [str(pk) for pk in hidden_sealed_reports(user, files)]
    return events.exclude(target_type=Report._meta.label_lower, target_id__in=hidden)


def consultations(user, file: SocialFile) -> QuerySet:
    """The Consultations tab: every read and change of the file, as far as `user` may know of it (nothing
    about a sealed report or document they may not read)."""
    events = without_hidden_reports(user, audit_selectors.file_access_log(user, file), [file])
    hidden = [str(pk) for pk in hidden_sealed_documents(user, file)]
    return events.exclude(target_type=Document._meta.label_lower, target_id__in=hidden)


def timeline(user, file: SocialFile, *, limit: int | None = None) -> QuerySet[FileEvent]:
    """The file's events in date order (newest first); report events only for those who may read reports."""
    events = file.events.select_related("author")
    if not can(user, Action.VIEW_BANK, file):
        events = events.exclude(kind=FileEvent.Kind.BANK_ACCOUNT)
    if can(user, Action.VIEW_REPORTS, file):
        events = events.filter(
            readable_items(user, file, sealed_for_user=_sealed_report_ids(user), key="report_id")
        )
    else:
        events = events.filter(report__isnull=True)
    return events[:limit] if limit else events


def get_report(user, file: SocialFile, pk: int) -> Report:
    try:
        return visible_reports(user, file).get(pk=pk)
    except Report.DoesNotExist:
        raise Http404 from None


def report_reader_candidates(file: SocialFile, *, exclude=None) -> QuerySet:
    """Who a sealed report of this file can name (access.policy decides), by name."""
    users = sealed_reader_candidates(file)
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.prefetch_related("groups").order_by("last_name", "first_name")
