"""Recovery decisions as catalogue aid types, decided through the normal workflow (proposal, body, date) and
notified with the mentions of art. 25, § 2, of the law of 26 May 2002. Data written here, not imported."""

from django.db import migrations

DOCUMENTS = "\n".join(
    [
        "Décisions d'octroi et relevé des paiements de la période",
        "Pièces établissant le paiement indu (déclarations, attestations de ressources)",
        "Rapport de l'audition, si la personne a été entendue",
    ]
)

TYPES = [
    {
        "code": "recup_ri",
        "label": "Récupération de revenu d'intégration payé indûment",
        "legal_basis": (
            "Loi du 26 mai 2002 concernant le droit à l'intégration sociale, articles 22, 24, 25 et 29 ; arrêté "
            "royal du 11 juillet 2002, articles 49 et suivants."
        ),
        "default_motivation": (
            "En fait : du [date de début] au [date de fin], vous avez perçu le revenu d'intégration alors que "
            "[fait constaté : ressources non déclarées, changement de situation]. Le montant payé indûment est "
            "calculé comme suit : [calcul].\n\n"
            "En droit : [disposition non respectée, sa référence et son contenu]. Selon l'article 24, § 1er, de la même loi, le revenu d'intégration payé indûment est "
            "récupéré à charge de l'intéressé."
        ),
        "required_documents": DOCUMENTS,
        "payment": "none",  # the CPAS is paid back: no payment to set up
        "opens_recovery": True,
        "right_to_be_heard": True,
        "opinion_required": True,
        "position": 130,
    },
    {
        "code": "recup_aide",
        "label": "Récupération d'aide sociale",
        "legal_basis": "Loi organique des centres publics d'action sociale du 8 juillet 1976, articles 97 à 102.",
        "default_motivation": (
            "En fait : le [date], le centre vous a accordé [aide] pour un montant de [montant]. [fait qui fonde "
            "la récupération].\n\n"
            "En droit : [disposition non respectée, sa référence et son contenu]."
        ),
        "required_documents": DOCUMENTS,
        "payment": "none",  # the CPAS is paid back: no payment to set up
        "opens_recovery": True,
        "right_to_be_heard": True,
        "opinion_required": True,
        "position": 131,
    },
]


def install(apps, schema_editor):
    AidType = apps.get_model("aid", "AidType")
    for fields in TYPES:
        fields = dict(fields)
        if not any(f.name == "required_documents" for f in AidType._meta.fields):
            fields.pop("required_documents")  # today's models (tests): aid 0008's install writes the rows
        AidType.objects.update_or_create(code=fields.pop("code"), defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("aid", "0003_default_catalogue")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
