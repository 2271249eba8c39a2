"""The one access policy: who may do what on which social file.

Every view, search, download and API endpoint asks `can()` or starts from `visible_files()`.
The policy is declared as data (POLICY) so that tests enumerate it role by role.
Need to know (art. 36 and 50 of the organic law): being a Django superuser grants no access to file content.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any

from django.db.models import F, Q, QuerySet
from django.db.models.lookups import In

from access.confidentiality import Level
from access.roles import Role

if TYPE_CHECKING:
    from files.models import SocialFile


class Scope(IntEnum):
    NONE = 0
    OWN = 1  # files of which the user is the primary social worker
    # Files a body member must read to decide: granted to a body they sit in (AccessGrant) when its agenda is
    # frozen, or while an urgent decision it will ratify awaits it.
    AGENDA = 2
    TEAM = 3  # files whose team is one of the user's teams (or opened by break-glass, see below)
    ALL = 4  # every file (or, for an action on no file, simply allowed)
    # Scopes are not nested (a body member reads agenda files outside any team): a user's reach is the union
    # of the scopes their roles give, never the widest one alone.


class Action(StrEnum):
    VIEW_FILE = "file.view"  # signalétique, household, requests, timeline
    VIEW_BANK = "file.view_bank"  # bank accounts and payment account changes
    EDIT_FILE = "file.edit"  # identity, addresses, household, bank accounts, file data
    VIEW_REPORTS = "file.view_reports"  # social report, visit reports, follow-up notes
    WRITE_REPORTS = "file.write_reports"
    ADD_REQUEST = "file.add_request"
    ASSIGN_FILE = "file.assign"  # primary social worker, team, status
    CREATE_FILE = "file.create"  # register a person and open a file
    VIEW_ACCESS_LOG = "file.view_access_log"  # who read or changed this file (Consultations)
    # Documents received (identity card, lease, pay slips, letters received…): each one's confidentiality
    # narrows its readers as a report's does.
    VIEW_DOCUMENTS = "file.view_documents"
    ADD_DOCUMENTS = "file.add_documents"
    # Decisions (workflow): write, validate, give an opinion, put on the agenda, decide, decide in urgency.
    WRITE_PROPOSAL = "proposal.write"
    VALIDATE_PROPOSAL = "proposal.validate"
    GIVE_OPINION = "proposal.opinion"
    SCHEDULE_PROPOSAL = "proposal.schedule"
    DECIDE = "proposal.decide"
    DECIDE_URGENT = "proposal.decide_urgent"
    # Back office: each kind of task a decision creates, in its own queue.
    NOTIFY_DECISION = "decision.notify"  # write the notifications, start their batches
    # Post what was written: outgoing mail register, dispatch, registered-mail posting list, batch PDFs.
    DISPATCH_LETTER = "letter.dispatch"
    SET_UP_PAYMENT = "decision.payment"
    OPEN_RECOVERY = "decision.recovery"
    REGISTER_SPP = "decision.spp"
    EXPORT_SPP = "decision.spp_export"  # the SPP IS form's data of a decision (identity, NISS, amounts)
    MANAGE_CATALOGUE = "aid.manage"
    # Per aid type, which hand-offs the system takes for the head (validate asks the opinion, a favourable
    # opinion makes the proposal ready): catalogue data the head of service chooses, for the whole CPAS.
    SET_HANDOFFS = "aid.handoffs"
    # Committee meetings (no file): the secretary plans them and builds the agenda; members sit in them.
    MANAGE_MEETINGS = "meeting.manage"
    ATTEND_MEETING = "meeting.attend"
    # Scanned returned letters (no file until their QR code is read): upload, file by hand, delete.
    FILE_SCANS = "mail.file_scans"
    # Incoming mail (courrier entrant): the mail cell registers each piece and routes it to a service; the
    # head of that service gives it to an agent. Whoever it is given to handles it.
    REGISTER_MAIL = "mail.register"
    ASSIGN_MAIL = "mail.assign"
    # Retention: what is due for deletion or anonymisation (the DPO watches it; a command applies it).
    VIEW_RETENTION = "retention.view"
    # A legal hold (gel juridique) on a file: nothing of it is deleted or anonymised while it applies. The
    # legal service, which follows the appeals and the courts' requests, places and lifts it; the DPO sees the
    # holds on the retention page (VIEW_RETENTION), read only.
    HOLD_FILE = "retention.hold"
    # The BCSS cell registers and unregisters the CPAS's access to a person in the sector directory
    # (ManageAccess), on any file: identity only, never the social reports.
    MANAGE_BCSS = "bcss.manage"
    ACCESS_REPORT = "person.access_report"  # GDPR art. 15: everything held about a person, and who read it
    MANAGE_USERS = "users.manage"
    VIEW_AUDIT = "audit.view"
    # The flow's dashboards (lead times, waiting, missed deadlines, hand-offs): the head for their teams, the
    # direction reading the whole flow (no direction role exists: the president and the committee secretary).
    VIEW_DASHBOARD = "dashboard.view"


_CASEWORK = {
    Action.VIEW_FILE: Scope.TEAM,
    Action.VIEW_BANK: Scope.TEAM,
    Action.EDIT_FILE: Scope.TEAM,
    Action.VIEW_REPORTS: Scope.TEAM,
    Action.WRITE_REPORTS: Scope.TEAM,
    Action.VIEW_DOCUMENTS: Scope.TEAM,
    Action.ADD_DOCUMENTS: Scope.TEAM,
    Action.ADD_REQUEST: Scope.TEAM,
    Action.CREATE_FILE: Scope.TEAM,  # in their own teams only
    Action.WRITE_PROPOSAL: Scope.TEAM,
    # A file's social worker sees who read it: papers need not be kept aside "so that Tartempion does not
    # read them". Their head of service sees it for the whole team.
    Action.VIEW_ACCESS_LOG: Scope.OWN,
}
# Members (elected councillors) read the whole file they decide on, and only while they decide on it.
_MEMBER = {
    Action.VIEW_FILE: Scope.AGENDA,
    Action.VIEW_REPORTS: Scope.AGENDA,
    Action.VIEW_DOCUMENTS: Scope.AGENDA,
    Action.ATTEND_MEETING: Scope.ALL,
}
# The secretary and the president read every file (read only): one builds agendas from every ready proposal,
# the other may have to decide alone in urgency on any file.
_COMMITTEE = {
    Action.VIEW_FILE: Scope.ALL,
    Action.VIEW_REPORTS: Scope.ALL,
    Action.VIEW_DOCUMENTS: Scope.ALL,
    Action.ATTEND_MEETING: Scope.ALL,
}
# The secretary prepares the agenda and records what the committee decides; the president may decide alone.
_SECRETARY = {
    **_COMMITTEE,
    Action.SCHEDULE_PROPOSAL: Scope.ALL,
    Action.DECIDE: Scope.ALL,
    Action.MANAGE_MEETINGS: Scope.ALL,
    Action.VIEW_DASHBOARD: Scope.ALL,
}
# The president's postponement in session puts the item on the next meeting's agenda (schedule).
_PRESIDENT = {
    **_COMMITTEE,
    Action.DECIDE: Scope.ALL,
    Action.DECIDE_URGENT: Scope.ALL,
    Action.SCHEDULE_PROPOSAL: Scope.ALL,
    Action.VIEW_DASHBOARD: Scope.ALL,
}
# Payments and recovery work from identity, bank details, requests and the documents that prove them (bank
# statements, pay slips), never from the social reports; a restricted or sealed document stays closed to them.
_BACK_OFFICE = {Action.VIEW_FILE: Scope.ALL, Action.VIEW_BANK: Scope.ALL, Action.VIEW_DOCUMENTS: Scope.ALL}
# Mail and BCSS cells file and fetch for others: identity, household and requests only.
_SUPPORT = {Action.VIEW_FILE: Scope.ALL}

POLICY: dict[Role, dict[Action, Scope]] = {
    Role.SOCIAL_WORKER: _CASEWORK,
    Role.HEAD_SOCIAL_WORKER: {
        **_CASEWORK,
        Action.VIEW_ACCESS_LOG: Scope.TEAM,
        Action.VALIDATE_PROPOSAL: Scope.TEAM,
        Action.ASSIGN_FILE: Scope.TEAM,
        Action.ASSIGN_MAIL: Scope.TEAM,
        Action.ACCESS_REPORT: Scope.TEAM,
        Action.EXPORT_SPP: Scope.TEAM,  # checks what the SPP IS will receive for the team's decisions
        Action.SET_HANDOFFS: Scope.ALL,  # on no file: the catalogue's circuit choices
        Action.VIEW_DASHBOARD: Scope.TEAM,  # where the team's files wait, how long they take
    },
    # The legal service gives opinions and writes or controls the notifications.
    Role.LEGAL_OFFICER: {
        Action.VIEW_FILE: Scope.ALL,
        Action.VIEW_REPORTS: Scope.ALL,
        Action.VIEW_DOCUMENTS: Scope.ALL,
        Action.ADD_DOCUMENTS: Scope.ALL,  # court decisions, lawyers' letters
        Action.GIVE_OPINION: Scope.ALL,
        Action.HOLD_FILE: Scope.ALL,
        Action.NOTIFY_DECISION: Scope.ALL,
        Action.DISPATCH_LETTER: Scope.ALL,
        Action.FILE_SCANS: Scope.ALL,
    },
    Role.COMMITTEE_MEMBER: _MEMBER,
    Role.COMMITTEE_SECRETARY: _SECRETARY,
    Role.PRESIDENT: _PRESIDENT,
    Role.PAYMENT_CLERK: {
        **_BACK_OFFICE,
        Action.SET_UP_PAYMENT: Scope.ALL,
        Action.REGISTER_SPP: Scope.ALL,
        Action.EXPORT_SPP: Scope.ALL,
    },
    Role.RECOVERY_CLERK: {**_BACK_OFFICE, Action.OPEN_RECOVERY: Scope.ALL},
    # Reception works for its own antenne; any other file only by break-glass, with a reason. It does not file
    # scans: pages not yet filed may belong to any antenne's file, and only whole-CPAS roles may see them.
    Role.RECEPTION: {
        Action.VIEW_FILE: Scope.TEAM,
        Action.ADD_REQUEST: Scope.TEAM,
        Action.ADD_DOCUMENTS: Scope.TEAM,  # the papers a person brings to the desk; reading them is casework
        Action.CREATE_FILE: Scope.ALL,  # the desk registers newcomers for every antenne
    },
    # The mail cell posts the letters the legal service wrote; it never writes them. It registers and files
    # what comes in, into any file, without reading back what a file holds.
    Role.MAIL_CLERK: {
        **_SUPPORT,
        Action.DISPATCH_LETTER: Scope.ALL,
        Action.FILE_SCANS: Scope.ALL,
        Action.ADD_DOCUMENTS: Scope.ALL,
        Action.REGISTER_MAIL: Scope.ALL,
    },
    Role.BCSS_OPERATOR: {**_SUPPORT, Action.MANAGE_BCSS: Scope.ALL},
    Role.ADMIN: {Action.MANAGE_USERS: Scope.ALL, Action.MANAGE_CATALOGUE: Scope.ALL},
    # The security adviser opens no file: the journal, filtered by reference, shows who read it.
    Role.SECURITY_OFFICER: {
        Action.VIEW_AUDIT: Scope.ALL,
        Action.ACCESS_REPORT: Scope.ALL,
        Action.VIEW_RETENTION: Scope.ALL,
    },
}

# Break-glass: someone whose role works on its team's files (another antenne, on-call, reception) may open a
# file of another team by giving a reason, for a limited time. It grants these actions, at the role's own
# level; never editing, assigning or restricted items (those need the author or the file's head of service).
BREAK_GLASS_ACTIONS = frozenset(
    {
        Action.VIEW_FILE,
        Action.VIEW_REPORTS,
        Action.VIEW_DOCUMENTS,
        Action.ADD_DOCUMENTS,
        Action.ADD_REQUEST,
        Action.WRITE_REPORTS,
    }
)


def user_roles(user: Any) -> frozenset[str]:
    """The role codes of a user, read once per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if not hasattr(user, "_access_roles"):
        valid = {r.value for r in Role}
        user._access_roles = frozenset(n for n in user.groups.values_list("name", flat=True) if n in valid)
    return user._access_roles


