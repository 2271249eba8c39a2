"""Per-role log-in rules and users' authentication apps, in French, for the `admin` role only, audited."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from access.admin import PolicyAdminMixin
from accounts import services
from accounts.models import AuthenticationApp, RoleLoginRule
from audit.services import Verb, record


@admin.register(RoleLoginRule)
class RoleLoginRuleAdmin(PolicyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "second_factor_required"]
    list_editable = ["second_factor_required"]
    readonly_fields = ["role"]

    def has_add_permission(self, request):
        return False  # one rule per role, created with the app

    def save_model(self, request, obj, form, change):
        old = RoleLoginRule.objects.get(pk=obj.pk).second_factor_required
        obj.save()
        record(
            actor=request.user,
            verb=Verb.UPDATE,
            target=obj,
            detail={"role": obj.role},
            changes={"second_factor_required": (old, obj.second_factor_required)},
            request=request,
        )


if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)  # django-otp's own screen shows the secret key and is in English


@admin.register(AuthenticationApp)
class AuthenticationAppAdmin(PolicyAdminMixin, admin.ModelAdmin):
    """A lost phone: the administrator removes the app, its owner enrols a new one at the next log-in."""

    list_display = ["user", "is_confirmed", "created", "last_used"]
    list_display_links = None
    search_fields = ["user__username", "user__last_name"]
    actions = ["reset"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("enrôlement terminé"), boolean=True)
    def is_confirmed(self, device):
        return device.confirmed

    @admin.display(description=_("créée le"))
    def created(self, device):
        return device.created_at

    @admin.display(description=_("dernier code accepté"))
    def last_used(self, device):
        return device.last_used_at

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("Réinitialiser le second facteur (nouvel enrôlement à la connexion)"))
    def reset(self, request, queryset):
        for device in queryset.select_related("user"):
            services.reset_second_factor(actor=request.user, device=device, request=request)
