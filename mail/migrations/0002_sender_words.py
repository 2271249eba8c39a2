# The senders' folded words, indexed, for the register's text filter (mail.senders), filled for the mail
# already registered.

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    from mail.senders import words

    IncomingMail = apps.get_model("mail", "IncomingMail")
    SenderWord = apps.get_model("mail", "SenderWord")
    rows = []
    for pk, sender_name in IncomingMail.objects.values_list("pk", "sender_name").iterator(chunk_size=2000):
        rows += [SenderWord(mail_id=pk, word=word[:200]) for word in words(sender_name)]
        if len(rows) >= 2000:
            SenderWord.objects.bulk_create(rows)
            rows = []
    SenderWord.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SenderWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=200)),
                (
                    "mail",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sender_words",
                        to="mail.incomingmail",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["word", "mail"],
                        name="mail_sender_word_idx",
                        opclasses=["varchar_pattern_ops", "int8_ops"],
                    )
                ],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
