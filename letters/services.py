"""Writes of the letters app: generate a letter (PDF kept in storage), record its dispatch, run a batch."""

from __future__ import annotations

import datetime
import io
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfWriter

from access.policy import Action, can
from audit.services import Verb, record
from files.models import FileEvent
from files.timeline import moment_of, record_event
from letters import deadlines, rendering
from letters.models import NORMALISED_NUMBER, Batch, Kind, Letter, LetterTemplate
from people import services as people_services
from workflow import notification
from workflow import services as workflow_services
from workflow.models import BackOfficeTask, Decision

logger = logging.getLogger(__name__)

NO_EMAIL_CONSENT = gettext_lazy(
    "La personne n'a pas donné son accord pour recevoir son courrier par e-mail. Enregistrez son accord "
    "dans sa signalétique (« Courrier par e-mail »), ou cochez qu'elle vient de le donner par écrit."
)

# The notification is the back office's task; the other letters belong to the person writing the proposal.
GENERATE_ACTIONS = {
    Kind.ACKNOWLEDGEMENT: (Action.WRITE_PROPOSAL, Action.ADD_REQUEST),
    Kind.NOTIFICATION: (Action.NOTIFY_DECISION,),
    Kind.HEARING: (Action.WRITE_PROPOSAL,),
    Kind.PIIS: (Action.WRITE_PROPOSAL,),
}


def may_generate(user, kind: str, file) -> bool:
    return any(can(user, action, file) for action in GENERATE_ACTIONS[kind])


def generate(*, actor, kind: str, file, request=None, proposal=None, decision=None, batch=None) -> Letter:
    """Render one letter from its template, keep its PDF and write it in the register and the audit trail.

    All or nothing: a template that cannot be rendered writes nothing and says why in French; a PDF stored
    for a letter whose rows are then rolled back is deleted again.
    """
    if not may_generate(actor, kind, file):
        raise PermissionDenied
    if decision is not None:
        proposal = decision.proposal
    if proposal is not None:
        request = proposal.request
    _check_source(kind, file, request, proposal, decision)
    template = LetterTemplate.objects.get(kind=kind)
    context = rendering.context_for(kind, file=file, request=request, proposal=proposal, decision=decision)
    code = rendering.new_code()
    pdf = _render(template, context, code)
    letter = Letter(
        code=code,
        kind=kind,
        file=file,
        request=request,
        proposal=proposal,
        decision=decision,
        batch=batch,
        recipient=rendering.recipient_of(context)[:300],
        created_by=actor,
    )
    try:
        with transaction.atomic():
            letter.pdf.save(f"{code}.pdf", ContentFile(pdf), save=False)
            _write(letter, actor)
    except BaseException:
        if letter.pdf.name:
            letter.pdf.storage.delete(letter.pdf.name)
        raise
    return letter


def _render(template: LetterTemplate, context: dict, code: str) -> bytes:
    try:
        return rendering.render_pdf(rendering.render_html(template, context, code))
    except Exception as error:
        logger.exception("letter template %s could not be rendered", template.kind)
        raise ValidationError(
            _(
                "La lettre « %(kind)s » n'a pas pu être produite : son modèle contient une erreur "
                "(%(error)s). Un administrateur doit corriger le modèle ; aucune lettre n'a été enregistrée."
            )
            % {"kind": template.get_kind_display(), "error": error}
        ) from error


def _write(letter: Letter, actor) -> None:
    """The letter's rows: the register, the audit trail, the timeline and its batch's progress."""
    letter.save()
    file = letter.file
    record(
        actor=actor,
        verb=Verb.CREATE,
        target=letter,
        file_id=file.pk,
        person_id=file.beneficiary_id,
        detail={"kind": letter.kind, "code": letter.code},
    )
    # The timeline names the letter, never its content: whoever reads the file opens the PDF if allowed.
    summary = _("%(kind)s %(code)s") % {"kind": letter.get_kind_display(), "code": letter.code}
    record_event(file=file, kind=FileEvent.Kind.LETTER_WRITTEN, summary=summary, author=actor)
    if letter.batch_id:
        Batch.objects.filter(pk=letter.batch_id).update(done=F("done") + 1)


