"""Default retention rules for letter kinds and file states: proposals, all « à confirmer avec le DPO »
(confirmed_by_dpo False). Their sources and what could not be verified are in docs/legal-sources.md."""

import datetime

from django.db import migrations

CHECKED = datetime.date(2026, 12, 2)

GDPR = (
    "RGPD (règlement (UE) 2016/679), art. 5.1.e : données conservées sous une forme permettant "
    "l'identification pendant une durée n'excédant pas celle nécessaire au regard des finalités."
)
RECOVERY = (
    "Récupération des frais de l'aide sociale : prescription de cinq ans (loi organique des CPAS du "
    "8 juillet 1976, art. 102, al. 1er, renvoyant à l'art. 2277 du Code civil ; vérifié sur une source "
    "secondaire, pas sur Justel). Pour le revenu d'intégration (loi du 26 mai 2002), l'article fixant la "
    "prescription de la récupération n'a pas été vérifié."
)
SORTING = (
    "Archives générales du Royaume, tableau de tri des archives des CPAS en Région wallonne (2011) : "
    "la durée qu'il fixe pour les dossiers sociaux individuels n'a pas pu être lue ; 10 ans est une "
    "proposition."
)
SOURCES = (
    "terralaboris.be (rubrique 4042, art. 102 LO) ; cnpd.public.lu et autoriteprotectiondonnees.be "
    "(RGPD art. 5.1.e) ; AGR, Tableaux de gestion et de tri n° 66 (ISBN 978 90 5746 349 5)"
)
TO_CONFIRM = "À confirmer avec le DPO."

RULES = [
    # (target, key, years, start, disposal, basis)
    (
        "file_status",
        "closed",
        10,
        "file_closed",
        "anonymise",
        f"{SORTING} Elle couvre la prescription de la récupération. {RECOVERY} {GDPR} {TO_CONFIRM}",
    ),
    (
        "file_status",
        "open",
        None,
        "file_closed",
        "anonymise",
        f"Dossier ouvert : conservé tant que le CPAS aide la personne. {GDPR} {TO_CONFIRM}",
    ),
    (
        "file_status",
        "dormant",
        None,
        "file_closed",
        "anonymise",
        "Dossier en veille : conservé jusqu'à sa clôture, d'où court la durée du dossier clôturé. "
        f"{TO_CONFIRM}",
    ),
    (
        "letter_kind",
        "notification",
        10,
        "file_closed",
        "anonymise",
        "La notification prouve la décision et sa date (délai de recours, récupération) : gardée autant "
        f"que le dossier. {RECOVERY} {TO_CONFIRM}",
    ),
    (
        "letter_kind",
        "piis",
        10,
        "file_closed",
        "anonymise",
        f"Le PIIS est une condition du droit (loi du 26 mai 2002) : gardé autant que le dossier. {TO_CONFIRM}",
    ),
    (
        "letter_kind",
        "acknowledgement",
        5,
        "letter_date",
        "anonymise",
        "L'accusé de réception prouve la date de la demande, d'où courent les délais ; cinq ans couvrent la "
        f"prescription de la récupération. {RECOVERY} {TO_CONFIRM}",
    ),
    (
        "letter_kind",
        "hearing",
        5,
        "letter_date",
        "anonymise",
        "L'invitation à être entendu prouve le respect du droit d'être entendu (loi du 26 mai 2002, art. 20) "
        f"le temps d'un recours ou d'une récupération. {RECOVERY} {TO_CONFIRM}",
    ),
]


def load(apps, schema_editor):
    RetentionRule = apps.get_model("retention", "RetentionRule")
    for target, key, years, start, disposal, basis in RULES:
        RetentionRule.objects.get_or_create(
            target=target,
            key=key,
            defaults={
                "years": years,
                "start": start,
                "disposal": disposal,
                "legal_basis": basis,
                "source": SOURCES,
                "checked_on": CHECKED,
                "confirmed_by_dpo": False,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("retention", "RetentionRule").objects.filter(confirmed_by_dpo=False).delete()


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
