"""The originals of refused uploads: kept apart from the content store, on both backends, for the clerk to
see, and purged after REFUSED_UPLOAD_DAYS by `manage.py purge_refused_uploads`."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from documents.models import RefusedUpload, StoredContent
from documents.quarantine import keep_refused
from documents.upload_checks import Refused, check_upload
from tests.factories import SocialFileFactory, UserFactory

pytestmark = pytest.mark.django_db

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(100) + b"This program cannot be run"


def refuse(user, data: bytes, name: str, **kwargs) -> RefusedUpload:
    """What the intake does with an upload the checks refuse."""
    with pytest.raises(Refused) as refused:
        check_upload(data, name=name)
    return keep_refused(user=user, name=name, data=data, reason=str(refused.value), **kwargs)


def test_the_original_of_a_refused_upload_is_kept_apart_from_the_contents(any_storage):
    clerk, file = UserFactory(), SocialFileFactory()

    upload = refuse(clerk, PROGRAM, "../../photo.jpg", file=file)

    upload.refresh_from_db()
    assert (upload.refused_by, upload.file, upload.original_name, upload.size) == (
        clerk, file, "../../photo.jpg", len(PROGRAM)
    )  # fmt: skip
    assert upload.reason.startswith("Le fichier « ../../photo.jpg » n'est ni un PDF ni une image")
    assert upload.original.name.startswith(f"quarantine/{timezone.now():%Y/%m}/")
    assert "photo" not in upload.original.name  # never the sender's name
    with upload.original.open("rb") as handle:
        assert handle.read() == PROGRAM
    assert not StoredContent.objects.exists()


def test_an_upload_over_the_size_limit_is_recorded_without_its_bytes(any_storage, settings):
    settings.UPLOAD_MAX_BYTES = 50

    upload = refuse(UserFactory(), PROGRAM, "enorme.pdf")

    assert upload.size == len(PROGRAM)
    assert not upload.original
    assert "dépasse" in upload.reason


def test_purge_removes_the_refused_uploads_older_than_the_delay_and_their_bytes(any_storage, settings):
    settings.REFUSED_UPLOAD_DAYS = 30
    clerk = UserFactory()
    old, recent = refuse(clerk, PROGRAM, "ancien.jpg"), refuse(clerk, PROGRAM + b"!", "recent.jpg")
    RefusedUpload.objects.filter(pk=old.pk).update(refused_at=timezone.now() - datetime.timedelta(days=31))
    RefusedUpload.objects.filter(pk=recent.pk).update(refused_at=timezone.now() - datetime.timedelta(days=29))
    out = io.StringIO()

    call_command("purge_refused_uploads", stdout=out)

    cutoff = timezone.localtime(timezone.now() - datetime.timedelta(days=30))
    assert out.getvalue() == f"Envois refusés supprimés : 1 (refusés avant le {cutoff:%d/%m/%Y}).\n"
    assert list(RefusedUpload.objects.all()) == [recent]
    assert not default_storage.exists(old.original.name)
    assert default_storage.exists(recent.original.name)


def test_purge_also_removes_a_row_whose_bytes_are_already_gone(any_storage):
    upload = refuse(UserFactory(), PROGRAM, "photo.jpg")
    default_storage.delete(upload.original.name)
    RefusedUpload.objects.filter(pk=upload.pk).update(refused_at=timezone.now() - datetime.timedelta(days=90))

    call_command("purge_refused_uploads", stdout=io.StringIO())

    assert not RefusedUpload.objects.exists()


def test_no_bytes_are_left_when_the_row_cannot_be_written(any_storage):
    folder = f"quarantine/{timezone.now():%Y/%m}"

    with pytest.raises(IntegrityError), transaction.atomic():
        keep_refused(user=None, name="photo.jpg", data=PROGRAM, reason="refusé")  # no sender: refused

    assert not default_storage.exists(folder) or default_storage.listdir(folder) == ([], [])
