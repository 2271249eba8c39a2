"""The aid catalogue and the labour courts in the French administration, for the role that manages them.

Who may open these screens is the access policy's answer (Action.MANAGE_CATALOGUE); every change, inline rows
included, is written to the audit trail with its old and new values. Nothing is deleted but inline rows: an
aid type or a court is withdrawn (not offered, end of validity) because proposals and letters refer to it.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from access.policy import Action, can
from aid.models import (
    AidAmount,
    AidCategory,
    AidType,
    CantonCommune,
    CourtDivision,
    JudicialCanton,
    RequiredDocument,
    overlap_message,
)
from aid.periods import overlap
from aid.rules import Exemption, HouseholdRule, ResourceRule
from audit.services import Verb, changes_between, record


def _manages_catalogue(request) -> bool:
    return can(request.user, Action.MANAGE_CATALOGUE)


class CatalogueAdminMixin:
    def has_module_permission(self, request):
        return _manages_catalogue(request)

    def has_view_permission(self, request, obj=None):
        return _manages_catalogue(request)

    has_add_permission = has_change_permission = has_view_permission

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and not form.changed_data:
            return
        record(
            actor=request.user,
            verb=Verb.UPDATE if change else Verb.CREATE,
            target=obj,
            changes={
                f: (form.initial.get(f) if change else None, form.cleaned_data.get(f))
                for f in form.changed_data
            },
            request=request,
        )


class CatalogueInline(admin.TabularInline):
    extra = 0

    def has_view_permission(self, request, obj=None):
        return _manages_catalogue(request)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


class CategoryInline(CatalogueInline):
    model = AidCategory
    fields = ["code", "label", "position"]


class AmountFormSet(BaseInlineFormSet):
    """All the amounts of one aid type are checked together: closing the old amount and adding the indexed one
    in the same save is the usual change, which row-by-row checks against the database would refuse."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.instance.overlap_checked_by_formset = True

    def clean(self):
        super().clean()
        rows = sorted(
            (
                form.instance
                for form in self.forms
                if form.cleaned_data.get("valid_from") and not self._should_delete_form(form)
            ),
            key=lambda row: row.valid_from,
        )
        for i, earlier in enumerate(rows):
            later = next(
                (r for r in rows[i + 1 :] if r.category_id == earlier.category_id and overlap(earlier, r)),
                None,
            )
            if later:
                subject = earlier.category.label if earlier.category_id else earlier.aid_type.label
                raise ValidationError(f"{subject} : {overlap_message(earlier)}")


