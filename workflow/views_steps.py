"""Taking a step on a proposal: validate, return, give an opinion, decide; back-office tasks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView

from access.policy import Action, can
from config.forms import apply_service_errors
from files import checklist, waivers
from files.forms import WaiversForm
from files.sections import FileSectionMixin
from workflow import backoffice, services, task_cards
from workflow.declaration import BY_NAME, TRANSITIONS
from workflow.forms_steps import OpinionForm, StepForm, TaskDoneForm
from workflow.models import BackOfficeTask, Proposal
from workflow.panel import task_row
from workflow.queues import BY_KEY, proposal_url

SYSTEM_STEPS = [t.name for t in TRANSITIONS if t.automatic]


def after_step(request, proposal: Proposal, queue: str):
    """To the queue's next item when the user came from a queue (one click), else back to the proposal."""
    if queue in BY_KEY:
        return redirect(reverse("queues:next", kwargs={"key": queue}) + f"?apres=p{proposal.pk}")
    return redirect(proposal_url(proposal))


class ProposalStepMixin(FileSectionMixin):
    """A proposal of the URL's file (404 otherwise), for a page that moves it."""

    tab = "requests"
    action = Action.VIEW_FILE

    def load_objects(self) -> None:
        try:
            self.proposal = self.file.proposals.select_related("aid_type", "file").get(
                pk=self.kwargs["proposal_pk"]
            )
        except Proposal.DoesNotExist:
            raise Http404 from None

    def read_target(self):
        return self.proposal

    def get_initial(self):
        return {"version": self.proposal.version, "queue": self.request.GET.get("queue", "")}

    def move(self, form, service, done: str, **arguments):
        """Run a step's service; a colleague's step first, or a refused check, is explained."""
        data = form.cleaned_data
        self.started = timezone.now()
        try:
            service(
                actor=self.request.user,
                proposal=self.proposal,
                expected_version=data["version"],
                request=self.request,
                **arguments,
            )
        except services.StepConflict as conflict:
            messages.error(self.request, conflict.message)
            return redirect(proposal_url(self.proposal))
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, done + self.system_steps())
        return after_step(self.request, self.proposal, data["queue"])

    def system_steps(self) -> str:
        """The steps the system took right after the user's (the catalogue's hand-offs), for the message."""
        taken = self.proposal.steps.filter(transition__in=SYSTEM_STEPS, at__gte=self.started).order_by("pk")
        return "".join(
            " "
            + _("Puis, par le système : « %(step)s » (%(why)s).")
            % {"step": BY_NAME[s.transition].label, "why": s.comment}
            for s in taken
        )


class StepView(ProposalStepMixin, FormView):
    """Confirm a step, with a comment (required for some: returning, amending, postponing).

    A step that needs the request's required documents (the "documents" guard) lists the missing ones, and
    whoever may waive them gives a reason for each in the same submit: the waivers and the step are one
    transaction, so a refused step leaves no waiver behind.
    """

    template_name = "workflow/step.html"
    form_class = StepForm

    def load_objects(self) -> None:
        super().load_objects()
        self.step = BY_NAME.get(self.kwargs["transition"])
        if self.step is None or self.step.name == "give_opinion" or self.step.automatic:
            raise Http404
        if not can(self.request.user, self.step.action, self.file):
            raise PermissionDenied
        self.lines = []
        if "documents" in self.step.guards:
            self.lines = checklist.request_checklist(self.proposal.request, aid_type=self.proposal.aid_type)
        missing = checklist.missing(self.lines)
        self.waivers_form = None
        if missing and waivers.may_waive(self.request.user, self.proposal.request):
            self.waivers_form = WaiversForm(self.request.POST or None, lines=missing)

    def get(self, request, *args, **kwargs):
        if self.step.meeting_step:  # never offered here; a POST gets services.take's French refusal
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["comment"].required = self.step.comment_required
        form.fields["comment"].error_messages["required"] = _(
            "Expliquez votre choix en quelques mots : le commentaire est requis."
        )
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines = checklist.mark_readable(self.request.user, self.file, self.lines)
        context.update(proposal=self.proposal, step=self.step, lines=lines, waivers_form=self.waivers_form)
        return context

    def form_valid(self, form):
        if self.waivers_form is not None and not self.waivers_form.is_valid():
            return self.form_invalid(form)
        done = _("« %(step)s » : c'est fait.") % {"step": self.step.label}
        return self.move(
            form, self.waive_and_take, done, transition=self.step.name, comment=form.cleaned_data["comment"]
        )

    @transaction.atomic
    def waive_and_take(self, *, actor, proposal, request, **arguments):
        reasons = self.waivers_form.reasons() if self.waivers_form is not None else []
        for document_type, reason in reasons:
            waivers.waive(
                actor=actor,
                aid_request=proposal.request,
                document_type=document_type,
                reason=reason,
                aid_type=proposal.aid_type,
                request=request,
            )
        return services.take(actor=actor, proposal=proposal, request=request, **arguments)


