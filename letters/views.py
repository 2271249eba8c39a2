"""The letters of a file, their download and dispatch, their returned copies, the outgoing mail register and
the batches."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from access.policy import Action, can
from audit.services import Verb, record
from config.forms import DateField
from files.sections import FileSectionMixin
from letters import deadlines, selectors, services
from letters.forms import DispatchForm
from letters.models import Kind
from printouts.pdf import render_pdf
from workflow import deadlines as workflow_deadlines
from workflow.models import Decision


def back_to(request, fallback: str) -> str:
    """The page the action was started from (a proposal's back-office card), if it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def letter_rows(letters):
    """Each letter; for a decision's notification, its appeal deadline and its 8-day compliance (the other
    letters start no appeal delay)."""
    rows = []
    for letter in letters:
        row = {"letter": letter, "appeal_deadline": None, "notification_due": None, "on_time": None}
        if letter.kind != Kind.NOTIFICATION:
            rows.append(row)
            continue
        if letter.notified_on:
            row["appeal_deadline"] = deadlines.appeal_deadline(letter.notified_on)
        if letter.decision_id:
            due = workflow_deadlines.notification_due(letter.decision.decided_on)
            row["notification_due"] = due
            row["on_time"] = (letter.notified_on or timezone.localdate()) <= due
        rows.append(row)
    return rows


class FileLettersView(FileSectionMixin, TemplateView):
    """Courrier tab: the file's letters, and those that may be written from its requests and decisions."""

    tab = "letters"
    template_name = "letters/file_letters.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, file = self.request.user, self.file
        context["rows"] = letter_rows(selectors.letters_of_file(file).select_related("decision"))
        context["may"] = {kind: services.may_generate(user, kind, file) for kind in Kind.values}
        context["can_dispatch"] = can(user, Action.DISPATCH_LETTER, file)
        context["requests"] = file.requests.order_by("-requested_on")
        context["proposals"] = file.proposals.select_related("aid_type")
        context["decisions"] = Decision.objects.filter(proposal__file=file).select_related(
            "proposal__aid_type"
        )
        return context

    def post(self, request, *args, **kwargs):
        kind = request.POST.get("kind", "")
        if kind not in Kind.values:
            raise Http404
        if not services.may_generate(request.user, kind, self.file):
            raise PermissionDenied
        source = {}
        try:
            if kind == Kind.ACKNOWLEDGEMENT:
                source["request"] = get_object_or_404(self.file.requests, pk=request.POST.get("request"))
            elif kind == Kind.NOTIFICATION:
                source["decision"] = get_object_or_404(
                    Decision.objects.filter(proposal__file=self.file), pk=request.POST.get("decision")
                )
            else:
                source["proposal"] = get_object_or_404(self.file.proposals, pk=request.POST.get("proposal"))
            letter = services.generate(actor=request.user, kind=kind, file=self.file, **source)
        except (ValueError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Lettre %(code)s créée.") % {"code": letter.code})
        return redirect(back_to(request, reverse("letters:file", args=[self.file.pk])))


def gone_message(letter) -> str:
    return _(
        "Le PDF de la lettre %(code)s n'est plus conservé : sa durée de conservation a pris fin et il a été "
        "supprimé."
    ) % {"code": letter.code}


class LetterPdfView(View):
    """The kept PDF of a letter, through the policy (404 when its file is not visible) and the audit trail.
    Once its retention period ended the PDF is gone (retention removed it): the letters tab says so."""

    action = Action.VIEW_FILE

    def get(self, request, pk):
        letter = selectors.get_letter(request.user, pk)
        if not letter.pdf:
            messages.info(request, gone_message(letter))
            return redirect("letters:file", letter.file_id)
        record(
            actor=request.user,
            verb=Verb.DOWNLOAD,
            target=letter,
            file_id=letter.file_id,
            person_id=letter.file.beneficiary_id,
            request=request,
        )
        return FileResponse(
            letter.pdf.open("rb"), content_type="application/pdf", filename=f"{letter.code}.pdf"
        )


class ReturnedCopyPdfView(View):
    """A letter's returned copy, through the policy (404 when its file is not visible) and the audit trail."""

    action = Action.VIEW_FILE

    def get(self, request, pk):
        copy = selectors.get_returned_copy(request.user, pk)
        file = copy.letter.file
        record(
            actor=request.user,
            verb=Verb.DOWNLOAD,
            target=copy,
            file_id=file.pk,
            person_id=file.beneficiary_id,
            request=request,
        )
        return FileResponse(
            copy.pdf.open("rb"), content_type="application/pdf", filename=f"{copy.letter.code}-retour.pdf"
        )


class DispatchView(TemplateView):
    action = Action.DISPATCH_LETTER
    template_name = "letters/dispatch.html"

    def dispatch(self, request, *args, **kwargs):
        self.letter = selectors.get_letter(request.user, kwargs["pk"])
        if not can(request.user, self.action, self.letter.file):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def make_form(self, data=None) -> DispatchForm:
        form = DispatchForm(data)
        if self.letter.file.beneficiary.has_email_consent():
            del form.fields["consent_now"]  # on record already: nothing to ask
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["letter"] = self.letter
        context["person"] = self.letter.file.beneficiary
        context["can_edit_person"] = can(self.request.user, Action.EDIT_FILE, self.letter.file)
        context.setdefault("form", self.make_form())
        return context

    def post(self, request, pk):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                services.dispatch(
                    actor=request.user, letter=self.letter, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Envoi enregistré."))
                return redirect(back_to(request, reverse("letters:file", args=[self.letter.file_id])))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RegisterMixin:
    """Pages of the outgoing mail, on no one file: the mail cell and the legal service post the letters."""

    action = Action.DISPATCH_LETTER

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, self.action):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def parse_day(value: str | None) -> datetime.date | None:
    """A day typed jj/mm/aaaa (or given ISO by a link), or None; a French message when it is not a day."""
    return DateField(required=False).clean((value or "").strip())


class RegisterView(RegisterMixin, TemplateView):
    """Registre du courrier sortant: date, reference, kind, recipient and dispatch of every letter."""

    template_name = "letters/register.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            day_from = parse_day(self.request.GET.get("du"))
            day_to = parse_day(self.request.GET.get("au"))
        except ValidationError as error:
            messages.error(self.request, error.messages[0])
            day_from = day_to = None
        letters = selectors.register(self.request.user, day_from=day_from, day_to=day_to)[:500]
        context["rows"] = letter_rows(letters.select_related("decision"))
        context["may_notify"] = can(self.request.user, Action.NOTIFY_DECISION)
        if context["may_notify"]:
            context["to_send"] = services.notifications_to_send().count()
            context["meetings"] = services.meetings_to_notify()
        context["batches"] = selectors.printable_batches(self.request.user)[:10]
        try:  # after a posting, its day: the posting list to print is one click away
            context["posting_day"] = parse_day(self.request.GET.get("jour")) or timezone.localdate()
        except ValidationError:
            context["posting_day"] = timezone.localdate()
        record(actor=self.request.user, verb=Verb.VIEW, target=None, detail={"section": "mail_register"})
        return context


class RegisteredListView(RegisterMixin, View):
    """The list of registered letters posted on a day, with their numbers, for the post office counter."""

    def get(self, request):
        try:
            day = parse_day(request.GET.get("jour")) or timezone.localdate()
        except ValidationError as error:
            return HttpResponse(error.messages[0], status=400)
        letters = list(selectors.registered_posted_on(request.user, day))
        now = timezone.now()
        pdf = render_pdf(
            "letters/registered_list.html", {"letters": letters, "day": day}, user=request.user, at=now
        )
        record(
            actor=request.user,
            verb=Verb.PRINT,
            target=None,
            detail={"document": "registered_list", "day": day.isoformat(), "count": len(letters)},
            request=request,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="recommandes-{day:%Y-%m-%d}.pdf"'
        return response


class BatchStartView(RegisterMixin, View):
    """Every notification to send, or those of one closed meeting (its decisions, numbered on its minutes)."""

    action = Action.NOTIFY_DECISION

    def post(self, request):
        meeting = request.POST.get("meeting", "")
        decisions = services.notifications_to_send(int(meeting) if meeting.isdigit() else None)
        try:
            batch = services.start_batch(actor=request.user, decisions=decisions)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("letters:register")
        return redirect("letters:batch", batch.pk)


class BatchView(RegisterMixin, TemplateView):
    """The batch's progress bar; htmx asks again every second until it is done."""

    action = Action.NOTIFY_DECISION

    template_name = "letters/batch.html"

    def get_template_names(self):
        return ["letters/includes/batch_progress.html"] if self.request.htmx else [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["batch"] = selectors.get_batch(self.request.user, kwargs["pk"])
        return context


class BatchPdfView(RegisterMixin, View):
    """All the letters of a finished batch in one PDF, for printing and posting them."""

    def get(self, request, pk):
        batch = selectors.get_printable_batch(request.user, pk)
        record(actor=request.user, verb=Verb.DOWNLOAD, target=batch, request=request)
        return FileResponse(
            batch.merged_pdf.open("rb"), content_type="application/pdf", filename=f"lot-{pk}.pdf"
        )
