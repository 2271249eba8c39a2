"""The purpose codes (codes qualité) of the CPAS sector (17), as catalogue data with their source.

Only code 1 was checked here against a second source (the SPP IS circular on the use of the integration
quality codes, ref. LL/21.03, which lists code 1 « dossier en examen » for a limited period). The others come
from Lino Welfare's fixture (lino_welfare/modlib/cbss/fixtures/purposes.py, 2012), which copies the BCSS's
« liste des codes qualité » (lijst_hoedanigheidscodes.pdf): to be checked against the BCSS's current list.
"""

from django.db import migrations

LINO = (
    "Lino Welfare, cbss/fixtures/purposes.py (2012), d'après la liste des codes qualité de la BCSS "
    "(lijst_hoedanigheidscodes.pdf) – à vérifier"
)
CIRCULAR = "Circulaire SPP IS « utilisation des codes qualité d'intégration » (LL/21.03) ; " + LINO

PURPOSES = [
    (1, "Dossier en examen", CIRCULAR),
    (2, "Revenu d'intégration", LINO),
    (3, "Équivalent revenu d'intégration", LINO),
    (4, "Autre aide", LINO),
    (5, "Cohabitant", LINO),
    (6, "Personne occupée par le biais d'un CPAS", LINO),
    (7, "Médiation collective de dettes / accompagnement budgétaire", LINO),
    (8, "Dossiers de service", LINO),
    (9, "Autres formes d'accompagnement", LINO),
    (11, "Encadrant", LINO),
    (12, "Participant", LINO),
    (20, "Collaborateur en enquête", LINO),
    (21, "Collaborateur (définitif)", LINO),
    (40, "Bénéficiaire de l'allocation de chauffage", LINO),
]


def add_purposes(apps, schema_editor):
    Purpose = apps.get_model("bcss", "Purpose")
    for code, label, source in PURPOSES:
        Purpose.objects.get_or_create(sector=17, code=code, defaults={"label": label, "source": source})


class Migration(migrations.Migration):
    dependencies = [("bcss", "0001_access_registration")]

    operations = [migrations.RunPython(add_purposes, migrations.RunPython.noop)]
