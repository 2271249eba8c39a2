"""BCSS registrations for tests: files registered as the services do, without the desk's steps."""

from bcss import services
from bcss.models import AccessRegistration
from tests.factories import SocialFileFactory


def pending(n: int, *, team=None, actor=None) -> list[AccessRegistration]:
    """`n` files with a registration to do, as opening them would leave it."""
    found = []
    for _ in range(n):
        file = SocialFileFactory(**({"team": team} if team else {}))
        found.append(services.register_access(actor=actor, file=file))
    return found
