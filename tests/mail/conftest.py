"""An antenne with its head, two social workers, a mail clerk and a file; scans in a temporary folder."""

import pytest

from access.roles import Role
from files.models import AidRequest
from tests.documents.conftest import born_digital_pdf
from tests.factories import PersonFactory, SocialFileFactory, TeamFactory, UserFactory
from tests.files.conftest import client_for  # noqa: F401 (re-exported for the tests)

# A real PDF: the upload checks refuse a damaged one, as they would a clerk's.
PDF = born_digital_pdf("Madame, je vous informe que le loyer de l'appartement passe à 700 euros.")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def team(db):
    return TeamFactory(name="Antenne Mons-Centre")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Antenne Jemappes")


@pytest.fixture
def clerk(db):
    return UserFactory(first_name="Marc", last_name="Dubuisson", role=Role.MAIL_CLERK)


@pytest.fixture
def head(team):
    return UserFactory(first_name="Claire", last_name="Renard", role=Role.HEAD_SOCIAL_WORKER, teams=[team])


@pytest.fixture
def worker(team):
    return UserFactory(first_name="Amélie", last_name="Lambert", role=Role.SOCIAL_WORKER, teams=[team])


@pytest.fixture
def colleague(team):
    return UserFactory(first_name="Bruno", last_name="Dumont", role=Role.SOCIAL_WORKER, teams=[team])


@pytest.fixture
def file(team, worker):
    return SocialFileFactory(team=team, primary_worker=worker, beneficiary=PersonFactory(last_name="Dubois"))


@pytest.fixture
def aid_request(file, worker):
    return AidRequest.objects.create(file=file, aid=AidRequest.Aid.RI, registered_by=worker)
