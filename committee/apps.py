from django.apps import AppConfig


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = "Comités et séances"

    def ready(self) -> None:
        # Registers the checks of the minutes' signing keys, and mirrors body members for the access policy.
        from committee import checks, seats  # noqa: F401
