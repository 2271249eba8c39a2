"""Documents received into a file (pièces: identity card, lease, pay slips, letters received…), their
versions and the stored contents they point to."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.confidentiality import Level


class DocumentType(models.Model):
    """Type de document: a catalogue row the admin edits. It carries how long such documents are kept (from
    when, on which legal basis) and how confidential a new one is by default."""

    class RetentionStart(models.TextChoices):
        FILE_CLOSED = "file_closed", _("Clôture du dossier")
        DOCUMENT_DATE = "document_date", _("Date du document")
        RECEIVED = "received", _("Réception du document")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("libellé"), max_length=100)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    active = models.BooleanField(_("actif"), default=True)
    default_confidentiality = models.CharField(
        _("confidentialité par défaut"), max_length=20, choices=Level.choices, default=Level.TEAM
    )
    # Empty: kept as long as the file (no period of its own).
    retention_years = models.PositiveSmallIntegerField(_("conservation (années)"), null=True, blank=True)
    retention_start = models.CharField(
        _("à compter de"), max_length=20, choices=RetentionStart.choices, default=RetentionStart.FILE_CLOSED
    )
    retention_basis = models.TextField(_("base légale de la durée de conservation"), blank=True)
    # The defaults are proposals: the DPO confirms each one (RGPD art. 5.1.e).
    retention_confirmed = models.BooleanField(_("durée confirmée par le DPO"), default=False)

    class Meta:
        ordering = ["position", "label"]
        verbose_name = _("type de document")
        verbose_name_plural = _("types de document")

    def __str__(self) -> str:
        return self.label


class StoredContent(models.Model):
    """One content (the bytes of a PDF or image), stored once under its SHA-256 (documents.content_store) and
    checked against it on every read."""

    sha256 = models.CharField(max_length=64, unique=True)
    size = models.PositiveBigIntegerField()
    mime_type = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("contenu stocké")
        verbose_name_plural = _("contenus stockés")

    def __str__(self) -> str:
        return f"{self.sha256[:12]}… ({self.mime_type}, {self.size} o)"

    @property
    def storage_name(self) -> str:
        return f"contents/{self.sha256[:2]}/{self.sha256[2:4]}/{self.sha256}"


class Document(models.Model):
    """Pièce du dossier: what it is, whom and what it concerns, who may read it. Its pages are in its versions
    (a new scan replaces a document and keeps the old one)."""

    class Source(models.TextChoices):
        DESK = "desk", _("Guichet")
        POST = "post", _("Courrier postal")
        EMAIL = "email", _("Courriel")
        SCANNER = "scanner", _("Scanner")
        PERSON = "person", _("La personne elle-même")

    file = models.ForeignKey(
        "files.SocialFile", on_delete=models.PROTECT, related_name="documents", verbose_name=_("dossier")
    )
    # The beneficiary or a member of the household the document is about.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("personne concernée"),
    )
    request = models.ForeignKey(
        "files.AidRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("demande"),
    )
    type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="documents", verbose_name=_("type")
    )
    title = models.CharField(_("intitulé"), max_length=200)
    document_date = models.DateField(_("date du document"), null=True, blank=True)
    source = models.CharField(_("provenance"), max_length=20, choices=Source.choices, default=Source.DESK)
    confidentiality = models.CharField(
        _("confidentialité"), max_length=20, choices=Level.choices, default=Level.TEAM
    )
    # Sealed: besides its author, only the people named here read it (as for reports).
    sealed_readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("lecteurs désignés")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("ajouté par")
    )
    created_at = models.DateTimeField(_("ajouté le"), default=timezone.now)
    # The version shown and searched (the latest); set by the services with each new version.
    current = models.ForeignKey(
        "DocumentVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The Documents tab reads one file's documents, newest first.
            models.Index(fields=["file", "-created_at", "-id"], name="document_file_date_idx"),
            # What is due for deletion (retention.selectors.due_documents): a type's documents by their date,
            # the undated by their arrival, and a type kept from the arrival by it.
            models.Index(fields=["type", "document_date", "created_at"], name="document_type_date_idx"),
            models.Index(fields=["type", "created_at"], name="document_type_arrival_idx"),
        ]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """One scan or upload of a document: the original as received, its archived PDF/A with a text layer, a
    thumbnail of its first page and its text."""

    class OcrState(models.TextChoices):
        PENDING = "pending", _("En attente de lecture")
        RUNNING = "running", _("Lecture en cours")
        DONE = "done", _("Texte reconnu")
        NOT_NEEDED = "not_needed", _("Texte d'origine (document numérique)")
        FAILED = "failed", _("Échec de la lecture")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    original = models.ForeignKey(StoredContent, on_delete=models.PROTECT, related_name="+")
    original_name = models.CharField(_("fichier reçu"), max_length=255)
    archived = models.ForeignKey(
        StoredContent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    thumbnail = models.ForeignKey(
        StoredContent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pages = models.PositiveIntegerField(_("pages"), default=0)
    text = models.TextField(_("texte"), blank=True)
    ocr_state = models.CharField(
        _("lecture du texte"), max_length=20, choices=OcrState.choices, default=OcrState.PENDING
    )
    ocr_error = models.TextField(_("raison de l'échec"), blank=True)  # in French, for the clerk
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("reçu le"), default=timezone.now)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]
        verbose_name = _("version de document")
        verbose_name_plural = _("versions de document")

    def __str__(self) -> str:
        return f"{self.document} (v{self.number})"


def _quarantine_name(upload: "RefusedUpload", filename: str) -> str:
    """A name of its own under quarantine/, never the sender's (which the clerk sees in original_name)."""
    return f"quarantine/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class RefusedUpload(models.Model):
    """Envoi refusé: the original of an upload that documents.upload_checks refused, kept apart from the
    content store (never a document, never served as one) so that the clerk can see what was sent and why it
    was refused, then removed after REFUSED_UPLOAD_DAYS by `manage.py purge_refused_uploads`."""

    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("envoyé par")
    )
    refused_at = models.DateTimeField(_("refusé le"), default=timezone.now, db_index=True)
    file = models.ForeignKey(
        "files.SocialFile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dossier"),
    )
    original_name = models.CharField(_("fichier envoyé"), max_length=255)
    reason = models.TextField(_("motif du refus"))  # the French text of the refusal, as the clerk saw it
    size = models.PositiveBigIntegerField(_("taille"))
    # Empty when the upload was larger than the largest file accepted: so much is not kept to be looked at.
    original = models.FileField(_("original"), upload_to=_quarantine_name, blank=True)

    class Meta:
        ordering = ["-refused_at", "-id"]
        verbose_name = _("envoi refusé")
        verbose_name_plural = _("envois refusés")

    def __str__(self) -> str:
        return self.original_name


