"""Contents stored once, named by their SHA-256, through Django's storage API (file system by default,
S3-compatible object storage in production), and checked against their hash on every read.

The bytes are written before the row that names them, and a name holds a complete content or nothing (an
object store writes an object whole; config.storage makes the file system do the same). So a row always names
a complete content, and a failure leaves no row: at most bytes without a row, which the next store of the same
content checks and takes over."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from documents.models import StoredContent


class DamagedContent(Exception):
    """A stored content whose bytes no longer match its SHA-256, or are missing: never served. Its message
    says so in French."""


def store(data: bytes, *, mime_type: str) -> StoredContent:
    """The StoredContent holding `data`: the existing one when the same bytes were stored before (its bytes
    are checked, and written again if they were lost or damaged), else a new one."""
    digest = hashlib.sha256(data).hexdigest()
    existing = StoredContent.objects.filter(sha256=digest).first()
    _put(_name(digest), data, digest)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():  # a savepoint: a caller's transaction goes on after a lost race
            return StoredContent.objects.create(sha256=digest, size=len(data), mime_type=mime_type)
    except IntegrityError:  # the same content stored at the same moment by another request
        return StoredContent.objects.get(sha256=digest)


def read(content: StoredContent) -> bytes:
    """The bytes of `content`, checked against its SHA-256; DamagedContent if they are missing or differ."""
    data = _read(content.storage_name)
    if data is None:
        raise DamagedContent(
            _("Le fichier stocké %(sha)s est introuvable dans le stockage.") % {"sha": content.sha256[:12]}
        )
    if hashlib.sha256(data).hexdigest() != content.sha256:
        raise DamagedContent(
            _("Le fichier stocké %(sha)s est endommagé : son contenu ne correspond plus à son empreinte.")
            % {"sha": content.sha256[:12]}
        )
    return data


def _name(digest: str) -> str:
    return StoredContent(sha256=digest).storage_name


def _read(name: str) -> bytes | None:
    """The bytes stored under `name`, None if there are none. Any other error of the storage (unreachable,
    refused) is raised as is: it says nothing about the content."""
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def _put(name: str, data: bytes, digest: str) -> None:
    """Make the storage hold `data` under `name`: kept if already there whole, written (again) otherwise."""
    if default_storage.exists(name):
        kept = _read(name)
        if kept is not None and hashlib.sha256(kept).hexdigest() == digest:
            return
        default_storage.delete(name)  # damaged: replaced by the bytes just hashed, which its row names too
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:
        # Another request wrote the same name meanwhile; its bytes are checked like any others.
        default_storage.delete(saved)
        kept = _read(name)
        if kept is None or hashlib.sha256(kept).hexdigest() != digest:
            raise DamagedContent(
                _("Le fichier %(sha)s n'a pas pu être enregistré dans le stockage ; réessayez.")
                % {"sha": digest[:12]}
            )
