"""RI amounts up to 2026, their sources, and the computation rules (resources, exemptions, household).

Data written here, not imported from the app (see 0003). Every row says whether it was verified to the cent
against an official source; those that were not are data an administrator corrects in the administration
(Catalogue des aides > type d'aide > montants, and the three rule lists). docs/legal-sources.md lists them.
Reversing keeps the rows (proposals and letters may have used them).
"""

import datetime
from decimal import Decimal

from django.db import migrations

D = datetime.date
FEB_2025 = D(2025, 2, 1)
MARCH_2026 = D(2026, 3, 1)

SOURCE_2025 = (
    "Montants du revenu d'intégration au 01/02/2025 (SPP Intégration sociale), repris par le Guide social "
    "bruxellois BDAS, fiches 2.2.4.4 et 2.2.4.6 (mise à jour du 01/04/2025) : https://www.bdas-wwsb.brussels/?p=3288"
)
SOURCE_2026 = (
    "Indice pivot dépassé en décembre 2025 : allocations sociales augmentées de 2 % en mars 2026 (loi-programme "
    "du 18 juillet 2025, M.B. 29/07/2025 ; Bureau fédéral du Plan, prévisions d'inflation du 10/03/2026). "
    "NON VÉRIFIÉ au centime : montant annuel 2025 × 1,02 divisé par 12, à contrôler sur le tableau "
    "« montants RI » du SPP Intégration sociale (mi-is.be) et à corriger ici s'il diffère."
)
# (category code, annual and monthly from 01/02/2025, annual and monthly from 01/03/2026)
AMOUNTS = [
    ("cohabitant", Decimal("10513.60"), Decimal("876.13"), Decimal("10723.87"), Decimal("893.66")),
    ("isole", Decimal("15770.41"), Decimal("1314.20"), Decimal("16085.82"), Decimal("1340.49")),
    ("famille", None, Decimal("1776.07"), None, Decimal("1811.59")),
]

AR = "Arrêté royal du 11 juillet 2002 portant règlement général en matière de droit à l'intégration sociale"
REFORM = (
    "Arrêté royal du 7 janvier 2026 modifiant l'article 34 de l'arrêté royal du 11 juillet 2002, M.B. "
    "16/01/2026, en vigueur le 01/03/2026 pour les demandes introduites à partir de cette date (à la prochaine "
    "révision pour les dossiers en cours) : https://www.cpasconnect.be/actualites/actualite/720858527752535628 ; "
    "https://cpasuccle.be/calculer-le-montant-du-ris"
)
BDAS_EXEMPTIONS = "Guide social bruxellois BDAS, fiches 2.2.4.6 et 2.2.4.7 (mise à jour du 01/04/2025)"

RESOURCE_RULES = [
    ("salary", "counted", "Loi du 26 mai 2002, art. 16 ; AR, art. 22 et suivants", ""),
    ("unemployment", "counted", "Loi du 26 mai 2002, art. 16 ; AR, art. 22", ""),
    ("sickness", "counted", "Loi du 26 mai 2002, art. 16 ; AR, art. 22", ""),
    ("pension", "counted", "Loi du 26 mai 2002, art. 16 ; AR, art. 22", ""),
    ("property", "counted", "AR, art. 25 à 27", "Le revenu cadastral se calcule selon les art. 25 à 27."),
    ("other", "counted", "Loi du 26 mai 2002, art. 16", ""),
    (
        "family_allowance",
        "exempt",
        "AR, art. 22, § 1er",
        "Prestations familiales pour les enfants dont la personne a la charge. Depuis le 01/03/2026, les allocations familiales perçues par un débiteur d'aliments cohabitant pour le "
        "demandeur lui-même sont comptées (AR du 7 janvier 2026) : ajoutez-les en « Autre ».",
    ),
    (
        "maintenance",
        "exempt",
        "AR, art. 22, § 1er",
        "Pensions alimentaires en faveur des enfants. Une pension alimentaire reçue pour soi-même se compte : enregistrez-la en « Autre ».",
    ),
]

