"""Catalogue des aides: each kind of aid, how it is decided and paid, its amounts over time (data)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AidType(models.Model):
    """Type d'aide: revenu d'intégration, aide sociale financière, garantie locative..."""

    class Body(models.TextChoices):
        COMMITTEE = "committee", _("Comité spécial du service social")
        BUREAU = "bureau", _("Bureau permanent")
        PRESIDENT = "president", _("Président(e), en urgence")

    class Payment(models.TextChoices):
        MONTHLY = "monthly", _("Mensuel")
        ONCE = "once", _("En une fois")
        NONE = "none", _("Aucun paiement")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    label = models.CharField(_("nom"), max_length=120)
    legal_basis = models.TextField(_("base légale"), blank=True)
    default_motivation = models.TextField(
        _("motivation par défaut"), blank=True, help_text=_("Paragraphes proposés au travailleur social.")
    )
    required_documents = models.TextField(
        _("documents requis"), blank=True, help_text=_("Un document par ligne.")
    )
    opinion_required = models.BooleanField(_("avis juridique obligatoire"), default=False)
    opinion_delay_days = models.PositiveSmallIntegerField(_("délai de l'avis (jours ouvrables)"), default=5)
    deciding_body = models.CharField(
        _("organe qui décide"), max_length=20, choices=Body.choices, default=Body.COMMITTEE
    )
    payment = models.CharField(_("paiement"), max_length=20, choices=Payment.choices, default=Payment.NONE)
    opens_recovery = models.BooleanField(_("ouvre une avance ou une récupération"), default=False)
    registers_with_spp = models.BooleanField(
        _("droit à enregistrer auprès du SPP Intégration sociale"), default=False
    )
    right_to_be_heard = models.BooleanField(_("droit d'être entendu"), default=False)
    active = models.BooleanField(_("proposé"), default=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=100)

    class Meta:
        ordering = ["position", "label"]
        verbose_name = _("type d'aide")
        verbose_name_plural = _("types d'aide")

    def __str__(self) -> str:
        return self.label

    @property
    def documents(self) -> list[str]:
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]


class AidCategory(models.Model):
    """Catégorie d'une aide (RI: cohabitant, isolé, famille à charge)."""

    aid_type = models.ForeignKey(AidType, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(_("code"), max_length=30)
    label = models.CharField(_("nom"), max_length=120)
    position = models.PositiveSmallIntegerField(_("ordre"), default=100)

    class Meta:
        ordering = ["aid_type", "position", "label"]
        constraints = [models.UniqueConstraint(fields=["aid_type", "code"], name="unique_category_code")]
        verbose_name = _("catégorie")
        verbose_name_plural = _("catégories")

    def __str__(self) -> str:
        return f"{self.aid_type.label} – {self.label}"


class AidAmount(models.Model):
    """Montant mensuel (ou unique) d'une aide et d'une catégorie, valable à partir d'une date (indexation)."""

    aid_type = models.ForeignKey(AidType, on_delete=models.CASCADE, related_name="amounts")
    category = models.ForeignKey(
        AidCategory, on_delete=models.CASCADE, null=True, blank=True, related_name="amounts"
    )
    valid_from = models.DateField(_("valable à partir du"))
    valid_to = models.DateField(_("jusqu'au"), null=True, blank=True)
    amount = models.DecimalField(_("montant (EUR)"), max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["aid_type", "category", "-valid_from"]
        verbose_name = _("montant")
        verbose_name_plural = _("montants")

    def __str__(self) -> str:
        return f"{self.category or self.aid_type}: {self.amount} € ({self.valid_from:%d/%m/%Y})"
