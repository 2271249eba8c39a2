"""A read replica at work, run in a process of its own by tests/test_db_router.py (settings are read once).

Two SQLite files: the primary (DATABASE_URL), migrated with two users and a file, then copied as the replica
(DATABASE_REPLICA_URL), as replication would have it. One audit event is then written in the replica only, so
that a page showing it has read the replica. Prints what each page read, and from where, as JSON.
"""

import json
import os
import shutil
import sys
from pathlib import Path


def main(directory: str) -> None:
    base = Path(directory)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{base / 'primary.sqlite3'}",
        DATABASE_REPLICA_URL=f"sqlite:///{base / 'replica.sqlite3'}",
        DJANGO_ALLOWED_HOSTS="testserver",
        DOSSIER_AUDIT_SEAL_KEY_FILE=str(base / "seal_key"),
        DOSSIER_AUDIT_SEAL_JOURNAL_FILE=str(base / "seals.jsonl"),
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0, interactive=False)
    clients, file = _people_and_file()
    connections["default"].close()
    shutil.copy(base / "primary.sqlite3", base / "replica.sqlite3")
    with connections["replica"].cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (at, username, verb, target_type, target_id, file_id, purpose, "
            "detail, prev_hash, row_hash) VALUES ('2026-01-05 10:00:00', 'seulement-sur-la-replique', "
            "'view', "
            "'files.socialfile', %s, %s, '', '{\"section\": \"summary\"}', '', '')",
            [str(file.pk), file.pk],
        )
    pages = {
        "journal": ("securite", "/journal/"),
        "consultations": ("as", f"/dossiers/{file.pk}/consultations/"),
        "my_files": ("as", "/dossiers/"),
    }
    print(json.dumps({name: _read(clients[who], url) for name, (who, url) in pages.items()}))
    call_command("verify_audit", stdout=sys.stderr)  # the primary's chain: every append went there


def _people_and_file():
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from access.models import Membership, Team
    from files.models import SocialFile
    from people.models import Person

    team = Team.objects.create(name="Antenne Réplique")
    person = Person.objects.create(last_name="Lefèvre", first_names="Hélène", search_name="lefevre helene")
    users = {
        "as": User.objects.create_user("as.replique"),
        "securite": User.objects.create_user("securite.replique"),
    }
    users["as"].groups.add(Group.objects.get(name="social_worker"))
    users["securite"].groups.add(Group.objects.get(name="security_officer"))
    Membership.objects.create(user=users["as"], team=team)
    file = SocialFile.objects.create(
        reference="2026/77001", beneficiary=person, team=team, primary_worker=users["as"]
    )
    clients = {}
    for key, user in users.items():
        client = Client()
        client.force_login(user)
        session = client.session
        device = TOTPDevice.objects.create(user=user, name="réplique", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        clients[key] = client
    return clients, file


def _read(client, url: str) -> dict:
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    from audit.models import AuditEvent

    before = AuditEvent.objects.using("default").count(), AuditEvent.objects.using("replica").count()
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url)
    after = AuditEvent.objects.using("default").count(), AuditEvent.objects.using("replica").count()
    return {
        "status": response.status_code,
        "shows_replica_row": "seulement-sur-la-replique" in response.content.decode(),
        "replica_queries": len(replica.captured_queries),
        "replica_writes": sum(
            q["sql"].split()[0].upper() in ("INSERT", "UPDATE") for q in replica.captured_queries
        ),
        "primary_queries": len(primary.captured_queries),
        "audit_appended": {"primary": after[0] - before[0], "replica": after[1] - before[1]},
    }


if __name__ == "__main__":
    main(sys.argv[1])
