"""Rewrite the index of texts (reports, documents or both), e.g. after a change of the indexing rules."""

from django.core.management.base import BaseCommand

from search.fulltext.indexing import reindex


class Command(BaseCommand):
    help = "Réindexe le texte des rapports et des documents pour la recherche « Dans les textes »."

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=["reports", "documents"], help="only these items")

    def handle(self, *args, only=None, verbosity=1, **options):
        def progress(name: str, done: int, total: int) -> None:
            if verbosity:
                self.stdout.write(f"\r{name}: {done}/{total}", ending="\n" if done == total else "")
                self.stdout.flush()

        reindex(reports=only in (None, "reports"), documents=only in (None, "documents"), progress=progress)
