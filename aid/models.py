"""Catalogue des aides: each kind of aid, how it is decided and paid, its amounts over time (data)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from aid.formatting import euros
from aid.periods import overlap, parse_postal_codes, serves


class AidType(models.Model):
    """Type d'aide: revenu d'intégration, aide sociale financière, garantie locative..."""

    class Body(models.TextChoices):
        COMMITTEE = "committee", _("Comité spécial du service social")
        BUREAU = "bureau", _("Bureau permanent")
        PRESIDENT = "president", _("Président(e), en urgence")

    class Payment(models.TextChoices):
        MONTHLY = "monthly", _("Mensuel")
        FORTNIGHTLY = "fortnightly", _("Par quinzaine")
        WEEKLY = "weekly", _("Hebdomadaire")
        ONCE = "once", _("En une fois")
        NONE = "none", _("Aucun paiement")

    class Proration(models.TextChoices):
        CALENDAR_DAYS = "calendar_days", _("Au jour calendrier (jours de la période / jours du mois)")
        THIRTY_DAYS = "thirty_days", _("En trentièmes (jours de la période, au plus 30, / 30)")

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
    payment = models.CharField(
        _("paiement"),
        max_length=20,
        choices=Payment.choices,
        default=Payment.NONE,
        help_text=_(
            "Périodicité proposée par défaut ; le CPAS choisit mensuel, par quinzaine ou hebdomadaire."
        ),
    )
    proration = models.CharField(
        _("règle de prorata"),
        max_length=20,
        choices=Proration.choices,
        default=Proration.CALENDAR_DAYS,
        help_text=_("Comment se calcule le montant d'un mois incomplet."),
    )
    payment_day = models.PositiveSmallIntegerField(
        _("jour de paiement"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_(
            "Jour du mois (1 à 28) où le CPAS paie ; le premier paiement est proposé à ce jour, "
            "au plus tôt au début de la période."
        ),
    )
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
    def ratifying_body(self) -> str:
        """The body that ratifies the president's urgent decision on this aid: the one deciding it, else (an
        aid the president decides) the committee."""
        return self.Body.COMMITTEE if self.deciding_body == self.Body.PRESIDENT else self.deciding_body

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
    annual_amount = models.DecimalField(
        _("montant annuel (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    source = models.TextField(
        _("source"), blank=True, help_text=_("Titre, adresse (URL) ou référence du Moniteur belge.")
    )
    source_date = models.DateField(_("date de la source"), null=True, blank=True)
    verified = models.BooleanField(
        _("vérifié"),
        default=False,
        help_text=_(
            "Montant vérifié au centime sur la source officielle (SPP Intégration sociale, Moniteur)."
        ),
    )

    class Meta:
        ordering = ["aid_type", "category", "-valid_from"]
        verbose_name = _("montant")
        verbose_name_plural = _("montants")

    def __str__(self) -> str:
        return f"{self.category or self.aid_type}: {self.amount} € ({self.valid_from:%d/%m/%Y})"

    # The admin's inline checks the amounts of one aid type together, edited rows included (the rows still in
    # the database would be stale there): it sets this flag and clean() then leaves the overlap to it.
    overlap_checked_by_formset = False

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("La fin de validité précède le début.")})
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": _("Le montant ne peut pas être négatif.")})
        if self.category_id and self.aid_type_id and self.category.aid_type_id != self.aid_type_id:
            raise ValidationError({"category": _("Cette catégorie appartient à un autre type d'aide.")})
        if self.overlap_checked_by_formset or not (self.aid_type_id and self.valid_from):
            return
        others = AidAmount.objects.filter(aid_type_id=self.aid_type_id, category_id=self.category_id)
        clash = next((o for o in others.exclude(pk=self.pk) if overlap(self, o)), None)
        if clash:
            raise ValidationError(overlap_message(clash))


def overlap_message(other: AidAmount) -> str:
    values = {"amount": euros(other.amount), "start": other.valid_from.strftime("%d/%m/%Y")}
    if other.valid_to is None:
        return (
            _(
                "Cette période chevauche le montant de %(amount)s valable depuis le %(start)s, "
                "sans date de fin : fermez d'abord l'ancien montant (date « jusqu'au ») la veille du nouveau."
            )
            % values
        )
    return _(
        "Cette période chevauche le montant de %(amount)s valable du %(start)s au %(end)s : "
        "les périodes d'une même catégorie ne peuvent pas se recouvrir."
    ) % {**values, "end": other.valid_to.strftime("%d/%m/%Y")}


class CourtDivision(models.Model):
    """A division of a tribunal du travail: the postal codes it serves and its address, with validity dates.

    A court moves or its district changes: a new row with its own validity, never an edited template.
    """

    court = models.CharField(_("tribunal"), max_length=120)
    division = models.CharField(_("division"), max_length=120)
    street = models.CharField(_("rue et numéro"), max_length=200)
    postal_code = models.CharField(_("code postal"), max_length=10)
    city = models.CharField(_("localité"), max_length=100)
    served_postal_codes = models.TextField(
        _("codes postaux desservis"),
        help_text=_("Codes à quatre chiffres ou plages, séparés par des virgules ou des retours à la ligne."),
        validators=[parse_postal_codes],
    )
    valid_from = models.DateField(_("valable à partir du"))
    valid_to = models.DateField(_("jusqu'au"), null=True, blank=True)

    class Meta:
        ordering = ["court", "division", "-valid_from"]
        verbose_name = _("division de tribunal du travail")
        verbose_name_plural = _("tribunaux du travail")

    def __str__(self) -> str:
        return f"{self.court}, {self.division}"

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postal_code} {self.city}"

    def serves(self, postal_code: str) -> bool:
        return serves(self.served_postal_codes, postal_code)

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("La fin de validité précède le début.")})


# The rules of the amount's computation (resources, exemptions, household) live in their own module.
from aid.rules import Exemption, HouseholdRule, ResourceRule  # noqa: E402, F401
