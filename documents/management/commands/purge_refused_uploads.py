"""python manage.py purge_refused_uploads: remove the refused uploads kept longer than REFUSED_UPLOAD_DAYS.

Run daily by the deployment (cron or a systemd timer, beside the other daily commands)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.quarantine import purge_refused


class Command(BaseCommand):
    help = _("Supprime les envois refusés gardés au-delà du délai de conservation (REFUSED_UPLOAD_DAYS).")

    def handle(self, *args, **options):
        purged, cutoff = purge_refused()
        self.stdout.write(
            _("Envois refusés supprimés : %(count)d (refusés avant le %(date)s).")
            % {"count": purged, "date": timezone.localtime(cutoff).strftime("%d/%m/%Y")}
        )
