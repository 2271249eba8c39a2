"""System check of the audit seal key: a key that cannot be read (or made) would fail an append in every
AUDIT_SEAL_EVERY, so every command stops on it instead."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from audit import seal


@register()
def seal_key_usable(app_configs=None, **kwargs) -> list[Error]:
    try:
        seal.key()
    except (OSError, ImproperlyConfigured) as error:
        return [
            Error(
                f"The audit seal key {settings.AUDIT_SEAL_KEY_FILE} is unusable: {error}",
                hint="Point DOSSIER_AUDIT_SEAL_KEY_FILE to a readable file of at least 32 random bytes.",
                id="audit.E001",
            )
        ]
    return []
