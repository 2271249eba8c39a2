"""The read replica (config/db_router.py): declared read-only pages read from it, writes and the rest do not.

The scenario runs in a process of its own with two SQLite databases (tests/replica_scenario.py): Django reads
DATABASE_REPLICA_URL once, when its settings load.
"""

import json

import pytest

from config.db_router import ReplicaRouter
from tests.processes import run_python


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict:
    directory = str(tmp_path_factory.mktemp("replica"))
    result = run_python("-m", "tests.replica_scenario", directory, without=("DATABASE_", "DOSSIER_"))
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize("page", ["journal", "consultations"])
def test_a_declared_read_only_page_reads_the_replica(pages, page):
    read = pages[page]
    assert read["status"] == 200
    assert read["shows_replica_row"], "the event written only in the replica is on the page"
    assert read["replica_queries"] > 0 and read["replica_writes"] == 0


@pytest.mark.parametrize("page", ["journal", "consultations"])
def test_the_audit_trail_of_a_replica_read_is_appended_to_the_primary(pages, page):
    assert pages[page]["audit_appended"] == {"primary": 1, "replica": 0}


def test_a_page_not_declared_never_touches_the_replica(pages):
    assert pages["my_files"]["status"] == 200
    assert pages["my_files"]["replica_queries"] == 0


def test_without_a_declared_view_the_router_reads_and_writes_the_primary():
    router = ReplicaRouter()
    assert router.db_for_read(object) == "default"
    assert router.db_for_write(object) == "default"
    assert router.allow_migrate("replica", "audit") is False
