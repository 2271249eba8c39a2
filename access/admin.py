"""User, role and team administration, in French, opened to the `admin` role by the access policy."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from access.models import Membership, Team
from access.policy import Action, can
from access.roles import Role, role_label
from audit.services import Verb, changes_between, record


class PolicyAdminMixin:
    """Only the `admin` role (by the access policy) may open these screens; every change is audited."""

    def has_module_permission(self, request):
        return can(request.user, Action.MANAGE_USERS)

    def has_view_permission(self, request, obj=None):
        return can(request.user, Action.MANAGE_USERS)

    has_add_permission = has_view_permission
    has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return False  # accounts are deactivated, never deleted: the audit trail refers to them

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Roles and teams are audited once saved (save_related); a password never enters the trail.
        fields = [f for f in form.changed_data if f != "groups" and "password" not in f]
        if change and not fields:
            return
        record(
            actor=request.user,
            verb=Verb.UPDATE if change else Verb.CREATE,
            target=obj,
            changes={f: (form.initial.get(f) if change else None, form.cleaned_data.get(f)) for f in fields},
            request=request,
        )


class RoleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return role_label(obj.name)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["team"]
    verbose_name = _("équipe")
    verbose_name_plural = _("équipes")

    def has_view_permission(self, request, obj=None):
        return can(request.user, Action.MANAGE_USERS)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.display(description=_("rôles"))
def roles_of(user):
    return ", ".join(role_label(g.name) for g in user.groups.all())


@admin.display(description=_("équipes"))
def teams_of(user):
    return ", ".join(m.team.name for m in user.memberships.all())


class UserAdmin(PolicyAdminMixin, DjangoUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "last_name", "first_name", roles_of, teams_of, "is_active", "last_login"]
    list_filter = ["is_active", "groups", "memberships__team"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Identité"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Rôles"), {"fields": ["groups", "is_active"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"fields": ["username", "first_name", "last_name", "email", "password1", "password2", "groups"]},
        ),
    ]
    filter_horizontal = []
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups", "memberships__team")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            return RoleChoiceField(
                queryset=Group.objects.filter(name__in=[r.value for r in Role]).order_by("name"),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                label=_("Rôles"),
                help_text=_("Les dossiers visibles dépendent aussi des équipes de la personne."),
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        user = form.instance
        before = _roles_and_teams(user) if change else {}
        super().save_related(request, form, formsets, change)
        changes = changes_between(before, _roles_and_teams(user))
        if changes:
            record(actor=request.user, verb=Verb.UPDATE, target=user, changes=changes, request=request)


def _roles_and_teams(user) -> dict[str, list[str]]:
    return {
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "teams": sorted(user.memberships.values_list("team__name", flat=True)),
    }


class TeamMemberInline(MembershipInline):
    autocomplete_fields = ["user"]
    verbose_name = _("membre")
    verbose_name_plural = _("membres")


@admin.register(Team)
class TeamAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "phone"]
    search_fields = ["name"]
    inlines = [TeamMemberInline]

    def save_related(self, request, form, formsets, change):
        team = form.instance
        before = _members(team) if change else []
        super().save_related(request, form, formsets, change)
        if before != _members(team):
            changes = {"members": (before, _members(team))}
            record(actor=request.user, verb=Verb.UPDATE, target=team, changes=changes, request=request)


def _members(team) -> list[str]:
    return sorted(team.memberships.values_list("user__username", flat=True))


admin.site.unregister(User)
admin.site.register(User, UserAdmin)
admin.site.unregister(Group)  # roles are fixed by the policy and chosen on each user's page

_default_has_permission = admin.site.has_permission


def _has_permission(request):
    user = request.user
    return user.is_active and (can(user, Action.MANAGE_USERS) or _default_has_permission(request))


admin.site.has_permission = _has_permission
