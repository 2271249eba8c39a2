"""The policy checked against an independent, hand-written table (issue 10, point 4).

Written from the domain (README "Qui voit quoi", domain.md "Who works on a file"), NOT from POLICY: for each
role, what it may do on a file it follows, a file of its team, a file of another team, a file on the frozen
agenda of a body it sits in, a sealed report it neither wrote nor was chosen for, a file of another team
opened to it under break-glass, and with no file at all. can() on real rows must say exactly this, so a wrong
entry in POLICY fails here.
"""

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from access.models import AccessGrant
from access.policy import POLICY, Action, Scope, can
from access.roles import Role
from files.models import Report
from tests.committee.agenda import put_on_agenda
from tests.factories import SocialFileFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

A = Action
# Groups of actions, named as the domain speaks of them.
READ = {A.VIEW_FILE}  # signalétique, ménage, demandes, historique
DOCUMENTS = {A.VIEW_DOCUMENTS, A.ADD_DOCUMENTS}  # received papers: read them, add them
CASEWORK = {A.VIEW_FILE, A.VIEW_BANK, A.EDIT_FILE, A.VIEW_REPORTS, A.WRITE_REPORTS, A.ADD_REQUEST}
CASEWORK |= {A.WRITE_PROPOSAL} | DOCUMENTS
HEAD = CASEWORK | {A.VIEW_ACCESS_LOG, A.VALIDATE_PROPOSAL, A.ASSIGN_FILE, A.ACCESS_REPORT, A.EXPORT_SPP}
HEAD |= {A.ASSIGN_MAIL}  # gives the mail routed to the service to one of its agents
HEAD |= {A.VIEW_DASHBOARD}  # the team's flow: lead times, waiting files, missed deadlines
# Break-glass: read, add a request, a note or a document; never edit, assign, decide or see who read the file.
BREAK_GLASS = {A.VIEW_FILE, A.VIEW_REPORTS, A.ADD_REQUEST, A.WRITE_REPORTS} | DOCUMENTS
LEGAL = {A.VIEW_FILE, A.VIEW_REPORTS, A.GIVE_OPINION, A.NOTIFY_DECISION, A.DISPATCH_LETTER} | DOCUMENTS
LEGAL |= {A.HOLD_FILE}  # places and lifts the legal holds (gels juridiques), on any file
SECRETARY = {A.VIEW_FILE, A.VIEW_REPORTS, A.VIEW_DOCUMENTS, A.SCHEDULE_PROPOSAL, A.DECIDE}
SECRETARY |= {A.VIEW_DASHBOARD}  # with the president, the direction reading the whole flow
PRESIDENT = SECRETARY | {A.DECIDE_URGENT}
# The SPP IS form's data (identity, NISS, amounts): the clerk who sends it and the head who checks it.
# Back office reads the documents that prove resources and accounts, never the social reports.
PAYMENTS = {A.VIEW_FILE, A.VIEW_BANK, A.VIEW_DOCUMENTS, A.SET_UP_PAYMENT, A.REGISTER_SPP, A.EXPORT_SPP}
RECOVERY = {A.VIEW_FILE, A.VIEW_BANK, A.VIEW_DOCUMENTS, A.OPEN_RECOVERY}
NOTHING: set = set()


def same_everywhere(actions: set, *, without_file: set = NOTHING) -> dict:
    """A role that works on every file of the CPAS, whatever its team (and no sealed report)."""
    where = ("followed", "team", "other", "agenda", "break_glass")
    return {**dict.fromkeys(where, actions), "sealed": NOTHING, "none": actions | without_file}


EXPECTED: dict[Role, dict[str, set]] = {
    Role.SOCIAL_WORKER: {
        "followed": CASEWORK | {A.VIEW_ACCESS_LOG},  # the file's own worker sees who read it
        "team": CASEWORK,
        "other": NOTHING,
        "agenda": NOTHING,  # sitting in a body gives agenda files to the member role only
        "sealed": NOTHING,
        "break_glass": BREAK_GLASS,
        "none": CASEWORK | {A.VIEW_ACCESS_LOG, A.CREATE_FILE},
    },
    Role.HEAD_SOCIAL_WORKER: {
        "followed": HEAD,
        "team": HEAD,
        "other": NOTHING,
        "agenda": NOTHING,
        "sealed": NOTHING,  # "pas même le chef de service"
        "break_glass": BREAK_GLASS,
        # Chooses, per aid type, the hand-offs the system takes for them (on no file).
        "none": HEAD | {A.CREATE_FILE, A.SET_HANDOFFS},
    },
    Role.LEGAL_OFFICER: same_everywhere(LEGAL, without_file={A.FILE_SCANS}),
    Role.COMMITTEE_MEMBER: {
        "followed": NOTHING,
        "team": NOTHING,
        "other": NOTHING,
        # The whole file, reports and documents included, but never the bank.
        "agenda": {A.VIEW_FILE, A.VIEW_REPORTS, A.VIEW_DOCUMENTS},
        "sealed": NOTHING,
        "break_glass": NOTHING,
        "none": {A.VIEW_FILE, A.VIEW_REPORTS, A.VIEW_DOCUMENTS, A.ATTEND_MEETING},
    },
    Role.COMMITTEE_SECRETARY: same_everywhere(SECRETARY, without_file={A.MANAGE_MEETINGS, A.ATTEND_MEETING}),
    Role.PRESIDENT: same_everywhere(PRESIDENT, without_file={A.ATTEND_MEETING}),
    Role.PAYMENT_CLERK: same_everywhere(PAYMENTS),
    Role.RECOVERY_CLERK: same_everywhere(RECOVERY),
    Role.RECEPTION: {
        # The desk takes the papers a person brings (adds documents) but reading them is casework.
        "followed": {A.VIEW_FILE, A.ADD_REQUEST, A.ADD_DOCUMENTS},
        "team": {A.VIEW_FILE, A.ADD_REQUEST, A.ADD_DOCUMENTS},
        "other": NOTHING,
        "agenda": NOTHING,
        "sealed": NOTHING,
        "break_glass": {A.VIEW_FILE, A.ADD_REQUEST, A.ADD_DOCUMENTS},
        "none": {
            A.VIEW_FILE,
            A.ADD_REQUEST,
            A.ADD_DOCUMENTS,
            A.CREATE_FILE,
        },  # registers newcomers for every antenne
    },
    # Files what comes in, into any file, without reading back the file's documents.
    Role.MAIL_CLERK: same_everywhere(
        READ | {A.DISPATCH_LETTER, A.ADD_DOCUMENTS}, without_file={A.FILE_SCANS, A.REGISTER_MAIL}
    ),
    # Registers the CPAS's access to the person in the BCSS sector directory, for any file; reads no report.
    Role.BCSS_OPERATOR: same_everywhere(READ | {A.MANAGE_BCSS}),
    Role.ADMIN: same_everywhere(NOTHING, without_file={A.MANAGE_USERS, A.MANAGE_CATALOGUE}),
    Role.SECURITY_OFFICER: same_everywhere({A.ACCESS_REPORT}, without_file={A.VIEW_AUDIT, A.VIEW_RETENTION}),
}