def user_team_ids(user: Any) -> frozenset[int]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if not hasattr(user, "_access_teams"):
        user._access_teams = frozenset(user.memberships.values_list("team_id", flat=True))
    return user._access_teams


# The grant kinds each scope reads: break-glass extends a team's reach, agenda and ratification a member's.
_GRANT_KINDS = {Scope.TEAM: ("break_glass",), Scope.AGENDA: ("agenda", "ratification")}


def _grants_for(user: Any, kinds: tuple[str, ...]) -> QuerySet:
    """The files granted now to the user, or to a body they sit in, as a subquery of file ids."""
    from access.models import AccessGrant, BodySeat

    seats = BodySeat.objects.filter(user_id=user.pk).values("body")
    return (
        AccessGrant.objects.active()
        .filter(Q(user_id=user.pk) | Q(body__in=seats), kind__in=kinds)
        .values("file_id")
    )


def granted_file_ids(user: Any, scope: Scope) -> frozenset[int]:
    """Files that time-bound grants open to the user at `scope` (read once per request)."""
    if not hasattr(user, "_access_grants"):
        user._access_grants = {}
    if scope not in user._access_grants:
        user._access_grants[scope] = frozenset(
            _grants_for(user, _GRANT_KINDS[scope]).values_list("file_id", flat=True)
        )
    return user._access_grants[scope]


