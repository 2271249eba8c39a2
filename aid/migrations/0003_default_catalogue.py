"""The default aid catalogue and the Mons labour court, editable afterwards in the administration.

The data is written here, not imported from the app, so that this migration keeps doing what it did when the
app changes. update_or_create by code: running it again gives the same rows. Reversing it keeps the rows (an
admin may have edited them, proposals may point at them).
"""

import datetime
from decimal import Decimal

from django.db import migrations

LOI_ORGANIQUE = "Loi organique des centres publics d'action sociale du 8 juillet 1976, articles 1er et 57, § 1er."
IDENTITY = "Carte d'identité ou titre de séjour"
RESOURCES = "Preuves des ressources des trois derniers mois (revenus, allocations, pensions alimentaires)"
BANK = "Extraits de compte des trois derniers mois"
HOME = "Contrat de bail ou preuve de la résidence effective"
HOUSEHOLD = "Composition de ménage"

TYPES = [
    {
        "code": "ri",
        "label": "Revenu d'intégration",
        "legal_basis": (
            "Loi du 26 mai 2002 concernant le droit à l'intégration sociale, notamment les articles 2, 3, 14 et 16 ; "
            "arrêté royal du 11 juillet 2002 portant règlement général en matière de droit à l'intégration sociale."
        ),
        "default_motivation": (
            "En fait : vous avez demandé le revenu d'intégration le [date de la demande]. L'enquête sociale établit "
            "que vous résidez effectivement sur le territoire de la commune, que vos ressources sont inférieures au "
            "montant du revenu d'intégration de votre catégorie et que vous êtes disposé(e) à travailler, à moins "
            "que des raisons de santé ou d'équité ne vous en empêchent.\n\n"
            "En droit : selon l'article 3 de la loi du 26 mai 2002, le droit à l'intégration sociale est ouvert à la "
            "personne qui a sa résidence effective en Belgique, est majeure, ne dispose pas de ressources suffisantes "
            "ni ne peut y prétendre, est disposée à travailler et fait valoir ses droits aux prestations dont elle "
            "peut bénéficier. Le montant dépend de la catégorie à laquelle elle appartient (article 14) ; les "
            "ressources sont prises en compte selon les articles 16 de la loi et 22 et suivants de l'arrêté royal "
            "du 11 juillet 2002."
        ),
        "required_documents": "\n".join(
            [IDENTITY, RESOURCES, BANK, HOME, HOUSEHOLD, "Preuve d'inscription comme demandeur d'emploi ou certificat médical"]
        ),
        "opinion_required": True,
        "payment": "monthly",
        "registers_with_spp": True,
        "right_to_be_heard": True,
        "position": 10,
    },
    {
        "code": "eri",
        "label": "Équivalent au revenu d'intégration",
        "legal_basis": (
            LOI_ORGANIQUE + " Loi du 2 avril 1965 relative à la prise en charge des secours accordés par les "
            "centres publics d'action sociale (intervention de l'État)."
        ),
        "default_motivation": (
            "En fait : vous avez demandé une aide financière le [date de la demande]. Vous n'ouvrez pas le droit au "
            "revenu d'intégration ([motif : nationalité, titre de séjour]), mais l'enquête sociale établit que vos "
            "ressources ne vous permettent pas de mener une vie conforme à la dignité humaine.\n\n"
            "En droit : selon les articles 1er et 57, § 1er, de la loi organique du 8 juillet 1976, le centre "
            "public d'action sociale assure aux personnes l'aide due par la collectivité afin que chacun puisse "
            "mener une vie conforme à la dignité humaine. L'aide est accordée à concurrence du montant du revenu "
            "d'intégration de la catégorie correspondante."
        ),
        "required_documents": "\n".join([IDENTITY, "Attestation d'immatriculation ou annexe du titre de séjour", RESOURCES, BANK, HOME, HOUSEHOLD]),
        "opinion_required": True,
        "payment": "monthly",
        "registers_with_spp": True,
        "right_to_be_heard": True,
        "position": 20,
    },
    {
        "code": "financial",
        "label": "Aide sociale financière",
        "legal_basis": LOI_ORGANIQUE,
        "default_motivation": (
            "En fait : vous avez demandé une aide financière le [date de la demande] pour [objet]. L'enquête "
            "sociale établit que [situation, ressources et charges].\n\n"
            "En droit : selon les articles 1er et 57, § 1er, de la loi organique du 8 juillet 1976, le centre "
            "public d'action sociale a pour mission d'assurer aux personnes et aux familles l'aide due par la "
            "collectivité, afin que chacun puisse mener une vie conforme à la dignité humaine."
        ),
        "required_documents": "\n".join([IDENTITY, RESOURCES, BANK, "Justificatif de la dépense (facture, devis)"]),
        "payment": "monthly",
        "position": 30,
    },
    {
        "code": "in_kind",
        "label": "Aide en nature",
        "legal_basis": LOI_ORGANIQUE,
        "default_motivation": (
            "En fait : vous avez demandé [colis alimentaire, vêtements, mobilier] le [date de la demande]. "
            "L'enquête sociale établit que [situation].\n\n"
            "En droit : selon l'article 57, § 1er, de la loi organique du 8 juillet 1976, l'aide sociale peut être "
            "matérielle, sociale, médicale, médico-sociale ou psychologique."
        ),
        "required_documents": "\n".join([IDENTITY, RESOURCES, HOUSEHOLD]),
        "deciding_body": "bureau",
        "payment": "none",
        "position": 40,
    },
    {
        "code": "amu",
        "label": "Aide médicale urgente",
        "legal_basis": (
            "Loi organique du 8 juillet 1976, article 57, § 2 ; arrêté royal du 12 décembre 1996 relatif à l'aide "
            "médicale urgente octroyée par les centres publics d'action sociale aux étrangers qui séjournent "
            "illégalement dans le Royaume."
        ),
        "default_motivation": (
            "En fait : un médecin atteste le [date de l'attestation] que les soins [nature des soins] sont urgents. "
            "L'enquête sociale établit que vous résidez sur le territoire de la commune et que vous êtes en état "
            "de besoin.\n\n"
            "En droit : selon l'article 57, § 2, de la loi organique du 8 juillet 1976 et l'arrêté royal du 12 "
            "décembre 1996, l'aide du centre à l'étranger qui séjourne illégalement dans le Royaume est limitée à "
            "l'aide médicale urgente, attestée par un médecin."
        ),
        "required_documents": "\n".join(
            ["Attestation d'aide médicale urgente signée par un médecin", "Preuve d'identité", "Preuve de la résidence sur la commune"]
        ),
        "payment": "none",
        "position": 50,
    },
    {
        "code": "medical",
        "label": "Frais médicaux et pharmaceutiques",
        "legal_basis": LOI_ORGANIQUE,
        "default_motivation": (
            "En fait : vous avez demandé la prise en charge de [frais médicaux ou pharmaceutiques] le [date de la "
            "demande]. L'enquête sociale établit que vos ressources ne vous permettent pas de les assumer.\n\n"
            "En droit : selon les articles 1er et 57, § 1er, de la loi organique du 8 juillet 1976, l'aide sociale "
            "peut être médicale ; elle est accordée après que les droits à l'assurance soins de santé ont été "
            "épuisés."
        ),
        "required_documents": "\n".join([IDENTITY, "Prescription ou facture des soins", "Attestation de la mutualité", RESOURCES]),
        "payment": "once",
        "position": 60,
    },
    {
        "code": "energy",
        "label": "Fonds gaz-électricité",
        "legal_basis": (
            "Loi du 4 septembre 2002 visant à confier aux centres publics d'action sociale la mission de guidance "
            "et d'aide sociale financière dans le cadre de la fourniture d'énergie aux personnes les plus démunies."
        ),
        "default_motivation": (
            "En fait : vous avez demandé une aide pour vos factures d'énergie le [date de la demande]. L'enquête "
            "sociale établit une dette de [montant] envers [fournisseur] et des ressources insuffisantes pour "
            "l'apurer.\n\n"
            "En droit : la loi du 4 septembre 2002 confie au centre public d'action sociale une mission de "
            "guidance et d'aide sociale financière aux personnes qui éprouvent des difficultés à payer leurs "
            "factures de gaz et d'électricité."
        ),
        "required_documents": "\n".join(
            [IDENTITY, "Factures d'énergie impayées", "Plan de paiement proposé par le fournisseur", RESOURCES]
        ),
        "payment": "once",
        "position": 70,
    },
    {
        "code": "rent_guarantee",
        "label": "Garantie locative",
        "legal_basis": LOI_ORGANIQUE + " Décret wallon du 15 mars 2018 relatif au bail d'habitation, article 62.",
        "default_motivation": (
            "En fait : vous avez demandé la constitution d'une garantie locative le [date de la demande] pour le "
            "logement situé [adresse], loué [loyer] par mois. L'enquête sociale établit que vous ne pouvez pas "
            "la constituer vous-même.\n\n"
            "En droit : selon les articles 1er et 57, § 1er, de la loi organique du 8 juillet 1976, l'aide sociale "
            "comprend l'aide au logement ; la garantie est constituée dans les formes prévues par l'article 62 du "
            "décret wallon du 15 mars 2018."
        ),
        "required_documents": "\n".join([IDENTITY, "Projet de bail signé par le bailleur", RESOURCES, BANK]),
        "opinion_required": True,
        "payment": "once",
        "position": 80,
    },
    {
        "code": "art60",
        "label": "Mise à l'emploi (article 60, § 7)",
        "legal_basis": "Loi organique du 8 juillet 1976, article 60, § 7.",
        "default_motivation": (
            "En fait : l'enquête sociale établit que vous devez justifier d'une période de travail pour obtenir le "
            "bénéfice complet de certaines allocations sociales, ou favoriser votre expérience professionnelle.\n\n"
            "En droit : selon l'article 60, § 7, de la loi organique du 8 juillet 1976, le centre public d'action "
            "sociale peut prendre toutes les dispositions nécessaires afin de procurer un emploi à ces personnes, "
            "le cas échéant en agissant lui-même comme employeur."
        ),
        "required_documents": "\n".join([IDENTITY, "Curriculum vitae", "Attestation d'inscription comme demandeur d'emploi"]),
        "payment": "none",
        "position": 90,
    },
    {
        "code": "advance",
        "label": "Avance sur prestations sociales",
        "legal_basis": "Loi organique du 8 juillet 1976, article 99, § 1er.",
        "default_motivation": (
            "En fait : vous avez demandé [allocation] le [date] à [organisme], qui n'a pas encore statué ou payé. "
            "Vos ressources ne vous permettent pas d'attendre ce paiement.\n\n"
            "En droit : selon l'article 99, § 1er, de la loi organique du 8 juillet 1976, lorsque le centre accorde "
            "une aide à une personne dans l'attente de prestations auxquelles elle a droit, il est subrogé de plein "
            "droit à concurrence du montant de l'aide accordée dans les droits de cette personne à ces prestations."
        ),
        "required_documents": "\n".join([IDENTITY, "Preuve de la demande introduite auprès de l'organisme payeur", BANK]),
        "opinion_required": True,
        "payment": "once",
        "opens_recovery": True,
        "position": 100,
    },
    {
        "code": "debt",
        "label": "Médiation de dettes",
        "legal_basis": (
            "Loi organique du 8 juillet 1976, article 60 ; Code de droit économique, livre VII (médiation de "
            "dettes) ; Code judiciaire, articles 1675/2 et suivants (règlement collectif de dettes)."
        ),
        "default_motivation": (
            "En fait : vous avez demandé l'aide du service de médiation de dettes le [date de la demande]. "
            "L'enquête sociale établit un endettement de [montant] envers [créanciers].\n\n"
            "En droit : selon l'article 60 de la loi organique du 8 juillet 1976, le centre fournit tous conseils "
            "et renseignements utiles et effectue les démarches de nature à procurer aux intéressés tous les droits "
            "et avantages auxquels ils peuvent prétendre."
        ),
        "required_documents": "\n".join([IDENTITY, RESOURCES, "Relevé des dettes et courriers des créanciers"]),
        "payment": "none",
        "position": 110,
    },
    {
        "code": "other",
        "label": "Autre aide sociale",
        "legal_basis": LOI_ORGANIQUE,
        "default_motivation": (
            "En fait : vous avez demandé [objet] le [date de la demande]. L'enquête sociale établit que "
            "[situation].\n\n"
            "En droit : selon les articles 1er et 57, § 1er, de la loi organique du 8 juillet 1976, le centre "
            "public d'action sociale assure aux personnes l'aide due par la collectivité afin que chacun puisse "
            "mener une vie conforme à la dignité humaine."
        ),
        "required_documents": "\n".join([IDENTITY, RESOURCES]),
        "payment": "none",
        "position": 120,
    },
]

