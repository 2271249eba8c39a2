from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="indexedtext",
            index=models.Index(fields=["-date", "-id"], name="indexed_text_date_idx"),
        ),
    ]
