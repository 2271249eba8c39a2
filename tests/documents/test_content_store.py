"""documents.content_store on both backends (the file system and a real local S3 server): each content stored
once by its SHA-256, checked on every read, and nothing half-stored after a failure."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import CommandError, call_command
from django.db import transaction

from documents import content_store
from documents.content_store import DamagedContent
from documents.models import StoredContent
from tests.processes import run_python

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"Attestation de revenus de Mme Lemaire, synthetique.\n" * 200 + b"%%EOF\n"


def stored_names(content: StoredContent) -> list[str]:
    """The objects in the content's folder of the storage (its own name, and anything left beside it)."""
    folder = content.storage_name.rsplit("/", 1)[0]
    return sorted(default_storage.listdir(folder)[1])


def overwrite(name: str, data: bytes) -> None:
    default_storage.delete(name)
    assert default_storage.save(name, ContentFile(data)) == name


class Boom(Exception):
    pass


def test_a_content_is_read_back_as_stored(any_storage):
    content = content_store.store(PDF, mime_type="application/pdf")

    content.refresh_from_db()
    assert content.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (content.size, content.mime_type) == (len(PDF), "application/pdf")
    assert content.storage_name == f"contents/{content.sha256[:2]}/{content.sha256[2:4]}/{content.sha256}"
    assert content_store.read(content) == PDF


def test_the_same_bytes_twice_are_one_object_and_one_row(any_storage):
    first = content_store.store(PDF, mime_type="application/pdf")
    second = content_store.store(PDF, mime_type="application/pdf")

    assert second.pk == first.pk
    assert StoredContent.objects.count() == 1
    assert stored_names(first) == [first.sha256]


def test_a_flipped_byte_is_reported_in_french_and_never_served(any_storage):
    content = content_store.store(PDF, mime_type="application/pdf")
    damaged = bytearray(PDF)
    damaged[100] ^= 0x01
    overwrite(content.storage_name, bytes(damaged))

    with pytest.raises(DamagedContent, match="endommagé : son contenu ne correspond plus à son empreinte"):
        content_store.read(content)


def test_a_missing_object_is_reported_in_french(any_storage):
    content = content_store.store(PDF, mime_type="application/pdf")
    default_storage.delete(content.storage_name)

    with pytest.raises(DamagedContent, match=f"Le fichier stocké {content.sha256[:12]} est introuvable"):
        content_store.read(content)


def test_storing_the_same_bytes_again_repairs_a_damaged_object(any_storage):
    content = content_store.store(PDF, mime_type="application/pdf")
    overwrite(content.storage_name, PDF[:-10])

    again = content_store.store(PDF, mime_type="application/pdf")

    assert again.pk == content.pk
    assert content_store.read(content) == PDF


def test_a_failure_in_the_callers_transaction_leaves_no_row_and_the_bytes_are_taken_over(any_storage):
    with pytest.raises(Boom), transaction.atomic():
        content_store.store(PDF, mime_type="application/pdf")
        raise Boom

    assert not StoredContent.objects.exists()
    content = content_store.store(PDF, mime_type="application/pdf")
    assert content_store.read(content) == PDF
    assert stored_names(content) == [content.sha256]


def test_a_storage_that_fails_while_writing_leaves_no_row(any_storage, settings, tmp_path):
    if any_storage == "s3":
        # A bucket that does not exist: the server refuses the write (NoSuchBucket).
        default = settings.STORAGES["default"]
        absent = {**default, "OPTIONS": {**default["OPTIONS"], "bucket_name": "dossier-absent"}}
        settings.STORAGES = {**settings.STORAGES, "default": absent}
    else:
        # A file where the contents' folder should be: the file system refuses to create it.
        (tmp_path / "media").mkdir()
        (tmp_path / "media" / "contents").write_bytes(b"not a folder")

    with pytest.raises(Exception) as failure:
        content_store.store(PDF, mime_type="application/pdf")

    assert not isinstance(failure.value, DamagedContent)
    assert not StoredContent.objects.exists()


def test_a_row_created_by_a_concurrent_store_is_returned_after_the_integrity_error(any_storage, monkeypatch):
    """Another request inserts the same content's row while this one writes the bytes: the database refuses
    the second row (a real IntegrityError, inside a savepoint) and the first is returned."""
    digest = hashlib.sha256(PDF).hexdigest()
    rivals = []

    class RacedStorage:
        """The configured storage, during whose write another request stores the same content."""

        def __getattr__(self, name):
            return getattr(storages["default"], name)

        def save(self, name, content, **kwargs):
            saved = storages["default"].save(name, content, **kwargs)
            rivals.append(StoredContent.objects.create(sha256=digest, size=len(PDF), mime_type="text/plain"))
            return saved

    monkeypatch.setattr(content_store, "default_storage", RacedStorage())

    with transaction.atomic():
        content = content_store.store(PDF, mime_type="application/pdf")
        assert StoredContent.objects.count() == 1  # the caller's transaction goes on

    assert content.pk == rivals[0].pk
    assert content_store.read(content) == PDF


