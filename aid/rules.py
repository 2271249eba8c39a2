"""The rules of the revenu d'intégration's computation, as dated catalogue data an administrator corrects.

Which resources count (AR 11/07/2002, art. 22, § 1er), the exemptions (art. 22, § 2 and art. 35) and whose
resources in the household count (loi du 26/05/2002, art. 16; AR, art. 34): each row has its validity, its
legal basis and its source, so that a change of the law is a new row, never a change of code.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import HouseholdMember, Resource


class DatedRule(models.Model):
    valid_from = models.DateField(_("valable à partir du"))
    valid_to = models.DateField(_("jusqu'au"), null=True, blank=True)
    legal_basis = models.CharField(_("base légale"), max_length=250)
    source = models.TextField(_("source"), blank=True, help_text=_("Titre, adresse (URL) ou référence."))
    source_date = models.DateField(_("date de la source"), null=True, blank=True)
    verified = models.BooleanField(_("vérifié"), default=False)

    class Meta:
        abstract = True

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("La fin de validité précède le début.")})


class ResourceRule(DatedRule):
    """Whether a kind of resource counts in the computation (ressources exonérées: art. 22, § 1er)."""

    class Treatment(models.TextChoices):
        COUNTED = "counted", _("Prise en compte")
        EXEMPT = "exempt", _("Jamais prise en compte")

    resource_kind = models.CharField(
        _("nature de la ressource"), max_length=20, choices=Resource.Kind.choices
    )
    treatment = models.CharField(_("traitement"), max_length=20, choices=Treatment.choices)
    note = models.CharField(_("remarque"), max_length=300, blank=True)

    class Meta:
        ordering = ["resource_kind", "-valid_from"]
        verbose_name = _("règle de ressource")
        verbose_name_plural = _("ressources prises en compte ou exonérées")

    def __str__(self) -> str:
        return f"{self.get_resource_kind_display()} : {self.get_treatment_display()}"


class HouseholdRule(DatedRule):
    """Whose resources in the household count (art. 34 of the AR), by their link to the beneficiary."""

    relation = models.CharField(_("lien"), max_length=20, choices=HouseholdMember.Relation.choices)
    counted = models.BooleanField(_("ressources prises en compte"), default=False)
    adults_only = models.BooleanField(_("seulement les membres majeurs"), default=True)
    above_cohabitant_rate = models.BooleanField(
        _("seulement la part qui dépasse le taux cohabitant"),
        default=True,
        help_text=_("Le membre garde l'équivalent du revenu d'intégration au taux cohabitant."),
    )

    class Meta:
        ordering = ["relation", "-valid_from"]
        verbose_name = _("règle du ménage")
        verbose_name_plural = _("ressources du ménage prises en compte")

    def __str__(self) -> str:
        return self.get_relation_display()


class Exemption(DatedRule):
    """Exonération: a monthly part of the resources that is not counted (indexed or not: a row per value)."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("Exonération générale (art. 22, § 2)")
        SOCIO_PROFESSIONAL = "socio_professional", _("Exonération socioprofessionnelle (art. 35)")

    kind = models.CharField(_("exonération"), max_length=30, choices=Kind.choices)
    category_code = models.SlugField(
        _("catégorie"), max_length=30, blank=True, help_text=_("Code de la catégorie (vide : toutes).")
    )
    resource_kind = models.CharField(
        _("sur la ressource"),
        max_length=20,
        choices=Resource.Kind.choices,
        blank=True,
        help_text=_("Vide : sur le total des ressources."),
    )
    monthly_amount = models.DecimalField(
        _("montant mensuel (EUR)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    annual_amount = models.DecimalField(
        _("montant annuel (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["kind", "category_code", "-valid_from"]
        verbose_name = _("exonération")
        verbose_name_plural = _("exonérations")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.category_code}".strip()
