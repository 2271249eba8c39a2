"""Reads of social files, always through the access policy."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from access.policy import Action, can, restricted_item_filter, visible_files
from files.models import FileEvent, Report, SocialFile
from people.models import Address, BankAccount, HouseholdMember


def my_files(user) -> QuerySet[SocialFile]:
    """Mes dossiers: files assigned to the user, newest activity first."""
    return (
        visible_files(user)
        .filter(primary_worker=user)
        .select_related("beneficiary", "team")
        .order_by("-last_activity_at")
    )


def get_file(user, pk: int, action: Action = Action.VIEW_FILE) -> SocialFile:
    """The file if `user` may take `action` on it; otherwise 404, exactly as if it did not exist."""
    try:
        return visible_files(user, action).select_related("beneficiary", "team", "primary_worker").get(pk=pk)
    except SocialFile.DoesNotExist:
        raise Http404 from None


def file_page_data(user, file: SocialFile) -> dict:
    """Everything the file page shows, in a fixed number of queries whatever the file's size."""
    person = file.beneficiary
    household = (
        HouseholdMember.objects.filter(person=person)
        .select_related("member")
        .prefetch_related(
            Prefetch("member__addresses", queryset=Address.objects.filter(valid_to__isnull=True))
        )
    )
    data = {
        "addresses": list(Address.objects.filter(person=person)),
        "household": list(household),
        "bank_accounts": list(BankAccount.objects.filter(person=person)),
        "requests": list(file.requests.select_related("registered_by")),
        "can_view_reports": can(user, Action.VIEW_REPORTS, file),
        "reports": [],
    }
    if data["can_view_reports"]:
        data["reports"] = list(visible_reports(user, file))
    return data


def visible_reports(user, file: SocialFile) -> QuerySet[Report]:
    if not can(user, Action.VIEW_REPORTS, file):
        return Report.objects.none()
    return file.reports.filter(restricted_item_filter(user, file)).select_related("author")


def timeline(user, file: SocialFile, *, limit: int | None = None) -> QuerySet[FileEvent]:
    """The file's events in date order (newest first); report events only for those who may read reports."""
    events = file.events.select_related("author")
    if can(user, Action.VIEW_REPORTS, file):
        events = events.filter(restricted_item_filter(user, file))
    else:
        events = events.filter(report__isnull=True)
    return events[:limit] if limit else events


def get_report(user, file: SocialFile, pk: int) -> Report:
    try:
        return visible_reports(user, file).get(pk=pk)
    except Report.DoesNotExist:
        raise Http404 from None
