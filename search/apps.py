from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        from search.backends import ensure_person_index

        # Django sends post_migrate only to apps with models, which search has not: listen to people's, whose
        # table the name index follows.
        people = apps.get_app_config("people")
        post_migrate.connect(ensure_person_index, sender=people, dispatch_uid="search_ensure_person_index")