def may_break_glass(user: Any) -> bool:
    """Does the user work on its own team's files (so that opening another team's file needs a reason)?"""
    scopes = scopes_for(user, Action.VIEW_FILE)
    return Scope.TEAM in scopes and Scope.ALL not in scopes


def remember_access(user: Any, *, group_names, team_ids) -> None:
    """Hand the policy a user's groups and teams already loaded (prefetched), sparing its own queries."""
    valid = {r.value for r in Role}
    user._access_roles = frozenset(n for n in group_names if n in valid)
    user._access_teams = frozenset(team_ids)


def scopes_for(user: Any, action: Action) -> frozenset[Scope]:
    """The scopes the user's roles give for `action`: their union is what the user may reach."""
    scopes = {POLICY[Role(r)].get(action, Scope.NONE) for r in user_roles(user)}
    return frozenset(scopes - {Scope.NONE})


def scope_for(user: Any, action: Action) -> Scope:
    """The widest scope: say only whether the user reaches every file (ALL) or none (NONE) with it."""
    return max(scopes_for(user, action), default=Scope.NONE)


def _file_of(obj: Any) -> SocialFile:
    return obj if hasattr(obj, "team_id") and hasattr(obj, "reference") else obj.file


def is_head_of(user: Any, file: SocialFile) -> bool:
    return Role.HEAD_SOCIAL_WORKER in user_roles(user) and file.team_id in user_team_ids(user)


