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
    opinion_required = models.BooleanField(_("avis juridique obligatoire"), default=False)
    opinion_delay_days = models.PositiveSmallIntegerField(_("délai de l'avis (jours ouvrables)"), default=5)
    # Hand-offs the system takes for the head of service (workflow.declaration, "then"): off for a new type,
    # so that its circuit stays the full one until someone chooses (the head's page or the catalogue).
    ready_after_favourable_opinion = models.BooleanField(
        _("prête pour le comité dès un avis favorable"),
        default=False,
        help_text=_(
            "Après un avis juridique favorable, la proposition passe au secrétariat du comité sans repasser "
            "par le chef de service (un avis réservé ou défavorable lui revient toujours)."
        ),
    )
    validate_requests_opinion = models.BooleanField(
        _("valider demande aussi l'avis juridique"),
        default=False,
        help_text=_("La validation par le chef de service transmet la proposition au service juridique."),
    )
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
    # Procedure rules of issue 11 (docs/legal-sources.md, "Procedure"): data an administrator corrects.
    hearing_before_adverse = models.BooleanField(
        _("audition offerte avant une décision défavorable"),
        default=True,
        help_text=_(
            "Refus, réduction ou retrait : la personne doit avoir été informée de son droit d'être entendue."
        ),
    )
    hearing_legal_basis = models.CharField(
        _("base légale de l'audition"),
        max_length=300,
        blank=True,
        help_text=_("Citée dans l'invitation à être entendu ; vide : principe de bonne administration."),
    )
    social_report_required = models.BooleanField(_("rapport social requis avant de soumettre"), default=True)
    home_visit_required = models.BooleanField(
        _("visite à domicile requise avant de soumettre"), default=False
    )
    piis_rule = models.BooleanField(
        _("PIIS obligatoire (nouveaux bénéficiaires, jeunes)"),
        default=False,
        help_text=_("Sauf dispense motivée (santé ou équité) inscrite dans la proposition."),
    )
    piis_age_limit = models.PositiveSmallIntegerField(
        _("PIIS obligatoire en dessous de l'âge de"), default=25
    )
    piis_new_beneficiary_months = models.PositiveSmallIntegerField(
        _("nouveau bénéficiaire : sans droit depuis (mois)"), default=3
    )
    piis_conclude_months = models.PositiveSmallIntegerField(_("PIIS à conclure dans les (mois)"), default=3)
    piis_evaluations_per_year = models.PositiveSmallIntegerField(_("évaluations du PIIS par an"), default=3)
    piis_reflection_days = models.PositiveSmallIntegerField(
        _("délai de réflexion avant de signer le PIIS (jours calendrier)"), default=5
    )
    spp_form = models.CharField(_("formulaire SPP IS"), max_length=10, blank=True, help_text=_("B, B1…"))
    spp_delay_days = models.PositiveSmallIntegerField(
        _("délai d'envoi du formulaire (jours calendrier)"),
        default=45,
        help_text=_("Compté depuis l'octroi de l'aide (le début de la période s'il précède la décision)."),
    )
    procedure_sources = models.TextField(
        _("sources des règles de procédure"),
        blank=True,
        help_text=_("Texte légal, date de la source, vérifié ou non."),
    )
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


