"""python manage.py purge_audit: delete the audit events older than the retention (AUDIT_RETENTION_YEARS).

The PURGE event is appended first, in the same transaction: it links to the whole trail and records the
last purged row's id and hash, from which verify_audit accepts the remaining trail to start.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
        years = settings.AUDIT_RETENTION_YEARS
        if years < 1:
            raise CommandError(
                _("La durée de conservation du journal d'audit doit être d'au moins un an (%(years)s donné).")
                % {"years": years}
            )
        # Taken before the transaction starts: never later than PostgreSQL's now(), which the trigger uses.
        cutoff = retention_cutoff(years, timezone.now())
        with transaction.atomic():
            purged, last = self.purge(cutoff, years)
        when = timezone.localtime(cutoff).strftime("%d/%m/%Y")
        if not purged:
            self.stdout.write(_("Aucun événement antérieur au %(date)s : rien à purger.") % {"date": when})
            return
        self.stdout.write(
            _("%(count)s événements antérieurs au %(date)s supprimés (dernier : n° %(id)s).")
            % {"count": purged, "date": when, "id": last}
        )

    def purge(self, cutoff: datetime.datetime, years: int) -> tuple[int, int | None]:
        # The rows before the first one inside the retention: a prefix of the chain, never a hole in it.
        kept = AuditEvent.objects.filter(at__gte=cutoff).order_by("id").values_list("id", flat=True)
        first_kept = kept.first()
        doomed = AuditEvent.objects.filter(at__lt=cutoff)
        if first_kept is not None:
            doomed = doomed.filter(id__lt=first_kept)
        last = doomed.order_by("-id").values("id", "row_hash").first()
        if last is None:
            return 0, None
        count = doomed.count()
        record(
            actor=None,
            username="purge_audit",
            verb=Verb.PURGE,
            detail={
                "before": cutoff.isoformat(),
                "retention_years": years,
                "count": count,
                "last_purged_id": last["id"],
                "last_purged_hash": last["row_hash"],
            },
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # the trigger's narrow exception, for this transaction only
                cursor.execute("SELECT set_config('dossier.audit_purge_years', %s, true)", [str(years)])
        AuditEvent.objects.filter(id__lte=last["id"]).delete()
        return count, last["id"]
