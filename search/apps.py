from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate, post_save


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        from documents.models import Document, DocumentVersion
        from search.backends import ensure_person_index
        from search.fulltext.backends import ensure_text_index

        # The name index follows people's table: listen to people's post_migrate.
        people = apps.get_app_config("people")
        post_migrate.connect(ensure_person_index, sender=people, dispatch_uid="search_ensure_person_index")
        post_migrate.connect(ensure_text_index, sender=self, dispatch_uid="search_ensure_text_index")
        # Documents are re-indexed on every save of theirs or of a version (a new text, a new current version)
        # until documents.services calls search.fulltext.schedule_document() itself.
        post_save.connect(_document_saved, sender=Document, dispatch_uid="search_document_saved")
        post_save.connect(_version_saved, sender=DocumentVersion, dispatch_uid="search_version_saved")


def _document_saved(sender, instance, raw=False, **kwargs) -> None:
    from search.fulltext import schedule_document

    if not raw:  # not while loading fixtures
        schedule_document(instance.pk)


def _version_saved(sender, instance, raw=False, **kwargs) -> None:
    from search.fulltext import schedule_document

    if not raw:
        schedule_document(instance.document_id)
