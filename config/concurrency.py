"""Optimistic locking: two people editing the same record, the second is told and nothing is overwritten."""

from django.db import models
from django.utils import timezone


class EditConflict(Exception):
    """The record changed since the form was opened; `current` is the record as saved now."""

    def __init__(self, current: models.Model):
        super().__init__("edit conflict")
        self.current = current


def save_if_unchanged(instance: models.Model, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` of `instance` only if its stored version is still `expected_version`."""
    model = type(instance)
    values = {name: getattr(instance, name) for name in fields}
    if any(f.name == "updated_at" for f in model._meta.fields):
        values["updated_at"] = timezone.now()
    updated = model.objects.filter(pk=instance.pk, version=expected_version).update(
        version=expected_version + 1, **values
    )
    if not updated:
        raise EditConflict(model.objects.get(pk=instance.pk))
    instance.version = expected_version + 1
