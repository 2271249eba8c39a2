"""Writing a proposal in the form of the notification: create, edit (with live preview), read."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from access.policy import Action
from config.concurrency import EditConflict
from config.forms import apply_service_errors
from files import checklist
from files.sections import FileSectionMixin
from workflow import catalogue, computation, notification, proposals, selectors, task_cards, versions
from workflow.forms import HearingForm, ProposalEditForm, ProposalForm, amount_suggestion, prefill
from workflow.models import Proposal
from workflow.panel import panel


class ProposalFormView(FileSectionMixin, FormView):
    """The form beside the notification it generates (refreshed by workflow:preview while typing)."""

    template_name = "workflow/proposal_form.html"
    tab = "requests"
    action = Action.WRITE_PROPOSAL

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["aid_request"] = self.aid_request
        typed = typed_proposal(form, self)
        context |= letter_context(typed) | suggestion_context(typed, self.file)
        return context


class ProposalCreateView(ProposalFormView):
    form_class = ProposalForm

    def load_objects(self) -> None:
        self.aid_request = selectors.get_request(self.request.user, self.file, self.kwargs["request_pk"])
        self.proposal = None

    def get(self, request, *args, **kwargs):
        current = selectors.open_proposal(self.aid_request)
        if current is not None:  # one proposal at a time per request: continue that one
            return redirect("workflow:detail", file_pk=self.file.pk, proposal_pk=current.pk)
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return prefill(self.aid_request)

    def form_valid(self, form):
        try:
            proposal = proposals.create_proposal(
                actor=self.request.user, request=self.aid_request, data=form.proposal_data()
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Proposition enregistrée (brouillon)."))
        return redirect("workflow:detail", file_pk=self.file.pk, proposal_pk=proposal.pk)


class ProposalEditView(ProposalFormView):
    form_class = ProposalEditForm

    def load_objects(self) -> None:
        self.proposal = selectors.get_proposal(self.request.user, self.file, self.kwargs["proposal_pk"])
        if not proposals.may_edit(self.request.user, self.proposal):
            raise PermissionDenied
        self.aid_request = self.proposal.request
        self.conflict = None

    def read_target(self):
        return self.proposal

    def get_initial(self):
        return ProposalForm.initial_for(self.proposal)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["proposal"] = self.proposal
        context["conflict"] = self.conflict
        return context

    def form_valid(self, form):
        try:
            proposals.update_proposal(
                actor=self.request.user,
                proposal=self.proposal,
                data=form.proposal_data(),
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as error:
            return self.conflict_response(form, error.current)
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Proposition enregistrée (version %(number)s).") % {"number": self.proposal.version},
        )
        return redirect("workflow:detail", file_pk=self.file.pk, proposal_pk=self.proposal.pk)

    def conflict_response(self, form, saved):
        """Keep what was typed, carrying the saved version; list where it differs from the saved proposal."""
        typed = proposals.snapshot(typed_proposal(form, self))
        current = proposals.snapshot(saved)
        names = versions.catalogue_names([typed, current])
        data = self.request.POST.copy()
        data["version"] = str(saved.version)
        fresh = ProposalEditForm(data=data)
        fresh.is_valid()
        last = saved.versions.select_related("author").order_by("-number").first()
        self.proposal = saved
        self.conflict = {"version": last, "differences": versions.compare(current, typed, names)}
        return self.render_to_response(self.get_context_data(form=fresh), status=409)


def typed_proposal(form, view):
    """An unsaved proposal holding what the form holds (the valid fields), to render its notification."""
    if form.is_bound:
        form.is_valid()
        values = {name: value for name, value in form.cleaned_data.items() if name in proposals.FIELDS}
    else:
        values = {name: value for name, value in form.initial.items() if name in proposals.FIELDS}
        values["granted"] = str(values.get("granted", "True")) == "True"
    values = {name: value for name, value in values.items() if value is not None}
    author = view.proposal.author if view.proposal else view.request.user
    typed = Proposal(file=view.file, request=view.aid_request, author=author, **values)
    if typed.aid_type_id and typed.granted:  # the letter shows the computed amount until one is typed
        computed = computation.computed(
            typed.aid_type,
            typed.category,
            typed.start_on,
            typed.end_on,
            view.file.beneficiary,
            socio_professional=typed.socio_professional,
        )
        typed.computed_amount = computed[0] if computed else None
        if computed and typed.amount is None:
            typed.amount, typed.computation = computed
    return typed


def letter_context(proposal: Proposal, decision=None) -> dict:
    """The notification (with its decision, once taken) and the legal mentions it still lacks."""
    letter = notification.build(proposal, decision=decision)
    return {"notification": notification.render(letter), "missing": letter.missing}


def suggestion_context(typed: Proposal, file) -> dict:
    """The computed amount and its calculation for what is typed (shown beside the amount field)."""
    if not (typed.aid_type_id and typed.granted):
        return {}
    suggestion = amount_suggestion(
        typed.aid_type,
        typed.category,
        typed.start_on,
        typed.end_on,
        file.beneficiary,
        socio_professional=typed.socio_professional,
    )
    if suggestion.get("amount") is None:
        return {}
    return {"suggestion": suggestion | {"amount_text": catalogue.euros(suggestion["amount"])}}


class ProposalPreviewView(FileSectionMixin, TemplateView):
    """The notification as it reads with what is typed now (HTMX, while the social worker types)."""

    template_name = "workflow/preview.html"
    tab = "requests"
    action = Action.WRITE_PROPOSAL

    def load_objects(self) -> None:
        self.aid_request = selectors.get_request(self.request.user, self.file, self.kwargs["request_pk"])
        self.proposal = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ProposalForm(data=self.request.POST) if self.request.method == "POST" else ProposalForm()
        typed = typed_proposal(form, self)
        context |= letter_context(typed) | suggestion_context(typed, self.file)
        return context

    def post(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())


class ProposalDetailView(FileSectionMixin, TemplateView):
    """The proposal: its fields, the notification, the corrections, the hearings and the steps taken."""

    template_name = "workflow/proposal_detail.html"
    tab = "requests"

    def load_objects(self) -> None:
        self.proposal = selectors.get_proposal(self.request.user, self.file, self.kwargs["proposal_pk"])

    def read_target(self):
        return self.proposal

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, proposal = self.request.user, self.proposal
        context |= panel(user, proposal, self.request.GET.get("queue", ""))
        task_cards.audit_bank_reads(self.request, context["tasks"])
        context |= letter_context(proposal, context["decision"])
        context |= {
            "proposal": proposal,
            "amount_text": catalogue.euros(proposal.amount) if proposal.amount is not None else "",
            "computed_text": catalogue.euros(proposal.computed_amount)
            if proposal.computed_amount is not None
            else "",
            "history": versions.history(proposal),
            "hearings": selectors.hearings_of(proposal),
            "steps": selectors.steps_of(proposal),
            "can_edit_proposal": proposals.may_edit(user, proposal),
            "can_record_hearing": proposals.may_record_hearing(user, proposal),
            # What the head of service checks before validating: present, missing, waived and why.
            "checklist": checklist.mark_readable(
                user, proposal.file, checklist.request_checklist(proposal.request, aid_type=proposal.aid_type)
            ),
        }
        if context["can_record_hearing"]:
            context.setdefault("hearing_form", HearingForm())
        return context
