"""Hand the access policy what it used to read from committee tables: body seats, the files of current
agendas and of urgent decisions awaiting ratification, as access grants (issue 10). A one-time copy: from
now on committee and workflow services write them."""

import datetime

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def mirror_and_grant(apps, schema_editor):
    Body = apps.get_model("committee", "Body")
    Meeting = apps.get_model("committee", "Meeting")
    Decision = apps.get_model("workflow", "Decision")
    BodySeat = apps.get_model("access", "BodySeat")
    AccessGrant = apps.get_model("access", "AccessGrant")
    for body in Body.objects.all():
        BodySeat.objects.bulk_create(
            [BodySeat(body=body.kind, user_id=pk) for pk in body.members.values_list("pk", flat=True)],
            ignore_conflicts=True,
        )
    now = timezone.now()
    read_days = datetime.timedelta(days=settings.COMMITTEE_READ_DAYS)
    for meeting in Meeting.objects.exclude(status="planned").select_related("body"):
        ends_at = meeting.closed_at + read_days if meeting.closed_at else None
        if ends_at is not None and ends_at <= now:
            continue
        files = set(meeting.items.values_list("proposal__file_id", flat=True))
        AccessGrant.objects.bulk_create(
            AccessGrant(
                body=meeting.body.kind,
                file_id=pk,
                kind="agenda",
                source=f"meeting:{meeting.pk}",
                starts_at=now,
                ends_at=ends_at,
            )
            for pk in files
        )
    for decision in Decision.objects.filter(urgent=True, ratified_on__isnull=True).select_related(
        "proposal__aid_type"
    ):
        AccessGrant.objects.create(
            body=decision.proposal.aid_type.deciding_body,
            file_id=decision.proposal.file_id,
            kind="ratification",
            source=f"decision:{decision.pk}",
            starts_at=now,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0005_access_grants"),
        ("committee", "0001_bodies_and_meetings"),
        ("workflow", "0002_digest"),
    ]

    operations = [migrations.RunPython(mirror_and_grant, migrations.RunPython.noop)]
