"""Every page of a social file, for every role, on a file of the user's team and on one of another team.

The required action of each page is read from its view (`action`), the expected answer from the access policy:
404 when the file is not visible (exactly as a file that does not exist), 403 when the role lacks the action.
A new page under a file is enrolled here by itself.
"""

import re

import pytest
from django.urls import NoReverseMatch, URLPattern, get_resolver, reverse

from access.policy import Action, can
from access.roles import Role
from files.models import AidRequest, Report
from files.sections import FileSectionMixin
from people.models import BankAccount, HouseholdMember, Resource
from printouts.views.frame import FilePrintoutView
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.login import verified_login
from tests.workflow.conftest import ri_type
from workflow.models import Proposal

pytestmark = pytest.mark.django_db


def file_pages() -> list[tuple[str, type]]:
    """(namespaced URL name, view class) of every page that belongs to one file."""
    pages = []
    prefixes = {"people": "dossiers/<int:file_pk>/", "workflow": "dossiers/<int:file_pk>/propositions/"}
    for namespace in ("files", "people", "printouts", "workflow"):
        resolver = get_resolver().namespace_dict[namespace][1]
        prefix = prefixes.get(namespace, "")
        for pattern in resolver.url_patterns:
            assert isinstance(pattern, URLPattern)
            route = prefix + str(pattern.pattern)
            if "pk>" in route:
                pages.append((f"{namespace}:{pattern.name}", pattern.callback.view_class))
    return pages


PAGES = file_pages()


def build_file(team, author):
    file = SocialFileFactory(team=team)
    member = PersonFactory()
    answered, open_request = (
        AidRequest.objects.create(file=file, aid=AidRequest.Aid.RI, registered_by=author) for _ in range(2)
    )
    return {
        "request_pk": open_request.pk,  # no proposal yet: its form opens
        "proposal_pk": Proposal.objects.create(
            file=file, request=answered, aid_type=ri_type(), author=author
        ).pk,
        "file": file,
        "report_pk": Report.objects.create(
            file=file, kind=Report.Kind.NOTE, title="Note", body="<p>Note</p>", author=author
        ).pk,
        "link_pk": HouseholdMember.objects.create(
            person=file.beneficiary, member=member, relation="child"
        ).pk,
        "person_pk": member.pk,
        "account_pk": BankAccount.objects.create(
            person=file.beneficiary, iban="BE71096123456769", holder="X", valid_from="2026-01-01"
        ).pk,
        "resource_pk": Resource.objects.create(
            person=member, kind="salary", monthly_amount="1200.00", since="2026-01-01", source="document"
        ).pk,
    }


@pytest.fixture
def world(db):
    own, other = TeamFactory(name="Antenne Hyon"), TeamFactory(name="Antenne Obourg")
    author = UserFactory(role=Role.SOCIAL_WORKER.value, teams=[own])
    users = {role: UserFactory(role=role.value, teams=[own]) for role in Role}
    users["author"] = author
    return {"users": users, "own": build_file(own, author), "other": build_file(other, author)}


def url_for(name, data):
    """The page's URL for this file, with the id of the report, link, person, account, resource, request or
    proposal it names, if any."""
    kwargs = {"pk" if name.startswith("files:") else "file_pk": data["file"].pk}
    for key in (
        "report_pk",
        "link_pk",
        "person_pk",
        "account_pk",
        "resource_pk",
        "request_pk",
        "proposal_pk",
    ):
        try:
            return reverse(name, kwargs={**kwargs, key: data[key]})
        except NoReverseMatch:
            continue
    return reverse(name, kwargs=kwargs)


def expected_status(user, name, view, file, data):
    # A printout may look its file up under its own action (the access report: the security adviser's).
    if not can(user, getattr(view, "file_action", Action.VIEW_FILE), file):
        return 404
    if not can(user, view.action, file):
        return 403
    if name == "files:report_edit":
        report = Report.objects.get(pk=data["report_pk"])
        if report.author_id != user.pk and not can(user, Action.ASSIGN_FILE, file):
            return 403
    return 200


def test_every_file_page_declares_its_action_and_uses_the_policy_frame():
    assert len(PAGES) >= 15
    for name, view in PAGES:
        assert issubclass(view, FileSectionMixin | FilePrintoutView), name
        assert isinstance(view.action, Action), name


@pytest.mark.parametrize("who", [*Role, "author"], ids=str)
@pytest.mark.parametrize("which", ["own", "other"])
def test_each_role_gets_exactly_what_the_policy_grants(client, world, who, which):
    user = world["users"][who]
    data = world[which]
    verified_login(client, user)
    answers = {}
    for name, view in PAGES:
        url = url_for(name, data)
        answers[name] = (client.get(url).status_code, expected_status(user, name, view, data["file"], data))
    wrong = {name: got for name, got in answers.items() if got[0] != got[1]}
    assert not wrong, f"(got, expected) per page for {who} on the {which} team's file: {wrong}"


@pytest.mark.parametrize("who", [Role.SOCIAL_WORKER, Role.HEAD_SOCIAL_WORKER])
def test_sending_a_form_to_a_hidden_file_answers_404_and_changes_nothing(client, world, who):
    verified_login(client, world["users"][who])
    data = world["other"]
    before = data["file"].events.count()
    for name, _view in PAGES:
        assert client.post(url_for(name, data), {"title": "x", "body": "x"}).status_code == 404, name
    assert data["file"].events.count() == before


def test_a_hidden_file_answers_exactly_as_a_missing_one(client, world):
    verified_login(client, world["users"][Role.SOCIAL_WORKER])
    hidden = client.get(reverse("files:detail", args=[world["other"]["file"].pk]))
    missing = client.get(reverse("files:detail", args=[10**9]))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.templates[0].name == missing.templates[0].name
    assert without_tokens(hidden) == without_tokens(missing)


def without_tokens(response) -> str:
    """The page without its CSRF token, which is masked anew at every render."""
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.content.decode())
