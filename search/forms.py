"""The form of "Dans les textes": words to find and the filters that narrow them."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from config.forms import DateField
from documents.models import DocumentType
from files.models import Report, SocialFile
from people.normalize import fold
from search.backends import name_filter
from search.fulltext.reading import Filters
from search.selectors import reference_filter

_REPORT, _DOCUMENT = "rapport-", "document-"


class TextSearchForm(forms.Form):
    q = forms.CharField(label=_("Mots à chercher"), max_length=200, required=False)
    reference = forms.CharField(label=_("Dossier (référence)"), max_length=40, required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    person = forms.CharField(label=_("Personne concernée"), max_length=100, required=False)
    author = forms.CharField(label=_("Auteur"), max_length=100, required=False)
    date_from = DateField(label=_("Du"), required=False)
    date_to = DateField(label=_("Au"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(type="search", autofocus=True)
        types = DocumentType.objects.values_list("pk", "label")
        self.fields["type"].choices = [
            ("", _("Tous")),
            (_("Rapports"), [(f"{_REPORT}{kind}", label) for kind, label in Report.Kind.choices]),
            (_("Documents"), [(f"{_DOCUMENT}{pk}", label) for pk, label in types]),
        ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("La date de fin précède la date de début."))
        return data

    def filters(self) -> Filters:
        """The filters chosen (call after is_valid()): each one a condition in the search's own query."""
        data = self.cleaned_data
        chosen = {}
        if data["reference"].strip():
            chosen["file_ids"] = SocialFile.objects.filter(reference_filter(data["reference"])).values("pk")
        kind = data["type"]
        if kind.startswith(_REPORT):
            chosen["report_kind"] = kind.removeprefix(_REPORT)
        elif kind.startswith(_DOCUMENT):
            chosen["document_type_id"] = int(kind.removeprefix(_DOCUMENT))
        if fold(data["person"]):
            chosen["person_ids"] = name_filter(fold(data["person"]))
        if data["author"].split():
            authors = get_user_model().objects.all()
            for word in data["author"].split():
                name = Q(first_name__icontains=word) | Q(last_name__icontains=word)
                authors = authors.filter(name | Q(username__iexact=word))
            chosen["author_ids"] = authors.values("pk")
        return Filters(**chosen, date_from=data["date_from"], date_to=data["date_to"])

    def described(self) -> dict:
        """The filters as typed, for the audit trail (the empty ones left out)."""
        return {name: str(value) for name, value in self.cleaned_data.items() if value and name != "q"}
