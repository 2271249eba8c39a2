from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit import chain
from config.choices import CachedChoiceLabels


class AuditEvent(CachedChoiceLabels, models.Model):
    """One line of the audit trail: who read or changed what, when, from where. Append-only."""

    class Verb(models.TextChoices):
        VIEW = "view", _("consultation")
        CREATE = "create", _("création")
        UPDATE = "update", _("modification")
        DELETE = "delete", _("suppression")
        SEARCH = "search", _("recherche")
        DENIED = "denied", _("accès refusé")
        LOGIN = "login", _("connexion")
        LOGOUT = "logout", _("déconnexion")
        LOGIN_FAILED = "login_failed", _("échec de connexion")
        PRINT = "print", _("impression")
        EXPORT = "export", _("export")
        DOWNLOAD = "download", _("téléchargement")
        BREAK_GLASS = "break_glass", _("accès exceptionnel")
        TRANSITION = "transition", _("étape de procédure")
        PURGE = "purge", _("purge (rétention)")

    # Given before the row is chained (not auto_now_add, which Django fills in only while saving).
    # Indexed with the id, and after each filter of the journal (Meta.indexes), not alone.
    at = models.DateTimeField(_("moment"), default=timezone.now)
    # PROTECT: an account named in the trail is deactivated, never deleted (the trail is never rewritten).
    # Its index is audit_ev_user_at_id, led by the user.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    username = models.CharField(_("utilisateur"), max_length=150, blank=True)
    verb = models.CharField(_("action"), max_length=20, choices=Verb.choices)
    target_type = models.CharField(_("type d'objet"), max_length=60, blank=True)
    target_id = models.CharField(_("identifiant"), max_length=40, blank=True)
    # The social file concerned, kept as a plain id: the trail outlives anything it names.
    file_id = models.BigIntegerField(_("dossier"), null=True, blank=True)
    # The person the data concerns (GDPR art. 15 access report), kept as a plain id like file_id.
    person_id = models.BigIntegerField(_("personne"), null=True, blank=True, db_index=True)
    purpose = models.CharField(_("finalité"), max_length=300, blank=True)
    detail = models.JSONField(_("détail"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    # Hash chain (tamper evidence): the previous row's hash, and the hash of this row's content and prev_hash.
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    row_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("événement d'audit")
        verbose_name_plural = _("journal d'audit")
        # The journal's pages, newest first by (at, id), whole or filtered (audit/paging.py); the name typed
        # at a failed log-in only where no account is named (the other events are filtered by user).
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["at", "id"], name="audit_ev_at_id"),
            models.Index(fields=["user", "at", "id"], name="audit_ev_user_at_id"),
            models.Index(fields=["file_id", "at", "id"], name="audit_ev_file_at_id"),
            models.Index(fields=["verb", "at", "id"], name="audit_ev_verb_at_id"),
            models.Index(
                fields=["username", "at", "id"],
                name="audit_ev_username_at_id",
                condition=models.Q(user__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.username} {self.verb} {self.target_type} {self.target_id}"

    def save(self, *args, **kwargs) -> None:
        """Append the row to the hash chain; a stored row is never rewritten."""
        if not self._state.adding:
            raise ValueError("The audit trail is append-only.")
        chain.append(self, lambda: super(AuditEvent, self).save(*args, **kwargs))

    @property
    def target_label(self) -> str:
        """The kind of thing concerned, in the user's words (e.g. "Rapport")."""
        try:
            return str(apps.get_model(self.target_type)._meta.verbose_name).capitalize()
        except (LookupError, ValueError):
            return self.target_type


class AuditSeal(models.Model):
    """A signed statement of the trail's head at a moment: its last row's id and hash and the events up to it.

    Signed (HMAC-SHA256) with a key kept outside the database (audit/seal.py). Insert-only, like the trail.
    """

    at = models.DateTimeField(_("moment"), default=timezone.now)
    last_id = models.BigIntegerField(_("dernier événement"))
    last_hash = models.CharField(_("dernière empreinte"), max_length=64)
    # Events of the chain from its genesis to last_id, purged ones included.
    count = models.BigIntegerField(_("nombre d'événements"))
    signature = models.CharField(_("signature"), max_length=64)

    class Meta:
        ordering = ["id"]
        verbose_name = _("sceau du journal d'audit")
        verbose_name_plural = _("sceaux du journal d'audit")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} n° {self.last_id} ({self.count})"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError("The audit seals are append-only.")
        super().save(*args, **kwargs)