def _reaches(user: Any, action: Action, scope: Scope, file: SocialFile) -> bool:
    if scope is Scope.ALL:
        return True
    if scope is Scope.OWN:
        return file.primary_worker_id == user.pk
    if scope is Scope.AGENDA:
        return file.pk in granted_file_ids(user, Scope.AGENDA)
    return file.team_id in user_team_ids(user) or (
        action in BREAK_GLASS_ACTIONS and file.pk in granted_file_ids(user, Scope.TEAM)
    )


def can(user: Any, action: Action, obj: Any = None) -> bool:
    """May `user` take `action` on `obj` (a social file or anything with a `.file`)?

    Without an object, says whether the user may take the action on at least some files.
    """
    scopes = scopes_for(user, action)
    if not scopes:
        return False
    if obj is None:
        return True
    file = _file_of(obj)
    if not any(_reaches(user, action, scope, file) for scope in scopes):
        return False
    if action in _ITEM_ACTIONS and hasattr(obj, "confidentiality"):
        return may_read_item(user, obj, file)
    return True


# Actions on an item with a confidentiality level (report, note, document): the level narrows them.
_ITEM_ACTIONS = (Action.VIEW_REPORTS, Action.WRITE_REPORTS, Action.VIEW_DOCUMENTS)


def may_read_item(user: Any, item: Any, file: SocialFile) -> bool:
    """Within a file the user may read, may they read this item (report, note) given its confidentiality?"""
    if item.author_id == user.pk or item.confidentiality == Level.TEAM:
        return True
    if item.confidentiality == Level.RESTRICTED:
        return is_head_of(user, file)
    return item.sealed_readers.filter(pk=user.pk).exists()