class RequiredDocument(models.Model):
    """Pièce requise: a document type a request for this aid must hold (or be dispensed from, with a reason)
    before its proposal is submitted (files.checklist)."""

    aid_type = models.ForeignKey(AidType, on_delete=models.CASCADE, related_name="requirements")
    document_type = models.ForeignKey(
        "documents.DocumentType",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("type de document"),
    )
    note = models.CharField(
        _("précision"),
        max_length=300,
        blank=True,
        help_text=_("Ce qui est attendu exactement : période couverte, pièce acceptée à la place…"),
    )
    per_request = models.BooleanField(
        _("à joindre à chaque demande"),
        default=False,
        help_text=_(
            "Sinon, une pièce classée dans le dossier sans demande (carte d'identité…) vaut pour toutes "
            "ses demandes."
        ),
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=100)

    class Meta:
        ordering = ["aid_type", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["aid_type", "document_type"], name="unique_required_document")
        ]
        verbose_name = _("pièce requise")
        verbose_name_plural = _("pièces requises")

    def __str__(self) -> str:
        return f"{self.document_type.label} ({self.note})" if self.note else self.document_type.label


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
    """A division of a tribunal du travail at one seat address, with validity dates.

    A seat that moves is a new row with its own validity (the old one ends the day before), never an edited
    address: letters dated before the move keep the old one. The area it serves is its cantons
    (JudicialCanton, by the division's name).
    """

    court = models.CharField(_("tribunal"), max_length=120)
    division = models.CharField(_("division"), max_length=120)
    street = models.CharField(_("rue et numéro"), max_length=200)
    postal_code = models.CharField(_("code postal"), max_length=10)
    city = models.CharField(_("localité"), max_length=100)
    hearing_place = models.CharField(
        _("lieu des audiences RI et aide sociale"),
        max_length=300,
        blank=True,
        help_text=_("Où ces affaires sont traitées et entendues, s'il ne s'agit pas du siège ci-dessus."),
    )
    valid_from = models.DateField(_("valable à partir du"))
    valid_to = models.DateField(_("jusqu'au"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("Texte, adresse web et date consultée."))

    class Meta:
        ordering = ["court", "division", "-valid_from"]
        verbose_name = _("division de tribunal du travail")
        verbose_name_plural = _("tribunaux du travail")

    def __str__(self) -> str:
        return f"{self.court}, {self.division}"

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postal_code} {self.city}"

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("La fin de validité précède le début.")})


class JudicialCanton(models.Model):
    """Canton judiciaire (justice de paix) and the labour court division whose area it belongs to.

    The royal decree of 14 March 2014 (art. 16) gives each division its cantons (or communes of a canton):
    a canton split between two divisions is recorded as two rows, one per part.
    """

    name = models.CharField(_("canton"), max_length=120)
    court = models.CharField(_("tribunal"), max_length=120, default="Tribunal du travail du Hainaut")
    division = models.CharField(
        _("division"),
        max_length=120,
        help_text=_("Le nom exact de la division, par ex. « division de Mons »."),
    )
    valid_from = models.DateField(_("valable à partir du"))
    valid_to = models.DateField(_("jusqu'au"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("Texte, adresse web et date consultée."))

    class Meta:
        ordering = ["division", "name", "-valid_from"]
        verbose_name = _("canton judiciaire")
        verbose_name_plural = _("cantons judiciaires")

    def __str__(self) -> str:
        return f"{self.name} ({self.division})"

    def clean(self):
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("La fin de validité précède le début.")})


class CantonCommune(models.Model):
    """A commune of a canton and its postal codes. A postal code shared with a commune of another canton is
    told apart by the locality of the address: list here the localities (sections) this commune has under
    that code."""

    canton = models.ForeignKey(JudicialCanton, on_delete=models.CASCADE, related_name="communes")
    commune = models.CharField(_("commune"), max_length=100)
    postal_codes = models.TextField(
        _("codes postaux"),
        help_text=_("Codes à quatre chiffres ou plages, séparés par des virgules ou des retours à la ligne."),
        validators=[parse_postal_codes],
    )
    localities = models.TextField(
        _("localités"),
        blank=True,
        help_text=_(
            "Localités (sections) de la commune, séparées par des virgules ; utiles quand un code "
            "postal est partagé avec une commune d'un autre canton."
        ),
    )

    class Meta:
        ordering = ["commune"]
        verbose_name = _("commune du canton")
        verbose_name_plural = _("communes du canton")

    def __str__(self) -> str:
        return self.commune

    def serves(self, postal_code: str) -> bool:
        return serves(self.postal_codes, postal_code)


# The rules of the amount's computation (resources, exemptions, household) live in their own module.
from aid.rules import Exemption, HouseholdRule, ResourceRule  # noqa: E402, F401