# Actions taken on no file at all: compared only in the "none" column.
NO_FILE = {
    A.CREATE_FILE,
    A.MANAGE_CATALOGUE,
    A.SET_HANDOFFS,
    A.MANAGE_MEETINGS,
    A.ATTEND_MEETING,
    A.FILE_SCANS,
    A.REGISTER_MAIL,
    A.VIEW_RETENTION,
    A.MANAGE_USERS,
    A.VIEW_AUDIT,
}
FILE_ACTIONS = set(Action) - NO_FILE
ON_AN_ITEM = {A.VIEW_REPORTS, A.WRITE_REPORTS, A.VIEW_DOCUMENTS}


@pytest.fixture
def world():
    own, other = TeamFactory(name="Antenne Mons-Centre"), TeamFactory(name="Antenne Jemappes")
    users = {role: UserFactory(role=role.value, teams=[own]) for role in Role}
    author, reader = (UserFactory(role=Role.SOCIAL_WORKER.value, teams=[own]) for _ in range(2))
    team_file = SocialFileFactory(team=own, primary_worker=author)
    sealed = Report.objects.create(
        file=team_file,
        kind=Report.Kind.NOTE,
        title="Violence conjugale",
        body="<p>x</p>",
        author=author,
        confidentiality=Report.Confidentiality.SEALED,
    )
    sealed.sealed_readers.set([reader])
    agenda_file = SocialFileFactory(team=other, primary_worker=UserFactory(teams=[other]))
    body = put_on_agenda(agenda_file, UserFactory(role=Role.COMMITTEE_MEMBER.value)).meeting.body
    body.members.add(*users.values())
    opened = SocialFileFactory(team=other)
    for user in users.values():
        AccessGrant.objects.create(
            user=user,
            file=opened,
            kind=AccessGrant.Kind.BREAK_GLASS,
            source=f"user:{user.pk}",
            reason="Permanence du samedi",
            ends_at=timezone.now() + datetime.timedelta(hours=1),
        )
    return {
        "users": users,
        "targets": {
            "team": team_file,
            "other": SocialFileFactory(team=other),
            "agenda": agenda_file,
            "sealed": sealed,
            "break_glass": opened,
        },
    }


def mismatches(world, role: Role) -> list[str]:
    user = User.objects.get(pk=world["users"][role].pk)
    targets = {**world["targets"], "followed": SocialFileFactory(team=world["targets"]["team"].team)}
    targets["followed"].primary_worker = user
    targets["followed"].save()
    found = []
    for situation, expected in EXPECTED[role].items():
        if situation == "none":
            allowed = {a for a in Action if can(user, a)}
        else:
            actions = ON_AN_ITEM if situation == "sealed" else FILE_ACTIONS
            allowed = {a for a in actions if can(user, a, targets[situation])}
            expected = expected & actions
        if allowed != expected:
            extra = sorted(a.value for a in allowed - expected)
            missing = sorted(a.value for a in expected - allowed)
            found.append(f"{role.value} / {situation}: granted beyond the table {extra}, refused {missing}")
    return found


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_the_policy_matches_the_hand_written_table(world, role):
    assert mismatches(world, role) == []


def test_the_table_covers_every_role():
    assert set(EXPECTED) == set(Role)


@pytest.mark.parametrize(
    ("role", "action", "scope"),
    [
        (Role.PAYMENT_CLERK, A.VIEW_REPORTS, Scope.ALL),  # a clerk reading social reports
        (Role.COMMITTEE_MEMBER, A.VIEW_BANK, Scope.AGENDA),  # a councillor reading bank accounts
        (Role.RECEPTION, A.EDIT_FILE, Scope.TEAM),
        (Role.HEAD_SOCIAL_WORKER, A.ASSIGN_FILE, Scope.ALL),  # another antenne's files
        (Role.PRESIDENT, A.DECIDE_URGENT, Scope.NONE),  # a right withdrawn
    ],
    ids=str,
)
def test_a_wrong_entry_in_the_policy_is_caught(world, monkeypatch, role, action, scope):
    monkeypatch.setitem(POLICY, role, {**POLICY[role], action: scope})
    if scope is Scope.NONE:
        monkeypatch.setitem(POLICY, role, {a: s for a, s in POLICY[role].items() if a is not action})
    assert mismatches(world, role)
