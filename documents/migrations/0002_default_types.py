"""The default catalogue of document types. Retention is left empty (kept as long as the file) and unconfirmed:
the periods and their legal bases are for the DPO to set (issue 13, retention)."""

from django.db import migrations

# (code, label, default confidentiality)
DEFAULT_TYPES = [
    ("identity_card", "Carte d'identité", "team"),
    ("residence_proof", "Preuve de résidence", "team"),
    ("lease", "Bail", "team"),
    ("pay_slip", "Fiche de paie", "team"),
    ("bank_statement", "Extrait de compte", "team"),
    # Health data (RGPD art. 9): its author and the head of service only, unless the clerk opens it wider.
    ("medical_certificate", "Certificat médical", "restricted"),
    ("energy_bill", "Facture d'énergie", "team"),
    ("court_decision", "Décision de justice", "team"),
    ("letter_received", "Courrier reçu", "team"),
    ("other", "Autre document", "team"),
]


def add_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    for position, (code, label, confidentiality) in enumerate(DEFAULT_TYPES, start=1):
        DocumentType.objects.get_or_create(
            code=code,
            defaults={"label": label, "position": position * 10, "default_confidentiality": confidentiality},
        )


def remove_types(apps, schema_editor):
    DocumentType = apps.get_model("documents", "DocumentType")
    DocumentType.objects.filter(code__in=[code for code, _label, _level in DEFAULT_TYPES], documents=None).delete()


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(add_types, remove_types)]
