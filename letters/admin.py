"""Letter templates in the French administration, for the role that manages the aid catalogue; audited."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from access.policy import Action, can
from audit.services import Verb, record
from letters import rendering
from letters.models import LegalText, Letterhead, LetterTemplate


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["html", "css"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = format_html_join(", ", "<code>{{{{ {} }}}}</code> ({})", paths(self.instance.kind))
        self.fields["html"].help_text = format_html(
            "{} {}.", _("Variables disponibles pour ce type de lettre :"), names
        )

    def clean_html(self):
        html = self.cleaned_data["html"]
        if errors := rendering.problems(self.instance.kind, html):
            raise forms.ValidationError(errors)
        return html


def paths(kind: str, variables: dict | None = None, prefix: str = ""):
    """(dotted name, description) of every value a template of this kind receives."""
    for name, value in (rendering.VARIABLES[kind] if variables is None else variables).items():
        if isinstance(value, dict):
            yield from paths(kind, value, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", value


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateForm
    list_display = ["kind", "updated_at"]
    readonly_fields = ["kind"]

    def has_module_permission(self, request):
        return can(request.user, Action.MANAGE_CATALOGUE)

    def has_view_permission(self, request, obj=None):
        return can(request.user, Action.MANAGE_CATALOGUE)

    has_change_permission = has_view_permission

    def has_add_permission(self, request):
        return False  # one template per kind, shipped by the migration

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.changed_data:
            record(
                actor=request.user,
                verb=Verb.UPDATE,
                target=obj,
                changes={f: (form.initial.get(f), form.cleaned_data.get(f)) for f in form.changed_data},
                request=request,
            )


class CatalogueAdmin(admin.ModelAdmin):
    """Edited by the role that manages the catalogue; every save is in the audit trail."""

    def has_module_permission(self, request):
        return can(request.user, Action.MANAGE_CATALOGUE)

    def has_view_permission(self, request, obj=None):
        return can(request.user, Action.MANAGE_CATALOGUE)

    has_change_permission = has_add_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return False  # a text printed in a letter stays, closed by its "valid to" date

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {
            f: (str(form.initial.get(f, "")), str(form.cleaned_data.get(f, ""))) for f in form.changed_data
        }
        record(
            actor=request.user,
            verb=Verb.UPDATE if change else Verb.CREATE,
            target=obj,
            changes=changes,
            request=request,
        )


@admin.register(Letterhead)
class LetterheadAdmin(CatalogueAdmin):
    list_display = ["__str__", "place", "president_name", "director_name"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Letterhead.objects.exists()


@admin.register(LegalText)
class LegalTextAdmin(CatalogueAdmin):
    list_display = ["article", "valid_from", "valid_to", "source_date", "verified"]
    list_filter = ["key", "verified"]
