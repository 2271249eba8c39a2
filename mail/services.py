"""Changes to incoming mail: register, route, assign, handle, link to a file, file. Each checks who may, moves
the mail only as mail.states.MOVES allows, writes in one transaction and records the audit event."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.models import Team
from access.policy import Action, can
from audit.services import Verb, changes_between, record
from documents import content_store
from documents.models import Document, DocumentType
from documents.services import add_document, checked_upload
from files.models import AidRequest, FileEvent, SocialFile
from files.timeline import moment_of, record_event
from mail import rules, senders
from mail.models import IncomingMail, MailSequence, SenderWord
from mail.states import MOVES, State
from workflow.deadlines import add_working_days


def next_number(year: int) -> str:
    """Next mail number of `year` (e.g. CE-2026-000123). Call inside a transaction: the year's row stays
    locked until it commits, so two clerks never get the same number and a rollback leaves no gap."""
    sequence, _created = MailSequence.objects.select_for_update().get_or_create(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return settings.MAIL_NUMBER_FORMAT.format(year=year, seq=sequence.last)


def due_date(received_on: datetime.date) -> datetime.date:
    return add_working_days(received_on, settings.MAIL_DUE_WORKING_DAYS)


def _move(mail: IncomingMail, name: str) -> State:
    """The state `name` leads to, or a French refusal when the mail is not in a state it starts from."""
    move = MOVES[name]
    if mail.state not in move.sources:
        raise ValidationError(
            _("Ce courrier est « %(state)s » : impossible de %(move)s.")
            % {"state": State(mail.state).label.lower(), "move": move.label}
        )
    return move.target


def _begin(mail: IncomingMail) -> dict[str, Any]:
    """Lock the mail's row until the change commits, and refuse if someone changed it since it was read
    (two people acting on the same mail at once: the second is told, nothing is overwritten)."""
    before = _values(mail)
    if _values(IncomingMail.objects.select_for_update().get(pk=mail.pk)) != before:
        raise ValidationError(
            _("Ce courrier vient d'être modifié par quelqu'un d'autre : rechargez la page.")
        )
    return before


def _values(mail: IncomingMail) -> dict[str, Any]:
    return {
        "state": mail.state,
        "team": mail.team_id,
        "assignee": mail.assignee_id,
        "file": mail.file_id,
        "request": mail.request_id,
        "document": mail.document_id,
    }


def _save(mail: IncomingMail, *, actor, before: dict[str, Any], request=None, **detail) -> None:
    if mail.state != before["state"]:
        mail.state_since = timezone.now()
    mail.save()
    changes = changes_between(before, _values(mail))
    record(
        actor=actor, verb=Verb.UPDATE, target=mail, changes=changes, detail=detail or None, request=request
    )


def _checked_scan(data: bytes, *, name: str) -> bytes:
    """The scan as the documents intake accepts it (its safety checks), and a PDF."""
    try:
        data, mime_type = checked_upload(data, name=name or "scan.pdf")
    except ValidationError as error:
        raise ValidationError({"scan": error.messages}) from error
    if mime_type != "application/pdf":
        raise ValidationError({"scan": _("Le scan doit être un fichier PDF.")})
    return data


def _check_request(file: SocialFile | None, aid_request: AidRequest | None) -> None:
    if aid_request is not None and (file is None or aid_request.file_id != file.pk):
        raise ValidationError({"request": _("Cette demande n'appartient pas au dossier choisi.")})


def _on_timeline(mail: IncomingMail, *, actor) -> None:
    record_event(
        file=mail.file,
        kind=FileEvent.Kind.MAIL_RECEIVED,
        summary=f"{mail.number} – {mail.sender_name} : {mail.subject}",
        author=actor,
        occurred_at=moment_of(mail.received_on),
    )


@transaction.atomic
def register(
    *,
    actor,
    sender_name: str,
    subject: str,
    sender_address: str = "",
    received_on: datetime.date | None = None,
    scan: bytes | None = None,
    scan_name: str = "",
    file: SocialFile | None = None,
    aid_request: AidRequest | None = None,
    team: Team | None = None,
    request=None,
) -> IncomingMail:
    """Register a mail as it arrives (its scan stored at once); routed at once when a service is given."""
    if not rules.is_clerk(actor):
        raise PermissionDenied
    received_on = received_on or timezone.localdate()
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("La date de réception ne peut pas être dans le futur.")})
    if file is not None and not can(actor, Action.ADD_DOCUMENTS, file):
        raise PermissionDenied
    _check_request(file, aid_request)
    content = None
    if scan:
        content = content_store.store(_checked_scan(scan, name=scan_name), mime_type="application/pdf")
    mail = IncomingMail.objects.create(
        number=next_number(received_on.year),
        received_on=received_on,
        sender_name=sender_name.strip(),
        sender_address=sender_address.strip(),
        subject=subject.strip(),
        content=content,
        content_name=scan_name[:255] if content else "",
        file=file,
        request=aid_request,
        due_on=due_date(received_on),
        registered_by=actor,
    )
    SenderWord.objects.bulk_create(senders.sender_words(mail))
    record(actor=actor, verb=Verb.CREATE, target=mail, detail={"number": mail.number}, request=request)
    if file is not None:
        _on_timeline(mail, actor=actor)
    if team is not None:
        route(actor=actor, mail=mail, team=team, request=request)
    return mail


@transaction.atomic
def route(*, actor, mail: IncomingMail, team: Team, request=None) -> IncomingMail:
    """Send the mail to a service (again, to another one, until it is handled): its head gives it out."""
    if not rules.may_route(actor, mail):
        raise PermissionDenied
    before = _begin(mail)
    mail.state = _move(mail, "route")
    if mail.team_id != team.pk:
        mail.assignee = None
    mail.team = team
    _save(mail, actor=actor, before=before, request=request, move="route")
    return mail


@transaction.atomic
def assign(*, actor, mail: IncomingMail, agent, request=None) -> IncomingMail:
    """The head of the service gives the mail to one of its agents."""
    if not rules.may_assign(actor, mail):
        raise PermissionDenied
    before = _begin(mail)
    mail.state = _move(mail, "assign")
    if not rules.assignable_agents(mail.team_id).filter(pk=agent.pk).exists():
        name = agent.get_full_name() or agent.get_username()
        raise ValidationError(
            {
                "agent": _("%(agent)s ne fait pas partie du service %(team)s.")
                % {"agent": name, "team": mail.team.name}
            }
        )
    mail.assignee = agent
    _save(mail, actor=actor, before=before, request=request, move="assign")
    return mail


@transaction.atomic
def handle(*, actor, mail: IncomingMail, request=None) -> IncomingMail:
    """Its agent (or the head of the service) says the mail is handled."""
    if not rules.may_handle(actor, mail):
        raise PermissionDenied
    before = _begin(mail)
    mail.state = _move(mail, "handle")
    _save(mail, actor=actor, before=before, request=request, move="handle")
    return mail


@transaction.atomic
def link(
    *, actor, mail: IncomingMail, file: SocialFile, aid_request: AidRequest | None = None, request=None
) -> IncomingMail:
    """Say which file (and request) the mail concerns; it then shows on that file's timeline."""
    if not rules.may_link(actor, mail, file):
        raise PermissionDenied
    if mail.state == State.FILED:
        raise ValidationError(_("Ce courrier est déjà classé : son dossier ne change plus."))
    _check_request(file, aid_request)
    before = _begin(mail)
    new_file = mail.file_id != file.pk
    mail.file, mail.request = file, aid_request
    _save(mail, actor=actor, before=before, request=request, move="link")
    if new_file:
        _on_timeline(mail, actor=actor)
    return mail


