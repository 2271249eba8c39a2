"""python manage.py verify_audit [--full] [--jobs N]: check the audit trail's hash chain and its seals.

By default, what was written since the newest seal; with --full, every row, in parallel chunks, with progress.
How each works, and what the default run trusts to the seal: audit/verification.py.
"""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from audit import chain, verification


class Command(BaseCommand):
    help = _(
        "Vérifie la chaîne d'empreintes du journal d'audit et ses sceaux ; nomme la première altération. "
        "Par défaut, les événements écrits depuis le dernier sceau ; avec --full, tout le journal."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--full",
            action="store_true",
            help=_(
                "Vérifie tout le journal, événement par événement, pas seulement depuis le dernier sceau."
            ),
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=len(os.sched_getaffinity(0)),
            help=_("Processus qui vérifient en parallèle (par défaut : un par cœur)."),
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=verification.CHUNK_EVENTS,
            help=_("Événements par tranche vérifiée d'un bloc."),
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help=_("Échoue aussi quand le registre des sceaux (hors de la base) est absent."),
        )

    def handle(self, *args, full: bool, jobs: int, chunk_size: int, strict: bool, **options):
        report = verification.verify(full=full, jobs=jobs, chunk_events=chunk_size, progress=self.progress)
        if report.intact and report.journal_missing:
            warning = _(
                "le registre des sceaux %(file)s est absent : les sceaux de la base sont vérifiés seuls, "
                "sans pouvoir détecter ceux que le propriétaire de la base aurait supprimés."
            ) % {"file": settings.AUDIT_SEAL_JOURNAL_FILE}
            if strict:
                raise CommandError(_("Vérification stricte impossible : %(warning)s") % {"warning": warning})
            self.stderr.write(_("Attention : %(warning)s") % {"warning": warning})
        if not report.intact:
            if report.since is not None:
                raise CommandError(
                    _(
                        "Journal d'audit altéré après l'événement n° %(id)s (sceau n° %(seal)s) et %(count)s "
                        "événements intègres : %(problem)s"
                    )
                    % {
                        "id": report.since["last_id"],
                        "seal": report.since["id"],
                        "count": report.checked,
                        "problem": report.first_break.message,
                    }
                )
            raise CommandError(
                _("Journal d'audit altéré après %(count)s événements intègres : %(problem)s")
                % {"count": report.checked, "problem": report.first_break.message}
            )
        if report.since is not None:
            self.stdout.write(
                _(
                    "Journal d'audit intègre depuis le dernier sceau : %(count)s événements vérifiés après "
                    "l'événement n° %(id)s. Dernière empreinte : %(hash)s"
                )
                % {"count": report.checked, "id": report.since["last_id"], "hash": report.last_hash}
            )
        else:
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
        if report.since is not None:
            self.stdout.write(
                _(
                    "Les événements jusqu'au n° %(id)s sont garantis par ce sceau ; seule une vérification "
                    "complète (--full) relit chacun d'eux."
                )
                % {"id": report.since["last_id"]}
            )

    def progress(self, done: int, total: int) -> None:
        self.stdout.write(
            _("Vérifiés : %(done)s / %(total)s événements (%(percent)s %%)")
            % {"done": done, "total": total, "percent": done * 100 // total}
        )
