"""python manage.py verify_audit: check the audit trail's hash chain, first row to last, and its seals."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from audit import chain


class Command(BaseCommand):
    help = _(
        "Vérifie la chaîne d'empreintes du journal d'audit et ses sceaux ; nomme la première altération."
    )

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=2000, help=_("Événements lus à la fois."))
        parser.add_argument(
            "--strict",
            action="store_true",
            help=_("Échoue aussi quand le registre des sceaux (hors de la base) est absent."),
        )

    def handle(self, *args, chunk_size: int, strict: bool, **options):
        report = chain.verify(chunk_size=chunk_size)
        if report.intact and report.journal_missing:
            warning = _(
                "le registre des sceaux %(file)s est absent : les sceaux de la base sont vérifiés seuls, "
                "sans pouvoir détecter ceux que le propriétaire de la base aurait supprimés."
            ) % {"file": settings.AUDIT_SEAL_JOURNAL_FILE}
            if strict:
                raise CommandError(_("Vérification stricte impossible : %(warning)s") % {"warning": warning})
            self.stderr.write(_("Attention : %(warning)s") % {"warning": warning})
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
