"""The keys that sign the minutes (settings.MINUTES_SIGNERS, PEM or DER files issued by the CPAS): which
signers are not configured, and loading the others, failing clearly when a configured file cannot be used."""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from pyhanko.sign import signers

ROLES = ("president", "secretary")
ROLE_LABELS = {"president": _("le président"), "secretary": _("le secrétaire")}


def setting_name(role: str, part: str) -> str:
    return f"DOSSIER_MINUTES_{role.upper()}_{part.upper()}"


class SigningKeyError(Exception):
    """A configured key or certificate that cannot sign: missing, unreadable, not a key, or not its pair."""

    def __init__(self, role: str, part: str, path: str, reason: str):
        super().__init__(f"{setting_name(role, part)}={path}: {reason}")
        self.role, self.path = role, path


def unsigned_roles() -> list[str]:
    """The signers with neither key nor certificate configured: the minutes go without their signature."""
    paths = settings.MINUTES_SIGNERS
    return [r for r in ROLES if not paths.get(r, {}).get("key") and not paths.get(r, {}).get("cert")]


def load(role: str) -> signers.SimpleSigner | None:
    """The signer of `role`, None when not configured; SigningKeyError when configured but unusable."""
    paths = settings.MINUTES_SIGNERS.get(role, {})
    key_path, cert_path = paths.get("key", ""), paths.get("cert", "")
    if not key_path and not cert_path:
        return None
    for part, path in (("key", key_path), ("cert", cert_path)):
        if not path:
            raise SigningKeyError(role, part, path, "not set, while the other half of the pair is")
    key = _parse(role, "key", key_path, _private_key)
    cert = _parse(role, "cert", cert_path, _certificate)
    if _public(key.public_key()) != _public(cert.public_key()):
        raise SigningKeyError(role, "cert", cert_path, "this certificate is not the one of the key")
    return signers.SimpleSigner.load(key_path, cert_path)


def check_all() -> list[SigningKeyError]:
    """Every configured signer that could not sign (for the system check)."""
    errors = []
    for role in ROLES:
        try:
            load(role)
        except SigningKeyError as error:
            errors.append(error)
    return errors


def _parse(role: str, part: str, path: str, parse):
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise SigningKeyError(role, part, path, f"cannot be read ({error.strerror or error})") from error
    try:
        return parse(data)
    except (ValueError, TypeError) as error:
        raise SigningKeyError(role, part, path, f"not a PEM or DER {part} without passphrase") from error


def _private_key(data: bytes):
    if b"-----BEGIN" in data:
        return serialization.load_pem_private_key(data, password=None)
    return serialization.load_der_private_key(data, password=None)


def _certificate(data: bytes) -> x509.Certificate:
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificate(data)
    return x509.load_der_x509_certificate(data)


def _public(key) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
