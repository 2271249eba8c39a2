"""Attribution: the head of service assigns a file to a team and a social worker, or changes its status."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from access.policy import Action, can
from config.concurrency import EditConflict
from config.forms import apply_service_errors
from files import services
from files.forms import AssignForm
from files.sections import FileSectionMixin
from files.views.common import conflict_context


class AssignView(FileSectionMixin, FormView):
    template_name = "files/assign.html"
    tab = "assign"
    action = Action.ASSIGN_FILE
    form_class = AssignForm

    def dispatch(self, request, *args, **kwargs):
        self.conflict = None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "file": self.file}

    def get_initial(self):
        return AssignForm.initial_for(self.file)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["conflict"] = self.conflict
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.update_file(
                actor=self.request.user,
                file=self.file,
                team=data["team"],
                primary_worker=data["primary_worker"],
                status=data["status"],
                closed_on=data["closed_on"],
                expected_version=data["version"],
            )
        except EditConflict as error:
            self.file = error.current
            form, self.conflict = conflict_context(
                error.current, self.request.POST, AssignForm, user=self.request.user, file=error.current
            )
            return self.render_to_response(self.get_context_data(form=form))
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Attribution du dossier %(ref)s enregistrée.") % {"ref": self.file.reference}
        )
        if not can(self.request.user, Action.VIEW_FILE, self.file):
            # Handed over to a team the user does not belong to: the file is now out of their sight.
            return redirect("files:my_files")
        return redirect("files:detail", pk=self.file.pk)
