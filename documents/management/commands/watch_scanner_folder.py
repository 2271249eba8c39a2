"""Watch the folder a scanner writes to: each complete file becomes an intake (documents.intake) queued by the
scanner's user, then moves to done/ (queued) or failed/ (refused at once: empty or too large). Runs beside
`manage.py db_worker`, which reads the intakes."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from documents import intake
from documents.models import Document, Intake

# A scanner writes a file under a temporary name (or as a hidden file) and renames it when done.
PARTIAL_SUFFIXES = (".part", ".tmp", ".crdownload")


class Command(BaseCommand):
    help = "Surveille le dossier où écrit un scanner et met chaque fichier complet en file de lecture."

    def add_arguments(self, parser):
        parser.add_argument("--folder", required=True, help="Dossier où le scanner dépose ses fichiers.")
        parser.add_argument(
            "--user",
            default=settings.SCANNER_USER,
            help="Compte au nom duquel les envois sont faits (droit de classer les scans).",
        )
        parser.add_argument("--interval", type=float, default=5.0, help="Secondes entre deux passages.")
        parser.add_argument(
            "--settle",
            type=float,
            default=5.0,
            help="Un fichier est complet quand il n'a pas changé depuis ce nombre de secondes.",
        )
        parser.add_argument("--once", action="store_true", help="Un seul passage (tests, cron).")

    def handle(self, *, folder, user, interval, settle, once, **options):
        folder = Path(folder)
        if not folder.is_dir():
            raise CommandError(f"{folder} n'est pas un dossier.")
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"Aucun compte actif « {user} ».")
        for name in ("done", "failed"):
            (folder / name).mkdir(exist_ok=True)
        while True:
            for path in complete_files(folder, settle):
                self.take(actor, folder, path)
            if once:
                return
            time.sleep(interval)

    def take(self, actor, folder: Path, path: Path) -> None:
        with path.open("rb") as handle:
            (row,) = intake.queue(
                actor=actor, uploads=[File(handle, name=path.name)], source=Document.Source.SCANNER
            )
        where = "failed" if row.status == Intake.Status.FAILED else "done"
        os.replace(path, _free_name(folder / where, path.name))
        self.stdout.write(f"{path.name}: {row.get_status_display()} {row.error}".rstrip())


def complete_files(folder: Path, settle: float) -> list[Path]:
    """Regular files of the folder, oldest first, that have not changed for `settle` seconds and are not
    still being written (temporary suffix, hidden)."""
    now = time.time()
    found = []
    for path in folder.iterdir():
        if not path.is_file() or path.name.startswith(".") or path.name.lower().endswith(PARTIAL_SUFFIXES):
            continue
        stat = path.stat()
        if now - stat.st_mtime >= settle:
            found.append((stat.st_mtime, path))
    return [path for _mtime, path in sorted(found)]


def _free_name(folder: Path, name: str) -> Path:
    """`name` in `folder`, numbered when a file of that name was already moved there."""
    target, stem, suffix, number = folder / name, Path(name).stem, Path(name).suffix, 1
    while target.exists():
        target, number = folder / f"{stem}-{number}{suffix}", number + 1
    return target