def _check_source(kind, file, request, proposal, decision) -> None:
    if request is None or request.file_id != file.pk:
        raise ValidationError(_("La lettre doit se rapporter à une demande de ce dossier."))
    if kind in (Kind.HEARING, Kind.PIIS) and proposal is None:
        raise ValidationError(_("Cette lettre se rapporte à une proposition de décision."))
    if kind == Kind.PIIS and not proposal.piis:
        raise ValidationError(_("La proposition ne prévoit pas de PIIS."))
    if kind == Kind.NOTIFICATION and decision is None:
        raise ValidationError(_("Une notification se rapporte à une décision."))
    if kind == Kind.NOTIFICATION and (problem := notification.notification_problem(decision)):
        raise ValidationError(problem)  # without every mention the appeal delay would not start


@transaction.atomic
def dispatch(
    *,
    actor,
    letter: Letter,
    method: str,
    sent_on: datetime.date,
    registered_number: str = "",
    consent_now: bool = False,
    receipt_signed: bool = False,
    request=None,
) -> Letter:
    """Record how and when a letter left; a notification's date starts the appeal delay and ends its task.

    A notification is made by registered letter or handed over against a dated, signed receipt (`sent_on`
    is then the receipt's date). An e-mailed notification is a courtesy copy: it is sent and traced, but the
    letter stays to notify and its task stays open (letters.deadlines).
    """
    if not can(actor, Action.DISPATCH_LETTER, letter.file):
        raise PermissionDenied
    courtesy = deadlines.is_courtesy_copy(letter.kind, method)
    if letter.method and not courtesy:
        raise ValidationError(_("Cette lettre a déjà été envoyée."))
    if sent_on > timezone.localdate():
        raise ValidationError(_("La date d'envoi ne peut pas être dans le futur."))
    if method == Letter.Method.REGISTERED and not registered_number.strip():
        raise ValidationError(_("Indiquez le numéro du recommandé."))
    if method == Letter.Method.HAND and letter.kind == Kind.NOTIFICATION and not receipt_signed:
        raise ValidationError(deadlines.NO_SIGNED_RECEIPT)
    if method == Letter.Method.REGISTERED:
        other = letters_numbered(registered_number).exclude(pk=letter.pk).first()
        if other is not None:
            raise ValidationError({"registered_number": number_taken(other)})
    person = letter.file.beneficiary
    if method == Letter.Method.EMAIL:
        if not person.email:
            raise ValidationError(_("La personne n'a pas d'adresse e-mail dans sa signalétique."))
        if not person.has_email_consent(sent_on):
            if not consent_now:
                raise ValidationError(NO_EMAIL_CONSENT)
            person = people_services.consent_declared_at_dispatch(
                actor=actor, file=letter.file, day=sent_on, request=request
            )
    changes = {}
    if not courtesy:
        letter.method = method
        letter.sent_on = sent_on
        letter.registered_number = registered_number.strip()
        letter.notified_on = deadlines.notified_on(method, sent_on)
        try:
            with transaction.atomic():  # a savepoint: the caller's transaction survives a refused number
                letter.save(update_fields=["method", "sent_on", "registered_number", "notified_on"])
        except IntegrityError as error:
            # Another clerk recorded the same number between our check and our write: the constraint decided.
            other = letters_numbered(registered_number).exclude(pk=letter.pk).first()
            if other is None:
                raise
            raise ValidationError({"registered_number": number_taken(other)}) from error
        notified = letter.notified_on.isoformat() if letter.notified_on else None
        changes = {"method": ("", method), "notified_on": (None, notified)}
    if method == Letter.Method.EMAIL:
        # Once the dispatch is saved: a dispatch rolled back sends nothing.
        address = person.email
        transaction.on_commit(lambda: _send_email(letter, address))
    detail = {}
    if method == Letter.Method.EMAIL:
        detail = {"email_consent_on": person.email_consent_on.isoformat(), "courtesy_copy": courtesy}
    elif method == Letter.Method.HAND and letter.kind == Kind.NOTIFICATION:
        detail = {"receipt_signed_on": sent_on.isoformat()}  # the date the person wrote on the receipt
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=letter,
        file_id=letter.file_id,
        person_id=letter.file.beneficiary_id,
        detail=detail,
        changes=changes,
        request=request,
    )
    record_event(
        file=letter.file,
        kind=FileEvent.Kind.LETTER_SENT,
        summary=deadlines.courtesy_summary(letter, sent_on) if courtesy else sent_summary(letter),
        author=actor,
        occurred_at=moment_of(sent_on),
    )
    if letter.kind == Kind.NOTIFICATION and letter.decision_id and letter.notified_on:
        workflow_services.notification_sent(actor=actor, decision=letter.decision, request=request)
    return letter


