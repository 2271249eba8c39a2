"""A local S3 server (moto in server mode) that the storage tests reach through django-storages and boto3,
over HTTP as they would reach MinIO or Ceph: the real S3 protocol, never moto's in-process mock.

bin/test starts one for the whole run (bin/_s3.sh) and names it in DOSSIER_TEST_S3_ENDPOINT; without it (e.g.
`pytest tests/documents` alone), each pytest process starts its own on a free loopback port."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

# moto accepts any key pair; these only sign the requests.
ACCESS_KEY = "dossier-test"
SECRET_KEY = "dossier-test-secret"
REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(endpoint: str) -> bool:
    try:
        with urllib.request.urlopen(endpoint, timeout=1):  # noqa: S310 (our own loopback server)
            return True
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def moto_server() -> Iterator[str]:
    """A moto server of our own on a free loopback port, stopped on exit; yields its endpoint URL."""
    for _attempt in range(3):  # another process may take the free port before moto binds it
        port = free_port()
        endpoint = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603 (this interpreter, a fixed module)
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            while server.poll() is None and time.monotonic() < deadline and not answers(endpoint):
                time.sleep(0.1)
            if server.poll() is None and answers(endpoint):
                yield endpoint
                return
        finally:
            server.terminate()
            server.wait(timeout=10)
    raise RuntimeError("moto.server did not start (is moto[s3] with flask installed? see pyproject.toml)")


def storage_options(endpoint: str, bucket: str) -> dict:
    """STORAGES["default"] for `bucket` on the server, as settings.py sets it with DOSSIER_STORAGE=s3."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": REGION,
            "access_key": ACCESS_KEY,
            "secret_key": SECRET_KEY,
            "addressing_style": "path",
            "file_overwrite": False,
            "default_acl": None,
        },
    }
