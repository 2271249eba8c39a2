"""Changes to people: identity, addresses, household, bank accounts (resources: services_resources.py). Each
checks, validates, audits."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from access.policy import Action, can
from audit.services import Verb, changes_between, record
from config.concurrency import save_if_unchanged
from files.models import FileEvent, SocialFile
from files.timeline import moment_of, record_event
from people import identifiers
from people.models import Address, BankAccount, HouseholdMember, Person
from people.normalize import search_name
from people.selectors import person_with_number
from people.validation import raise_identity_errors

IDENTITY_FIELDS = [
    "last_name",
    "first_names",
    "national_number",
    "birth_date",
    "sex",
    "nationality",
    "residence_status",
    "language",
    "phone",
    "email",
]


class DuplicatePerson(ValidationError):
    """A person with this national number exists already: `existing` is that person."""

    def __init__(self, existing: Person):
        super().__init__(
            {"national_number": _("Une personne avec ce numéro national est déjà enregistrée.")},
        )
        self.existing = existing


def require(actor, action: Action, file: SocialFile | None) -> None:
    if not can(actor, action, file):
        raise PermissionDenied


def belongs_to(person: Person, file: SocialFile) -> bool:
    if person.pk == file.beneficiary_id:
        return True
    return HouseholdMember.objects.filter(person_id=file.beneficiary_id, member=person).exists()


def _clean_identity(data: dict[str, Any], *, exclude_pk: int | None = None) -> dict[str, Any]:
    data = {k: data.get(k, "") for k in IDENTITY_FIELDS}
    data["last_name"] = " ".join((data["last_name"] or "").split())
    data["first_names"] = " ".join((data["first_names"] or "").split())
    data["language"] = data["language"] or Person.Language.FRENCH
    data["nationality"] = data["nationality"] or ""
    if not data["last_name"]:
        raise ValidationError({"last_name": _("Le nom est obligatoire.")})
    number = data["national_number"] or ""
    data["national_number"] = identifiers.validate_national_number(number) if number else None
    birth = data["birth_date"] or identifiers.birth_date_from_number(data["national_number"] or "")
    data["birth_date"] = birth or None
    data["sex"] = data["sex"] or identifiers.sex_from_number(data["national_number"] or "") or ""
    raise_identity_errors(
        national_number=data["national_number"] or "", birth_date=data["birth_date"], sex=data["sex"]
    )
    existing = person_with_number(data["national_number"] or "", exclude_pk=exclude_pk)
    if existing:
        raise DuplicatePerson(existing)
    return data


@transaction.atomic
def create_person(*, actor, data: dict[str, Any], file: SocialFile | None = None) -> Person:
    """Register a person: a new beneficiary (no file yet) or a household member of `file`."""
    require(actor, Action.EDIT_FILE if file else Action.CREATE_FILE, file)
    values = _clean_identity(data)
    person = Person(**values, search_name=search_name(values["last_name"], values["first_names"]))
    person.save()
    record(actor=actor, verb=Verb.CREATE, target=person, file_id=file.pk if file else None)
    return person


@transaction.atomic
def update_person(
    *, actor, file: SocialFile, person: Person, data: dict[str, Any], expected_version: int
) -> Person:
    require(actor, Action.EDIT_FILE, file)
    if not belongs_to(person, file):
        raise PermissionDenied
    values = _clean_identity(data, exclude_pk=person.pk)
    changes = changes_between({k: getattr(person, k) for k in values}, values)
    for key, value in values.items():
        setattr(person, key, value)
    person.search_name = search_name(person.last_name, person.first_names)
    save_if_unchanged(person, expected_version=expected_version, fields=[*IDENTITY_FIELDS, "search_name"])
    if changes:
        labels = ", ".join(str(Person._meta.get_field(k).verbose_name) for k in changes)
        record(actor=actor, verb=Verb.UPDATE, target=person, file_id=file.pk, changes=changes)
        record_event(
            file=file, kind=FileEvent.Kind.IDENTITY, summary=f"{person.full_name} : {labels}", author=actor
        )
    return person


@transaction.atomic
def set_email_consent(*, actor, file: SocialFile, given: bool, day: datetime.date, request=None) -> Person:
    """The beneficiary agrees (`given`) to receive their letters by e-mail, or withdraws that agreement."""
    require(actor, Action.EDIT_FILE, file)
    return _change_email_consent(actor, file, given=given, day=day, request=request)


@transaction.atomic
def consent_declared_at_dispatch(*, actor, file: SocialFile, day: datetime.date, request=None) -> Person:
    """Whoever sends a letter (letters.services.dispatch) declares the beneficiary has just agreed in writing
    to receive it by e-mail: kept on the person as any consent, for the next letters."""
    require(actor, Action.DISPATCH_LETTER, file)
    return _change_email_consent(actor, file, given=True, day=day, request=request, at_dispatch=True)


def _change_email_consent(actor, file, *, given: bool, day, request, at_dispatch: bool = False) -> Person:
    person = Person.objects.select_for_update().get(pk=file.beneficiary_id)
    if day > timezone.localdate():
        raise ValidationError({"day": _("La date ne peut pas être dans le futur.")})
    current = person.email_consent_on is not None and person.email_consent_withdrawn_on is None
    if given:
        if not person.email:
            raise ValidationError(
                _("Enregistrez d'abord l'adresse e-mail de la personne dans sa signalétique.")
            )
        if current:
            raise ValidationError(
                _("L'accord est déjà enregistré depuis le %(day)s.")
                % {"day": f"{person.email_consent_on:%d/%m/%Y}"}
            )
        new = {"email_consent_on": day, "email_consent_withdrawn_on": None}
    else:
        if not current:
            raise ValidationError(_("Aucun accord en cours à retirer."))
        if day < person.email_consent_on:
            raise ValidationError(
                {
                    "day": _("Le retrait ne peut pas précéder l'accord, donné le %(day)s.")
                    % {"day": f"{person.email_consent_on:%d/%m/%Y}"}
                }
            )
        new = {"email_consent_withdrawn_on": day}
    new["email_consent_recorded_by"] = actor
    changes = changes_between({k: getattr(person, k) for k in new}, new)
    for key, value in new.items():
        setattr(person, key, value)
    person.save(update_fields=[*new, "updated_at"])
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=person,
        file_id=file.pk,
        person_id=person.pk,
        changes=changes,
        detail={"what": "email_consent", "email": person.email, "declared_at_dispatch": at_dispatch},
        request=request,
    )
    if at_dispatch:
        summary = _(
            "%(name)s accepte de recevoir son courrier par e-mail (%(email)s), accord du %(day)s "
            "déclaré lors d'un envoi"
        )
    elif given:
        summary = _("%(name)s accepte de recevoir son courrier par e-mail (%(email)s), accord du %(day)s")
    else:
        summary = _("%(name)s retire son accord pour le courrier par e-mail, le %(day)s")
    record_event(
        file=file,
        kind=FileEvent.Kind.EMAIL_CONSENT,
        summary=summary % {"name": person.full_name, "email": person.email, "day": f"{day:%d/%m/%Y}"},
        author=actor,
        occurred_at=moment_of(day),
    )
    return person


ADDRESS_FIELDS = ["kind", "street", "number", "box", "postal_code", "city", "country", "valid_from"]


def _save_address(*, actor, file: SocialFile, address: Address) -> Address:
    address.save()
    new = {name: getattr(address, name) for name in ADDRESS_FIELDS}
    record(actor=actor, verb=Verb.CREATE, target=address, file_id=file.pk, changes=changes_between({}, new))
    record_event(
        file=file,
        kind=FileEvent.Kind.ADDRESS,
        summary=f"{address.person.full_name} : {address}",
        author=actor,
    )
    return address


@transaction.atomic
def add_address(*, actor, file: SocialFile, person: Person, data: dict[str, Any]) -> Address:
    """Record a new address; the current one of the same kind ends the day before."""
    require(actor, Action.EDIT_FILE, file)
    if not belongs_to(person, file):
        raise PermissionDenied
    address = Address(person=person, **data)
    address.full_clean(exclude=["person"])
    current = person.addresses.filter(kind=address.kind, valid_to__isnull=True).first()
    if current:
        if address.valid_from <= current.valid_from:
            raise ValidationError(
                {
                    "valid_from": _(
                        "La nouvelle adresse doit commencer après le %(date)s, début de l'adresse actuelle."
                    )
                    % {"date": current.valid_from.strftime("%d/%m/%Y")}
                }
            )
        current.valid_to = address.valid_from - datetime.timedelta(days=1)
        current.save(update_fields=["valid_to"])
        record(
            actor=actor,
            verb=Verb.UPDATE,
            target=current,
            file_id=file.pk,
            changes={"valid_to": (None, current.valid_to)},
        )
    return _save_address(actor=actor, file=file, address=address)


@transaction.atomic
def add_first_address(*, actor, file: SocialFile, data: dict[str, Any]) -> Address:
    """The newcomer's address, part of registering them: whoever may open files records it (reception
    included, which may not edit a file afterwards)."""
    require(actor, Action.CREATE_FILE, None)
    if file.beneficiary.addresses.exists():
        raise PermissionDenied
    address = Address(person=file.beneficiary, **data)
    address.full_clean(exclude=["person"])
    return _save_address(actor=actor, file=file, address=address)


@transaction.atomic
def add_household_member(
    *,
    actor,
    file: SocialFile,
    member: Person,
    relation: str,
    is_dependant: bool = False,
    since: datetime.date | None = None,
) -> HouseholdMember:
    require(actor, Action.EDIT_FILE, file)
    if member.pk == file.beneficiary_id:
        raise ValidationError(_("Le bénéficiaire ne peut pas être membre de son propre ménage."))
    # A former member may come back; someone still in the household (or leaving after `since`) may not.
    joins_on = since or timezone.localdate()
    links = HouseholdMember.objects.filter(person_id=file.beneficiary_id, member=member)
    if links.filter(Q(until__isnull=True) | Q(until__gt=joins_on)).exists():
        raise ValidationError(_("Cette personne fait déjà partie du ménage."))
    link = HouseholdMember.objects.create(
        person_id=file.beneficiary_id,
        member=member,
        relation=relation,
        is_dependant=is_dependant,
        since=since,
    )
    new = {"relation": relation, "is_dependant": is_dependant, "since": since}
    record(actor=actor, verb=Verb.CREATE, target=link, file_id=file.pk, changes=changes_between({}, new))
    record_event(file=file, kind=FileEvent.Kind.HOUSEHOLD, summary=str(link), author=actor)
    return link


@transaction.atomic
def end_household_member(*, actor, file: SocialFile, link: HouseholdMember, until: datetime.date) -> None:
    """A member leaves the household: the link is kept with its end date, for history."""
    require(actor, Action.EDIT_FILE, file)
    if link.person_id != file.beneficiary_id:
        raise PermissionDenied
    if link.since and until < link.since:
        raise ValidationError({"until": _("La date de départ précède l'arrivée dans le ménage.")})
    changes = {"until": (link.until, until)}
    link.until = until
    link.save(update_fields=["until"])
    record(actor=actor, verb=Verb.UPDATE, target=link, file_id=file.pk, changes=changes)
    summary = _("%(member)s a quitté le ménage le %(date)s") % {
        "member": link.member.full_name,
        "date": until.strftime("%d/%m/%Y"),
    }
    record_event(file=file, kind=FileEvent.Kind.HOUSEHOLD, summary=summary, author=actor)


@transaction.atomic
def add_bank_account(
    *,
    actor,
    file: SocialFile,
    person: Person,
    iban: str,
    holder: str,
    valid_from: datetime.date,
    is_payment_account: bool = False,
) -> BankAccount:
    """Register an account (BIC derived from the IBAN); making it the payment account is a recorded event."""
    require(actor, Action.EDIT_FILE, file)
    if not belongs_to(person, file):
        raise PermissionDenied
    number = identifiers.validate_iban(iban)
    if person.bank_accounts.filter(iban=number).exists():
        raise ValidationError({"iban": _("Ce compte est déjà enregistré pour cette personne.")})
    account = BankAccount.objects.create(
        person=person,
        iban=number,
        bic=identifiers.bic_for_iban(number),
        holder=" ".join(holder.split()) or person.full_name,
        valid_from=valid_from,
    )
    new = {"iban": account.iban, "bic": account.bic, "holder": account.holder, "valid_from": valid_from}
    record(actor=actor, verb=Verb.CREATE, target=account, file_id=file.pk, changes=changes_between({}, new))
    if is_payment_account:
        set_payment_account(actor=actor, file=file, account=account)
    else:
        record_event(
            file=file,
            kind=FileEvent.Kind.BANK_ACCOUNT,
            summary=f"{person.full_name} : {account}",
            author=actor,
        )
    return account


@transaction.atomic
def set_payment_account(*, actor, file: SocialFile, account: BankAccount) -> None:
    """Change the account payments go to. Sensitive: audited with the old and the new IBAN."""
    require(actor, Action.EDIT_FILE, file)
    if not belongs_to(account.person, file):
        raise PermissionDenied
    previous = account.person.bank_accounts.filter(is_payment_account=True).exclude(pk=account.pk).first()
    if previous:
        previous.is_payment_account = False
        previous.save(update_fields=["is_payment_account"])
    account.is_payment_account = True
    account.save(update_fields=["is_payment_account"])
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=account,
        file_id=file.pk,
        changes={"payment_account": (previous.iban if previous else None, account.iban)},
    )
    summary = _("Compte de paiement : %(new)s (auparavant %(old)s)") % {
        "new": account.iban_display,
        "old": previous.iban_display if previous else _("aucun"),
    }
    record_event(file=file, kind=FileEvent.Kind.BANK_ACCOUNT, summary=summary, author=actor)
