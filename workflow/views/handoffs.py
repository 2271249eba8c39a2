"""« Circuit des propositions »: the head of service chooses, per aid type, the hand-offs the system takes."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from access.policy import Action, can
from aid import services
from aid.models import AidType
from aid.services import HANDOFF_FIELDS

LABELS = {
    "validate_requests_opinion": gettext_lazy("Valider demande aussi l'avis juridique"),
    "ready_after_favourable_opinion": gettext_lazy("Prête pour le comité dès un avis favorable"),
}


class HandoffsForm(forms.Form):
    """Two checkboxes per active aid type, named « <field>-<id> »."""

    def __init__(self, *args, aid_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.aid_types = aid_types
        for aid_type in aid_types:
            for field in HANDOFF_FIELDS:
                self.fields[f"{field}-{aid_type.pk}"] = forms.BooleanField(
                    label=f"{LABELS[field]} : {aid_type.label}",
                    required=False,
                    initial=getattr(aid_type, field),
                )

    def rows(self):
        """(aid type, its two bound fields) for the table."""
        return [(t, [self[f"{field}-{t.pk}"] for field in HANDOFF_FIELDS]) for t in self.aid_types]

    def choices(self) -> dict[int, dict[str, bool]]:
        data = self.cleaned_data
        return {t.pk: {f: data[f"{f}-{t.pk}"] for f in HANDOFF_FIELDS} for t in self.aid_types}


class HandoffsView(FormView):
    template_name = "workflow/handoffs.html"
    form_class = HandoffsForm

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, Action.SET_HANDOFFS):
            raise PermissionDenied
        self.aid_types = list(AidType.objects.filter(active=True))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"aid_types": self.aid_types}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"labels": [LABELS[f] for f in HANDOFF_FIELDS]}

    def form_valid(self, form):
        changed = services.set_handoffs(actor=self.request.user, choices=form.choices(), request=self.request)
        if changed:
            messages.success(
                self.request,
                _("Circuit enregistré pour : %(aids)s.") % {"aids": ", ".join(t.label for t in changed)},
            )
        else:
            messages.info(self.request, _("Rien n'a changé."))
        return redirect("queues:handoffs")
