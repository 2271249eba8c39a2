"""python manage.py verify_audit: check the audit trail's hash chain, first row to last, and its seals."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from audit import chain


class Command(BaseCommand):
    help = _(
        "Vérifie la chaîne d'empreintes du journal d'audit et ses sceaux ; nomme la première altération."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=2000, help=_("Événements lus à la fois."))

    def handle(self, *args, chunk_size: int, **options):
        report = chain.verify(chunk_size=chunk_size)
        if not report.intact:
            raise CommandError(
                _("Journal d'audit altéré après %(count)s événements intègres : %(problem)s")
                % {"count": report.checked, "problem": report.first_break.message}
            )
        self.stdout.write(
            _("Journal d'audit intègre : %(count)s événements vérifiés. Dernière empreinte : %(hash)s")
            % {"count": report.checked, "hash": report.last_hash}
        )
        if report.seal is None:
            self.stdout.write(
                _("Aucun sceau : la fin du journal n'est protégée que par la chaîne (seal_audit).")
            )
            return
        self.stdout.write(
            _("Dernier sceau intact : n° %(seal)s du %(at)s, %(count)s événements jusqu'au n° %(id)s.")
            % {
                "seal": report.seal["id"],
                "at": chain.when(report.seal["at"]),
                "count": report.seal["count"],
                "id": report.seal["last_id"],
            }
        )