class OpinionView(ProposalStepMixin, FormView):
    template_name = "workflow/opinion.html"
    form_class = OpinionForm

    def load_objects(self) -> None:
        super().load_objects()
        if not can(self.request.user, Action.GIVE_OPINION, self.file):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"proposal": self.proposal}

    def form_valid(self, form):
        data = form.cleaned_data
        return self.move(
            form, services.give_opinion, _("Avis transmis."), verdict=data["verdict"], text=data["text"]
        )


class TaskStatusView(ProposalStepMixin, FormView):
    """Take a back-office task (« Je m'en charge ») or mark it done (« Fait »).

    « Fait » on a payment, SPP or recovery task carries its reference: refused, the task's card comes back
    with the French message beside the field and what was typed in it.
    """

    http_method_names = ["post"]
    template_name = "workflow/task_done.html"

    def load_objects(self) -> None:
        super().load_objects()
        try:
            self.task = BackOfficeTask.objects.select_related(
                "decision__proposal__file__beneficiary", "decision__proposal__aid_type"
            ).get(pk=self.kwargs["task_pk"], decision__proposal=self.proposal)
        except BackOfficeTask.DoesNotExist:
            raise Http404 from None
        if not services.may_work_on(self.request.user, self.task):
            raise PermissionDenied

    def post(self, request, *args, **kwargs):
        status = request.POST.get("status", "")
        form, reference = None, ""
        if status == BackOfficeTask.Status.DONE and self.task.kind in backoffice.REFERENCES:
            form = TaskDoneForm(request.POST, task=self.task)
            if not form.is_valid():
                return self.refused(form)
            version, reference = form.cleaned_data["version"], form.cleaned_data["reference"]
        else:
            try:
                version = int(request.POST.get("version", ""))
            except ValueError:
                version = -1
        try:
            services.set_task_status(
                actor=request.user,
                task=self.task,
                status=status,
                expected_version=version,
                reference=reference,
                request=request,
            )
        except services.StepConflict:
            messages.error(request, _("Cette tâche a changé entre-temps : voyez son état ci-dessous."))
            return redirect(proposal_url(self.proposal))
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
            else:
                apply_service_errors(form, error)
                return self.refused(form)
        else:
            messages.success(
                request,
                _("« %(task)s » : %(status)s.")
                % {"task": self.task.get_kind_display(), "status": self.task.get_status_display().lower()},
            )
        return after_step(request, self.proposal, request.POST.get("queue", ""))

    def refused(self, form):
        """The task's card again, with the error beside its field and what was typed."""
        row = task_row(self.request.user, self.task, form.data.get("queue", ""), done_form=form)
        task_cards.audit_bank_reads(self.request, [row])
        context = self.get_context_data(form=form, row=row, proposal=self.proposal)
        context["queue"] = form.data.get("queue", "")
        return self.render_to_response(context)
