"""Indexes for the queue filters: open back-office tasks of a kind, urgent decisions still to ratify.

Proposals are already indexed by state (and state_since); requests and files by their foreign keys.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0004_merge_procedure_and_amounts"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="backofficetask",
            index=models.Index(fields=["status", "kind"], name="task_open_kind_idx"),
        ),
        migrations.AddIndex(
            model_name="decision",
            index=models.Index(fields=["urgent", "ratified_on"], name="decision_to_ratify_idx"),
        ),
    ]
