"""Ménage: who lives with the beneficiary, who is dependent, who left and when."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from config.forms import apply_service_errors
from files.sections import FileSectionView
from people import selectors
from people.forms import HouseholdEndForm, HouseholdMemberForm
from people.models import HouseholdMember
from people.normalize import fold
from people.services import add_household_member, create_person, end_household_member
from people.views_common import FileEditView


class HouseholdView(FileSectionView):
    template_name = "people/household.html"
    tab = "household"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"], context["former_members"] = selectors.household(self.file.beneficiary)
        return context


class HouseholdAddView(FileEditView):
    """Add a member: a person already registered (found by national number) or a new person."""

    template_name = "people/household_form.html"
    form_class = HouseholdMemberForm
    tab = "household"

    def section_url(self) -> str:
        return reverse("people:household", args=[self.file.pk])

    def form_valid(self, form):
        data = form.cleaned_data
        number = data.get("national_number") or ""
        existing = selectors.person_with_number(number)
        if existing and data.get("last_name") and fold(data["last_name"]) != fold(existing.last_name):
            form.add_error(
                "national_number",
                _(
                    "Ce numéro national est celui de %(name)s, déjà enregistré(e) : vérifiez le numéro, "
                    "ou videz le nom pour ajouter cette personne."
                )
                % {"name": existing.full_name},
            )
            return self.form_invalid(form)
        if not existing and not (data.get("last_name") and data.get("first_names")):
            message = _(
                "Personne n'est enregistré avec ce numéro : indiquez le nom et les prénoms du nouveau membre."
            )
            for name in ("last_name", "first_names"):
                if not data.get(name):
                    form.add_error(name, message)
            return self.form_invalid(form)
        try:
            with transaction.atomic():
                member = existing or create_person(
                    actor=self.request.user, data=form.identity_data(), file=self.file
                )
                add_household_member(
                    actor=self.request.user,
                    file=self.file,
                    member=member,
                    relation=data["relation"],
                    is_dependant=data["is_dependant"],
                    since=data.get("since"),
                )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(name)s fait désormais partie du ménage.") % {"name": member.full_name}
        )
        return redirect(self.get_success_url())


class HouseholdEndView(FileEditView):
    """A member leaves the household: the link is kept, with the date of departure."""

    template_name = "people/household_end.html"
    form_class = HouseholdEndForm
    tab = "household"

    def dispatch(self, request, *args, **kwargs):
        self.link_pk = kwargs["link_pk"]
        return super().dispatch(request, *args, **kwargs)

    def get_link(self) -> HouseholdMember:
        if not hasattr(self, "_link"):
            self._link = get_object_or_404(
                HouseholdMember.objects.select_related("member"),
                pk=self.link_pk,
                person_id=self.file.beneficiary_id,
            )
        return self._link

    def section_url(self) -> str:
        return reverse("people:household", args=[self.file.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["link"] = self.get_link()
        return context

    def form_valid(self, form):
        link = self.get_link()
        try:
            end_household_member(
                actor=self.request.user, file=self.file, link=link, until=form.cleaned_data["until"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Départ de %(name)s du ménage enregistré au %(date)s.")
            % {"name": link.member.full_name, "date": form.cleaned_data["until"].strftime("%d/%m/%Y")},
        )
        return redirect(self.get_success_url())
