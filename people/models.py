import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from people import identifiers


class Person(models.Model):
    """Personne: a beneficiary or a member of a beneficiary's household."""

    class Sex(models.TextChoices):
        MALE = "M", _("Homme")
        FEMALE = "F", _("Femme")

    class ResidenceStatus(models.TextChoices):
        BELGIAN = "belgian", _("Belge")
        EU_CITIZEN = "eu", _("Citoyen de l'Union européenne")
        UNLIMITED_STAY = "unlimited", _("Séjour illimité")
        LIMITED_STAY = "limited", _("Séjour limité")
        REFUGEE = "refugee", _("Réfugié reconnu")
        SUBSIDIARY_PROTECTION = "subsidiary", _("Protection subsidiaire")
        ASYLUM_SEEKER = "asylum_seeker", _("Demandeur de protection internationale")
        IRREGULAR = "irregular", _("Sans titre de séjour")
        OTHER = "other", _("Autre")

    class Language(models.TextChoices):
        FRENCH = "fr", _("Français")
        DUTCH = "nl", _("Néerlandais")
        GERMAN = "de", _("Allemand")
        ENGLISH = "en", _("Anglais")
        OTHER = "other", _("Autre")

    last_name = models.CharField(_("nom"), max_length=100)
    first_names = models.CharField(_("prénoms"), max_length=150)
    national_number = models.CharField(
        _("numéro national (NISS ou BIS)"), max_length=11, unique=True, null=True, blank=True
    )
    birth_date = models.DateField(_("date de naissance"), null=True, blank=True)
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices, blank=True)
    nationality = CountryField(_("nationalité"), blank=True)
    residence_status = models.CharField(
        _("statut de séjour"), max_length=20, choices=ResidenceStatus.choices, blank=True
    )
    language = models.CharField(_("langue"), max_length=5, choices=Language.choices, default=Language.FRENCH)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # Consent to receive letters by e-mail instead of on paper (people.services.set_email_consent): kept until
    # withdrawn; each change is in the audit trail and on the file's timeline.
    email_consent_on = models.DateField(
        _("accord pour le courrier par e-mail donné le"), null=True, blank=True
    )
    email_consent_withdrawn_on = models.DateField(
        _("accord pour le courrier par e-mail retiré le"), null=True, blank=True
    )
    email_consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accord enregistré par"),
    )
    # Lower-case, accent-free "last first" for accent- and case-insensitive search on every database.
    search_name = models.CharField(max_length=260, editable=False, db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_names"]
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_names}"

    @property
    def national_number_display(self) -> str:
        return identifiers.format_national_number(self.national_number or "")

    @property
    def is_bis(self) -> bool:
        return bool(self.national_number) and identifiers.is_bis(self.national_number)

    def has_email_consent(self, on: datetime.date | None = None) -> bool:
        """Had the person agreed, and not withdrawn, to get letters by e-mail on `on` (today by default)?"""
        on = on or timezone.localdate()
        if self.email_consent_on is None or self.email_consent_on > on:
            return False
        return self.email_consent_withdrawn_on is None or self.email_consent_withdrawn_on > on

    @property
    def age(self) -> int | None:
        """Age in whole years today (Brussels time), or None when the birth date is unknown."""
        if not self.birth_date:
            return None
        today = timezone.localdate()
        born = self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class Address(models.Model):
    """Adresse, with the period it was valid; the one without end date is the current one."""

    class Kind(models.TextChoices):
        RESIDENCE = "residence", _("Résidence principale")
        REFERENCE = "reference", _("Adresse de référence (CPAS)")
        CONTACT = "contact", _("Adresse de contact")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.RESIDENCE)
    street = models.CharField(_("rue"), max_length=150)
    number = models.CharField(_("numéro"), max_length=15)
    box = models.CharField(_("boîte"), max_length=15, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10)
    city = models.CharField(_("commune"), max_length=100)
    country = CountryField(_("pays"), default="BE")
    valid_from = models.DateField(_("du"))
    valid_to = models.DateField(_("au"), null=True, blank=True)

    class Meta:
        ordering = ["-valid_from", "-id"]
        verbose_name = _("adresse")
        verbose_name_plural = _("adresses")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="address_period_ordered",
            )
        ]

    def __str__(self) -> str:
        box = f" bte {self.box}" if self.box else ""
        return f"{self.street} {self.number}{box}, {self.postal_code} {self.city}"

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class HouseholdMember(models.Model):
    """Membre du ménage of a beneficiary, with the relation and whether they are dependent (à charge)."""

    class Relation(models.TextChoices):
        PARTNER = "partner", _("Conjoint(e) / partenaire")
        CHILD = "child", _("Enfant")
        PARENT = "parent", _("Parent")
        OTHER = "other", _("Autre cohabitant")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="household")
    member = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="member_of")
    relation = models.CharField(_("lien"), max_length=20, choices=Relation.choices)
    is_dependant = models.BooleanField(_("à charge"), default=False)
    since = models.DateField(_("depuis"), null=True, blank=True)
    until = models.DateField(_("jusqu'au"), null=True, blank=True)

    class Meta:
        ordering = ["relation", "member__birth_date"]
        verbose_name = _("membre du ménage")
        verbose_name_plural = _("membres du ménage")
        constraints = [
            # A member may leave and come back (partners separate and reunite): one open period at a time.
            models.UniqueConstraint(
                fields=["person", "member"], condition=Q(until__isnull=True), name="one_open_household_link"
            ),
            models.CheckConstraint(condition=~Q(person=models.F("member")), name="household_not_self"),
            models.CheckConstraint(
                condition=Q(since__isnull=True) | Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="household_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} ({self.get_relation_display()})"


class BankAccount(models.Model):
    """Compte bancaire; the payment account is the one the CPAS pays to."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="bank_accounts")
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    holder = models.CharField(_("titulaire"), max_length=150)
    valid_from = models.DateField(_("valable du"))
    valid_to = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    is_payment_account = models.BooleanField(_("compte de paiement"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_payment_account", "-valid_from"]
        verbose_name = _("compte bancaire")
        verbose_name_plural = _("comptes bancaires")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(is_payment_account=True), name="one_payment_account"
            ),
            models.UniqueConstraint(fields=["person", "iban"], name="unique_iban_per_person"),
        ]

    def __str__(self) -> str:
        return identifiers.format_iban(self.iban)

    @property
    def iban_display(self) -> str:
        return identifiers.format_iban(self.iban)

    @property
    def bank_name(self) -> str:
        return identifiers.bank_name_for_iban(self.iban)


class Resource(models.Model):
    """Ressource: what a person receives each month (net), over the period they receive it.

    Rows are history: a new amount is a new row and the old one ends (`until`: the last day it was received).
    """

    class Kind(models.TextChoices):
        SALARY = "salary", _("Salaire")
        UNEMPLOYMENT = "unemployment", _("Allocations de chômage")
        SICKNESS = "sickness", _("Indemnités de maladie-invalidité")
        PENSION = "pension", _("Pension")
        FAMILY_ALLOWANCE = "family_allowance", _("Allocations familiales")
        MAINTENANCE = "maintenance", _("Pension alimentaire reçue")
        PROPERTY = "property", _("Revenus immobiliers")
        OTHER = "other", _("Autre")

    class Source(models.TextChoices):
        DECLARATION = "declaration", _("Déclaration de la personne")
        DOCUMENT = "document", _("Pièce justificative")
        BCSS = "bcss", _("BCSS")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("nature"), max_length=20, choices=Kind.choices)
    monthly_amount = models.DecimalField(_("montant mensuel net (EUR)"), max_digits=9, decimal_places=2)
    since = models.DateField(_("depuis le"))
    until = models.DateField(_("jusqu'au"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    note = models.CharField(_("remarque"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-since", "-id"]
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        constraints = [
            models.CheckConstraint(condition=Q(monthly_amount__gt=0), name="resource_amount_positive"),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="resource_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.person})"

    def is_current(self, on: datetime.date | None = None) -> bool:
        """Received on `on` (today by default): started, and not ended before that day."""
        on = on or timezone.localdate()
        return self.since <= on and (self.until is None or self.until >= on)
