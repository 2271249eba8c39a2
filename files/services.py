"""Changes to social files: opening, requests, reports, assignment. Each checks, validates, audits."""

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from access.models import Team
from access.policy import Action, can, may_be_sealed_reader, may_edit_item
from audit.services import Verb, changes_between, record
from bcss import services as bcss_services
from config.concurrency import save_if_unchanged
from files.models import AidRequest, FileEvent, ReferenceSequence, Report, SocialFile
from files.richtext import is_blank, sanitise
from files.timeline import moment_of, record_event
from people import services as people_services
from people.models import Person
from search.fulltext import schedule_report

REPORT_EVENT_KIND = {
    Report.Kind.SOCIAL_REPORT: FileEvent.Kind.SOCIAL_REPORT,
    Report.Kind.HOME_VISIT: FileEvent.Kind.HOME_VISIT,
    Report.Kind.NOTE: FileEvent.Kind.NOTE,
}


def _require(actor, action: Action, obj=None) -> None:
    if not can(actor, action, obj):
        raise PermissionDenied


def next_reference(year: int) -> str:
    """Next reference of `year` in the configured format (e.g. 2026/00042). Call inside a transaction."""
    sequence, _created = ReferenceSequence.objects.select_for_update().get_or_create(year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return settings.FILE_REFERENCE_FORMAT.format(year=year, seq=sequence.last)


def _check_team(team: Team) -> None:
    """Only a social-work team owns a file: a service (legal, payments) works on files, never holds them."""
    if not team.owns_files:
        raise ValidationError(
            {
                "team": _("L'équipe %(team)s est un service : un dossier appartient à une antenne.")
                % {"team": team.name}
            }
        )


def _check_worker(team: Team, worker) -> None:
    if worker is not None and not worker.memberships.filter(team=team).exists():
        raise ValidationError(
            {
                "primary_worker": _("%(worker)s ne fait pas partie de l'équipe %(team)s.")
                % {"worker": worker.get_full_name() or worker.get_username(), "team": team.name}
            }
        )


@transaction.atomic
def open_file(
    *, actor, beneficiary: Person, team: Team, primary_worker=None, opened_on: datetime.date | None = None
) -> SocialFile:
    _require(actor, Action.CREATE_FILE)
    _check_team(team)
    _check_worker(team, primary_worker)
    current = beneficiary.files.exclude(status=SocialFile.Status.CLOSED).first()
    if current:
        raise ValidationError(
            _("Cette personne a déjà un dossier ouvert : %(ref)s.") % {"ref": current.reference}
        )
    opened_on = opened_on or timezone.localdate()
    file = SocialFile.objects.create(
        reference=next_reference(opened_on.year),
        beneficiary=beneficiary,
        team=team,
        primary_worker=primary_worker,
        opened_on=opened_on,
    )
    record(actor=actor, verb=Verb.CREATE, target=file)
    record_event(
        file=file, kind=FileEvent.Kind.OPENED, summary=f"{file.reference} – {team.name}", author=actor
    )
    # The CPAS may consult the BCSS on the person only once registered for this file (issue 15).
    bcss_services.register_access(actor=actor, file=file)
    return file


@transaction.atomic
def register_beneficiary(
    *,
    actor,
    identity: dict[str, Any],
    team: Team,
    primary_worker=None,
    address: dict[str, Any] | None = None,
    first_request: dict[str, Any] | None = None,
) -> SocialFile:
    """A newcomer at the desk: the person, their file, their address and their first request at once."""
    person = people_services.create_person(actor=actor, data=identity)
    file = open_file(actor=actor, beneficiary=person, team=team, primary_worker=primary_worker)
    if address:
        people_services.add_first_address(actor=actor, file=file, data=address)
    if first_request:
        add_request(actor=actor, file=file, **first_request)
    return file


@transaction.atomic
def add_request(
    *,
    actor,
    file: SocialFile,
    aid: str,
    channel: str,
    requested_on: datetime.date | None = None,
    details: str = "",
) -> AidRequest:
    """Register a request on the day it is made; its date starts the legal deadlines."""
    _require(actor, Action.ADD_REQUEST, file)
    requested_on = requested_on or timezone.localdate()
    if requested_on > timezone.localdate():
        raise ValidationError({"requested_on": _("La date de la demande ne peut pas être dans le futur.")})
    request = AidRequest(
        file=file,
        aid=aid,
        channel=channel,
        requested_on=requested_on,
        details=details.strip(),
        registered_by=actor,
    )
    request.full_clean(exclude=["file", "registered_by"])
    request.save()
    record(actor=actor, verb=Verb.CREATE, target=request)
    summary = f"{request.get_aid_display()} ({request.get_channel_display()})"
    record_event(
        file=file,
        kind=FileEvent.Kind.REQUEST,
        summary=summary,
        author=actor,
        occurred_at=moment_of(requested_on),
    )
    # A request examined on a file whose registration ended (or never was made) needs one again.
    bcss_services.register_access(actor=actor, file=file)
    return request


def _clean_report(*, title: str, body: str) -> tuple[str, str]:
    errors = {}
    title = " ".join((title or "").split())
    cleaned = sanitise(body)
    if not title:
        errors["title"] = _("Donnez un titre au rapport.")
    if is_blank(cleaned):
        errors["body"] = _("Le texte du rapport est vide.")
    if errors:
        raise ValidationError(errors)
    return title, cleaned


@transaction.atomic
def write_report(
    *,
    actor,
    file: SocialFile,
    kind: str,
    title: str,
    body: str,
    written_on: datetime.date | None = None,
    confidentiality: str = Report.Confidentiality.TEAM,
    sealed_readers=(),
) -> Report:
    _require(actor, Action.WRITE_REPORTS, file)
    title, cleaned = _clean_report(title=title, body=body)
    readers = _check_readers(file, confidentiality, sealed_readers, author=actor)
    written_on = written_on or timezone.localdate()
    if written_on > timezone.localdate():
        raise ValidationError({"written_on": _("La date ne peut pas être dans le futur.")})
    report = Report.objects.create(
        file=file,
        kind=kind,
        title=title,
        body=cleaned,
        written_on=written_on,
        author=actor,
        confidentiality=confidentiality,
    )
    report.sealed_readers.set(readers)
    schedule_report(report)
    record(actor=actor, verb=Verb.CREATE, target=report, detail=_confidentiality_detail(report, readers))
    record_event(
        file=file,
        kind=REPORT_EVENT_KIND[report.kind],
        summary=title,
        author=actor,
        report=report,
        occurred_at=moment_of(written_on),
    )
    return report


def _check_readers(file: SocialFile, confidentiality: str, readers, *, author) -> list:
    """The named readers of a sealed report: each must be allowed to read this file's reports."""
    if confidentiality != Report.Confidentiality.SEALED:
        return []
    readers = [u for u in readers if u.pk != author.pk]
    refused = [u for u in readers if not u.is_active or not may_be_sealed_reader(u, file)]
    if refused:
        names = ", ".join(u.get_full_name() or u.get_username() for u in refused)
        raise ValidationError(
            {
                "sealed_readers": _(
                    "Ces personnes ne peuvent pas lire les rapports de ce dossier : %(names)s."
                )
                % {"names": names}
            }
        )
    return readers


def _confidentiality_detail(report: Report, readers) -> dict:
    detail = {"confidentiality": report.confidentiality}
    if readers:
        detail["sealed_readers"] = sorted(u.get_username() for u in readers)
    return detail


def _report_audit_values(report: Report) -> dict[str, Any]:
    """What the trail keeps of a report's version: its text only as a SHA-256 fingerprint, so that the
    security adviser's review never shows a note restricted to its author or to named people."""
    return {
        "title": report.title,
        "written_on": report.written_on,
        "confidentiality": report.confidentiality,
        "sealed_readers": ", ".join(sorted(u.get_username() for u in report.sealed_readers.all())),
        "body_sha256": hashlib.sha256(report.body.encode()).hexdigest(),
    }


@transaction.atomic
def update_report(
    *,
    actor,
    report: Report,
    title: str,
    body: str,
    written_on: datetime.date,
    confidentiality: str,
    expected_version: int,
    sealed_readers=(),
) -> Report:
    """Correct a report: only its author or the head of service may."""
    if not may_edit_item(actor, report):
        raise PermissionDenied
    before = _report_audit_values(report)
    report.title, report.body = _clean_report(title=title, body=body)
    readers = _check_readers(report.file, confidentiality, sealed_readers, author=report.author)
    report.written_on = written_on
    report.confidentiality = confidentiality
    save_if_unchanged(
        report, expected_version=expected_version, fields=["title", "body", "written_on", "confidentiality"]
    )
    report.events.update(confidentiality=report.confidentiality)
    report.sealed_readers.set(readers)
    schedule_report(report)
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=report,
        changes=changes_between(before, _report_audit_values(report)),
    )
    record_event(
        file=report.file, kind=FileEvent.Kind.REPORT_EDITED, summary=report.title, author=actor, report=report
    )
    return report