def report_readers() -> dict[Scope, list[Role]]:
    """The roles that read a file's reports and notes open to the whole team, by how far their role reaches:
    the file's team (TEAM), while their body decides on it (AGENDA), or every file (ALL)."""
    readers: dict[Scope, list[Role]] = {}
    for role, actions in POLICY.items():
        scope = actions.get(Action.VIEW_REPORTS, Scope.NONE)
        if scope is not Scope.NONE:
            readers.setdefault(scope, []).append(role)
    return readers


def may_edit_item(user: Any, item: Any) -> bool:
    """A report or note is corrected by its author, or by the head of service of the file's team, and only by
    someone who may write the file's reports and read this item."""
    file = _file_of(item)
    if not can(user, Action.WRITE_REPORTS, file) or not can(user, Action.VIEW_REPORTS, item):
        return False
    return item.author_id == user.pk or can(user, Action.ASSIGN_FILE, file)


def _report_roles(scope: Scope) -> list[str]:
    return [role.value for role, actions in POLICY.items() if actions.get(Action.VIEW_REPORTS) is scope]


def may_be_sealed_reader(user: Any, file: SocialFile) -> bool:
    """May a sealed item of `file` name `user` as a reader? Only someone who reads the file's reports by their
    role (everywhere, or in the file's team), never through a grant that ends (agenda, break-glass)."""
    scopes = scopes_for(user, Action.VIEW_REPORTS)
    return Scope.ALL in scopes or (Scope.TEAM in scopes and file.team_id in user_team_ids(user))


def sealed_reader_candidates(file: SocialFile) -> QuerySet:
    """The accounts may_be_sealed_reader() accepts for `file`, as a queryset of users."""
    from django.contrib.auth import get_user_model

    in_team = Q(groups__name__in=_report_roles(Scope.TEAM), memberships__team_id=file.team_id)
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(groups__name__in=_report_roles(Scope.ALL)) | in_team).distinct()


def readable_items(user: Any, file: SocialFile, *, sealed_for_user: QuerySet, key: str = "pk") -> Q:
    """Filter for a file's items the user may read, by confidentiality (the file's access is checked already).

    `sealed_for_user` gives the ids of the sealed items naming the user; `key` is the field they match.
    """
    readable = Q(confidentiality=Level.TEAM) | Q(author_id=user.pk)
    if is_head_of(user, file):
        readable |= Q(confidentiality=Level.RESTRICTED)
    return readable | Q(confidentiality=Level.SEALED, **{f"{key}__in": sealed_for_user})