def normalise_number(number: str) -> str:
    """As printed on the label: capitals, no spaces (a barcode scanner or a hand may add them)."""
    return "".join(number.split()).upper()


def letters_numbered(*numbers: str):
    """Letters whose registered-mail number is one of these, spaces and case aside (as the constraint)."""
    wanted = {normalise_number(number) for number in numbers} - {""}
    return Letter.objects.alias(number=NORMALISED_NUMBER).filter(number__in=wanted)


def number_taken(other: Letter) -> str:
    return _("Ce numéro de recommandé est déjà utilisé pour la lettre %(code)s.") % {"code": other.code}


def sent_summary(letter: Letter) -> str:
    """How and when it left; for a notification, the day it counts as notified and the appeal deadline."""
    how = {
        Letter.Method.REGISTERED: _("recommandé n° %(number)s déposé le %(day)s"),
        Letter.Method.HAND: _("remise en main propre contre accusé de réception daté et signé du %(day)s")
        if letter.kind == Kind.NOTIFICATION
        else _("remise en main propre le %(day)s"),
        Letter.Method.EMAIL: _("envoyée par e-mail le %(day)s"),
    }[letter.method] % {"number": letter.registered_number, "day": f"{letter.sent_on:%d/%m/%Y}"}
    summary = f"{letter.get_kind_display()} {letter.code} : {how}"
    if letter.kind == Kind.NOTIFICATION and letter.notified_on:
        summary += " ; " + _("notifiée le %(day)s, recours possible jusqu'au %(appeal)s") % {
            "day": f"{letter.notified_on:%d/%m/%Y}",
            "appeal": f"{deadlines.appeal_deadline(letter.notified_on):%d/%m/%Y}",
        }
    return summary


def _send_email(letter: Letter, address: str) -> None:
    message = EmailMessage(
        subject=_("%(kind)s – référence %(reference)s")
        % {"kind": letter.get_kind_display(), "reference": letter.file.reference},
        body=_("Veuillez trouver en pièce jointe le courrier %(code)s du CPAS.") % {"code": letter.code},
        to=[address],
    )
    letter.pdf.open("rb")
    with letter.pdf:
        message.attach(f"{letter.code}.pdf", letter.pdf.read(), "application/pdf")
    message.send()


def notifications_to_send(meeting_id: int | None = None):
    """Decisions whose notification is still to write (task open, no letter yet), oldest first; only those
    of one closed meeting if given. A letter written but not sent is dispatched from the register."""
    decisions = Decision.objects.filter(
        tasks__kind=BackOfficeTask.Kind.NOTIFY,
        tasks__status__in=[BackOfficeTask.Status.TODO, BackOfficeTask.Status.IN_PROGRESS],
    ).exclude(letters__kind=Kind.NOTIFICATION)
    if meeting_id is not None:
        decisions = decisions.filter(
            agenda_item__meeting_id=meeting_id, agenda_item__meeting__status="closed"
        )
    return decisions.order_by("decided_on", "id")


