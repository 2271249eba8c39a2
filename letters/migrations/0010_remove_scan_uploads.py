"""The letters' own scan pipeline is gone: its rows moved to the documents intake in 0009."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("letters", "0009_scans_to_documents_intake"),
    ]

    operations = [
        migrations.RemoveField(model_name="returnedcopy", name="upload"),
        migrations.DeleteModel(name="UnfiledScan"),
        migrations.DeleteModel(name="ScanUpload"),
    ]
