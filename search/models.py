"""The index of texts searched by "Dans les textes": one row per report and per document.

Each row copies what the search filters on and what the access policy needs about the item (its file, kind,
author, date, confidentiality); the sealed readers are read from the item's own table at query time. The
words themselves are indexed by each database's full-text index (search.fulltext.backends): a generated
tsvector column on PostgreSQL, an FTS5 table over `terms` on SQLite.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.confidentiality import Level


class IndexedText(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", _("Rapport")
        DOCUMENT = "document", _("Document")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    report = models.OneToOneField(
        "files.Report", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    document = models.OneToOneField(
        "documents.Document", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    file = models.ForeignKey("files.SocialFile", on_delete=models.CASCADE, related_name="+")
    report_kind = models.CharField(max_length=20, blank=True)  # files.Report.Kind
    document_type = models.ForeignKey(
        "documents.DocumentType", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The person it concerns: the document's, or the file's beneficiary for a report.
    person = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    confidentiality = models.CharField(max_length=20, choices=Level.choices)
    title = models.CharField(max_length=200)
    label = models.CharField(max_length=100)  # the report kind's or document type's name, searched too
    text = models.TextField(blank=True)  # plain text, shown in snippets
    terms = models.TextField(blank=True)  # SQLite only: the lexemes its FTS5 table indexes
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="report", report__isnull=False, document__isnull=True)
                    | models.Q(kind="document", document__isnull=False, report__isnull=True)
                ),
                name="indexed_text_one_item",
            )
        ]
        indexes = [
            models.Index(fields=["file", "-date"], name="indexed_text_file_idx"),
            # More hits than are ranked: the newest first, walking this index (search.fulltext.reading).
            models.Index(fields=["-date", "-id"], name="indexed_text_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.title}"
