"""A registration's page: what to type into the BCSS's web application, and the outcome to record."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from audit.services import Verb, record
from bcss import selectors, services
from bcss.forms import DoneForm, FailedForm
from config.concurrency import EditConflict
from workflow.queues import BY_KEY

QUEUE = "bcss"


def _back(request, registration) -> str:
    """After the outcome: the queue's next item when the page was opened from the queue, else Accueil."""
    if request.GET.get("queue") == QUEUE:
        return reverse("queues:next", kwargs={"key": QUEUE}) + f"?apres=b{registration.pk}"
    return reverse("home:home")


class RegistrationView(TemplateView):
    template_name = "bcss/registration.html"

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = selectors.get_registration(self.request.user, kwargs["pk"])
        record(actor=self.request.user, verb=Verb.VIEW, target=registration, request=self.request)
        initial = {"version": registration.version}
        forms = forms or {}
        context.update(
            registration=registration,
            person=registration.file.beneficiary,
            history=selectors.history_of(registration),
            done_form=forms.get("done") or DoneForm(initial=initial),
            failed_form=forms.get("failed") or FailedForm(initial=initial),
            queue=BY_KEY[QUEUE],
            query=self.request.GET.urlencode(),
        )
        return context


class _OutcomeView(View):
    kind = ""
    form_class = DoneForm

    def post(self, request, pk):
        registration = selectors.get_registration(request.user, pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.act(request, registration, form.cleaned_data)
            except EditConflict as conflict:
                # Shown again over the record as it is now: a second submission, once read, goes through.
                data = request.POST.copy()
                data["version"] = conflict.current.version
                form = self.form_class(data)
                form.is_valid()
                form.add_error(
                    None,
                    _(
                        "Quelqu'un d'autre a traité cette intégration entre-temps : voyez son état ci-dessus "
                        "avant de recommencer. Votre saisie est conservée."
                    ),
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error.messages)
            else:
                return redirect(_back(request, registration))
        page = RegistrationView()
        page.setup(request, pk=pk)
        context = page.get_context_data(pk=pk, forms={self.kind: form})
        return page.render_to_response(context, status=400)


class DoneView(_OutcomeView):
    kind = "done"
    form_class = DoneForm

    def act(self, request, registration, data):
        services.record_done(
            actor=request.user,
            registration=registration,
            reference=data["reference"],
            expected_version=data["version"],
            request=request,
        )
        messages.success(
            request,
            _("%(action)s de %(name)s enregistrée comme faite (référence %(ref)s).")
            % {
                "action": registration.get_action_display(),
                "name": registration.file.beneficiary.full_name,
                "ref": registration.bcss_reference,
            },
        )


class FailedView(_OutcomeView):
    kind = "failed"
    form_class = FailedForm

    def act(self, request, registration, data):
        services.record_failure(
            actor=request.user,
            registration=registration,
            reason=data["reason"],
            expected_version=data["version"],
            request=request,
        )
        messages.warning(
            request,
            _("Échec enregistré pour %(name)s : l'intégration reste en tête de la file, à réessayer.")
            % {"name": registration.file.beneficiary.full_name},
        )
