"""Django's default storage as configured (config/settings.py, config/storage.py): the file system by default,
an S3-compatible object store with DOSSIER_STORAGE=s3, both behaving alike for the rest of the application."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from config.storage import AtomicFileSystemStorage
from tests import s3

SETTINGS = Path(__file__).resolve().parents[2] / "config" / "settings.py"


def settings_with(monkeypatch, **environment: str) -> dict:
    """The settings module's values when read with `environment` (and no other DOSSIER_S3_ variable)."""
    for name in ("STORAGE", "S3_ENDPOINT_URL", "S3_BUCKET", "S3_REGION", "S3_ACCESS_KEY", "S3_SECRET_KEY"):
        monkeypatch.delenv(f"DOSSIER_{name}", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_the_file_system_is_the_default_and_writes_atomically(monkeypatch):
    values = settings_with(monkeypatch)

    assert values["STORAGES"]["default"] == {"BACKEND": "config.storage.AtomicFileSystemStorage"}


def test_s3_is_configured_from_the_environment(monkeypatch):
    values = settings_with(
        monkeypatch,
        DOSSIER_STORAGE="s3",
        DOSSIER_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        DOSSIER_S3_BUCKET="cpas-mons-documents",
        DOSSIER_S3_REGION=s3.REGION,
        DOSSIER_S3_ACCESS_KEY=s3.ACCESS_KEY,
        DOSSIER_S3_SECRET_KEY=s3.SECRET_KEY,
    )

    # The tests' S3 storage (tests/s3.py) is the one production gets from these variables.
    assert values["STORAGES"]["default"] == s3.storage_options("http://127.0.0.1:9000", "cpas-mons-documents")


@pytest.mark.parametrize(
    ("environment", "message"),
    [({"DOSSIER_STORAGE": "s3"}, "needs DOSSIER_S3_BUCKET"), ({"DOSSIER_STORAGE": "ftp"}, "'filesystem'")],
)
def test_an_incomplete_storage_configuration_stops_the_start(monkeypatch, environment, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        settings_with(monkeypatch, **environment)


def test_both_backends_save_read_and_list_alike(any_storage):
    name = default_storage.save("letters/2026/12/lettre.pdf", ContentFile(b"%PDF-1.7 lettre"))

    assert name == "letters/2026/12/lettre.pdf"
    assert default_storage.exists(name)
    with default_storage.open(name, "rb") as handle:
        assert handle.read() == b"%PDF-1.7 lettre"
    assert default_storage.listdir("letters/2026/12") == ([], ["lettre.pdf"])
    default_storage.delete(name)
    assert not default_storage.exists(name)
    with pytest.raises(FileNotFoundError):
        default_storage.open(name, "rb")


def test_a_second_file_of_the_same_name_never_replaces_the_first(any_storage):
    first = default_storage.save("letters/lettre.pdf", ContentFile(b"first"))
    second = default_storage.save("letters/lettre.pdf", ContentFile(b"second"))

    assert second != first
    with default_storage.open(first, "rb") as handle:
        assert handle.read() == b"first"


def test_s3_objects_are_private(s3_storage):
    name = default_storage.save("letters/lettre.pdf", ContentFile(b"%PDF-1.7"))

    acl = default_storage.connection.meta.client.get_object_acl(Bucket=s3_storage, Key=name)
    assert [grant["Permission"] for grant in acl["Grants"]] == ["FULL_CONTROL"]  # the owner's, no one else's
    assert acl["Grants"][0]["Grantee"]["Type"] == "CanonicalUser"


class FailingContent(ContentFile):
    """A file whose reading fails halfway, as a client that disconnects or a full disk would."""

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7 first half"
        raise OSError("No space left on device")


def test_a_write_that_fails_halfway_leaves_nothing_under_the_name(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path)

    with pytest.raises(OSError, match="No space left"):
        storage.save("contents/ab/cd/abcd", FailingContent(b""))

    assert not storage.exists("contents/ab/cd/abcd")
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == []  # no .part left behind


def test_a_file_is_whole_under_its_name_with_the_configured_permissions(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path, file_permissions_mode=0o640)

    name = storage.save("contents/ab/cd/abcd", ContentFile(b"%PDF-1.7 whole"))

    assert (tmp_path / name).read_bytes() == b"%PDF-1.7 whole"
    assert (tmp_path / name).stat().st_mode & 0o777 == 0o640
    assert [path.name for path in tmp_path.rglob("*") if path.is_file()] == ["abcd"]


def test_overwriting_when_allowed_replaces_the_file_atomically(tmp_path):
    storage = AtomicFileSystemStorage(location=tmp_path, allow_overwrite=True)
    storage.save("lettre.pdf", ContentFile(b"first"))

    assert storage.save("lettre.pdf", ContentFile(b"second")) == "lettre.pdf"
    assert (tmp_path / "lettre.pdf").read_bytes() == b"second"
