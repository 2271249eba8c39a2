from django import forms
from django.utils.translation import gettext_lazy as _

from workflow import backoffice
from workflow.models import Opinion


class StepForm(forms.Form):
    comment = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    queue = forms.CharField(required=False, widget=forms.HiddenInput)


class OpinionForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Avis"),
        choices=Opinion.Verdict.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un avis.")},
    )
    text = forms.CharField(
        label=_("Texte de l'avis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Requis sauf pour un avis favorable."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    queue = forms.CharField(required=False, widget=forms.HiddenInput)


class TaskDoneForm(forms.Form):
    """« Fait » on a task that records a reference (workflow.backoffice.REFERENCES), labelled for its kind."""

    reference = forms.CharField(max_length=backoffice.REFERENCE_MAX)
    version = forms.IntegerField(widget=forms.HiddenInput)
    queue = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, task, **kwargs):
        # Each card of the page has its form: ids of its own, so that every label names its field.
        kwargs.setdefault("initial", {"version": task.version})
        super().__init__(*args, auto_id=f"id_task{task.pk}_%s", **kwargs)
        label, missing = backoffice.REFERENCES[task.kind]
        field = self.fields["reference"]
        field.label = label
        field.error_messages["required"] = missing
        field.widget.attrs.update(autocomplete="off", size=30)