# Monthly RI amounts from 1 February 2025 (domain.md); the équivalent RI is granted at the same amounts.
CATEGORIES = [
    ("cohabitant", "cohabitant", 1, Decimal("876.13")),
    ("isole", "isolé", 2, Decimal("1314.20")),
    ("famille", "famille à charge", 3, Decimal("1776.07")),
]
RI_AMOUNTS_FROM = datetime.date(2025, 2, 1)

MONS_COURT = {
    "court": "Tribunal du travail du Hainaut",
    "division": "division de Mons",
    "valid_from": datetime.date(2014, 4, 1),  # the Hainaut court and its divisions (judicial map reform)
    "defaults": {
        "street": "rue de Nimy 70",
        "postal_code": "7000",
        "city": "Mons",
        # Mons and its sections, Frameries, Quévy, Jurbise... and the Borinage (Boussu, Quaregnon, Dour...).
        "served_postal_codes": "7000-7099\n7300-7399",
    },
}


def install(apps, schema_editor):
    AidType = apps.get_model("aid", "AidType")
    AidCategory = apps.get_model("aid", "AidCategory")
    AidAmount = apps.get_model("aid", "AidAmount")
    CourtDivision = apps.get_model("aid", "CourtDivision")
    for fields in TYPES:
        fields = dict(fields)
        if not any(f.name == "required_documents" for f in AidType._meta.fields):
            fields.pop("required_documents")  # today's models (tests): aid 0008's install writes the rows
        AidType.objects.update_or_create(code=fields.pop("code"), defaults=fields)
    for code in ("ri", "eri"):
        aid_type = AidType.objects.get(code=code)
        for cat_code, label, position, amount in CATEGORIES:
            category, _ = AidCategory.objects.update_or_create(
                aid_type=aid_type, code=cat_code, defaults={"label": label, "position": position}
            )
            AidAmount.objects.update_or_create(
                aid_type=aid_type, category=category, valid_from=RI_AMOUNTS_FROM, defaults={"amount": amount}
            )
    CourtDivision.objects.update_or_create(**MONS_COURT)


class Migration(migrations.Migration):
    dependencies = [("aid", "0002_court_division")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
