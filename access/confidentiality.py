"""Confidentiality levels of what is written in a file (reports, notes, and later documents).

Within the people who may read a file's reports (access.policy), each item narrows its readers further.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    TEAM = "team", _("Toute l'équipe")
    RESTRICTED = "restricted", _("Auteur et chef de service uniquement")
    SEALED = "sealed", _("Scellé : personnes nommément désignées")
