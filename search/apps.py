from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        from search.backends import ensure_person_index
        from search.fulltext.backends import ensure_text_index

        # The name index follows people's table: listen to people's post_migrate.
        people = apps.get_app_config("people")
        post_migrate.connect(ensure_person_index, sender=people, dispatch_uid="search_ensure_person_index")
        post_migrate.connect(ensure_text_index, sender=self, dispatch_uid="search_ensure_text_index")
