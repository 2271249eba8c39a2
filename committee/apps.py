from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = "Comités et séances"

    def ready(self) -> None:
        from committee import checks  # noqa: F401 - registers the checks of the minutes' signing keys
