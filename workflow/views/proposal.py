"""Writing a proposal in the form of the notification: create, edit (with live preview), read."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.utils import ErrorDict
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from access.policy import Action
from audit.services import Verb, record
from config.concurrency import EditConflict
from config.forms import apply_service_errors
from files import checklist
from files.sections import FileSectionMixin
from workflow import (
    catalogue,
    computation,
    holders,
    notification,
    proposals,
    report_facts,
    selectors,
    task_cards,
    versions,
)
from workflow.forms import (
    AmountField,
    HearingForm,
    ProposalEditForm,
    ProposalForm,
    amount_suggestion,
    prefill,
    with_suggestion,
)
from workflow.models import Proposal
from workflow.panel import panel


class ProposalFormView(FileSectionMixin, FormView):
    """The form beside the notification it generates (refreshed by workflow:preview while typing).

    Two buttons re-render the form without saving when JavaScript is off (static/js/proposal.js does both in
    place otherwise): "insert_report" adds the latest social report's facts to the motivation in fact, and
    "use_computed" takes the computed amount and calculation back."""

    template_name = "workflow/proposal_form.html"
    tab = "requests"
    action = Action.WRITE_PROPOSAL

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["aid_request"] = self.aid_request
        typed = typed_proposal(form, self)
        context |= letter_context(typed) | suggestion_context(typed, self.file)
        # Only for whoever may read it (None otherwise): the button names its date, never its content.
        context["latest_report"] = selectors.latest_social_report(self.request.user, self.file)
        return context

    def post(self, request, *args, **kwargs):
        if "insert_report" in request.POST or "use_computed" in request.POST:
            return self.refill(request)
        return super().post(request, *args, **kwargs)

    def refill(self, request):
        """The form again with the report's facts or the computed amount in it, everything typed kept."""
        data = request.POST.copy()
        if "insert_report" in data:
            report = selectors.latest_social_report(request.user, self.file)
            if report is None:
                messages.error(request, _("Ce dossier n'a pas de rapport social que vous puissiez lire."))
            else:
                audit_report_read(request, report, self)
                facts = report_facts.facts_of(report.body)
                data["motivation_facts"] = report_facts.inserted(data.get("motivation_facts", ""), facts)
        if "use_computed" in data:
            data["amount"] = data["computation"] = ""
            suggestion = suggestion_context(typed_proposal(self.form_class(data=data), self), self.file)
            if suggestion:
                data["amount"] = suggestion["suggestion"]["amount_field"]
                data["computation"] = suggestion["suggestion"].get("computation", "")
                data["amount_filled"], data["computation_filled"] = data["amount"], data["computation"]
        form = self.form_class(data=data)
        form.is_valid()
        form._errors = ErrorDict()  # nothing was saved yet: no error to announce
        return self.render_to_response(self.get_context_data(form=form))

    def proposal_data(self, form) -> dict:
        """What the form holds, an amount left empty or as filled in taking the computed one."""
        return with_suggestion(form, form.proposal_data(), typed_proposal(form, self).suggestion)


def audit_report_read(request, report, view) -> None:
    """Inserting a report's facts reads the report: recorded as the reports tab records it."""
    record(
        actor=request.user,
        verb=Verb.VIEW,
        target=report,
        file_id=view.file.pk,
        person_id=view.file.beneficiary_id,
        detail={"section": "reports", "inserted_into": "motivation_facts"},
        purpose=view.break_glass.reason if view.break_glass else "",
        request=request,
    )


class ReportFactsView(FileSectionMixin, View):
    """The latest social report's facts as JSON, for the motivation's "insert" button (static/js/proposal.js).
    A read of the report, audited by the frame like the report's own page."""

    tab = "reports"
    action = Action.VIEW_REPORTS

    def load_objects(self) -> None:
        self.report = selectors.latest_social_report(self.request.user, self.file)

    def read_target(self):
        return self.report or self.file

    def audit_read(self, request) -> None:
        if self.report is not None:
            audit_report_read(request, self.report, self)

    def get(self, request, *args, **kwargs):
        if self.report is None:
            return JsonResponse({"text": "", "written_on": ""})
        return JsonResponse(
            {
                "text": report_facts.facts_of(self.report.body),
                "written_on": self.report.written_on.strftime("%d/%m/%Y"),
            }
        )


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
                actor=self.request.user, request=self.aid_request, data=self.proposal_data(form)
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
                data=self.proposal_data(form),
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
    """An unsaved proposal holding what the form holds (the valid fields), to render its notification.

    Its `suggestion` is the computed amount and calculation for what is typed; they stand in the letter for an
    amount and calculation the user has left empty or as the page filled them in."""
    if form.is_bound:
        form.is_valid()
        values = {name: value for name, value in form.cleaned_data.items() if name in proposals.FIELDS}
    else:
        values = {name: value for name, value in form.initial.items() if name in proposals.FIELDS}
        values["granted"] = str(values.get("granted", "True")) == "True"
    values = {name: value for name, value in values.items() if value is not None}
    author = view.proposal.author if view.proposal else view.request.user
    typed = Proposal(file=view.file, request=view.aid_request, author=author, **values)
    typed.suggestion = {}
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
        typed.suggestion = amount_suggestion(
            typed.aid_type,
            typed.category,
            typed.start_on,
            typed.end_on,
            view.file.beneficiary,
            socio_professional=typed.socio_professional,
        )
        amount_untouched, calculation_untouched = (
            form.untouched() if form.is_bound else (typed.amount is None,) * 2
        )
        if typed.suggestion.get("amount") is not None and amount_untouched:
            typed.amount = typed.suggestion["amount"]
            if calculation_untouched or not typed.computation:
                typed.computation = typed.suggestion.get("computation", "")
    return typed


def letter_context(proposal: Proposal, decision=None) -> dict:
    """The notification (with its decision, once taken) and the legal mentions it still lacks."""
    letter = notification.build(proposal, decision=decision)
    return {"notification": notification.render(letter), "missing": letter.missing}


def suggestion_context(typed: Proposal, file) -> dict:
    """The computed amount and its calculation for what is typed (shown beside the amount field, which the
    page fills with them while the user has not typed another amount: static/js/proposal.js)."""
    suggestion = getattr(typed, "suggestion", {})
    if suggestion.get("amount") is None:
        return {}
    return {
        "suggestion": suggestion
        | {
            "amount_text": catalogue.euros(suggestion["amount"]),
            "amount_field": AmountField().prepare_value(suggestion["amount"]),
            "differs": typed.amount is not None and typed.amount != suggestion["amount"],
        }
    }


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
            "holder": holders.holder(proposal),
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