class AmountInline(CatalogueInline):
    model = AidAmount
    formset = AmountFormSet
    fields = [
        "category",
        "valid_from",
        "valid_to",
        "amount",
        "annual_amount",
        "source",
        "source_date",
        "verified",
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":  # only the categories of the aid type on screen (none for a new one)
            aid_type_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                AidCategory.objects.filter(aid_type_id=aid_type_id)
                if aid_type_id
                else AidCategory.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RequiredDocumentInline(CatalogueInline):
    """The pieces a request for this aid must hold (files.checklist); document types are the documents
    catalogue's."""

    model = RequiredDocument
    fields = ["document_type", "note", "per_request", "position"]


@admin.register(AidType)
class AidTypeAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["label", "code", "deciding_body", "payment", "opinion_required", "active", "position"]
    list_filter = ["active", "deciding_body", "payment"]
    search_fields = ["label", "code"]
    inlines = [CategoryInline, AmountInline, RequiredDocumentInline]
    fieldsets = [
        (None, {"fields": ["code", "label", "active", "position"]}),
        (_("Motivation"), {"fields": ["legal_basis", "default_motivation"]}),
        (
            _("Procédure"),
            {
                "fields": [
                    "deciding_body",
                    "opinion_required",
                    "opinion_delay_days",
                    "validate_requests_opinion",
                    "ready_after_favourable_opinion",
                    "right_to_be_heard",
                    "payment",
                    "proration",
                    "payment_day",
                    "opens_recovery",
                    "registers_with_spp",
                ]
            },
        ),
        (
            _("Enquête sociale, audition, PIIS et SPP IS"),
            {
                "fields": [
                    "social_report_required",
                    "home_visit_required",
                    "hearing_before_adverse",
                    "hearing_legal_basis",
                    "piis_rule",
                    "piis_age_limit",
                    "piis_new_beneficiary_months",
                    "piis_conclude_months",
                    "piis_evaluations_per_year",
                    "piis_reflection_days",
                    "spp_form",
                    "spp_delay_days",
                    "procedure_sources",
                ]
            },
        ),
    ]

    def save_related(self, request, form, formsets, change):
        aid_type = form.instance
        before = _inline_rows(aid_type) if change else {}
        super().save_related(request, form, formsets, change)
        changes = changes_between(before, _inline_rows(aid_type))
        if changes:
            record(actor=request.user, verb=Verb.UPDATE, target=aid_type, changes=changes, request=request)


def _inline_rows(aid_type: AidType) -> dict[str, list[str]]:
    amounts = aid_type.amounts.select_related("category").order_by("category__position", "valid_from")
    requirements = aid_type.requirements.select_related("document_type")
    return {
        "required_documents": [
            f"{r.document_type.code}{' (à chaque demande)' if r.per_request else ''}: {r.note}"
            for r in requirements
        ],
        "categories": [f"{c.code}: {c.label}" for c in aid_type.categories.order_by("position", "code")],
        "amounts": [
            f"{a.category.code if a.category else '-'} {a.valid_from:%d/%m/%Y}"
            f"-{f'{a.valid_to:%d/%m/%Y}' if a.valid_to else ''} {a.amount}"
            f"{'' if a.verified else ' (non vérifié)'}"
            for a in amounts
        ],
    }


@admin.register(CourtDivision)
class CourtDivisionAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    list_display = ["court", "division", "address", "valid_from", "valid_to"]
    search_fields = ["court", "division", "city"]
    fields = [
        "court",
        "division",
        "street",
        "postal_code",
        "city",
        "hearing_place",
        "valid_from",
        "valid_to",
        "source",
    ]

    @admin.display(description=_("adresse"))
    def address(self, court):
        return court.address


class CantonCommuneInline(CatalogueInline):
    model = CantonCommune
    fields = ["commune", "postal_codes", "localities"]


@admin.register(JudicialCanton)
class JudicialCantonAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    """The cantons (with their communes and postal codes) each division serves: where the legal service
    completes the court catalogue when a letter is blocked."""

    list_display = ["name", "division", "valid_from", "valid_to"]
    list_filter = ["division"]
    search_fields = ["name", "division", "communes__commune", "communes__postal_codes"]
    fields = ["name", "court", "division", "valid_from", "valid_to", "source"]
    inlines = [CantonCommuneInline]

    def save_related(self, request, form, formsets, change):
        canton = form.instance
        before = _communes(canton) if change else {}
        super().save_related(request, form, formsets, change)
        changes = changes_between(before, _communes(canton))
        if changes:
            record(actor=request.user, verb=Verb.UPDATE, target=canton, changes=changes, request=request)


def _communes(canton: JudicialCanton) -> dict[str, list[str]]:
    rows = canton.communes.order_by("commune")
    return {"communes": [f"{c.commune}: {c.postal_codes} ({c.localities})" for c in rows]}


class RuleAdmin(CatalogueAdminMixin, admin.ModelAdmin):
    """The computation's rules: dated rows with their legal basis and source; a change of law is a new row."""

    list_filter = ["verified"]
    date_hierarchy = "valid_from"


@admin.register(ResourceRule)
class ResourceRuleAdmin(RuleAdmin):
    list_display = ["resource_kind", "treatment", "valid_from", "valid_to", "legal_basis", "verified"]
    fields = ["resource_kind", "treatment", "note", "valid_from", "valid_to", "legal_basis", "source"]
    fields += ["source_date", "verified"]


@admin.register(HouseholdRule)
class HouseholdRuleAdmin(RuleAdmin):
    list_display = ["relation", "counted", "valid_from", "valid_to", "legal_basis", "verified"]
    fields = ["relation", "counted", "adults_only", "above_cohabitant_rate", "valid_from", "valid_to"]
    fields += ["legal_basis", "source", "source_date", "verified"]


@admin.register(Exemption)
class ExemptionAdmin(RuleAdmin):
    list_display = ["kind", "category_code", "monthly_amount", "valid_from", "valid_to", "verified"]
    fields = ["kind", "category_code", "resource_kind", "monthly_amount", "annual_amount", "valid_from"]
    fields += ["valid_to", "legal_basis", "source", "source_date", "verified"]


# The administration opens to whoever manages the catalogue too, not only to who manages accounts.
_previous_has_permission = admin.site.has_permission


def _has_permission(request):
    return _previous_has_permission(request) or (request.user.is_active and _manages_catalogue(request))


admin.site.has_permission = _has_permission
