"""python manage.py seal_audit: seal the audit trail's head now (run it from cron, e.g. every ten minutes).

Events are also sealed every AUDIT_SEAL_EVERY appends and before each purge; this bounds how long the newest
events stay unsealed when few are written. See audit/seal.py.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from audit import seal


class Command(BaseCommand):
    help = _("Scelle la fin du journal d'audit (signature gardée hors de la base de données).")

    def handle(self, *args, **options):
        made = seal.seal()
        if made is None:
            self.stdout.write(_("Rien de nouveau depuis le dernier sceau."))
            return
        self.stdout.write(
            _("Sceau n° %(seal)s : %(count)s événements jusqu'à l'événement n° %(id)s, empreinte %(hash)s.")
            % {"seal": made.pk, "count": made.count, "id": made.last_id, "hash": made.last_hash}
        )
