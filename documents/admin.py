"""The catalogue of document types, for the role that manages the catalogue (as aid/admin.py): each change is
written to the audit trail; a type is withdrawn (not active), never deleted, because documents refer to it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from aid.admin import CatalogueAdminMixin
from documents.models import DocumentType


@admin.register(DocumentType)
class DocumentTypeAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["label", "code", "default_confidentiality", "retention_years", "retention_confirmed"]
    list_display += ["active", "position"]
    list_filter = ["active", "default_confidentiality", "retention_confirmed"]
    search_fields = ["label", "code"]
    fieldsets = [
        (None, {"fields": ["code", "label", "active", "position", "default_confidentiality"]}),
        (
            _("Conservation"),
            {"fields": ["retention_years", "retention_start", "retention_basis", "retention_confirmed"]},
        ),
    ]