@transaction.atomic
def file_mail(
    *,
    actor,
    mail: IncomingMail,
    file: SocialFile | None = None,
    aid_request: AidRequest | None = None,
    request=None,
) -> IncomingMail:
    """Classer: the handled mail goes into its file, its scan becoming a document "letter received" there."""
    wanted = (file.pk, aid_request.pk if aid_request else None) if file is not None else None
    if wanted is not None and wanted != (mail.file_id, mail.request_id):
        link(actor=actor, mail=mail, file=file, aid_request=aid_request, request=request)
    if mail.file_id is None:
        raise ValidationError({"file": _("Choisissez le dossier dans lequel classer ce courrier.")})
    if not rules.may_link(actor, mail, mail.file):
        raise PermissionDenied
    before = _begin(mail)
    mail.state = _move(mail, "file")
    if mail.content_id is not None:
        mail.document = as_document(actor=actor, mail=mail)
    _save(mail, actor=actor, before=before, request=request, move="file")
    return mail


def letter_received_type() -> DocumentType:
    """The catalogue's type for a letter received (created again if an admin removed it)."""
    kind, _created = DocumentType.objects.get_or_create(
        code=settings.MAIL_DOCUMENT_TYPE, defaults={"label": _("Courrier reçu")}
    )
    return kind


def as_document(*, actor, mail: IncomingMail) -> Document:
    """The mail's scan as a document "letter received" of its file, through the documents intake (its upload
    checks, the document's audit row and timeline entry, its reading queued)."""
    return add_document(
        user=actor,
        file=mail.file,
        type=letter_received_type(),
        data=content_store.read(mail.content),
        original_name=mail.content_name or f"{mail.number}.pdf",
        request=mail.request,
        document_date=mail.received_on,
        source=Document.Source.POST,
        title=f"{mail.subject} ({mail.number})",
    )
