"""Fixtures shared by the whole test suite (harness only: no domain data here).

Browser tests drive Debian's chromium through Playwright's sync API (not pytest-playwright, and never
`playwright install`). Mark them `browser` and give them a transactional database so that the live server
thread sees the data the test creates::

    pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> Iterator[None]:
    """PBKDF2's deliberate slowness (about 0.6 s a password here) protects real accounts; tests create and log
    in hundreds of users, so they hash with MD5, acceptable only for throwaway test data. Session-wide, so
    that module- and session-scoped fixtures that create users are fast too."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _audit_sealed_on_demand(tmp_path_factory) -> Iterator[None]:
    """Sealing every Nth audit event would add queries to a random request (PostgreSQL's ids run on across
    tests) and break the tests that count queries: tests seal explicitly (tests/audit/test_seal.py). The seal
    journal is the worker's own."""
    from django.test import override_settings

    journal = str(tmp_path_factory.mktemp("audit") / "seals.jsonl")
    with override_settings(AUDIT_SEAL_EVERY=0, AUDIT_SEAL_JOURNAL_FILE=journal):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> Iterator[None]:
    """With DOSSIER_DB_APP_ROLE (bin/test's PostgreSQL stage) the owner role created and migrated the test
    database; the tests then run as the application's role (SET ROLE on each connection), as in production."""
    from django.conf import settings
    from django.db import connection

    options = connection.settings_dict["OPTIONS"]
    if not settings.DATABASE_APP_ROLE or connection.vendor != "postgresql":
        yield
        return
    with django_db_blocker.unblock():
        connection.close()
    options["assume_role"] = settings.DATABASE_APP_ROLE
    yield
    with django_db_blocker.unblock():
        connection.close()
    del options["assume_role"]  # the owner drops the test database


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM} (bin/test installs it; or set DOSSIER_CHROMIUM)")
    # Playwright's sync API keeps an event loop in the main thread; Django would then refuse every ORM call
    # (SynchronousOnlyOperation), including the test database flush, for the rest of the session.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in its own context (no cookies shared between tests), as a Brussels user sees it."""
    context = browser.new_context(locale="fr-BE", timezone_id="Europe/Brussels")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """The URL of a local S3 server (tests/s3.py): bin/test's, or one started for this pytest process."""
    from tests import s3

    if os.environ.get("DOSSIER_TEST_S3_ENDPOINT"):
        yield os.environ["DOSSIER_TEST_S3_ENDPOINT"]
        return
    with s3.moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def s3_storage(s3_endpoint: str, settings) -> Iterator[str]:
    """Django's default storage on a fresh bucket of the local S3 server, through django-storages; yields the
    bucket's name. The bucket is emptied and removed afterwards (the server keeps objects in memory)."""
    import uuid

    import boto3

    from tests import s3

    bucket = f"dossier-{uuid.uuid4().hex[:16]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=s3.REGION,
        aws_access_key_id=s3.ACCESS_KEY,
        aws_secret_access_key=s3.SECRET_KEY,
    )
    client.create_bucket(Bucket=bucket)
    settings.STORAGES = {**settings.STORAGES, "default": s3.storage_options(s3_endpoint, bucket)}
    yield bucket
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=bucket, Key=item["Key"])
    client.delete_bucket(Bucket=bucket)


@pytest.fixture(params=["filesystem", "s3"])
def any_storage(request, settings, tmp_path) -> str:
    """Django's default storage, once on the file system (a throwaway MEDIA_ROOT) and once on the local S3
    server: tests that take it run against both backends. Returns the backend's name."""
    if request.param == "s3":
        request.getfixturevalue("s3_storage")
    else:
        settings.MEDIA_ROOT = str(tmp_path / "media")
    return request.param
