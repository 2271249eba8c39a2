"""Signalétique: the beneficiary's identity and address history, and their edit forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from config.concurrency import EditConflict
from config.forms import apply_service_errors
from files.sections import FileSectionView
from people import selectors
from people.forms import AddressForm, EmailConsentForm, IdentityForm
from people.models import Person
from people.services import DuplicatePerson, add_address, set_email_consent, update_person
from people.views_common import FileEditView, resolve_conflict


class IdentityView(FileSectionView):
    template_name = "people/identity.html"
    tab = "identity"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["addresses"] = selectors.address_history(self.file.beneficiary)
        return context


class IdentityEditView(FileEditView):
    """Edit the identity of the beneficiary, or of a household member when the URL names one."""

    template_name = "people/identity_form.html"
    form_class = IdentityForm
    tab = "identity"

    def dispatch(self, request, *args, **kwargs):
        self.person_pk = kwargs.get("person_pk")
        if self.person_pk:
            self.tab = "household"
        return super().dispatch(request, *args, **kwargs)

    def get_person(self) -> Person:
        if not hasattr(self, "_person"):
            pk = self.person_pk or self.file.beneficiary_id
            person = selectors.file_person(self.file, pk)
            if person is None:
                raise Http404
            self._person = person
        return self._person

    def section_url(self) -> str:
        name = "people:household" if self.person_pk else "people:identity"
        return reverse(name, args=[self.file.pk])

    def get_initial(self):
        return IdentityForm.initial_for(self.get_person())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["edited"] = self.get_person()
        context["is_member"] = bool(self.person_pk)
        return context

    def form_valid(self, form):
        person = self.get_person()
        try:
            update_person(
                actor=self.request.user,
                file=self.file,
                person=person,
                data=form.identity_data(),
                expected_version=form.cleaned_data["version"],
            )
        except EditConflict as conflict:
            return self.conflict_response(form, conflict.current)
        except DuplicatePerson as duplicate:
            apply_service_errors(form, duplicate)
            existing_file = selectors.visible_file_of(self.request.user, duplicate.existing)
            return self.render_to_response(
                self.get_context_data(form=form, duplicate=duplicate.existing, duplicate_file=existing_file)
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("La signalétique de %(name)s est enregistrée.") % {"name": person})
        return redirect(self.get_success_url())

    def conflict_response(self, form, saved: Person):
        """Keep what the user typed, with the saved version, so that a second submit is deliberate."""
        # The service set the typed values on the in-memory person: show the saved record instead.
        self._person = saved
        if saved.pk == self.file.beneficiary_id:
            self.file.beneficiary = saved
        typed = Person(**form.identity_data())
        data, conflict = resolve_conflict(posted=self.request.POST, typed=typed, saved=saved)
        fresh = IdentityForm(data=data)
        fresh.is_valid()
        return self.render_to_response(self.get_context_data(form=fresh, conflict=conflict), status=409)


class AddressAddView(FileEditView):
    template_name = "people/address_form.html"
    form_class = AddressForm
    tab = "identity"

    def section_url(self) -> str:
        return reverse("people:identity", args=[self.file.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["current_addresses"] = [
            a for a in selectors.address_history(self.file.beneficiary) if a.is_current
        ]
        return context

    def form_valid(self, form):
        try:
            address = add_address(
                actor=self.request.user, file=self.file, person=self.file.beneficiary, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Nouvelle adresse enregistrée : %(address)s.") % {"address": address}
        )
        return redirect(self.get_success_url())


class EmailConsentView(FileEditView):
    """The beneficiary's consent to receive letters by e-mail, which dispatching by e-mail requires."""

    template_name = "people/email_consent_form.html"
    form_class = EmailConsentForm
    tab = "identity"

    def section_url(self) -> str:
        return reverse("people:identity", args=[self.file.pk])

    def get_initial(self):
        return {"given": "no" if self.file.beneficiary.has_email_consent() else "yes"}

    def form_valid(self, form):
        given = form.cleaned_data["given"]
        try:
            set_email_consent(
                actor=self.request.user,
                file=self.file,
                given=given,
                day=form.cleaned_data["day"],
                request=self.request,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        if given:
            done = _("L'accord pour le courrier par e-mail est enregistré.")
        else:
            done = _("Le retrait de l'accord pour le courrier par e-mail est enregistré.")
        messages.success(self.request, done)
        return redirect(self.get_success_url())