class Intake(models.Model):
    """Un envoi: one upload (a scanner batch, a phone photo, a file from the watched folder) kept as it came
    and read by a background job (documents.intake) that files each part where its cover sheet says, hands a
    returned letter to letters, and leaves the rest in "Documents à classer". The original is deleted once
    every part is filed; a failed reading keeps it, so that nothing received is lost."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("En attente")
        RUNNING = "running", _("En cours")
        DONE = "done", _("Terminé")
        FAILED = "failed", _("Échec")

    original = models.FileField(upload_to="intake/%Y/%m/", blank=True)
    original_name = models.CharField(_("fichier reçu"), max_length=255)
    source = models.CharField(
        _("provenance"), max_length=20, choices=Document.Source.choices, default=Document.Source.SCANNER
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("envoyé le"), default=timezone.now, db_index=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    pages_done = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)  # why the file could not be read, in French
    refused = models.JSONField(default=list)  # parts not kept again (already filed), in French

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("envoi de documents")
        verbose_name_plural = _("envois de documents")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


DELETED_PART = "deleted"  # IntakePart.filed_as of pages deleted from "Documents à classer"


class IntakePart(models.Model):
    """A part of an intake already filed (a document, a returned copy, pages to sort), written in the same
    transaction as what it became: a job run again after a crash skips it, so nothing is filed twice."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="parts")
    sha256 = models.CharField(max_length=64)  # of the part's PDF
    # "app_label.model:pk" of what the part became; once pages waiting to be sorted are filed, what they
    # became in turn, or "deleted".
    filed_as = models.CharField(max_length=100)
    # Where the part was in the upload (empty for parts filed before they were kept).
    first_page = models.PositiveIntegerField(null=True, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["intake", "sha256"], name="documents_part_once"),
            # Two intakes holding the same pages, read at the same instant, file them once: the second
            # job's part fails here and rolls back what it had filed. Deleted pages may come again.
            models.UniqueConstraint(
                fields=["sha256"],
                condition=~models.Q(filed_as=DELETED_PART),
                name="documents_pages_filed_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intake_id}: {self.filed_as}"


class UnsortedPages(models.Model):
    """Documents à classer: pages of an intake without a readable cover sheet or known code, kept until a
    clerk files them (in a file as a document, or with a returned letter by its code) or deletes them with a
    reason."""

    content = models.ForeignKey(StoredContent, on_delete=models.PROTECT, related_name="+")
    pages = models.PositiveIntegerField(_("pages"))
    sha256 = models.CharField(max_length=64, unique=True)  # the same pages are never waiting twice
    original_name = models.CharField(_("fichier reçu"), max_length=255)
    first_page = models.PositiveIntegerField(_("première page dans le fichier reçu"))
    code_read = models.CharField(_("code lu"), max_length=200, blank=True)  # a code naming nothing known
    # Its first page as a PNG, so that a clerk recognises a lease or a pay slip in the list (made with it;
    # empty for pages kept before, made when first shown).
    thumbnail = models.ForeignKey(
        StoredContent, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    intake = models.ForeignKey(Intake, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("reçu le"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("document à classer")
        verbose_name_plural = _("documents à classer")

    def __str__(self) -> str:
        return f"{self.original_name} p. {self.first_page} ({self.pages} p.)"