CONCURRENT_STORES = """
import sys, tempfile, threading
sys.path.insert(0, "bench")
from timeline import setup_django

setup_django(tempfile.mkdtemp(prefix="dossier-content-store-"))
from django.db import connection
from django.test import override_settings
from documents import content_store
from documents.models import StoredContent

def four_at_once(data):
    barrier = threading.Barrier(4)
    stored = []

    def store():
        barrier.wait()
        stored.append(content_store.store(data, mime_type="application/pdf").pk)
        connection.close()

    threads = [threading.Thread(target=store) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    content = StoredContent.objects.get(pk=stored[0])
    assert content_store.read(content) == data
    return [len(stored), len(set(stored)), StoredContent.objects.filter(sha256=content.sha256).count()]

print("s3", *four_at_once(b"%PDF-1.7\\n" + b"Bail de Mme Lemaire, synthetique.\\n" * 5000))
with override_settings(
    STORAGES={"default": {"BACKEND": "config.storage.AtomicFileSystemStorage"}},
    MEDIA_ROOT=tempfile.mkdtemp(prefix="dossier-media-"),
):
    print("filesystem", *four_at_once(b"%PDF-1.7\\n" + b"Fiche de paie de M. Dubois, synthetique.\\n" * 5000))
"""


def test_concurrent_stores_of_the_same_bytes_end_with_one_row(s3_storage, s3_endpoint):
    """Four requests (threads with their own connections, on a database file) store the same new bytes at
    once, on S3 configured from the environment as in production (config/settings.py), then on the file
    system."""
    extra = {
        "DOSSIER_STORAGE": "s3",
        "DOSSIER_S3_ENDPOINT_URL": s3_endpoint,
        "DOSSIER_S3_BUCKET": s3_storage,
        "DOSSIER_S3_REGION": "us-east-1",
        "DOSSIER_S3_ACCESS_KEY": "dossier-test",
        "DOSSIER_S3_SECRET_KEY": "dossier-test-secret",
    }
    result = run_python("-c", CONCURRENT_STORES, without=("DATABASE_URL", "DOSSIER_"), extra=extra)
    assert result.stdout.split() == ["s3", "4", "1", "1", "filesystem", "4", "1", "1"]


def test_check_contents_lists_the_damaged_and_the_missing_with_the_versions_using_them(any_storage):
    from documents.models import Document, DocumentType, DocumentVersion
    from tests.factories import SocialFileFactory, UserFactory

    clerk = UserFactory()
    scan = content_store.store(PDF, mime_type="application/pdf")
    archived = content_store.store(PDF + b"% PDF/A\n", mime_type="application/pdf")
    intact = content_store.store(b"\x89PNG vignette", mime_type="image/png")
    lease = DocumentType.objects.create(code="bail", label="Bail")
    document = Document.objects.create(
        file=SocialFileFactory(), type=lease, title="Bail", author=clerk, source=Document.Source.DESK
    )
    DocumentVersion.objects.create(
        document=document, number=1, original=scan, archived=archived, thumbnail=intact,
        original_name="bail.pdf", uploaded_by=clerk,
    )  # fmt: skip
    overwrite(scan.storage_name, PDF.replace(b"Lemaire", b"Lemaitre"))
    default_storage.delete(archived.storage_name)
    out = io.StringIO()

    with pytest.raises(CommandError, match="introuvables : 2. Restaurez-les depuis la sauvegarde"):
        call_command("check_contents", stdout=out)

    assert out.getvalue().splitlines() == [
        f"{scan.storage_name} : Le fichier stocké {scan.sha256[:12]} est endommagé : son contenu ne "
        "correspond plus à son empreinte.",
        f"    document n° {document.pk}, version 1 (original)",
        f"{archived.storage_name} : Le fichier stocké {archived.sha256[:12]} est introuvable dans le "
        "stockage.",
        f"    document n° {document.pk}, version 1 (copie archivée)",
        "Contenus vérifiés : 3 ; endommagés ou introuvables : 2.",
    ]


def test_check_contents_says_all_is_well(any_storage):
    content_store.store(PDF, mime_type="application/pdf")
    out = io.StringIO()

    call_command("check_contents", stdout=out)

    assert out.getvalue() == "Contenus vérifiés : 1 ; endommagés ou introuvables : 0.\n"
