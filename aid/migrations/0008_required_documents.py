"""Required documents become catalogue rows pointing at document types (issue 13, completeness).

Each line of the old text field is mapped to a documents.DocumentType: the lines the shipped catalogue wrote
by a table below, other lines by a type of the same label (accents and case aside), otherwise to a new type
named after the line (code slugified, confidentiality TEAM). The line itself is kept as the row's note where
the type's label says less. It runs after the documents app's default types (documents 0002) and looks them up
by code. Reversing writes the lines back.
"""

import unicodedata

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify

# The documents app's default types (documents 0002 creates them; looked up here by code).
DEFAULT_TYPES = {
    "identity_card": "Carte d'identité",
    "residence_proof": "Preuve de résidence",
    "lease": "Bail",
    "pay_slip": "Fiche de paie",
    "bank_statement": "Extrait de compte",
    "medical_certificate": "Certificat médical",
    "energy_bill": "Facture d'énergie",
    "court_decision": "Décision de justice",
    "letter_received": "Courrier reçu",
    "other": "Autre document",
}
# The lines aid 0003 and 0004 wrote that a default type covers: (type code, to join to every request).
KNOWN_LINES = {
    "Carte d'identité ou titre de séjour": ("identity_card", False),
    "Preuve d'identité": ("identity_card", False),
    "Extraits de compte des trois derniers mois": ("bank_statement", True),
    "Contrat de bail ou preuve de la résidence effective": ("residence_proof", False),
    "Preuve de la résidence sur la commune": ("residence_proof", False),
    "Projet de bail signé par le bailleur": ("lease", True),
    "Factures d'énergie impayées": ("energy_bill", True),
}
# Lines of the shipped catalogue that speak of a recent period: the piece is joined to each request.
PER_REQUEST_WORDS = ("derniers mois", "de la période")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


class _Types:
    """Document types by code and by plain label, created when a line matches none."""

    def __init__(self, DocumentType):
        self.model = DocumentType
        self.by_label = {_plain(t.label): t for t in DocumentType.objects.all()}

    def by_code(self, code: str):
        position = list(DEFAULT_TYPES).index(code) * 10 + 10
        found, _ = self.model.objects.get_or_create(
            code=code, defaults={"label": DEFAULT_TYPES[code], "position": position}
        )
        return found

    def for_line(self, line: str):
        if line in KNOWN_LINES:
            return self.by_code(KNOWN_LINES[line][0])
        found = self.by_label.get(_plain(line))
        if found is None:
            base = slugify(line).replace("-", "_")[:36].strip("_") or "document"
            code, n = base, 1
            while self.model.objects.filter(code=code).exists():
                n += 1
                code = f"{base}_{n}"
            found = self.model.objects.create(code=code, label=line[:100], position=200, default_confidentiality="team")
            self.by_label[_plain(line)] = found
        return found


def add_rows(RequiredDocument, types: _Types, aid_type, lines: list[str]) -> None:
    """Rows of `aid_type` for its text `lines`, in their order; a type named twice keeps one row."""
    for number, line in enumerate(lines, start=1):
        document_type = types.for_line(line)
        per_request = KNOWN_LINES[line][1] if line in KNOWN_LINES else any(w in line for w in PER_REQUEST_WORDS)
        note = "" if _plain(line) == _plain(document_type.label) else line[:300]
        row, created = RequiredDocument.objects.get_or_create(
            aid_type=aid_type,
            document_type=document_type,
            defaults={"note": note, "per_request": per_request, "position": number * 10},
        )
        if not created and note and note not in row.note:
            row.note = f"{row.note} ; {note}"[:300] if row.note else note
            row.save(update_fields=["note"])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def forward(apps, schema_editor):
    AidType = apps.get_model("aid", "AidType")
    RequiredDocument = apps.get_model("aid", "RequiredDocument")
    types = _Types(apps.get_model("documents", "DocumentType"))
    for aid_type in AidType.objects.exclude(required_documents=""):
        add_rows(RequiredDocument, types, aid_type, _lines(aid_type.required_documents))


def backward(apps, schema_editor):
    AidType = apps.get_model("aid", "AidType")
    for aid_type in AidType.objects.all():
        rows = aid_type.requirements.select_related("document_type").order_by("position", "id")
        aid_type.required_documents = "\n".join(r.note or r.document_type.label for r in rows)
        aid_type.save(update_fields=["required_documents"])


def install(apps, schema_editor):
    """The shipped catalogue's rows on today's models (tests whose database is flushed reinstall it)."""
    import importlib

    RequiredDocument = apps.get_model("aid", "RequiredDocument")
    types = _Types(apps.get_model("documents", "DocumentType"))
    for migration in ("aid.migrations.0003_default_catalogue", "aid.migrations.0004_recovery_aid_types"):
        for fields in importlib.import_module(migration).TYPES:
            aid_type = apps.get_model("aid", "AidType").objects.get(code=fields["code"])
            add_rows(RequiredDocument, types, aid_type, _lines(fields["required_documents"]))




class Migration(migrations.Migration):

    dependencies = [
        ('aid', '0007_merge_courts_and_amounts'),
        ('documents', '0002_default_types'),
    ]

    operations = [
        migrations.CreateModel(
            name='RequiredDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('note', models.CharField(blank=True, help_text='Ce qui est attendu exactement : période couverte, pièce acceptée à la place…', max_length=300, verbose_name='précision')),
                ('per_request', models.BooleanField(default=False, help_text="Sinon, une pièce classée dans le dossier sans demande (carte d'identité…) vaut pour toutes ses demandes.", verbose_name='à joindre à chaque demande')),
                ('position', models.PositiveSmallIntegerField(default=100, verbose_name='ordre')),
                ('aid_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='requirements', to='aid.aidtype')),
                ('document_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='documents.documenttype', verbose_name='type de document')),
            ],
            options={
                'verbose_name': 'pièce requise',
                'verbose_name_plural': 'pièces requises',
                'ordering': ['aid_type', 'position', 'id'],
                'constraints': [models.UniqueConstraint(fields=('aid_type', 'document_type'), name='unique_required_document')],
            },
        ),
        migrations.RunPython(forward, backward),
        migrations.RemoveField(model_name="aidtype", name="required_documents"),
    ]
