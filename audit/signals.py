"""Log-ins and log-outs belong to the audit trail too."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.services import Verb, record


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    record(actor=user, verb=Verb.LOGIN, request=request)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(actor=user, verb=Verb.LOGOUT, request=request)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    record(
        actor=None, verb=Verb.LOGIN_FAILED, request=request, username=credentials.get("username", "")[:150]
    )