def meetings_to_notify():
    """Closed meetings some of whose decisions still wait for their notification, with how many."""
    from committee.models import Meeting

    open_task = Q(items__decision__in=notifications_to_send())
    return (
        Meeting.objects.filter(status=Meeting.Status.CLOSED)
        .annotate(to_send=Count("items__decision", filter=open_task, distinct=True))
        .filter(to_send__gt=0)
        .select_related("body")
        .order_by("starts_at")
    )


def start_batch(*, actor, decisions) -> Batch:
    """Queue the notification of every decision given, in parts of LETTERS_BATCH_PART decisions that the
    background workers share: with two workers, a meeting's letters are ready in about half the time."""
    decisions = [d for d in decisions if can(actor, Action.NOTIFY_DECISION, d.proposal.file)]
    if not decisions:
        raise ValidationError(_("Aucune notification à envoyer."))
    # Checked before anything is queued: a batch never stops halfway on a letter that lacks a mention.
    problems = [(d.proposal.file.reference, notification.notification_problem(d)) for d in decisions]
    if problems := [f"{reference} : {problem}" for reference, problem in problems if problem]:
        raise ValidationError(problems)
    ids = [d.pk for d in decisions]
    batch = Batch.objects.create(created_by=actor, decision_ids=ids, total=len(ids))
    record(actor=actor, verb=Verb.CREATE, target=batch, detail={"total": batch.total})
    from letters.tasks import write_batch_part

    size = settings.LETTERS_BATCH_PART
    parts = [ids[i : i + size] for i in range(0, len(ids), size)]
    transaction.on_commit(lambda: [write_batch_part.enqueue(batch.pk, part) for part in parts])
    return batch


def run_part(batch: Batch, decision_ids: list[int]) -> None:
    """Write one part's letters (progress counted after each); the part that ends the batch merges every
    letter into one PDF for printing."""
    Batch.objects.filter(pk=batch.pk, status=Batch.Status.QUEUED).update(status=Batch.Status.RUNNING)
    decisions = (
        Decision.objects.filter(pk__in=decision_ids)
        .exclude(letters__batch=batch)  # a part run again after a crash writes no letter twice
        .select_related("proposal__file__beneficiary", "proposal__file__team", "proposal__request")
    )
    try:
        for decision in decisions.order_by("decided_on", "id"):
            file = decision.proposal.file
            # The letter and the progress it adds are written together, or not at all.
            generate(
                actor=batch.created_by, kind=Kind.NOTIFICATION, file=file, decision=decision, batch=batch
            )
        # One conditional UPDATE: of two parts ending at once, one merges.
        last = Batch.objects.filter(pk=batch.pk, status=Batch.Status.RUNNING, done=F("total"))
        if last.update(status=Batch.Status.MERGING):
            batch.refresh_from_db()
            batch.merged_pdf.save(
                f"lot-{batch.pk}.pdf", ContentFile(merge(batch.letters.order_by("id"))), save=False
            )
            batch.status = Batch.Status.DONE
            batch.save(update_fields=["merged_pdf", "status"])
    except Exception as error:
        why = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        Batch.objects.filter(pk=batch.pk).update(status=Batch.Status.FAILED, error=why[:1000])
        raise


def merge(letters) -> bytes:
    """One PDF of every letter's pages, in order; a letter whose PDF retention removed stops it."""
    writer = PdfWriter()
    for letter in letters:
        if not letter.pdf:
            raise ValidationError(
                _("Le PDF de la lettre %(code)s n'est plus conservé (durée de conservation échue).")
                % {"code": letter.code}
            )
        with letter.pdf.open("rb") as part:
            writer.append(io.BytesIO(part.read()))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
