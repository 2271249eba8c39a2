"""The retention periods of letters and files in the administration, for the role that manages the catalogue
(as the document types' periods are); every change is audited. The DPO's confirmation is ticked here."""

from django.contrib import admin

from aid.admin import CatalogueAdminMixin
from retention.models import RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "years", "start", "disposal", "checked_on", "confirmed_by_dpo"]
    list_filter = ["target", "confirmed_by_dpo"]
    fields = [
        "target",
        "key",
        "years",
        "start",
        "disposal",
        "legal_basis",
        "source",
        "checked_on",
        "confirmed_by_dpo",
    ]