def readable_items_anywhere(user: Any, action: Action, path: str = "", *, sealed: Q) -> Q | None:
    """readable_items() for every file `user` reaches for `action` at once: the condition on items with a
    file, a confidentiality and an author (reached through `path`, e.g. "document__"); None for none.

    `sealed` names the sealed items naming the user. A restricted item opens to the head of service of its
    file's team. The files are subqueries, so that a database may start from the items' own index.
    """
    from files.models import SocialFile

    scopes = scopes_for(user, action)
    if not scopes:
        return None
    level = f"{path}confidentiality"
    readable = Q(**{level: Level.TEAM}) | Q(**{f"{path}author_id": user.pk})
    if Role.HEAD_SOCIAL_WORKER in user_roles(user):
        own_teams = SocialFile.objects.filter(team_id__in=user_team_ids(user)).values("pk")
        readable |= Q(**{level: Level.RESTRICTED, f"{path}file__in": own_teams})
    readable |= Q(**{level: Level.SEALED}) & sealed
    if Scope.ALL in scopes:
        return readable
    files = SocialFile.objects.filter(_estimable_reach(user, action, scopes)).values("pk")
    return Q(**{f"{path}file__in": files}) & readable


class _AmongGranted(In):
    """`id IN (the granted files)`, written `= ANY(ARRAY(...))` on PostgreSQL: it then counts on a few files,
    where for a subquery OR-ed with the team's files it assumes half of them all, and walks whole tables
    of reports or texts to find a social worker's few (a plan 10 times slower)."""

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)  # "(SELECT ...)"
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


def _estimable_reach(user: Any, action: Action, scopes: frozenset[Scope]) -> Q:
    """file_reach()'s condition on a file, its grants as _AmongGranted."""
    reach = Q()
    for scope in scopes:
        for lookup, value in _reach_parts(user, action, scope):
            among = lookup == "pk__in"
            reach |= Q(_AmongGranted(F("pk"), value.order_by())) if among else Q(**{lookup: value})
    return reach


def _reach_parts(user: Any, action: Action, scope: Scope) -> list[tuple[str, Any]]:
    """A scope's files as conditions on the file, to be OR-ed: (lookup, value) pairs."""
    if scope is Scope.OWN:
        return [("primary_worker_id", user.pk)]
    if scope is Scope.AGENDA:
        return [("pk__in", _grants_for(user, _GRANT_KINDS[Scope.AGENDA]))]
    mine = [("team_id__in", user_team_ids(user))]
    if action in BREAK_GLASS_ACTIONS:
        mine.append(("pk__in", _grants_for(user, _GRANT_KINDS[Scope.TEAM])))
    return mine


def _files_in(user: Any, action: Action, scope: Scope, path: str) -> Q:
    reach = Q()
    for lookup, value in _reach_parts(user, action, scope):  # the grants as a subquery: no extra round trip
        reach |= Q(**{f"{path}{lookup}": value})
    return reach


def file_reach(user: Any, action: Action, path: str = "") -> Q | None:
    """The condition on a file, reached from another model through `path` (e.g. "proposal__file__"), for the
    files on which `user` may take `action`: Q() for every file, None for none.

    The rule of visible_files(), as a join rather than a subquery: a database then starts from the few rows
    a list wants (open proposals, open tasks) instead of walking everything the user's files hold.
    """
    scopes = scopes_for(user, action)
    if Scope.ALL in scopes:
        return Q()
    if not scopes:
        return None
    reach = Q()
    for scope in scopes:
        reach |= _files_in(user, action, scope, path)
    return reach


def visible_files(user: Any, action: Action = Action.VIEW_FILE) -> QuerySet[SocialFile]:
    """The social files on which `user` may take `action`, as a queryset to refine."""
    from files.models import SocialFile

    reach = file_reach(user, action)
    return SocialFile.objects.none() if reach is None else SocialFile.objects.filter(reach)


def may_record_meeting(user: Any, *, president_id: int | None, secretary_id: int | None) -> bool:
    """The meeting's recorder (who records what it decides): that body's secretary or president, who holds
    the right to decide."""
    return getattr(user, "pk", None) in (president_id, secretary_id) and can(user, Action.DECIDE)