def _assignment_audit_values(file: SocialFile) -> dict[str, Any]:
    """A file's assignment and status in the trail's words: names, which outlive ids' meaning."""
    worker = file.primary_worker
    return {
        "team": file.team.name if file.team_id else None,
        "primary_worker": worker.get_username() if worker else None,
        "status": file.status,
        "closed_on": file.closed_on,
    }


@transaction.atomic
def update_file(
    *,
    actor,
    file: SocialFile,
    team: Team,
    primary_worker,
    status: str,
    closed_on: datetime.date | None,
    expected_version: int,
) -> SocialFile:
    """Assign the file (team, primary social worker) or change its status."""
    _require(actor, Action.ASSIGN_FILE, file)
    _check_team(team)
    _check_worker(team, primary_worker)
    if status == SocialFile.Status.CLOSED and not closed_on:
        closed_on = timezone.localdate()
    if status != SocialFile.Status.CLOSED:
        closed_on = None
    if closed_on and closed_on < file.opened_on:
        raise ValidationError({"closed_on": _("La clôture ne peut précéder l'ouverture du dossier.")})
    before = (file.team_id, file.primary_worker_id, file.status)
    old_values = _assignment_audit_values(file)
    file.team, file.primary_worker, file.status, file.closed_on = team, primary_worker, status, closed_on
    save_if_unchanged(
        file, expected_version=expected_version, fields=["team", "primary_worker", "status", "closed_on"]
    )
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=file,
        changes=changes_between(old_values, _assignment_audit_values(file)),
    )
    if before[:2] != (file.team_id, file.primary_worker_id):
        worker = primary_worker.get_full_name() if primary_worker else _("personne")
        record_event(
            file=file, kind=FileEvent.Kind.ASSIGNMENT, summary=f"{team.name} – {worker}", author=actor
        )
    if before[2] != file.status:
        record_event(file=file, kind=FileEvent.Kind.STATUS, summary=file.get_status_display(), author=actor)
        if file.status == SocialFile.Status.CLOSED:
            bcss_services.unregister_access(actor=actor, file=file)
        elif before[2] == SocialFile.Status.CLOSED:
            bcss_services.register_access(actor=actor, file=file)
    return file
