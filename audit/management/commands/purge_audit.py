"""python manage.py purge_audit: delete the audit events older than the retention.

The head is sealed first; then the oldest events past the retention go, as a prefix of the chain that always
leaves the newest event; then a PURGE event records the last purged row's id and hash, from which verify_audit
accepts the remaining trail to start, and how many rows went. All in one transaction, under the chain's lock.

On PostgreSQL the database decides: audit_purge() (owned by the owner role) reads the retention from its own
table and deletes; the application can neither delete rows itself nor choose the retention. On SQLite (one
local file, no roles) the command applies AUDIT_RETENTION_YEARS.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import chain, seal
from audit.models import AuditEvent
from audit.services import Verb, record


def retention_cutoff(years: int, now: datetime.datetime) -> datetime.datetime:
    """`now` minus `years` calendar years (29 February becomes the 28th)."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


class Command(BaseCommand):
    help = _("Supprime les événements du journal d'audit plus anciens que la durée de conservation.")

    def handle(self, *args, **options):
        with transaction.atomic():
            chain.lock()
            seal.seal_head()
            if connection.vendor == "postgresql":
                purged, last_id, last_hash, cutoff, years = self.purge_in_database()
            else:
                purged, last_id, last_hash, cutoff, years = self.purge_here()
            if purged:
                record(
                    actor=None,
                    username="purge_audit",
                    verb=Verb.PURGE,
                    detail={
                        "before": cutoff.isoformat(),
                        "retention_years": years,
                        "count": purged,
                        "last_purged_id": last_id,
                        "last_purged_hash": last_hash,
                    },
                )
        when = timezone.localtime(cutoff).strftime("%d/%m/%Y")
        if not purged:
            self.stdout.write(_("Aucun événement antérieur au %(date)s : rien à purger.") % {"date": when})
            return
        self.stdout.write(
            _("%(count)s événements antérieurs au %(date)s supprimés (dernier : n° %(id)s).")
            % {"count": purged, "date": when, "id": last_id}
        )

    def purge_in_database(self) -> tuple:
        with connection.cursor() as cursor:
            cursor.execute("SELECT purged, last_id, last_hash, cutoff, years FROM audit_purge()")
            return cursor.fetchone()

    def purge_here(self) -> tuple:
        years = settings.AUDIT_RETENTION_YEARS
        if years < 1:
            raise CommandError(
                _("La durée de conservation du journal d'audit doit être d'au moins un an (%(years)s donné).")
                % {"years": years}
            )
        cutoff = retention_cutoff(years, timezone.now())
        # The rows before the first one inside the retention (or before the newest): a prefix of the chain.
        events = AuditEvent.objects.order_by("id").values_list("id", flat=True)
        first_kept = events.filter(at__gte=cutoff).first() or events.last()
        doomed = AuditEvent.objects.filter(at__lt=cutoff, id__lt=first_kept or 0)
        last = doomed.order_by("-id").values("id", "row_hash").first()
        if last is None:
            return 0, None, None, cutoff, years
        purged, _by_model = AuditEvent.objects.filter(id__lte=last["id"]).delete()
        return purged, last["id"], last["row_hash"], cutoff, years
