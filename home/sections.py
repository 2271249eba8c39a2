"""Accueil: one section per role the user holds, each read from the queues and selectors that already exist.

A section is what the role starts its day on: its queues (workflow.queues, read by workflow.queue_pages), the
next meeting, the files to assign, the security alerts. Each shows at most SHOWN rows and links to its full
list. Every read goes through a selector that applies the access policy, and each costs a fixed number of
queries whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from access.policy import Action, can, user_roles
from access.roles import Role
from audit import selectors as audit_selectors
from committee.models import Meeting
from committee.selectors import meetings_for
from files import selectors as file_selectors
from workflow.queue_pages import top, with_queue
from workflow.queues import BY_KEY, queues_for

SHOWN = 10


@dataclass
class Block:
    """One list or panel of a section, drawn by `template` (home/blocks/<kind>.html) from `data`."""

    kind: str
    title: Promise | str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Section:
    role: Role
    title: Promise
    blocks: list[Block]


def _queue(user, key: str, *, pressing: bool = False, title=None) -> list[Block]:
    """The queue's first rows (only the late and at-risk ones if `pressing`), if the user holds the queue."""
    queue = BY_KEY[key]
    if queue not in queues_for(user):
        return []
    items, total = top(user, queue, SHOWN, pressing=pressing)
    rows = [(item, with_queue(item.url, key)) for item in items]
    data = {"queue": queue, "rows": rows, "total": total, "url": reverse("queues:queue", args=[key])}
    data["pressing"] = pressing
    return [Block("queue", title or queue.label, data)]


def queue_totals(found: list[Section]) -> dict[str, int]:
    """The whole length of each queue the sections read in full (a pressing-only block counts fewer)."""
    blocks = [b for s in found for b in s.blocks if b.kind == "queue" and not b.data["pressing"]]
    return {b.data["queue"].key: b.data["total"] for b in blocks}


def _my_files(user) -> list[Block]:
    files = file_selectors.my_files(user)
    data = {"files": file_selectors.with_request_counts(files[:SHOWN]), "total": files.count()}
    data["url"] = reverse("files:my_files")
    return [Block("files", _("Mes dossiers"), data)]


def _unassigned(user) -> list[Block]:
    if not can(user, Action.ASSIGN_FILE):
        return []
    files = file_selectors.unassigned_files(user)
    shown = file_selectors.with_request_counts(files[:SHOWN])
    total = len(shown) if len(shown) < SHOWN else files.count()
    data = {
        "files": shown,
        "total": total,
        "url": reverse("files:my_files") + "#unassigned-title",
        "assign": True,
    }
    return [Block("files", _("À attribuer"), data)]


def next_meeting(user) -> Meeting | None:
    """The first meeting not yet closed from today on, among those the user may see."""
    today = audit_selectors.day_start(timezone.localdate())
    meetings = meetings_for(user).exclude(status=Meeting.Status.CLOSED).filter(starts_at__gte=today)
    return meetings.order_by("starts_at", "pk").first()


def _meeting(user, *, agenda: bool) -> list[Block]:
    meeting = next_meeting(user)
    data: dict[str, Any] = {"meeting": meeting}
    if meeting is not None:
        items = meeting.items.select_related("proposal__aid_type", "proposal__file").order_by("number")
        # Counted in every case, so that the page costs the same queries whatever the agenda's length.
        data["items"] = list(items[:SHOWN]) if agenda else []
        data["total"] = items.count()
    return [Block("meeting", _("Prochaine séance"), data)]


def _alerts(user) -> list[Block]:
    """Today's break-glass accesses, failed log-ins and prints (the security adviser's screens, for today)."""
    today = timezone.localdate()
    period = {"day_from": today, "day_to": today}
    query = "?" + urlencode({"day_from": f"{today:%d/%m/%Y}", "day_to": f"{today:%d/%m/%Y}"})
    accesses = audit_selectors.break_glass_accesses(user, **period).order_by("-opened_at")
    data = {
        "accesses": list(accesses[:SHOWN]),
        "counts": [
            (_("Accès exceptionnels"), accesses.count(), reverse("audit:break_glass") + query),
            (
                _("Connexions échouées"),
                audit_selectors.failed_logins(user, **period).count(),
                reverse("audit:failed_logins") + query,
            ),
            (
                _("Impressions et exports"),
                audit_selectors.printed_copies(user, **period).count(),
                reverse("audit:prints") + query,
            ),
        ],
    }
    return [Block("alerts", _("Alertes du jour"), data)]


