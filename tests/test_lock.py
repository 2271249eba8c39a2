"""requirements.lock, from which bin/_setup.sh installs, holds every version pyproject.toml pins, with hashes:
a clean clone installs the same files next month. bin/lock writes it again after a version changes."""

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = [
        *project["project"]["dependencies"],
        *project["project"]["optional-dependencies"]["dev"],
        *project["build-system"]["requires"],
    ]
    pins = {}
    for requirement in wanted:
        match = PIN.match(requirement)
        assert match, f"{requirement!r} in pyproject.toml is not pinned to one version (name==version)"
        pins[canonical(match[1])] = match[2]
    return pins


def locked() -> dict[str, tuple[str, list[str]]]:
    """Each package of the lock: its version and the hashes of its files."""
    text = (ROOT / "requirements.lock").read_text()
    found = {}
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = PIN.match(entry)
        if match:
            found[canonical(match[1])] = (match[2], HASH.findall(entry))
    return found


def test_every_pin_of_pyproject_is_locked_at_the_same_version():
    lock = locked()
    for name, version in pyproject_pins().items():
        assert name in lock, f"{name} is missing from requirements.lock: run bin/lock"
        assert lock[name][0] == version, f"{name}: {version} in pyproject.toml, {lock[name][0]} in the lock"


def test_every_locked_package_has_its_files_hashes():
    lock = locked()
    assert len(lock) > len(pyproject_pins())  # dependencies of dependencies are locked too
    for name, (_version, hashes) in lock.items():
        assert hashes, f"{name} has no hash in requirements.lock"
    # Wheels for other machines than this one are there too (Linux aarch64, macOS, Windows).
    assert len(lock["pillow"][1]) > 10 and len(lock["zxing-cpp"][1]) > 10
