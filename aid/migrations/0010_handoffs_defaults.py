"""The shipped catalogue's hand-offs (issue 14, point 2): a favourable opinion makes every aid's proposal ready
for the committee without the head's third pass, and validating an aid whose opinion is mandatory also asks
for it (the head would ask it every time). A new aid type keeps the full circuit until someone chooses."""

from django.db import migrations


def install(apps, schema_editor):
    """Also called by tests whose flushed database needs the shipped catalogue back (tests/aid/catalogue.py)."""
    AidType = apps.get_model("aid", "AidType")
    AidType.objects.update(ready_after_favourable_opinion=True)
    AidType.objects.filter(opinion_required=True).update(validate_requests_opinion=True)


class Migration(migrations.Migration):
    dependencies = [("aid", "0009_handoffs")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