def _registers(user) -> list[Block]:
    links = []
    if can(user, Action.REGISTER_MAIL):
        links.append((_("Registre du courrier entrant"), reverse("mail:register")))
    if can(user, Action.DISPATCH_LETTER):
        links.append((_("Courrier sortant"), reverse("letters:register")))
    return [Block("links", _("Registres"), {"links": links})] if links else []


def _admin(user) -> list[Block]:
    links = []
    if can(user, Action.MANAGE_USERS):
        links += [
            (_("Comptes des utilisateurs"), reverse("admin:auth_user_changelist")),
            (_("Équipes"), reverse("admin:access_team_changelist")),
        ]
    if can(user, Action.MANAGE_CATALOGUE):
        links.append((_("Catalogue des aides"), reverse("admin:aid_aidtype_changelist")))
    return [Block("links", _("Administration"), {"links": links})] if links else []


def _handoffs(user) -> list[Block]:
    """The head's page choosing, per aid type, the hand-offs the system takes for them."""
    if not can(user, Action.SET_HANDOFFS):
        return []
    links = [
        (_("Circuit des propositions (passages automatiques par type d'aide)"), reverse("queues:handoffs"))
    ]
    return [Block("links", _("Réglages"), {"links": links})]


def _dashboard(user) -> list[Block]:
    """The heads' and the direction's figures: lead times, waiting files, missed deadlines."""
    if not can(user, Action.VIEW_DASHBOARD):
        return []
    links = [(_("Tableau de bord : délais, attentes, échéances"), reverse("dashboards:dashboard"))]
    return [Block("links", _("Tableau de bord"), {"links": links})]


# Each role's section, in the order a user holding several roles sees them.
ROLE_SECTIONS = (
    (
        Role.SOCIAL_WORKER,
        _("Votre travail"),
        lambda u: _queue(u, "a-rediger") + _queue(u, "piis") + _queue(u, "courrier") + _my_files(u),
    ),
    (
        Role.HEAD_SOCIAL_WORKER,
        _("Chef de service"),
        lambda u: _queue(u, "a-valider") + _unassigned(u) + _dashboard(u) + _handoffs(u),
    ),
    (Role.LEGAL_OFFICER, _("Service juridique"), lambda u: _queue(u, "avis") + _queue(u, "notifications")),
    (
        Role.COMMITTEE_SECRETARY,
        _("Secrétariat du comité"),
        lambda u: (
            _meeting(u, agenda=False) + _queue(u, "comite", title=_("Prêt pour la séance")) + _dashboard(u)
        ),
    ),
    (
        Role.PRESIDENT,
        _("Présidence"),
        lambda u: (
            _queue(u, "comite", pressing=True, title=_("Urgences"))
            + _meeting(u, agenda=False)
            + _dashboard(u)
        ),
    ),
    (Role.COMMITTEE_MEMBER, _("Comité"), lambda u: _meeting(u, agenda=True)),
    (Role.PAYMENT_CLERK, _("Service des paiements"), lambda u: _queue(u, "paiements")),
    (Role.RECOVERY_CLERK, _("Avances et récupérations"), lambda u: _queue(u, "recuperations")),
    (Role.MAIL_CLERK, _("Cellule courrier"), lambda u: _queue(u, "courrier") + _registers(u)),
    (Role.BCSS_OPERATOR, _("Cellule Banque Carrefour"), lambda u: _queue(u, "bcss")),
    (Role.SECURITY_OFFICER, _("Sécurité et protection des données"), _alerts),
    (Role.ADMIN, _("Administration"), _admin),
)


def sections(user) -> list[Section]:
    """The user's sections, one per role held that has work to show."""
    held = user_roles(user)
    found = []
    for role, title, blocks in ROLE_SECTIONS:
        if role.value in held:
            shown = blocks(user)
            if shown:
                found.append(Section(role, title, shown))
    return found
