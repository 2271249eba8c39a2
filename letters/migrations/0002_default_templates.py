from django.db import migrations

from letters.defaults import CSS, TEMPLATES


def ship(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind, html in TEMPLATES.items():
        LetterTemplate.objects.get_or_create(kind=kind, defaults={"html": html, "css": CSS})


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]

    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
