"""Run once a day (cron, systemd timer): each subscribed user gets their late and at-risk items by e-mail."""

from django.core.management.base import BaseCommand

from workflow.digest import send_digests


class Command(BaseCommand):
    help = "Envoie à chaque abonné le résumé quotidien de ses échéances en retard ou à risque."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"Résumés envoyés : {sent}")
