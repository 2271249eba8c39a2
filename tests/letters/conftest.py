"""A decided proposal on a Mons-Centre file (the workflow steps' people); letters in a temporary media."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from pypdf import PdfReader

from letters.defaults import CSS, TEMPLATES
from letters.models import LetterTemplate
from people.models import Address
from tests.aid.catalogue import install_default_catalogue
from tests.factories import PersonFactory, SocialFileFactory, payment_account
from tests.files.conftest import client_for, colleague, head, other_team, outsider, team, worker  # noqa: F401
from tests.meetings import decide_in_session
from tests.workflow.steps.conftest import aid_type, make_proposal, people, request_, ri  # noqa: F401
from workflow.declaration import State

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.TASKS = IMMEDIATE


def shared_database_file() -> str | None:
    """The test database's file, which a worker process can open too; None for an in-memory one. (A worker
    could share a PostgreSQL test database, but tests that commit cannot be flushed there: the audit trail
    refuses TRUNCATE. Worker tests are browser-stage tests, whose SQLite database is a file.)"""
    database = str(connection.settings_dict["NAME"])
    return database if connection.vendor == "sqlite" and Path(database).is_file() else None


def start_db_worker(**env: str) -> subprocess.Popen:
    """`manage.py db_worker`, as bin/demo runs it, on the test database and media directory."""
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{shared_database_file()}",
        "DOSSIER_MEDIA_ROOT": settings.MEDIA_ROOT,
        "DOSSIER_SQLITE_TEST_FILE": "",
        **env,
    }
    return subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"],
        cwd=settings.BASE_DIR,
        env=environment,
    )


@pytest.fixture
def db_worker(media):
    """A worker on the live server's database file and media directory."""
    if shared_database_file() is None:
        pytest.fail("a worker process needs a database file: set DOSSIER_SQLITE_TEST_FILE (bin/test does)")
    worker = start_db_worker()
    yield worker
    worker.terminate()
    worker.wait(timeout=10)


@pytest.fixture
def file(team, worker):
    """A file whose beneficiary lives in Mons: the notification names its labour court."""
    person = PersonFactory(last_name="Dubois", first_names="Marie")
    Address.objects.create(
        person=person,
        street="Rue de Nimy",
        number="12",
        postal_code="7000",
        city="Mons",
        valid_from="2020-01-01",
    )
    payment_account(person)
    return SocialFileFactory(team=team, primary_worker=worker, beneficiary=person, reference="2026/00042")


def decide(proposal, who, transition="grant"):
    """`who` (the secretary or the president) records the decision in a meeting held today."""
    return decide_in_session(proposal, transition, by=who, comment="Séance.")


@pytest.fixture
def decision(file, request_, worker, aid_type, people):
    proposal = make_proposal(file, request_, worker, aid_type, state=State.ON_AGENDA, piis=True)
    return decide(proposal, people["secretary"])


def pdf_text(data: bytes) -> str:
    return " ".join(re.sub(r"\s+", " ", page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages)


def letter_text(letter) -> str:
    with letter.pdf.open("rb") as pdf:
        return pdf_text(pdf.read())


def ship_templates() -> None:
    """The letter templates of data migration 0002, gone if an earlier transactional test flushed them, and
    the labour courts a notification must name (the default catalogue)."""
    for kind, html in TEMPLATES.items():
        LetterTemplate.objects.get_or_create(kind=kind, defaults={"html": html, "css": CSS})
    install_default_catalogue()
