"""Ressources: what the beneficiary and the members of their household receive each month, with history."""

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
from people.forms import ResourceCorrectionForm, ResourceEndForm, ResourceForm
from people.models import Resource
from people.services_resources import RESOURCE_FIELDS, add_resource, correct_resource, end_resource
from people.views_common import FileEditView


class ResourcesView(FileSectionView):
    template_name = "people/resources.html"
    tab = "resources"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["resources"] = selectors.household_resources(self.file.beneficiary)
        return context


class ResourceAddView(FileEditView):
    template_name = "people/resource_form.html"
    form_class = ResourceForm
    tab = "resources"

    def section_url(self) -> str:
        return reverse("people:resources", args=[self.file.pk])

    def people(self) -> list:
        """The beneficiary and the members of the household today: who a new resource may be for."""
        beneficiary = self.file.beneficiary
        members = [link.member for link in selectors.household(beneficiary)[0]]
        return [(p.pk, p.full_name) for p in [beneficiary, *members]]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "people": self.people()}

    def get_initial(self):
        wanted = self.request.GET.get("personne", "")
        chosen = int(wanted) if wanted.isdigit() else self.file.beneficiary_id
        return {"person": chosen, "source": Resource.Source.DECLARATION}

    def form_valid(self, form):
        person = selectors.file_person(self.file, form.cleaned_data["person"])
        try:
            resource = add_resource(
                actor=self.request.user,
                file=self.file,
                person=person,
                data=form.resource_data(),
                request=self.request,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Ressource enregistrée pour %(name)s : %(kind)s.")
            % {"name": person.full_name, "kind": resource.get_kind_display()},
        )
        return redirect(self.get_success_url())


class ResourceMixin:
    """A page about one resource, named in the URL: found only among the file's people, else 404."""

    def load_objects(self) -> None:
        self.resource = selectors.file_resource(self.file, self.kwargs["resource_pk"])
        if self.resource is None:
            raise Http404

    def read_target(self):
        return self.resource

    def section_url(self) -> str:
        return reverse("people:resources", args=[self.file.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(resource=self.resource, **kwargs)


class ResourceCorrectView(ResourceMixin, FileEditView):
    """Correct what was typed wrongly; a real change of amount is a new resource, the old one ending."""

    template_name = "people/resource_correct.html"
    form_class = ResourceCorrectionForm
    tab = "resources"

    def get_initial(self):
        values = {name: getattr(self.resource, name) for name in RESOURCE_FIELDS}
        return {**values, "version": self.resource.version}

    def form_valid(self, form):
        try:
            correct_resource(
                actor=self.request.user,
                file=self.file,
                resource=self.resource,
                data=form.resource_data(),
                expected_version=form.cleaned_data["version"],
                request=self.request,
            )
        except EditConflict as conflict:
            # Nothing was written: the form keeps what was typed, with the colleague's version to compare.
            self.resource = conflict.current
            data = self.request.POST.copy()
            data["version"] = str(conflict.current.version)
            fresh = ResourceCorrectionForm(data=data)
            fresh.is_valid()
            return self.render_to_response(self.get_context_data(form=fresh, conflict=True), status=409)
        except ValidationError as error:
            self.resource.refresh_from_db()  # the service set the typed values on it before refusing them
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("La ressource de %(name)s est corrigée.") % {"name": self.resource.person.full_name},
        )
        return redirect(self.get_success_url())


class ResourceEndView(ResourceMixin, FileEditView):
    """The person no longer receives the resource: the row stays, with its last day."""

    template_name = "people/resource_end.html"
    form_class = ResourceEndForm
    tab = "resources"

    def get(self, request, *args, **kwargs):
        if self.resource.until is not None:
            messages.info(
                request,
                _("Cette ressource a déjà pris fin le %(date)s.")
                % {"date": f"{self.resource.until:%d/%m/%Y}"},
            )
            return redirect(self.section_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        until = form.cleaned_data["until"]
        try:
            end_resource(
                actor=self.request.user,
                file=self.file,
                resource=self.resource,
                until=until,
                request=self.request,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Fin de la ressource « %(kind)s » de %(name)s enregistrée au %(date)s.")
            % {
                "kind": self.resource.get_kind_display(),
                "name": self.resource.person.full_name,
                "date": f"{until:%d/%m/%Y}",
            },
        )
        return redirect(self.get_success_url())
