"""Contents stored once, named by their SHA-256, through Django's storage API (file system by default,
S3-compatible object storage in production), and checked against their hash on every read."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from documents.models import StoredContent


class DamagedContent(Exception):
    """A stored content whose bytes no longer match its SHA-256 (or are missing): never served."""


def store(data: bytes, *, mime_type: str) -> StoredContent:
    """The StoredContent holding `data`, written if new. The bytes are written before the row, so a row always
    names a complete content; a failure before the row leaves at most an unnamed blob that the same content
    overwrites next time."""
    digest = hashlib.sha256(data).hexdigest()
    existing = StoredContent.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    content = StoredContent(sha256=digest, size=len(data), mime_type=mime_type)
    name = content.storage_name
    if default_storage.exists(name):
        default_storage.delete(name)  # a leftover of a failed write: replace it with the bytes just hashed
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:  # a storage that renamed it would lose the content's address
        default_storage.delete(saved)
        raise RuntimeError(f"storage renamed {name} to {saved}")
    try:
        with transaction.atomic():
            content.save()
    except IntegrityError:  # the same content stored at the same moment by another request
        return StoredContent.objects.get(sha256=digest)
    return content


def read(content: StoredContent) -> bytes:
    """The bytes of `content`, checked against its SHA-256."""
    try:
        with default_storage.open(content.storage_name, "rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError) as error:
        raise DamagedContent(
            _("Le fichier stocké %(sha)s est introuvable.") % {"sha": content.sha256[:12]}
        ) from error
    if hashlib.sha256(data).hexdigest() != content.sha256:
        raise DamagedContent(
            _("Le fichier stocké %(sha)s est endommagé : son contenu ne correspond plus à son empreinte.")
            % {"sha": content.sha256[:12]}
        )
    return data
