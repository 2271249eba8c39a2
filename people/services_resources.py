"""Changes to the resources (income) of a beneficiary and their household: added, corrected, ended; each
checks, validates, audits and goes on the file's timeline. History is kept: a new amount is a new row."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from access.policy import Action
from aid.formatting import euros
from audit.services import Verb, changes_between, record
from config.concurrency import save_if_unchanged
from files.models import FileEvent, SocialFile
from files.timeline import record_event
from people.models import Person, Resource
from people.services import belongs_to, require
from people.validation import check_resource

RESOURCE_FIELDS = ["kind", "monthly_amount", "since", "until", "source", "note"]


def _clean_resource(data: dict[str, Any]) -> dict[str, Any]:
    values = {name: data.get(name) for name in RESOURCE_FIELDS}
    values["note"] = " ".join((values["note"] or "").split())
    errors = check_resource(
        kind=values["kind"],
        monthly_amount=values["monthly_amount"],
        since=values["since"],
        until=values["until"],
        note=values["note"],
    )
    if errors:
        raise ValidationError(errors)
    return values


def _resource_in_file(actor, file: SocialFile, resource: Resource) -> None:
    require(actor, Action.EDIT_FILE, file)
    if not belongs_to(resource.person, file):
        raise PermissionDenied


@transaction.atomic
def add_resource(*, actor, file: SocialFile, person: Person, data: dict[str, Any], request=None) -> Resource:
    """Record what the beneficiary or a household member receives each month, from a date."""
    require(actor, Action.EDIT_FILE, file)
    if not belongs_to(person, file):
        raise PermissionDenied
    values = _clean_resource(data)
    resource = Resource(person=person, **values)
    resource.full_clean(exclude=["person"])
    resource.save()
    record(
        actor=actor,
        verb=Verb.CREATE,
        target=resource,
        file_id=file.pk,
        person_id=resource.person_id,
        changes=changes_between({}, values),
        request=request,
    )
    summary = _("%(name)s : %(kind)s, %(amount)s par mois depuis le %(since)s") % {
        "name": person.full_name,
        "kind": resource.get_kind_display(),
        "amount": euros(resource.monthly_amount),
        "since": f"{resource.since:%d/%m/%Y}",
    }
    record_event(file=file, kind=FileEvent.Kind.RESOURCE, summary=summary, author=actor)
    return resource


@transaction.atomic
def correct_resource(
    *, actor, file: SocialFile, resource: Resource, data: dict[str, Any], expected_version: int, request=None
) -> Resource:
    """Correct a resource typed wrongly. A real change of amount is a new resource, not a correction."""
    _resource_in_file(actor, file, resource)
    values = _clean_resource(data)
    changes = changes_between({name: getattr(resource, name) for name in values}, values)
    for name, value in values.items():
        setattr(resource, name, value)
    resource.full_clean(exclude=["person"])
    save_if_unchanged(resource, expected_version=expected_version, fields=RESOURCE_FIELDS)
    if changes:
        record(
            actor=actor,
            verb=Verb.UPDATE,
            target=resource,
            file_id=file.pk,
            person_id=resource.person_id,
            changes=changes,
            detail={"what": "correction"},
            request=request,
        )
        labels = ", ".join(str(Resource._meta.get_field(name).verbose_name) for name in changes)
        summary = _("%(name)s : ressource « %(kind)s » corrigée (%(fields)s)") % {
            "name": resource.person.full_name,
            "kind": resource.get_kind_display(),
            "fields": labels,
        }
        record_event(file=file, kind=FileEvent.Kind.RESOURCE, summary=summary, author=actor)
    return resource


@transaction.atomic
def end_resource(
    *, actor, file: SocialFile, resource: Resource, until: datetime.date, request=None
) -> Resource:
    """The person stops receiving it: the row stays, with `until` the last day it was received."""
    _resource_in_file(actor, file, resource)
    resource = Resource.objects.select_for_update().select_related("person").get(pk=resource.pk)
    if resource.until is not None:
        raise ValidationError(
            _("Cette ressource a déjà pris fin le %(date)s.") % {"date": f"{resource.until:%d/%m/%Y}"}
        )
    if until < resource.since:
        raise ValidationError(
            {
                "until": _("La fin ne peut pas précéder le début de la ressource, le %(date)s.")
                % {"date": f"{resource.since:%d/%m/%Y}"}
            }
        )
    resource.until = until
    save_if_unchanged(resource, expected_version=resource.version, fields=["until"])
    record(
        actor=actor,
        verb=Verb.UPDATE,
        target=resource,
        file_id=file.pk,
        person_id=resource.person_id,
        changes={"until": (None, until)},
        detail={"what": "end"},
        request=request,
    )
    summary = _("%(name)s : fin de la ressource « %(kind)s » (%(amount)s par mois) le %(until)s") % {
        "name": resource.person.full_name,
        "kind": resource.get_kind_display(),
        "amount": euros(resource.monthly_amount),
        "until": f"{until:%d/%m/%Y}",
    }
    record_event(file=file, kind=FileEvent.Kind.RESOURCE, summary=summary, author=actor)
    return resource
