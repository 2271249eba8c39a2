import django.db.models.functions.text
from django.db import migrations, models


def mark_duplicates(apps, schema_editor):
    """Letters posted before the rule may share a number: the first keeps it, the others are marked (their
    dispatch stays in the audit trail) so that the constraint can be added."""
    Letter = apps.get_model("letters", "Letter")
    first: dict[str, int] = {}
    for letter in Letter.objects.exclude(registered_number="").order_by("created_at", "id"):
        number = "".join(letter.registered_number.split()).upper()
        if number not in first:
            first[number] = letter.pk
            continue
        suffix = f" (doublon {letter.code})"
        letter.registered_number = letter.registered_number[: 40 - len(suffix)] + suffix
        letter.save(update_fields=["registered_number"])


class Migration(migrations.Migration):
    dependencies = [("letters", "0005_scan_uploads")]

    operations = [
        migrations.RunPython(mark_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="letter",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Upper(
                    django.db.models.functions.text.Replace(
                        "registered_number", models.Value(" "), models.Value("")
                    )
                ),
                condition=models.Q(("registered_number", ""), _negated=True),
                name="letters_registered_number_used_once",
            ),
        ),
    ]
