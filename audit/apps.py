from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Journal d'audit"

    def ready(self) -> None:
        from audit import checks, signals  # noqa: F401 - registers the check and the log-in receivers
        from audit.database import grant_application_role

        post_migrate.connect(grant_application_role, sender=self, dispatch_uid="audit_grant_application_role")
