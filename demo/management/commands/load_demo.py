"""python manage.py load_demo: the "CPAS de Mons (démo)", with one account per role and synthetic files."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from demo import builder
from demo.accounts import CPAS_NAME


def positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Charge le « CPAS de Mons (démo) » : équipes, un compte par rôle, bénéficiaires et dossiers "
        "synthétiques. Sans effet si la démo est déjà chargée (les comptes sont alors réaffichés)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--beneficiaries",
            type=positive,
            default=builder.DEFAULT_BENEFICIARIES,
            help="nombre de bénéficiaires (défaut : %(default)s)",
        )
        parser.add_argument(
            "--seed", type=int, default=builder.DEFAULT_SEED, help="graine du hasard (défaut : %(default)s)"
        )
        parser.add_argument(
            "--until",
            type=datetime.date.fromisoformat,
            default=None,
            help="dernier jour de l'historique, AAAA-MM-JJ (défaut : 2026-11-20, au plus tard hier)",
        )

    def handle(self, *args, beneficiaries, seed, until, **options):
        if settings.PRODUCTION:
            raise CommandError(
                _(
                    "refusé avec DJANGO_PRODUCTION : la démo crée des comptes dont le mot de passe est "
                    "public. Chargez-la dans une base de démonstration, sans DJANGO_PRODUCTION."
                )
            )
        if builder.demo_is_loaded():
            self.stdout.write(
                f"{CPAS_NAME} : la démo est déjà chargée dans cette base, rien n'a été modifié."
            )
        else:
            try:
                result = builder.build_demo(beneficiaries=beneficiaries, seed=seed, until=until)
            except Exception as error:
                raise CommandError(
                    f"la démo n'a pas pu être chargée (rien n'a été écrit) : {error!r}"
                ) from error
            seconds = f"{result.seconds:.1f}".replace(".", ",")
            self.stdout.write(
                self.style.SUCCESS(f"{CPAS_NAME} : {result.cases} bénéficiaires chargés en {seconds} s.")
            )
            if result.reused_accounts:
                self.stdout.write(
                    "Comptes existants laissés tels quels (mot de passe, rôle et équipes inchangés) : "
                    + ", ".join(result.reused_accounts)
                )
        self.stdout.write("")
        for line in builder.account_lines():
            self.stdout.write(line)
        self.stdout.write("")
        for line in builder.count_lines():
            self.stdout.write(line)
        example = builder.search_example()
        if example:
            self.stdout.write("")
            self.stdout.write(example)
