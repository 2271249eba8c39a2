"""Nouveau dossier: register a newcomer and open their file in one form, without creating a duplicate."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from access.models import Team
from access.policy import Action, Scope, can, scope_for, user_team_ids
from config.forms import apply_service_errors
from files import selectors, services
from files.forms import RegisterForm, teams_mine_first
from people.selectors import person_with_number, similar_people
from people.services import DuplicatePerson


def offered_teams(user):
    """Teams a new file may be opened in: any team for the desk (reception), otherwise only the user's own."""
    if scope_for(user, Action.CREATE_FILE) is Scope.ALL:
        return teams_mine_first(user)
    return Team.objects.owning_files().filter(pk__in=user_team_ids(user)).order_by("name")


class RegisterView(FormView):
    template_name = "files/create.html"
    form_class = RegisterForm

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, Action.CREATE_FILE):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["teams"] = offered_teams(self.request.user)
        kwargs["user"] = self.request.user
        return kwargs

    def _refuse_duplicate(self, form, existing):
        form.add_error("national_number", _("Une personne avec ce numéro national est déjà enregistrée."))
        return self.render_to_response(
            self.get_context_data(
                form=form,
                duplicate={
                    "person": existing,
                    "files": selectors.files_concerning(self.request.user, existing),
                },
            )
        )

    def form_valid(self, form):
        user = self.request.user
        data = form.cleaned_data
        existing = person_with_number(data["national_number"])
        if existing:
            return self._refuse_duplicate(form, existing)
        if not data["confirm_distinct"]:
            similar = similar_people(
                last_name=data["last_name"], first_names=data["first_names"], birth_date=data["birth_date"]
            )
            if similar:
                form.add_error(
                    "confirm_distinct",
                    _(
                        "Vérifiez la liste des personnes au nom semblable, puis cochez cette case "
                        "s'il s'agit bien d'une autre personne."
                    ),
                )
                described = [{"person": p, "files": selectors.files_concerning(user, p)} for p in similar]
                return self.render_to_response(self.get_context_data(form=form, similar=described))
        try:
            file = services.register_beneficiary(
                actor=user,
                identity=form.identity(),
                team=data["team"],
                primary_worker=data["primary_worker"],
                address=form.address(),
                first_request=form.request_data(),
            )
        except DuplicatePerson as error:  # registered by a colleague a moment ago
            return self._refuse_duplicate(form, error.existing)
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        names = {"ref": file.reference, "name": file.beneficiary.full_name, "team": file.team.name}
        if not can(user, Action.VIEW_FILE, file):  # the desk hands it over: the next newcomer is waiting
            messages.success(
                self.request, _("Le dossier %(ref)s de %(name)s est ouvert et confié à : %(team)s.") % names
            )
            return redirect("files:create")
        messages.success(self.request, _("Le dossier %(ref)s de %(name)s est ouvert.") % names)
        return redirect("files:detail", pk=file.pk)