# (relation, counted, adults only, above the cohabitant rate, from, to, legal basis, source)
HOUSEHOLD_RULES = [
    ("partner", True, False, True, FEB_2025, None, "AR, art. 34, § 1er", BDAS_EXEMPTIONS),
    ("child", False, True, True, FEB_2025, D(2026, 2, 28), "AR, art. 34, § 2 (prise en compte facultative)", ""),
    ("parent", False, True, True, FEB_2025, D(2026, 2, 28), "AR, art. 34, § 2 (prise en compte facultative)", ""),
    ("child", True, True, True, MARCH_2026, None, "AR, art. 34, modifié par l'AR du 7 janvier 2026", REFORM),
    ("parent", True, True, True, MARCH_2026, None, "AR, art. 34, modifié par l'AR du 7 janvier 2026", REFORM),
    ("other", False, True, True, FEB_2025, None, "AR, art. 34 (ni conjoint ni débiteur d'aliments)", ""),
]

# (kind, category, resource, monthly, annual, from, to, verified, source)
EXEMPTIONS = [
    ("general", "cohabitant", "", Decimal("12.92"), Decimal("155"), FEB_2025, None, False, BDAS_EXEMPTIONS),
    ("general", "isole", "", Decimal("20.83"), Decimal("250"), FEB_2025, None, False, BDAS_EXEMPTIONS),
    ("general", "famille", "", Decimal("25.83"), Decimal("310"), FEB_2025, None, False, BDAS_EXEMPTIONS),
    (
        "socio_professional",
        "",
        "salary",
        Decimal("309.48"),
        None,
        FEB_2025,
        D(2026, 2, 28),
        False,
        BDAS_EXEMPTIONS + " : 309,48 € par mois au 01/02/2025.",
    ),
    (
        "socio_professional",
        "",
        "salary",
        Decimal("315.67"),
        None,
        MARCH_2026,
        None,
        False,
        "NON VÉRIFIÉ : 309,48 € × 1,02 (indexation de mars 2026), à contrôler sur le tableau du SPP "
        "Intégration sociale.",
    ),
]


def install(apps, schema_editor):
    AidType = apps.get_model("aid", "AidType")
    AidAmount = apps.get_model("aid", "AidAmount")
    for code in ("ri", "eri"):
        aid_type = AidType.objects.filter(code=code).first()
        if aid_type is None:
            continue
        for cat_code, annual_2025, monthly_2025, annual_2026, monthly_2026 in AMOUNTS:
            category = aid_type.categories.filter(code=cat_code).first()
            if category is None:
                continue
            AidAmount.objects.filter(
                aid_type=aid_type, category=category, valid_from=FEB_2025, valid_to__isnull=True
            ).update(valid_to=MARCH_2026 - datetime.timedelta(days=1))
            AidAmount.objects.filter(aid_type=aid_type, category=category, valid_from=FEB_2025).update(
                annual_amount=annual_2025, source=SOURCE_2025, source_date=D(2025, 4, 1)
            )
            AidAmount.objects.update_or_create(
                aid_type=aid_type,
                category=category,
                valid_from=MARCH_2026,
                defaults={
                    "amount": monthly_2026,
                    "annual_amount": annual_2026,
                    "source": SOURCE_2026,
                    "source_date": D(2026, 3, 10),
                    "verified": False,
                },
            )
    install_rules(apps)


def install_rules(apps):
    ResourceRule = apps.get_model("aid", "ResourceRule")
    HouseholdRule = apps.get_model("aid", "HouseholdRule")
    Exemption = apps.get_model("aid", "Exemption")
    for kind, treatment, basis, note in RESOURCE_RULES:
        ResourceRule.objects.update_or_create(
            resource_kind=kind,
            valid_from=FEB_2025,
            defaults={"treatment": treatment, "legal_basis": basis, "note": note, "source": AR},
        )
    for relation, counted, adults, above, start, end, basis, source in HOUSEHOLD_RULES:
        HouseholdRule.objects.update_or_create(
            relation=relation,
            valid_from=start,
            defaults={
                "valid_to": end,
                "counted": counted,
                "adults_only": adults,
                "above_cohabitant_rate": above,
                "legal_basis": basis,
                "source": source or AR,
                "source_date": D(2026, 1, 16) if start == MARCH_2026 else None,
            },
        )
    for kind, category, resource, monthly, annual, start, end, verified, source in EXEMPTIONS:
        Exemption.objects.update_or_create(
            kind=kind,
            category_code=category,
            valid_from=start,
            defaults={
                "resource_kind": resource,
                "monthly_amount": monthly,
                "annual_amount": annual,
                "valid_to": end,
                "verified": verified,
                "legal_basis": "AR, art. 22, § 2" if kind == "general" else "AR, art. 35",
                "source": source,
                "source_date": D(2025, 4, 1) if start == FEB_2025 else None,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("aid", "0004_computation_rules")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
