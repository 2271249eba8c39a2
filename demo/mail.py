"""Incoming mail in the demo's register: a few synthetic letters received this week, at each stage (just
registered, routed to an antenne, given to its social worker, handled, filed into the beneficiary's file)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from demo import places
from files.models import SocialFile
from mail import services
from workflow.deadlines import next_working_day

# (sender, address, subject, how far it goes); senders are synthetic or generic public bodies.
MAILS = [
    (
        "SPF Finances",
        "Boulevard du Roi Albert II 33, 1030 Bruxelles",
        "Avertissement-extrait de rôle",
        "received",
    ),
    (
        "Société de logement du Haut-Hainaut",
        "Rue des Arbalestriers 3, 7000 Mons",
        "Arriérés de loyer",
        "routed",
    ),
    ("Intercommunale d'énergie (démo)", "Rue du Compteur 1, 7000 Mons", "Plan de paiement gaz", "assigned"),
    ("Mutualité (démo)", "Place du Parc 5, 7000 Mons", "Attestation d'incapacité de travail", "handled"),
    ("Forem (démo)", "Rue de la Formation 2, 7000 Mons", "Attestation d'inscription", "filed"),
]
STAGES = ["received", "routed", "assigned", "handled", "filed"]


def _scan(sender: str, address: str, subject: str) -> bytes:
    """A one-page letter from `sender` as the scanner would give it (a real PDF: the upload checks refuse a
    damaged one, as they would a clerk's)."""
    from django.utils.html import escape

    from printouts.pdf import html_to_pdf

    body = (
        f"<p>{escape(sender)}<br>{escape(address)}</p><p><strong>Objet : {escape(subject)}</strong></p>"
        "<p>Madame, Monsieur,</p><p>Nous vous prions de trouver ci-joint les informations relatives au "
        "dossier de la personne que vous accompagnez (courrier de démonstration, données fictives).</p>"
    )
    return html_to_pdf(f"<html lang='fr'><body>{body}</body></html>")


def build_mail(users: dict[str, User], teams: dict) -> int:
    """Register them as the mail cell, take each to its stage in the Mons-Centre antenne; returns how many."""
    team = teams[places.CENTRE]
    files = list(
        SocialFile.objects.filter(team=team, primary_worker__isnull=False).order_by("pk")[: len(MAILS)]
    )
    received_on = next_working_day(timezone.localdate() - datetime.timedelta(days=3))
    received_on = min(received_on, timezone.localdate())
    for (sender, address, subject, stage), file in zip(MAILS, files, strict=False):
        mail = services.register(
            actor=users["courrier"],
            sender_name=sender,
            sender_address=address,
            subject=subject,
            received_on=received_on,
            scan=_scan(sender, address, subject),
            scan_name=f"{subject.lower().replace(' ', '-')}.pdf",
            file=file if stage in ("handled", "filed") else None,
        )
        reached = STAGES.index(stage)
        if reached >= 1:
            services.route(actor=users["courrier"], mail=mail, team=team)
        if reached >= 2:
            agent = file.primary_worker
            services.assign(actor=users["chef.centre"], mail=mail, agent=agent)
        if reached >= 3:
            services.handle(actor=agent, mail=mail)
        if reached >= 4:
            services.file_mail(actor=agent, mail=mail)
    return len(MAILS)
