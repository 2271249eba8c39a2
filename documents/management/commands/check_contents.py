"""python manage.py check_contents: read back every stored content and list those damaged or missing.

For the operations team (cron, after a restore, after moving the storage): each content is read whole and
checked against its SHA-256, as every read in the application does. The exit code is 1 when any is damaged,
so that a scheduler reports it. Errors of the storage itself (unreachable, access refused) stop the command:
they say nothing about the contents."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from documents import content_store
from documents.content_store import DamagedContent
from documents.models import DocumentVersion, StoredContent


class Command(BaseCommand):
    help = _("Relit chaque contenu stocké et liste ceux qui sont endommagés ou introuvables.")

    def handle(self, *args, **options):
        checked = damaged = 0
        for content in StoredContent.objects.order_by("pk").iterator(chunk_size=200):
            checked += 1
            try:
                content_store.read(content)
            except DamagedContent as error:
                damaged += 1
                self.stdout.write(f"{content.storage_name} : {error}")
                for use in self.uses(content):
                    self.stdout.write(f"    {use}")
        counts = {"checked": checked, "damaged": damaged}
        self.stdout.write(
            _("Contenus vérifiés : %(checked)d ; endommagés ou introuvables : %(damaged)d.") % counts
        )
        if damaged:
            raise CommandError(
                _("Contenus endommagés ou introuvables : %(damaged)d. Restaurez-les depuis la sauvegarde.")
                % counts
            )

    def uses(self, content: StoredContent) -> list[str]:
        """The document versions that point to `content`, so that the team knows what to restore or rescan."""
        versions = DocumentVersion.objects.filter(
            Q(original=content) | Q(archived=content) | Q(thumbnail=content)
        ).order_by("document_id", "number")
        roles = {
            "original_id": _("original"),
            "archived_id": _("copie archivée"),
            "thumbnail_id": _("vignette"),
        }
        return [
            _("document n° %(document)d, version %(number)d (%(role)s)")
            % {"document": version.document_id, "number": version.number, "role": label}
            for version in versions
            for field, label in roles.items()
            if getattr(version, field) == content.pk
        ]
