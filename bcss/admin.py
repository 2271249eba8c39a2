"""The purpose codes (codes qualité) in the French administration, for the role that manages the catalogue:
audited like the aid catalogue; a code is withdrawn (not in use), never deleted, as registrations cite it."""

from django.contrib import admin

from aid.admin import CatalogueAdminMixin
from bcss.models import Purpose


@admin.register(Purpose)
class PurposeAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ("sector", "code", "label", "active", "source")
    list_filter = ("active",)
