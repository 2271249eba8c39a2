"""The roles of a CPAS (domain.md), each held as a Django group named by its code."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Assistant(e) social(e)")
    HEAD_SOCIAL_WORKER = "head_social_worker", _("Chef de service social")
    LEGAL_OFFICER = "legal_officer", _("Service juridique")
    COMMITTEE_MEMBER = "committee_member", _("Membre du comité")
    COMMITTEE_SECRETARY = "committee_secretary", _("Secrétaire du comité")
    PRESIDENT = "president", _("Président(e)")
    PAYMENT_CLERK = "payment_clerk", _("Service des paiements")
    RECOVERY_CLERK = "recovery_clerk", _("Service avances et récupération")
    RECEPTION = "reception", _("Accueil")
    MAIL_CLERK = "mail_clerk", _("Cellule courrier")
    BCSS_OPERATOR = "bcss_operator", _("Cellule Banque Carrefour")
    ADMIN = "admin", _("Administrateur")
    SECURITY_OFFICER = "security_officer", _("Conseiller en sécurité / DPO")


def role_label(code: str) -> str:
    try:
        return str(Role(code).label)
    except ValueError:
        return code


def user_roles_labels(user) -> list[str]:
    from access.policy import user_roles

    return sorted(role_label(code) for code in user_roles(user))
