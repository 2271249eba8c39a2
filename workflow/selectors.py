"""Reads of proposals, always through the access policy: a proposal is seen by whoever may see its file."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from access.policy import Action, can
from files.models import AidRequest, SocialFile
from workflow.models import Proposal
from workflow.proposals import CLOSED_STATES


def proposals_of(user, file: SocialFile) -> QuerySet[Proposal]:
    """The proposals of a file the user may see (none when the file is not visible)."""
    if not can(user, Action.VIEW_FILE, file):
        return Proposal.objects.none()
    return file.proposals.select_related("aid_type", "category", "author")


def requests_with_proposals(user, file: SocialFile) -> QuerySet[AidRequest]:
    """The file's requests, each with its proposals (for the "Demandes et décisions" tab)."""
    return file.requests.prefetch_related(Prefetch("proposals", queryset=proposals_of(user, file)))


def attach_holders(proposals) -> None:
    """Set `.holder` (workflow.holders: who holds it, since when) on each proposal, in a fixed number of
    queries: a page of requests shows the line under each proposal."""
    from workflow.holders import holders

    proposals = list(proposals)
    found = holders(proposals)
    for proposal in proposals:
        proposal.holder = found.get(proposal.pk)


def get_proposal(user, file: SocialFile, pk: int) -> Proposal:
    """A proposal of this file, or 404 (exactly as a missing one) when the user may not see the file."""
    proposal = (
        proposals_of(user, file)
        .select_related("request", "file__team", "file__primary_worker", "file__beneficiary")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def get_request(user, file: SocialFile, pk: int) -> AidRequest:
    if not can(user, Action.VIEW_FILE, file):
        raise Http404
    request = file.requests.filter(pk=pk).first()
    if request is None:
        raise Http404
    return request


def open_proposal(aid_request: AidRequest) -> Proposal | None:
    """The proposal still in progress for a request (one at a time), if any."""
    return aid_request.proposals.exclude(state__in=CLOSED_STATES).first()


def steps_of(proposal: Proposal):
    return proposal.steps.select_related("actor")


def hearings_of(proposal: Proposal):
    return proposal.hearings.select_related("recorded_by")


def latest_social_report(user, file: SocialFile):
    """The file's latest social report `user` may read (None without the right to read reports, or none):
    its facts go into a proposal's motivation (workflow.report_facts)."""
    from files.models import Report
    from files.selectors import visible_reports

    return visible_reports(user, file).filter(kind=Report.Kind.SOCIAL_REPORT).first()
